#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the numpy peer's hand-written lenet computes what PyTorch's nn.Conv2d / nn.MaxPool2d lenet
computes: the same loss, every parameter gradient, and single-image probabilities, on the same weights and a
batch of MNIST-like images (random pixels, half of them zero). Exits 1 naming the first tensor that differs.

    /usr/bin/python3 bench/check_lenet_peers.py
"""

import sys

import numpy as np
import torch

import mnist
import peer_numpy
import peer_torch

TOLERANCE = 1e-5  # float32; the differences seen are about 1e-7


def main():
    rng = np.random.default_rng(3)
    batch = mnist.LENET_BATCH
    rows = rng.random((batch + 1, mnist.IMAGE_SIDE * mnist.IMAGE_SIDE), dtype=np.float32)
    rows[rows < 0.5] = 0.0  # zeros, so ReLU and pooling meet ties as on MNIST
    labels = rng.integers(0, 10, batch + 1)

    net = peer_numpy.Lenet(batch, rng)
    loss = net.train_batch(rows, labels, np.arange(batch))

    # numpy keeps weights (fan_in × fan_out) with conv rows in (ky, kx, c_in) order and flattens pooled
    # features as (c, h, w) — PyTorch's order — so each tensor maps over by a transpose.
    k, (c0, c1, c2) = mnist.LENET_KERNEL, mnist.LENET_CHANNELS
    to_torch = [
        lambda w: w.T.reshape(c1, c0, k, k),
        lambda w: w.reshape(k, k, c1, c2).transpose(3, 2, 0, 1),
        lambda w: w.T,
        lambda w: w.T,
    ]
    model = peer_torch.lenet()
    layers = [m for m in model if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        for layer, w, b, convert in zip(layers, net.params.weights, net.params.biases, to_torch):
            layer.weight.copy_(torch.from_numpy(np.ascontiguousarray(convert(w))))
            layer.bias.copy_(torch.from_numpy(b))
    images = torch.from_numpy(rows).view(-1, 1, mnist.IMAGE_SIDE, mnist.IMAGE_SIDE)
    torch_loss = torch.nn.functional.cross_entropy(model(images[:batch]), torch.from_numpy(labels[:batch]))
    torch_loss.backward()
    with torch.no_grad():
        torch_single = torch.softmax(model(images[batch:]), dim=1).numpy()[0]

    checks = [("loss", np.float32(loss), np.float32(torch_loss.item()))]
    for i, (layer, gw, gb, convert) in enumerate(
        zip(layers, net.params.weight_grads, net.params.bias_grads, to_torch)
    ):
        checks.append((f"layer {i} weight gradient", convert(gw), layer.weight.grad.numpy()))
        checks.append((f"layer {i} bias gradient", gb, layer.bias.grad.numpy()))
    checks.append(("single-image probabilities", net.forward(rows[batch:])[:, 0], torch_single))
    worst = 0.0
    for name, ours, theirs in checks:
        diff = float(np.max(np.abs(np.asarray(ours) - np.asarray(theirs))))
        worst = max(worst, diff)
        if not diff <= TOLERANCE:
            print(f"numpy and PyTorch lenet differ in the {name}: max |difference| {diff:.3g}", file=sys.stderr)
            return 1
    print(f"numpy lenet matches PyTorch: loss, 8 gradients and probabilities within {worst:.2g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
