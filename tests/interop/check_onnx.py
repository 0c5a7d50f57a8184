#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks an exported ONNX model with programs DigitPad did not write: onnx's checker (full check, with shape
inference) and OpenCV's dnn module, which runs the graph on the given inputs.

usage: check_onnx.py MODEL.onnx INPUTS.f32 EXPECTED.f32 COUNT

INPUTS holds COUNT inputs as little-endian float32 in the graph's input shape, EXPECTED DigitPad's probabilities
for them (COUNT x classes). Prints one line of JSON. Exit 0 when the checker passes, every class agrees and every
probability is within 1e-5; 1 otherwise; 77 when a checker is not installed (the test is then skipped)."""
import json
import sys

try:
    import cv2
    import numpy as np
    import onnx
except ImportError as error:
    print(f"checker missing: {error} (install python3-onnx python3-opencv python3-numpy)")
    sys.exit(77)

TOLERANCE = 1e-5


def main(path, inputs_path, expected_path, count):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    dims = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim[1:]]
    inputs = np.fromfile(inputs_path, dtype="<f4").reshape([count] + dims)
    expected = np.fromfile(expected_path, dtype="<f4").reshape(count, -1)
    net = cv2.dnn.readNetFromONNX(path)
    net.setInput(inputs)
    got = net.forward().reshape(count, -1)
    difference = float(np.abs(got - expected).max())
    same_classes = int((got.argmax(1) == expected.argmax(1)).sum())
    ok = same_classes == count and difference <= TOLERANCE
    print(json.dumps({"ok": ok, "samples": count, "same_class": same_classes, "max_difference": difference,
                      "opset": model.opset_import[0].version,
                      "metadata": {p.key: p.value for p in model.metadata_props}}))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
