#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch peer of `digitpad-cli bench`: the same workloads, written the idiomatic way.

nn.Sequential + torch.optim, CrossEntropyLoss (fused log-softmax), He init like DigitPad's `mlp` preset,
inference under torch.inference_mode(). The tunable parts are set for speed: torch.set_num_threads(--threads),
Adam with foreach=True (one fused update over all tensors), gradients released with set_to_none, each batch
gathered with index_select into a preallocated tensor.

Run it through bench/compare, which sets OPENBLAS_NUM_THREADS=1 and OMP_NUM_THREADS=--threads before Python
starts. Prints one JSON object: mlp_epoch_s, sigmoid100_epoch_s, latency_us, throughput_ips, mlp_test_accuracy, ...
"""

import math
import time

import numpy as np
import torch
from torch import nn

import mnist


def dense_stack(sizes, hidden_activation, output_activation=None):
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(fan_in, fan_out))
        last = i == len(sizes) - 2
        if not last:
            layers.append(hidden_activation())
        elif output_activation is not None:
            layers.append(output_activation())
    return nn.Sequential(*layers)


def init_normal(model, variance_numerator):
    """Weights ~ N(0, variance_numerator / fan_in) (He: 2, small normal: 1), biases zero — as DigitPad's presets."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Linear):
                m.weight.normal_(0.0, math.sqrt(variance_numerator / m.in_features))
                m.bias.zero_()


def accuracy(model, test_x, test_y, batch=1000):
    correct = 0
    with torch.inference_mode():
        for i in range(0, len(test_x), batch):
            correct += int((model(test_x[i : i + batch]).argmax(dim=1) == test_y[i : i + batch]).sum())
    return correct / len(test_x)


def run_mlp(train_x, train_y, test_x, test_y, generator):
    model = dense_stack(mnist.MLP_LAYERS, nn.ReLU)
    init_normal(model, 2.0)
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=mnist.MLP_LR, foreach=True)
    n, bs = len(train_x), mnist.MLP_BATCH
    xb_buf = torch.empty((bs, train_x.shape[1]), dtype=torch.float32)
    yb_buf = torch.empty(bs, dtype=torch.int64)

    model.train()
    t0, c0 = time.perf_counter(), time.process_time()
    order = torch.randperm(n, generator=generator)
    loss_sum = torch.zeros(())
    for start in range(0, n, bs):
        idx = order[start : start + bs]
        xb = torch.index_select(train_x, 0, idx, out=xb_buf[: len(idx)])
        yb = torch.index_select(train_y, 0, idx, out=yb_buf[: len(idx)])
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        loss_sum += loss.detach()
    epoch_s, epoch_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    batches = (n + bs - 1) // bs

    model.eval()
    acc = accuracy(model, test_x, test_y)
    with torch.inference_mode():
        ips = mnist.throughput_ips(lambda xb: torch.softmax(model(xb), dim=1), test_x)
        one = test_x[0:1]
        latency = mnist.median_latency_us(lambda: torch.softmax(model(one), dim=1))
    return {
        "mlp_epoch_s": epoch_s,
        "mlp_epoch_cpu_s": epoch_cpu_s,
        "mlp_train_loss": float(loss_sum) / batches,
        "mlp_test_accuracy": acc,
        "throughput_ips": ips,
        "latency_us": latency,
    }


def run_sigmoid100(train_x, train_y, test_x, test_y, generator):
    model = dense_stack(mnist.SIGMOID_LAYERS, nn.Sigmoid, nn.Sigmoid)
    init_normal(model, 1.0)
    # ½‖a − y‖² per sample, the classic tutorial's quadratic cost, as in the numpy peer.
    loss_fn = nn.MSELoss(reduction="sum")
    opt = torch.optim.SGD(model.parameters(), lr=mnist.SIGMOID_LR)
    onehot = torch.eye(mnist.SIGMOID_LAYERS[-1], dtype=torch.float32)
    # Per-sample views made before the clock starts: slicing a tensor costs about as much as a tiny layer.
    samples = list(train_x.split(1))
    targets = list(onehot[train_y].split(1))

    model.train()
    t0, c0 = time.perf_counter(), time.process_time()
    for i in torch.randperm(len(train_x), generator=generator).tolist():
        opt.zero_grad(set_to_none=True)
        loss = 0.5 * loss_fn(model(samples[i]), targets[i])
        loss.backward()
        opt.step()
    epoch_s, epoch_cpu_s = time.perf_counter() - t0, time.process_time() - c0

    model.eval()
    return {
        "sigmoid100_epoch_s": epoch_s,
        "sigmoid100_epoch_cpu_s": epoch_cpu_s,
        "sigmoid100_test_accuracy": accuracy(model, test_x, test_y),
    }


def main():
    args = mnist.parse_args("PyTorch peer of digitpad-cli bench (one JSON object on stdout)", with_threads=True)
    torch.set_num_threads(args.threads)
    train_x, train_y, test_x, test_y = (torch.from_numpy(a) for a in mnist.load_or_exit(args))
    torch.manual_seed(mnist.SEED)
    generator = torch.Generator().manual_seed(mnist.SEED)
    result = {
        "peer": "pytorch",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "threads": torch.get_num_threads(),
        "env": mnist.env_threads(),
        "quick": args.quick,
        "train_images": len(train_x),
        "test_images": len(test_x),
    }
    if args.only in ("all", "mlp"):
        result.update(run_mlp(train_x, train_y, test_x, test_y, generator))
    if args.only in ("all", "sigmoid-100"):
        result.update(run_sigmoid100(train_x, train_y, test_x, test_y, generator))
    mnist.emit(result)


if __name__ == "__main__":
    main()
