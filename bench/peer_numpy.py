#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""numpy peer of `digitpad-cli bench`: the same workloads, hand-written forward/backward/Adam in float32.

Written to be as fast as numpy can be: every buffer is allocated once before the timed loops and all array
work goes through ufuncs and matmul with `out=`, so the hot loops allocate only the few index arrays numpy
creates internally. Parameters, gradients and Adam moments live in one flat array each (the layers' weights
and biases are views into it), so an Adam step is a handful of ufunc calls over ~110k floats instead of a
handful per tensor. Samples are rows (batch × features), numpy's natural C order.

The lenet workload keeps activations channels × height × width × batch: each convolution is one copy of a
sliding_window_view into a preallocated column buffer and one matmul, max-pooling is a reshape to 2 × 2 blocks,
and the convolution's input gradient adds the 25 kernel taps back as shifted slices.

Run it through bench/compare, which sets OPENBLAS_NUM_THREADS=1 before Python starts.
Prints one JSON object: mlp_epoch_s, sigmoid100_epoch_s, latency_us, throughput_ips, mlp_test_accuracy,
lenet_epoch_s, lenet_latency_us, lenet_test_accuracy, ...
"""

import statistics

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

import mnist


def softmax_inplace(a, row, axis):
    """Numerically stable softmax of the logits `a` along `axis`, in place; `row` is scratch of the reduced
    shape. Returns a."""
    np.max(a, axis=axis, keepdims=True, out=row)
    a -= row
    np.exp(a, out=a)
    np.sum(a, axis=axis, keepdims=True, out=row)
    a /= row
    return a


class FlatParams:
    """Weights (fan_in × fan_out) and biases (fan_out) of a stack of layers as views into one flat float32
    array. A dense layer is (inputs, units); a convolution is (kernel taps · input channels, output channels)."""

    def __init__(self, layers):
        shapes = []
        for fan_in, fan_out in layers:
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
        self.params = FlatParams(zip(sizes[:-1], sizes[1:]))
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
        return softmax_inplace(a, row, axis=1)

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
        self.params = FlatParams(zip(sizes[:-1], sizes[1:]))
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


class Lenet:
    """The `lenet` preset: conv 5×5 1→8, ReLU, pool 2, conv 5×5 8→16, ReLU, pool 2, dense 256→128, ReLU,
    dense 128→10, softmax cross-entropy; buffers for batches up to max_batch.

    Activations are channels × height × width × batch, the batch innermost (DigitPad's features × batch), so
    a kernel tap's shifted window is a few long contiguous runs: im2col is one copy of a sliding_window_view
    into a (taps · channels) × (pixels · batch) column buffer, each convolution is then one matmul
    W (c_out × taps · c_in) @ columns, and col2im adds the 25 taps back as shifted slices. Weights are kept
    (fan_in × fan_out) in the flat parameter array and used transposed."""

    def __init__(self, max_batch, rng):
        k, (c0, c1, c2) = mnist.LENET_KERNEL, mnist.LENET_CHANNELS
        flat, hidden, classes = mnist.LENET_DENSE
        self.params = FlatParams([(k * k * c0, c1), (k * k * c1, c2), (flat, hidden), (hidden, classes)])
        self.params.init_normal(rng, 2.0)
        # Bias columns (views of the parameters, so the optimiser's in-place updates show through).
        self.bias_columns = [b[:, None] for b in self.params.biases]
        side = mnist.IMAGE_SIDE
        s1 = side - k + 1  # 24
        q1 = s1 // mnist.LENET_POOL  # 12
        s2 = q1 - k + 1  # 8
        q2 = s2 // mnist.LENET_POOL  # 4
        self.k, self.c, self.sides = k, (c0, c1, c2), (side, s1, q1, s2, q2)
        # Per-sample shape of every buffer; the batch is appended as the last axis.
        f, b = np.float32, bool
        self.shapes = {
            "rows": ((side * side,), f),
            "x": ((c0, side, side), f),
            "cols1": ((k, k, c0, s1, s1), f),
            "y1": ((c1, s1, s1), f),
            "p1": ((c1, q1, q1), f),
            "mask1": ((c1, q1, 2, q1, 2), b),
            "cols2": ((k, k, c1, s2, s2), f),
            "y2": ((c2, s2, s2), f),
            "p2": ((c2, q2, q2), f),
            "mask2": ((c2, q2, 2, q2, 2), b),
            "h": ((hidden,), f),
            "out": ((classes,), f),
            "row": ((1,), f),
            "dh": ((hidden,), f),
            "hmask": ((hidden,), b),
            "dp2": ((c2, q2, q2), f),
            "pmask2": ((c2, q2, q2), b),
            "dy2": ((c2, s2, s2), f),
            "dcols2": ((k, k, c1, s2, s2), f),
            "dp1": ((c1, q1, q1), f),
            "pmask1": ((c1, q1, q1), b),
            "dy1": ((c1, s1, s1), f),
        }
        self.resize(max_batch)

    def resize(self, max_batch):
        """(Re)allocate the buffers for batches up to max_batch; never called inside a timed loop."""
        self.max_batch = max_batch
        self.flat = {name: np.empty(int(np.prod(shape)) * max_batch, dtype=t) for name, (shape, t) in
                     self.shapes.items()}
        self.views = {}

    def _views(self, n):
        """Views of the buffers for a batch of n, made once per batch size: the hot loops only index a dict."""
        v = self.views.get(n)
        if v is not None:
            return v
        if n > self.max_batch:
            raise ValueError(f"batch {n} is larger than the buffers ({self.max_batch})")
        v = {}
        for name, (shape, _) in self.shapes.items():
            full = shape + (n,)
            v[name] = self.flat[name][: int(np.prod(full))].reshape(full)
        k, (c0, c1, c2), (side, s1, q1, s2, q2) = self.k, self.c, self.sides
        v["rows"] = v["rows"].reshape(n, side * side)  # gathered samples, one per row, as in the data set
        v["x_rows"] = v["x"].reshape(c0, side, side, n).transpose(3, 0, 1, 2).reshape(n, side, side)
        v["cols1_2d"] = v["cols1"].reshape(k * k * c0, s1 * s1 * n)
        v["y1_2d"] = v["y1"].reshape(c1, s1 * s1 * n)
        v["y1_blocks"] = v["y1"].reshape(c1, q1, 2, q1, 2, n)
        v["cols2_2d"] = v["cols2"].reshape(k * k * c1, s2 * s2 * n)
        v["dcols2_2d"] = v["dcols2"].reshape(k * k * c1, s2 * s2 * n)
        v["y2_2d"] = v["y2"].reshape(c2, s2 * s2 * n)
        v["y2_blocks"] = v["y2"].reshape(c2, q2, 2, q2, 2, n)
        v["p2_2d"] = v["p2"].reshape(c2 * q2 * q2, n)
        v["dp2_2d"] = v["dp2"].reshape(c2 * q2 * q2, n)
        v["dy2_2d"] = v["dy2"].reshape(c2, s2 * s2 * n)
        v["dy2_blocks"] = v["dy2"].reshape(c2, q2, 2, q2, 2, n)
        v["dy1_2d"] = v["dy1"].reshape(c1, s1 * s1 * n)
        v["dy1_blocks"] = v["dy1"].reshape(c1, q1, 2, q1, 2, n)
        # im2col sources: (c, out, out, n, ky, kx) windows reordered to the column buffers' (ky, kx, c, out,
        # out, n); the copy's inner runs are whole (out · n) rows.
        v["win1"] = sliding_window_view(v["x"], (k, k), axis=(1, 2)).transpose(4, 5, 0, 1, 2, 3)
        v["win2"] = sliding_window_view(v["p1"], (k, k), axis=(1, 2)).transpose(4, 5, 0, 1, 2, 3)
        self.views[n] = v
        return v

    @staticmethod
    def _relu_pool(y, blocks, p, mask):
        """ReLU on y in place, then 2×2 max-pool of its blocks (c × q × 2 × q × 2 × n) into p (c × q × q × n);
        with a mask buffer, marks where each maximum came from (for backward)."""
        np.maximum(y, 0.0, out=y)
        np.maximum(blocks[:, :, 0, :, 0], blocks[:, :, 0, :, 1], out=p)
        np.maximum(p, blocks[:, :, 1, :, 0], out=p)
        np.maximum(p, blocks[:, :, 1, :, 1], out=p)
        if mask is not None:
            np.equal(blocks, p[:, :, None, :, None, :], out=mask)

    @staticmethod
    def _unpool(dp, p, pmask, mask, dy_blocks):
        """Gradient through max-pool and the ReLU before it: dp (c × q × q × n) goes to where each maximum
        came from, and nowhere when that maximum was 0 (the ReLU was off); written into dy_blocks."""
        np.greater(p, 0.0, out=pmask)
        dp *= pmask
        np.multiply(mask, dp[:, :, None, :, None, :], out=dy_blocks)

    def forward(self, rows, training=False):
        """Softmax probabilities (10 × n, a view of an internal buffer) of the images rows (n × 784)."""
        n = len(rows)
        v = self._views(n)
        (w1, w2, w3, w4), (b1, b2, b3, b4) = self.params.weights, self.bias_columns
        np.copyto(v["x_rows"], rows.reshape(v["x_rows"].shape))
        np.copyto(v["cols1"], v["win1"])
        y1 = v["y1_2d"]
        np.matmul(w1.T, v["cols1_2d"], out=y1)
        y1 += b1
        self._relu_pool(y1, v["y1_blocks"], v["p1"], v["mask1"] if training else None)
        np.copyto(v["cols2"], v["win2"])
        y2 = v["y2_2d"]
        np.matmul(w2.T, v["cols2_2d"], out=y2)
        y2 += b2
        self._relu_pool(y2, v["y2_blocks"], v["p2"], v["mask2"] if training else None)
        h = v["h"]
        np.matmul(w3.T, v["p2_2d"], out=h)
        h += b3
        np.maximum(h, 0.0, out=h)
        a, row = v["out"], v["row"]
        np.matmul(w4.T, h, out=a)
        a += b4
        return softmax_inplace(a, row, axis=0)

    def train_batch(self, train_x, train_y, idx):
        """Forward, fused softmax-cross-entropy gradient (p - y)/n, backward into params.grads; returns the
        loss. train_x is the n × 784 training set."""
        n = len(idx)
        v = self._views(n)
        np.take(train_x, idx, axis=0, out=v["rows"])
        y = train_y[idx]
        p = self.forward(v["rows"], training=True)
        cols = np.arange(n)
        loss = -np.log(p[y, cols] + np.float32(1e-30)).mean()
        p[y, cols] -= 1.0
        p *= np.float32(1.0 / n)
        P = self.params
        (_, w2, w3, w4), (gw1, gw2, gw3, gw4), (gb1, gb2, gb3, gb4) = P.weights, P.weight_grads, P.bias_grads
        k = self.k
        s2 = self.sides[3]
        # dense 128→10 and 256→128
        h, dh, hmask = v["h"], v["dh"], v["hmask"]
        np.matmul(h, p.T, out=gw4)
        np.sum(p, axis=1, out=gb4)
        np.matmul(w4, p, out=dh)
        np.greater(h, 0.0, out=hmask)
        dh *= hmask
        np.matmul(v["p2_2d"], dh.T, out=gw3)
        np.sum(dh, axis=1, out=gb3)
        np.matmul(w3, dh, out=v["dp2_2d"])
        # pool, ReLU, conv 8→16
        self._unpool(v["dp2"], v["p2"], v["pmask2"], v["mask2"], v["dy2_blocks"])
        dz2 = v["dy2_2d"]
        np.matmul(v["cols2_2d"], dz2.T, out=gw2)
        np.sum(dz2, axis=1, out=gb2)
        np.matmul(w2, dz2, out=v["dcols2_2d"])
        # col2im: each tap (ky, kx) adds its rows back onto the input pixels it read, a shifted slice.
        dp1, dcols2 = v["dp1"], v["dcols2"]
        dp1.fill(0.0)
        for ky in range(k):
            for kx in range(k):
                dp1[:, ky : ky + s2, kx : kx + s2, :] += dcols2[ky, kx]
        # pool, ReLU, conv 1→8 (no input gradient: it is the first layer)
        self._unpool(dp1, v["p1"], v["pmask1"], v["mask1"], v["dy1_blocks"])
        dz1 = v["dy1_2d"]
        np.matmul(v["cols1_2d"], dz1.T, out=gw1)
        np.sum(dz1, axis=1, out=gb1)
        return loss


def accuracy(predict_batch, test_x, test_y, batch=1000):
    correct = 0
    for i in range(0, len(test_x), batch):
        p = predict_batch(test_x[i : i + batch])
        correct += int((p.argmax(axis=1) == test_y[i : i + batch]).sum())
    return correct / len(test_x)


def train_classifier(prefix, net, batch, lr, train_x, train_y, test_x, test_y, rng, predict_batch, predict_one):
    """One timed epoch of mini-batch training (net.train_batch, then an Adam step, in a fresh shuffled order),
    then the test accuracy of predict_batch (rows → n × 10) and the median latency of predict_one(first test
    image). Returns the figures."""
    opt = Adam(net.params, lr)
    n = len(train_x)

    def epoch():
        order = rng.permutation(n)
        loss_sum = 0.0
        for start in range(0, n, batch):
            loss_sum += float(net.train_batch(train_x, train_y, order[start : start + batch]))
            opt.step()
        return loss_sum

    loss_sum, wall_s, cpu_s = mnist.timed(epoch)
    net.resize(mnist.THROUGHPUT_BATCH)
    figures = mnist.epoch_figures(prefix, wall_s, cpu_s, loss_sum, (n + batch - 1) // batch,
                                  accuracy(predict_batch, test_x, test_y))
    one = test_x[0]
    figures[mnist.latency_key(prefix)] = mnist.median_latency_us(lambda: predict_one(one))
    return figures


def run_mlp(train_x, train_y, test_x, test_y, rng):
    def trained(seed_rng):
        net = Mlp(mnist.MLP_LAYERS, mnist.MLP_BATCH, seed_rng)

        def predict_batch(rows):
            return net.forward(rows, len(rows))

        figures = train_classifier("mlp", net, mnist.MLP_BATCH, mnist.MLP_LR, train_x, train_y, test_x, test_y,
                                   seed_rng, predict_batch, net.predict_one)
        return net, predict_batch, figures

    net, predict_batch, figures = trained(rng)
    one = test_x[0]
    if not np.allclose(net.predict_one(one), predict_batch(test_x[0:1])[0], atol=1e-6):
        raise RuntimeError("single-image and batch predictions disagree")
    figures["throughput_ips"] = mnist.throughput_ips(predict_batch, test_x)
    accuracies = [figures["mlp_test_accuracy"]]
    for seed in mnist.mlp_accuracy_seeds():
        accuracies.append(trained(np.random.default_rng(seed))[2]["mlp_test_accuracy"])
    figures["mlp_seeds_test_accuracy"] = statistics.median(accuracies)
    return figures


def run_sigmoid100(train_x, train_y, test_x, test_y, rng):
    net = Sigmoid100(mnist.SIGMOID_LAYERS, rng)
    neg_lr = np.float32(-mnist.SIGMOID_LR)
    labels = train_y.tolist()

    def epoch():
        for i in rng.permutation(len(train_x)).tolist():
            net.train_sample(train_x[i], labels[i], neg_lr)

    _, wall_s, cpu_s = mnist.timed(epoch)
    return {
        "sigmoid100_epoch_s": wall_s,
        "sigmoid100_epoch_cpu_s": cpu_s,
        "sigmoid100_test_accuracy": accuracy(net.predict, test_x, test_y),
    }


def run_lenet(train_x, train_y, test_x, test_y, rng):
    net = Lenet(mnist.LENET_BATCH, rng)
    return train_classifier("lenet", net, mnist.LENET_BATCH, mnist.LENET_LR, train_x, train_y, test_x, test_y,
                            rng, lambda rows: net.forward(rows).T, lambda image: net.forward(image[None, :]))


def main():
    rng = np.random.default_rng(mnist.SEED)
    mnist.run_peer(
        "numpy",
        "numpy peer of digitpad-cli bench (one JSON object on stdout)",
        {name: (lambda run: lambda *data: run(*data, rng))(run) for name, run in
         (("mlp", run_mlp), ("sigmoid-100", run_sigmoid100), ("lenet", run_lenet))},
        lambda: {"numpy_version": np.__version__, "threads": 1},
    )


if __name__ == "__main__":
    main()
