#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch peer of `digitpad-cli bench`: the same workloads, written the idiomatic way.

nn.Sequential + torch.optim, CrossEntropyLoss (fused log-softmax), He init like DigitPad's `mlp` and `lenet`
presets, lenet with nn.Conv2d / nn.MaxPool2d on (n, 1, 28, 28) float32 images in torch.channels_last memory
format (faster here than channels-first for training), inference under
torch.inference_mode(). The tunable parts are set for speed: torch.set_num_threads(--threads),
Adam with foreach=True (one fused update over all tensors), gradients released with set_to_none, each batch
gathered with index_select into a preallocated tensor.

Run it through bench/compare, which sets OPENBLAS_NUM_THREADS=1 and OMP_NUM_THREADS=--threads before Python
starts. Prints one JSON object: mlp_epoch_s, sigmoid100_epoch_s, latency_us, throughput_ips, mlp_test_accuracy,
lenet_epoch_s, lenet_latency_us, lenet_test_accuracy, ...
"""

import math
import statistics

import numpy as np
import torch
import torch.nn.functional as F
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


def lenet():
    """The `lenet` preset, channels first: (n, 1, 28, 28) → 10 logits."""
    k, (c0, c1, c2), pool = mnist.LENET_KERNEL, mnist.LENET_CHANNELS, mnist.LENET_POOL
    flat, hidden, classes = mnist.LENET_DENSE
    return nn.Sequential(
        nn.Conv2d(c0, c1, k),
        nn.ReLU(),
        nn.MaxPool2d(pool),
        nn.Conv2d(c1, c2, k),
        nn.ReLU(),
        nn.MaxPool2d(pool),
        nn.Flatten(),
        nn.Linear(flat, hidden),
        nn.ReLU(),
        nn.Linear(hidden, classes),
    )


def from_architecture(architecture, side=28, channels=1):
    """A network from DigitPad's architecture string (convKxKxN, relu, poolP, denseN; the last dense is the
    logits), for (n, channels, side, side) images."""
    layers, shape = [], (channels, side, side)
    for token in architecture.split(","):
        if token.startswith("conv"):
            k, _, out = token[4:].split("x")
            layers.append(nn.Conv2d(shape[0], int(out), int(k)))
            shape = (int(out), shape[1] - int(k) + 1, shape[2] - int(k) + 1)
        elif token == "relu":
            layers.append(nn.ReLU())
        elif token.startswith("dropout"):
            layers.append(nn.Dropout(int(token[7:]) / 100))
        elif token.startswith("pool"):
            p = int(token[4:])
            layers.append(nn.MaxPool2d(p))
            shape = (shape[0], shape[1] // p, shape[2] // p)
        elif token.startswith("dense"):
            if len(shape) == 3:
                layers.append(nn.Flatten())
                shape = (shape[0] * shape[1] * shape[2],)
            layers.append(nn.Linear(shape[0], int(token[5:])))
            shape = (int(token[5:]),)
        else:
            raise ValueError(f"unknown architecture token '{token}'")
    return nn.Sequential(*layers)


def init_normal(model, variance_numerator):
    """Weights ~ N(0, variance_numerator / fan_in) (He: 2, small normal: 1), biases zero — as DigitPad's presets.
    A convolution's fan-in is in_channels · kernel height · kernel width, as in DigitPad's Conv2DLayer."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Linear, nn.Conv2d)):
                fan_in = m.weight[0].numel()
                m.weight.normal_(0.0, math.sqrt(variance_numerator / fan_in))
                m.bias.zero_()


def accuracy(model, test_x, test_y, batch=1000):
    correct = 0
    with torch.inference_mode():
        for i in range(0, len(test_x), batch):
            correct += int((model(test_x[i : i + batch]).argmax(dim=1) == test_y[i : i + batch]).sum())
    return correct / len(test_x)


def train_classifier(prefix, model, batch, lr, train_x, train_y, test_x, test_y, generator):
    """One timed epoch of softmax cross-entropy + Adam over train_x (samples along dim 0, any sample shape),
    then the test accuracy and the single-image latency on the first test image. Returns the figures."""
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=lr, foreach=True)
    n = len(train_x)
    xb_buf = torch.empty((batch,) + tuple(train_x.shape[1:]), dtype=torch.float32)
    if train_x.dim() == 4 and train_x.is_contiguous(memory_format=torch.channels_last):
        xb_buf = xb_buf.contiguous(memory_format=torch.channels_last)
    yb_buf = torch.empty(batch, dtype=torch.int64)

    def epoch():
        order = torch.randperm(n, generator=generator)
        loss_sum = torch.zeros(())
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            xb = torch.index_select(train_x, 0, idx, out=xb_buf[: len(idx)])
            yb = torch.index_select(train_y, 0, idx, out=yb_buf[: len(idx)])
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            loss_sum += loss.detach()
        return float(loss_sum)

    model.train()
    loss_sum, wall_s, cpu_s = mnist.timed(epoch)
    model.eval()
    figures = mnist.epoch_figures(prefix, wall_s, cpu_s, loss_sum, (n + batch - 1) // batch,
                                  accuracy(model, test_x, test_y))
    with torch.inference_mode():
        one = test_x[0:1]
        figures[mnist.latency_key(prefix)] = mnist.median_latency_us(
            lambda: torch.softmax(model(one), dim=1)
        )
    return figures


def run_mlp(train_x, train_y, test_x, test_y, generator):
    def trained(epoch_generator):
        model = dense_stack(mnist.MLP_LAYERS, nn.ReLU)
        init_normal(model, 2.0)
        return model, train_classifier("mlp", model, mnist.MLP_BATCH, mnist.MLP_LR, train_x, train_y, test_x,
                                       test_y, epoch_generator)

    model, figures = trained(generator)
    with torch.inference_mode():
        figures["throughput_ips"] = mnist.throughput_ips(lambda xb: torch.softmax(model(xb), dim=1), test_x)
    accuracies = [figures["mlp_test_accuracy"]]
    for seed in mnist.mlp_accuracy_seeds():
        torch.manual_seed(seed)
        accuracies.append(trained(torch.Generator().manual_seed(seed))[1]["mlp_test_accuracy"])
    figures["mlp_seeds_test_accuracy"] = statistics.median(accuracies)
    return figures


def run_lenet(train_x, train_y, test_x, test_y, generator):
    model = lenet()
    init_normal(model, 2.0)
    image = (1, mnist.IMAGE_SIDE, mnist.IMAGE_SIDE)
    # (n, 784) rows viewed as (n, 1, 28, 28) images, in the channels-last layout oneDNN convolves fastest on CPU
    # (with one channel the bytes are the same; the strides tell PyTorch which kernels to pick).
    model = model.to(memory_format=torch.channels_last)

    def images(rows):
        return rows.view(-1, *image).contiguous(memory_format=torch.channels_last)

    return train_classifier("lenet", model, mnist.LENET_BATCH, mnist.LENET_LR, images(train_x), train_y,
                            images(test_x), test_y, generator)


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

    def epoch():
        for i in torch.randperm(len(train_x), generator=generator).tolist():
            opt.zero_grad(set_to_none=True)
            loss = 0.5 * loss_fn(model(samples[i]), targets[i])
            loss.backward()
            opt.step()

    model.train()
    _, epoch_s, epoch_cpu_s = mnist.timed(epoch)

    model.eval()
    return {
        "sigmoid100_epoch_s": epoch_s,
        "sigmoid100_epoch_cpu_s": epoch_cpu_s,
        "sigmoid100_test_accuracy": accuracy(model, test_x, test_y),
    }


class BatchAugmenter:
    """mnist.Augment on whole (n, 1, side, side) batches: the distributions of core/data/Augmenter.cpp (not
    its random numbers), with affine_grid + grid_sample doing the affine map and the elastic displacement in
    one bilinear sampling pass, max-pooling the dilation and erosion."""

    FIELD_SIDE = 256  # as Augmenter's for MNIST: windows at random offsets rarely overlap much

    def __init__(self, settings, side, generator):
        self.settings, self.side, self.generator = settings, side, generator
        # Two fields of uniform noise in [-1, 1], smoothed periodically by a normalised Gaussian, once.
        sigma = settings.elastic_sigma
        radius = math.ceil(3 * sigma)
        kernel = torch.exp(-0.5 * (torch.arange(-radius, radius + 1, dtype=torch.float32) / sigma) ** 2)
        kernel /= kernel.sum()
        field = torch.rand((2, 1, self.FIELD_SIDE, self.FIELD_SIDE), generator=generator) * 2 - 1
        field = F.conv2d(F.pad(field, (radius, radius, 0, 0), mode="circular"), kernel.view(1, 1, 1, -1))
        field = F.conv2d(F.pad(field, (0, 0, radius, radius), mode="circular"), kernel.view(1, 1, -1, 1))
        self.field = field[:, 0]
        self.pixels = torch.arange(side)

    def uniform(self, n, low, high):
        return low + (high - low) * torch.rand(n, generator=self.generator)

    def __call__(self, images):
        s, n, side = self.settings, images.shape[0], self.side
        rotation = self.uniform(n, -1, 1) * math.radians(s.rotation_degrees)
        scale_x, scale_y = self.uniform(n, s.scale_min, s.scale_max), self.uniform(n, s.scale_min, s.scale_max)
        shear = self.uniform(n, -s.shear, s.shear)
        shift_x, shift_y = (self.uniform(n, -s.shift_pixels, s.shift_pixels) for _ in range(2))
        # A = rotation · shear · scale maps the content forward about the centre; output pixel p shows the input
        # at c + A⁻¹ (p + α·d(p) − c − t). With align_corners the centre is 0 and a pixel is 2 / (side − 1).
        cos, sin = torch.cos(rotation), torch.sin(rotation)
        a00, a01 = cos * scale_x, (cos * shear - sin) * scale_y
        a10, a11 = sin * scale_x, (sin * shear + cos) * scale_y
        det = scale_x * scale_y
        i00, i01, i10, i11 = a11 / det, -a01 / det, -a10 / det, a00 / det
        unit = 2.0 / (side - 1)
        theta = torch.stack([torch.stack([i00, i01, -(i00 * shift_x + i01 * shift_y) * unit], 1),
                             torch.stack([i10, i11, -(i10 * shift_x + i11 * shift_y) * unit], 1)], 1)
        grid = F.affine_grid(theta, (n, 1, side, side), align_corners=True)
        limit = self.FIELD_SIDE - side + 1
        rows = torch.randint(0, limit, (n, 1), generator=self.generator) + self.pixels
        columns = torch.randint(0, limit, (n, 1), generator=self.generator) + self.pixels
        window = (rows[:, :, None], columns[:, None, :])
        dx, dy = self.field[0][window], self.field[1][window]
        alpha = s.elastic_alpha * unit
        grid[..., 0] += alpha * (i00[:, None, None] * dx + i01[:, None, None] * dy)
        grid[..., 1] += alpha * (i10[:, None, None] * dx + i11[:, None, None] * dy)
        out = F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=True)

        choice = torch.rand(n, generator=self.generator)[:, None, None, None]
        amount = self.uniform(n, 0.5, 1.0)[:, None, None, None]
        thicker = F.max_pool2d(out, 3, 1, 1)
        thinner = -F.max_pool2d(-out, 3, 1, 1)
        morphed = torch.where(choice < s.thicken, thicker, torch.where(choice < s.thicken + s.thin, thinner, out))
        out = out + amount * (morphed - out)

        flat = out.reshape(n, -1)
        low, high = flat.min(1).values, flat.max(1).values
        spread = (high - low)[:, None, None, None]
        normalised = (out - low[:, None, None, None]) / spread.clamp_min(1e-12)
        # Everything moved out of the frame: train on the original instead, as Augmenter does.
        return torch.where(spread > 0, normalised, images).contiguous(memory_format=torch.channels_last)


def run_time_to_accuracy(recipe, train_x, train_y, test_x, test_y):
    """Time to `recipe`'s test accuracy, once per seed (bench/mnist.py has the recipes)."""
    image = (1, mnist.IMAGE_SIDE, mnist.IMAGE_SIDE)

    def images(rows):
        return rows.view(-1, *image).contiguous(memory_format=torch.channels_last)

    train_images, test_images = images(train_x), images(test_x)
    n, batch = len(train_images), recipe.batch
    loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)
    xb_buf = torch.empty((batch,) + image, dtype=torch.float32).contiguous(memory_format=torch.channels_last)
    yb_buf = torch.empty(batch, dtype=torch.int64)
    runs = []
    seeds, epochs = mnist.time_to_accuracy_plan(recipe, mnist.QUICK)
    for seed in range(1, seeds + 1):
        torch.manual_seed(seed)
        generator = torch.Generator().manual_seed(seed)
        model = from_architecture(recipe.architecture)
        init_normal(model, 2.0)
        model = model.to(memory_format=torch.channels_last)
        opt = torch.optim.Adam(model.parameters(), lr=recipe.lr, foreach=True)
        augment = (BatchAugmenter(mnist.AUGMENT.scaled(recipe.augment_strength), mnist.IMAGE_SIDE, generator)
                   if recipe.augment_strength > 0 else None)
        steps = epochs * ((n + batch - 1) // batch)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda step: mnist.one_cycle_rate(recipe, min(step, steps - 1), steps) / recipe.lr)

        def epoch():
            model.train()
            order = torch.randperm(n, generator=generator)
            for start in range(0, n, batch):
                idx = order[start : start + batch]
                xb = torch.index_select(train_images, 0, idx, out=xb_buf[: len(idx)])
                yb = torch.index_select(train_y, 0, idx, out=yb_buf[: len(idx)])
                if augment is not None:
                    xb = augment(xb)
                opt.zero_grad(set_to_none=True)
                loss_fn(model(xb), yb).backward()
                opt.step()
                schedule.step()

        training_s, seconds_to_target, accuracies = 0.0, None, []
        for _ in range(epochs):
            _, wall_s, _ = mnist.timed(epoch)
            training_s += wall_s
            model.eval()
            accuracies.append(accuracy(model, test_images, test_y))
            if seconds_to_target is None and accuracies[-1] >= recipe.target:
                seconds_to_target = training_s
        runs.append({"seed": seed, "seconds_to_target": seconds_to_target, "test_accuracy": accuracies[-1],
                     "epoch_test_accuracies": accuracies, "training_s": training_s})
    return mnist.time_to_accuracy_figures(recipe, runs)


def main():
    torch.manual_seed(mnist.SEED)
    generator = torch.Generator().manual_seed(mnist.SEED)
    mnist.run_peer(
        "pytorch",
        "PyTorch peer of digitpad-cli bench (one JSON object on stdout)",
        {
            "mlp": lambda *data: run_mlp(*data, generator),
            "sigmoid-100": lambda *data: run_sigmoid100(*data, generator),
            "lenet": lambda *data: run_lenet(*data, generator),
            **{name: (lambda *data, recipe=recipe: run_time_to_accuracy(recipe, *data))
               for name, recipe in mnist.TIME_TO_ACCURACY.items()},
        },
        lambda: {"torch_version": torch.__version__, "numpy_version": np.__version__,
                 "threads": torch.get_num_threads()},
        with_threads=True,
        prepare=lambda args: torch.set_num_threads(args.threads),
        convert=torch.from_numpy,
    )


if __name__ == "__main__":
    main()
