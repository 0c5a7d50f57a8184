#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""numpy peer of `digitpad-cli bench`: the same workloads, hand-written forward/backward/Adam in float32.

Written to be as fast as numpy can be: every buffer is allocated once before the timed loops and all array
work goes through ufuncs and matmul with `out=`, so the hot loops allocate only the few index arrays numpy
creates internally. Parameters, gradients and Adam moments live in one flat array each (the layers' weights
and biases are views into it), so an Adam step is a handful of ufunc calls over ~110k floats instead of a
handful per tensor. Samples are rows (batch × features), numpy's natural C order.

Run it through bench/compare, which sets OPENBLAS_NUM_THREADS=1 before Python starts.
Prints one JSON object: mlp_epoch_s, sigmoid100_epoch_s, latency_us, throughput_ips, mlp_test_accuracy, ...
"""

import time

import numpy as np

import mnist


class FlatParams:
    """Weights (fan_in × fan_out) and biases of a dense stack as views into one flat float32 array."""

    def __init__(self, sizes):
        shapes = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            shapes += [(fan_in, fan_out), (fan_out,)]
        self.total = sum(int(np.prod(s)) for s in shapes)
        self.flat = np.zeros(self.total, dtype=np.float32)
        self.grad_flat = np.zeros(self.total, dtype=np.float32)
        self.values, self.grads = [], []
        offset = 0
        for s in shapes:
            n = int(np.prod(s))
            self.values.append(self.flat[offset : offset + n].reshape(s))
            self.grads.append(self.grad_flat[offset : offset + n].reshape(s))
            offset += n
        self.weights, self.biases = self.values[0::2], self.values[1::2]
        self.weight_grads, self.bias_grads = self.grads[0::2], self.grads[1::2]

    def init_normal(self, rng, variance_numerator):
        """Weights ~ N(0, variance_numerator / fan_in) (He: 2, small normal: 1), biases zero."""
        for w in self.weights:
            w[...] = rng.standard_normal(w.shape, dtype=np.float32) * np.float32(np.sqrt(variance_numerator / w.shape[0]))
        for b in self.biases:
            b[...] = 0.0


class Adam:
    """Adam exactly as torch.optim.Adam (no weight decay): p -= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps)."""

    def __init__(self, params, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.p, self.g = params.flat, params.grad_flat
        self.m = np.zeros_like(self.p)
        self.v = np.zeros_like(self.p)
        self.tmp = np.empty_like(self.p)
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0

    def step(self):
        self.t += 1
        m, v, g, tmp = self.m, self.v, self.g, self.tmp
        b1, b2 = self.beta1, self.beta2
        bc1 = 1.0 - b1**self.t
        bc2 = 1.0 - b2**self.t
        # m += (1 - b1)(g - m); v = b2 v + (1 - b2) g²
        np.subtract(g, m, out=tmp)
        tmp *= np.float32(1.0 - b1)
        m += tmp
        np.multiply(g, g, out=tmp)
        tmp *= np.float32(1.0 - b2)
        v *= np.float32(b2)
        v += tmp
        np.sqrt(v, out=tmp)
        tmp *= np.float32(1.0 / np.sqrt(bc2))
        tmp += np.float32(self.eps)
        np.divide(m, tmp, out=tmp)
        tmp *= np.float32(-self.lr / bc1)
        self.p += tmp


class Mlp:
    """784-128-64-10, ReLU hidden, softmax output, cross-entropy, Adam; buffers for batches up to max_batch."""

    def __init__(self, sizes, max_batch, rng):
        self.params = FlatParams(sizes)
        self.params.init_normal(rng, 2.0)
        self.sizes = sizes
        self.single = [np.empty(n, dtype=np.float32) for n in sizes[1:]]
        self.resize(max_batch)

    def resize(self, max_batch):
        """(Re)allocate the activation buffers; never called inside a timed loop."""
        self.max_batch = max_batch
        f = np.float32
        self.x = np.empty((max_batch, self.sizes[0]), dtype=f)
        self.acts = [np.empty((max_batch, n), dtype=f) for n in self.sizes[1:]]
        self.deltas = [np.empty((max_batch, n), dtype=f) for n in self.sizes[1:-1]]
        self.masks = [np.empty((max_batch, n), dtype=bool) for n in self.sizes[1:-1]]
        self.row = np.empty((max_batch, 1), dtype=f)
        self.arange = np.arange(max_batch)

    def forward(self, x, n):
        """Softmax probabilities (n × 10, a view of an internal buffer) of the rows x (n × 784)."""
        a = x
        last = len(self.params.weights) - 1
        for i, (w, b) in enumerate(zip(self.params.weights, self.params.biases)):
            z = self.acts[i][:n]
            np.matmul(a, w, out=z)
            z += b
            if i < last:
                np.maximum(z, 0.0, out=z)
            a = z
        row = self.row[:n]
        np.max(a, axis=1, keepdims=True, out=row)
        a -= row
        np.exp(a, out=a)
        np.sum(a, axis=1, keepdims=True, out=row)
        a /= row
        return a

    def train_batch(self, train_x, train_y, idx):
        """Forward, fused softmax-cross-entropy gradient (p - y)/n, backward into params.grads; returns the loss."""
        n = len(idx)
        x = self.x[:n]
        np.take(train_x, idx, axis=0, out=x)
        y = train_y[idx]
        p = self.forward(x, n)
        rows = self.arange[:n]
        loss = -np.log(p[rows, y] + np.float32(1e-30)).mean()
        p[rows, y] -= 1.0
        p *= np.float32(1.0 / n)
        delta = p
        P = self.params
        for i in range(len(P.weights) - 1, -1, -1):
            a_in = x if i == 0 else self.acts[i - 1][:n]
            np.matmul(a_in.T, delta, out=P.weight_grads[i])
            np.sum(delta, axis=0, out=P.bias_grads[i])
            if i > 0:
                d = self.deltas[i - 1][:n]
                np.matmul(delta, P.weights[i].T, out=d)
                mask = self.masks[i - 1][:n]
                np.greater(a_in, 0.0, out=mask)
                d *= mask
                delta = d
        return loss

    def predict_one(self, x):
        """Probabilities (10,) of one image x (784,): vector products, a third faster than 1-row matrices."""
        a = x
        last = len(self.params.weights) - 1
        for i, (w, b) in enumerate(zip(self.params.weights, self.params.biases)):
            z = self.single[i]
            np.dot(a, w, out=z)
            z += b
            if i < last:
                np.maximum(z, 0.0, out=z)
            a = z
        a -= a.max()
        np.exp(a, out=a)
        a *= np.float32(1.0) / a.sum()
        return a


class Sigmoid100:
    """784-100-10, sigmoid hidden and output, MSE ½‖a − y‖² against one-hot, plain SGD, one sample per step."""

    def __init__(self, sizes, rng):
        self.params = FlatParams(sizes)
        self.params.init_normal(rng, 1.0)
        f = np.float32
        self.z = [np.empty(n, dtype=f) for n in sizes[1:]]
        self.t = [np.empty(n, dtype=f) for n in sizes[1:]]
        self.dh = np.empty(sizes[1], dtype=f)
        self.outer = np.empty((sizes[0], sizes[1]), dtype=f)
        self.outer2 = np.empty((sizes[1], sizes[2]), dtype=f)
        self.onehot = np.eye(sizes[-1], dtype=f)

    @staticmethod
    def _sigmoid(z):
        # σ(z) = ½ tanh(z/2) + ½: three ufunc passes instead of four for 1/(1 + exp(−z))
        z *= np.float32(0.5)
        np.tanh(z, out=z)
        z *= np.float32(0.5)
        z += np.float32(0.5)

    def train_sample(self, x, label, neg_lr):
        (w1, w2), (b1, b2) = self.params.weights, self.params.biases
        a1, a2 = self.z
        t1, t2 = self.t
        np.dot(x, w1, out=a1)
        a1 += b1
        self._sigmoid(a1)
        np.dot(a1, w2, out=a2)
        a2 += b2
        self._sigmoid(a2)
        # δ2 = (a2 − y) σ'(z2), σ' = a(1 − a), pre-scaled by −lr so it is the update of b2 directly
        np.multiply(a2, a2, out=t2)
        np.subtract(a2, t2, out=t2)
        a2 -= self.onehot[label]
        t2 *= a2
        t2 *= neg_lr
        # δ1 = (W2 δ2) σ'(z1), using W2 before its update
        np.dot(w2, t2, out=self.dh)
        np.multiply(a1, a1, out=t1)
        np.subtract(a1, t1, out=t1)
        t1 *= self.dh
        # Outer products as k = 1 BLAS products: numpy's broadcasting multiply is several times slower here.
        np.dot(a1[:, None], t2[None, :], out=self.outer2)
        w2 += self.outer2
        b2 += t2
        np.dot(x[:, None], t1[None, :], out=self.outer)
        w1 += self.outer
        b1 += t1

    def predict(self, x):
        """Sigmoid outputs (n × 10) of rows x (n × 784); allocates (evaluation only)."""
        (w1, w2), (b1, b2) = self.params.weights, self.params.biases
        h = x @ w1 + b1
        self._sigmoid(h)
        o = h @ w2 + b2
        self._sigmoid(o)
        return o


def accuracy(predict_batch, test_x, test_y, batch=1000):
    correct = 0
    for i in range(0, len(test_x), batch):
        p = predict_batch(test_x[i : i + batch])
        correct += int((p.argmax(axis=1) == test_y[i : i + batch]).sum())
    return correct / len(test_x)


def run_mlp(train_x, train_y, test_x, test_y, rng):
    net = Mlp(mnist.MLP_LAYERS, mnist.MLP_BATCH, rng)
    opt = Adam(net.params, mnist.MLP_LR)
    n, bs = len(train_x), mnist.MLP_BATCH
    t0, c0 = time.perf_counter(), time.process_time()
    order = rng.permutation(n)
    loss_sum = 0.0
    for start in range(0, n, bs):
        loss_sum += float(net.train_batch(train_x, train_y, order[start : start + bs]))
        opt.step()
    epoch_s, epoch_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    batches = (n + bs - 1) // bs

    net.resize(mnist.THROUGHPUT_BATCH)
    acc = accuracy(lambda xb: net.forward(xb, len(xb)), test_x, test_y)
    ips = mnist.throughput_ips(lambda xb: net.forward(xb, len(xb)), test_x)
    one = test_x[0]
    if not np.allclose(net.predict_one(one), net.forward(test_x[0:1], 1)[0], atol=1e-6):
        raise RuntimeError("single-image and batch predictions disagree")
    latency = mnist.median_latency_us(lambda: net.predict_one(one))
    return {
        "mlp_epoch_s": epoch_s,
        "mlp_epoch_cpu_s": epoch_cpu_s,
        "mlp_train_loss": loss_sum / batches,
        "mlp_test_accuracy": acc,
        "throughput_ips": ips,
        "latency_us": latency,
    }


def run_sigmoid100(train_x, train_y, test_x, test_y, rng):
    net = Sigmoid100(mnist.SIGMOID_LAYERS, rng)
    neg_lr = np.float32(-mnist.SIGMOID_LR)
    labels = train_y.tolist()
    t0, c0 = time.perf_counter(), time.process_time()
    for i in rng.permutation(len(train_x)).tolist():
        net.train_sample(train_x[i], labels[i], neg_lr)
    epoch_s, epoch_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    return {
        "sigmoid100_epoch_s": epoch_s,
        "sigmoid100_epoch_cpu_s": epoch_cpu_s,
        "sigmoid100_test_accuracy": accuracy(net.predict, test_x, test_y),
    }


def main():
    args = mnist.parse_args("numpy peer of digitpad-cli bench (one JSON object on stdout)", with_threads=False)
    train_x, train_y, test_x, test_y = mnist.load_or_exit(args)
    rng = np.random.default_rng(mnist.SEED)
    result = {
        "peer": "numpy",
        "numpy_version": np.__version__,
        "threads": 1,
        "env": mnist.env_threads(),
        "quick": args.quick,
        "train_images": len(train_x),
        "test_images": len(test_x),
    }
    if args.only in ("all", "mlp"):
        result.update(run_mlp(train_x, train_y, test_x, test_y, rng))
    if args.only in ("all", "sigmoid-100"):
        result.update(run_sigmoid100(train_x, train_y, test_x, test_y, rng))
    mnist.emit(result)


if __name__ == "__main__":
    main()
