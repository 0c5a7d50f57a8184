# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared parts of the peer benchmarks: MNIST IDX loading, command line, timing helpers, the JSON a peer prints.

Only numpy and the standard library: both peers (numpy and PyTorch) load exactly the same arrays from here,
so they train on the same data as DigitPad (raw IDX files, each image min-max normalised to [0, 1], float32).
"""

import argparse
import gzip
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / "data" / "mnist"

# The workloads of issue 2 "Performance"; both peers use these numbers.
MLP_LAYERS = (784, 128, 64, 10)
MLP_BATCH = 64
MLP_LR = 1e-3
SIGMOID_LAYERS = (784, 100, 10)
SIGMOID_LR = 0.1
# The `lenet` preset (core/Preset.cpp): conv 5×5 1→8, ReLU, max-pool 2, conv 5×5 8→16, ReLU, max-pool 2,
# dense 256→128, ReLU, dense 128→10; softmax cross-entropy, He init, Adam 1e-3, batch 64.
LENET_ARCHITECTURE = "conv5x5x8,relu,pool2,conv5x5x16,relu,pool2,dense128,relu,dense10"
IMAGE_SIDE = 28
LENET_KERNEL = 5
LENET_CHANNELS = (1, 8, 16)
LENET_POOL = 2
LENET_DENSE = (16 * 4 * 4, 128, 10)
LENET_BATCH = 64
LENET_LR = 1e-3
class TimeToAccuracyRecipe(NamedTuple):
    """A time-to-accuracy preset (core/train/Preset.cpp) and its workload: its architecture string (dropoutNN
    drops NN % in training), training-time augmentation at `augment_strength` (0 = none; AUGMENT scaled as
    AugmentSettings::scaled scales it), cross-entropy with label smoothing `label_smoothing`, Adam with the one-cycle
    schedule (per batch, over `epochs` epochs of `batch`: rising linearly from a tenth of `lr` to `lr` over the
    first `warm_up` of the steps, then falling linearly to zero at the end; see one_cycle_rate), trained from
    seeds 1 to TIME_TO_ACCURACY_SEEDS; the time is the training time up to the first epoch whose test accuracy
    reaches `target` (evaluation left out), the figure the median seed's, under the keys `prefix`_… and
    `time_key` (app/cli/BenchCommand.cpp prints the same)."""
    architecture: str
    batch: int
    lr: float
    warm_up: float
    epochs: int
    label_smoothing: float
    augment_strength: float
    target: float
    prefix: str
    time_key: str


FAST = TimeToAccuracyRecipe("conv5x5x8,relu,pool2,conv5x5x16,relu,pool2,dense128,relu,dense10", 64, 8e-3, 0.1,
                            2, 0.1, 0.0, 0.99, "fast", "fast_time_to_99_s")
FAST_995 = TimeToAccuracyRecipe(
    "conv5x5x24,relu,pool2,conv5x5x48,relu,pool2,dense256,relu,dropout40,dense10", 64, 3e-3, 0.1, 6, 0.1, 0.5,
    0.995, "fast995", "fast995_time_to_995_s")
TIME_TO_ACCURACY = {"fast": FAST, "fast-99.5": FAST_995}
TIME_TO_ACCURACY_SEEDS = 5
# Under --quick (a smoke test), as `digitpad-cli bench --quick`: two seeds of one epoch each.
QUICK_TIME_TO_ACCURACY = (2, 1)


def time_to_accuracy_plan(recipe, quick):
    """(seeds, epochs) a time-to-accuracy run trains: the recipe's epochs over TIME_TO_ACCURACY_SEEDS seeds, or
    QUICK_TIME_TO_ACCURACY under --quick."""
    if quick:
        return QUICK_TIME_TO_ACCURACY[0], min(recipe.epochs, QUICK_TIME_TO_ACCURACY[1])
    return TIME_TO_ACCURACY_SEEDS, recipe.epochs


class Augment(NamedTuple):
    """core/data/AugmentSettings.h at strength 1: one random affine map about the centre (rotation from
    ±rotation_degrees, x and y scale each from [scale_min, scale_max], horizontal shear x += shear·y, shift
    from ±shift_pixels) plus an elastic displacement (a window of a fixed random field smoothed by a Gaussian of
    elastic_sigma, times elastic_alpha), sampled bilinearly; then a 3×3 dilation (probability thicken) or
    erosion (thin) blended in by a factor from [0.5, 1]; then min-max normalisation."""
    rotation_degrees: float = 12.0
    scale_min: float = 0.85
    scale_max: float = 1.15
    shear: float = 0.2
    shift_pixels: float = 2.0
    elastic_alpha: float = 34.0
    elastic_sigma: float = 4.0
    thicken: float = 0.2
    thin: float = 0.2

    def scaled(self, strength):
        """AugmentSettings::scaled: magnitudes times `strength`, scale ranges stretched about 1."""
        thicken, thin = min(1.0, self.thicken * strength), min(1.0, self.thin * strength)
        total = max(1.0, thicken + thin)
        return Augment(self.rotation_degrees * strength, 1 + (self.scale_min - 1) * strength,
                       1 + (self.scale_max - 1) * strength, self.shear * strength, self.shift_pixels * strength,
                       self.elastic_alpha * strength, self.elastic_sigma, thicken / total, thin / total)


AUGMENT = Augment()


def one_cycle_rate(recipe, step, steps):
    """`recipe`'s rate at 0-based `step` of `steps` (core/train/LearningRateSchedule.h)."""
    warm_up = recipe.warm_up * steps
    if step < warm_up:
        return recipe.lr * (0.1 + 0.9 * step / warm_up)
    return recipe.lr * (steps - step) / (steps - warm_up)


# Same counts and statistics as `digitpad-cli bench` (app/cli/BenchCommand.cpp).
LATENCY_WARMUP = 500
LATENCY_RUNS = 5000
THROUGHPUT_BATCH = 1000
THROUGHPUT_PASSES = 3
QUICK_TRAIN_IMAGES = 6000
SEED = 1
QUICK = False  # set from --quick by run_peer, for the workloads that train several runs
# One epoch's test accuracy moves by a point from seed to seed, so mlp also reports the median over seeds 1-5
# (1-2 under --quick), as `digitpad-cli bench` does.
MLP_ACCURACY_SEEDS = 5
QUICK_MLP_ACCURACY_SEEDS = 2


def mlp_accuracy_seeds():
    """The seeds after the first whose mlp epoch is trained for mlp_seeds_test_accuracy."""
    return range(2, (QUICK_MLP_ACCURACY_SEEDS if QUICK else MLP_ACCURACY_SEEDS) + 1)

# What --only can select; "all" runs them in this order. Time to accuracy ("fast", "fast-99.5") trains several runs
# of several epochs, so it runs only when --only names it, and only in the peers that have it (PyTorch).
WORKLOADS = ("mlp", "sigmoid-100", "lenet")
OPT_IN_WORKLOADS = tuple(TIME_TO_ACCURACY)

IDX_IMAGES_MAGIC = 0x00000803
IDX_LABELS_MAGIC = 0x00000801


class DataError(Exception):
    """A missing or malformed data file; the message names the file and what is wrong."""


def _read_idx(path, magic, rank):
    """The IDX file at path (raw, or path + '.gz') as a uint8 array of the given rank, validated."""
    candidates = [path, path.with_name(path.name + ".gz")]
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        raise DataError(f"cannot load '{path}': no such file (nor '{candidates[1].name}')")
    opener = gzip.open if found.suffix == ".gz" else open
    with opener(found, "rb") as f:
        raw = f.read()
    header = 4 + 4 * rank
    if len(raw) < header:
        raise DataError(f"cannot load '{found}': {len(raw)} bytes is shorter than an IDX header")
    got_magic = int.from_bytes(raw[0:4], "big")
    if got_magic != magic:
        raise DataError(f"cannot load '{found}': magic 0x{got_magic:08x} (expected 0x{magic:08x})")
    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(rank))
    expected = header + int(np.prod(dims))
    if len(raw) != expected:
        raise DataError(f"cannot load '{found}': {len(raw)} bytes, dimensions {dims} need {expected}")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)


def normalise(images_u8):
    """Images (n × 784 uint8) min-max normalised per image to [0, 1] as float32; a uniform image becomes zeros."""
    x = images_u8.astype(np.float32)
    lo = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True) - lo
    span[span == 0] = 1.0
    x -= lo
    x /= span
    return x


def load_split(data_dir, prefix):
    """(images n × 784 float32 C-contiguous, labels n int64) of the 'train' or 't10k' IDX files in data_dir."""
    images = _read_idx(data_dir / f"{prefix}-images-idx3-ubyte", IDX_IMAGES_MAGIC, 3)
    labels = _read_idx(data_dir / f"{prefix}-labels-idx1-ubyte", IDX_LABELS_MAGIC, 1)
    if images.shape[0] != labels.shape[0]:
        raise DataError(
            f"cannot load '{data_dir}/{prefix}-*': {images.shape[0]} images but {labels.shape[0]} labels"
        )
    if labels.size and labels.max() > 9:
        raise DataError(f"cannot load '{data_dir}/{prefix}-labels-idx1-ubyte': label {labels.max()} > 9")
    flat = images.reshape(images.shape[0], -1)
    return np.ascontiguousarray(normalise(flat)), labels.astype(np.int64)


def load_mnist(data_dir, quick):
    """Training and test sets; --quick keeps the first 6000 training images (a tenth) and, like
    `digitpad-cli bench --quick`, the whole test set."""
    train_x, train_y = load_split(data_dir, "train")
    test_x, test_y = load_split(data_dir, "t10k")
    if quick:
        train_x, train_y = train_x[:QUICK_TRAIN_IMAGES].copy(), train_y[:QUICK_TRAIN_IMAGES].copy()
    return train_x, train_y, test_x, test_y


def parse_args(description, with_threads):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"MNIST IDX folder (default {DEFAULT_DATA})")
    parser.add_argument("--quick", action="store_true", help="the first 6000 training images, for smoke tests")
    parser.add_argument(
        "--only",
        choices=("all",) + WORKLOADS + OPT_IN_WORKLOADS,
        default="all",
        help="run one workload only: mlp (epoch, latency, throughput, accuracy), sigmoid-100 (epoch), "
        "lenet (epoch, latency, accuracy), fast or fast-99.5 (time to 99%% or 99.5%% test accuracy over several "
        "seeds; never part of all)",
    )
    if with_threads:
        parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    args = parser.parse_args()
    if with_threads and args.threads < 1:
        parser.error(f"--threads must be at least 1 (got {args.threads})")
    return args


def load_or_exit(args):
    try:
        return load_mnist(args.data, args.quick)
    except (DataError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        print("fetch MNIST with scripts/fetch-mnist, or pass --data DIR", file=sys.stderr)
        sys.exit(1)


def median_latency_us(run_once, runs=LATENCY_RUNS, warmup=LATENCY_WARMUP):
    """Median wall time of run_once() in microseconds over `runs` individually timed calls."""
    for _ in range(warmup):
        run_once()
    clock = time.perf_counter_ns
    samples = []
    for _ in range(runs):
        t0 = clock()
        run_once()
        samples.append(clock() - t0)
    return statistics.median(samples) / 1000.0


def throughput_ips(run_batch, images, batch=THROUGHPUT_BATCH, passes=THROUGHPUT_PASSES):
    """Images per second of run_batch(view) over all images in batches of `batch`: the best of `passes` passes."""
    n = len(images)
    views = [images[i : i + batch] for i in range(0, n, batch)]
    times = []
    for _ in range(passes):
        t0 = time.perf_counter()
        for v in views:
            run_batch(v)
        times.append(time.perf_counter() - t0)
    return n / min(times)


def env_threads():
    """The BLAS / OpenMP thread settings the process was started with (recorded with the results)."""
    return {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


def timed(work):
    """(work(), wall seconds, CPU seconds of the whole process, all threads) of one call of work()."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = work()
    return out, time.perf_counter() - t0, time.process_time() - c0


def epoch_figures(prefix, wall_s, cpu_s, loss_sum, batches, test_accuracy):
    """The keys every trained workload reports: <prefix>_epoch_s, _epoch_cpu_s, _train_loss (mean over the
    batches), _test_accuracy."""
    return {
        f"{prefix}_epoch_s": wall_s,
        f"{prefix}_epoch_cpu_s": cpu_s,
        f"{prefix}_train_loss": loss_sum / batches,
        f"{prefix}_test_accuracy": test_accuracy,
    }


def time_to_accuracy_figures(recipe, runs):
    """The keys of a time-to-accuracy workload from one dict per seed (seed, seconds_to_target or None,
    test_accuracy, epoch_test_accuracies, training_s), as `digitpad-cli bench --only fast` prints them."""
    reached = sorted(r["seconds_to_target"] for r in runs if r["seconds_to_target"] is not None)
    times = reached + [math.inf] * (len(runs) - len(reached))
    median_time = statistics.median(times)
    return {
        recipe.time_key: median_time if 2 * len(reached) > len(runs) else None,
        f"{recipe.prefix}_reached": len(reached),
        f"{recipe.prefix}_test_accuracy": statistics.median(r["test_accuracy"] for r in runs),
        f"{recipe.prefix}_runs": runs,
    }


def latency_key(prefix):
    """The single-image latency key of a workload: plain latency_us for mlp (issue 2's key), else
    <prefix>_latency_us."""
    return "latency_us" if prefix == "mlp" else f"{prefix}_latency_us"


def run_peer(peer, description, workloads, context, with_threads=False, prepare=None, convert=None):
    """The whole life of a peer script: parse the command line, call prepare(args) (e.g. set thread counts),
    load MNIST (passed through convert(array) when given), run the workloads --only selects — each a function
    of (train_x, train_y, test_x, test_y) returning a dict of figures — and print one JSON object made of
    context() (versions, threads), the data sizes, and every workload's figures."""
    args = parse_args(description, with_threads=with_threads)
    if prepare is not None:
        prepare(args)
    data = load_or_exit(args)
    if convert is not None:
        data = tuple(convert(a) for a in data)
    result = {"peer": peer, "env": env_threads(), "quick": args.quick, "train_images": len(data[0]),
              "test_images": len(data[2])}
    result.update(context())
    global QUICK
    QUICK = args.quick
    for name in WORKLOADS + OPT_IN_WORKLOADS:
        if (args.only == name or (args.only == "all" and name in WORKLOADS)) and name in workloads:
            result.update(workloads[name](*data))
    json.dump(result, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    sys.stdout.flush()
