#!/usr/bin/python3
"""Prints what torch (CPU, run with /usr/bin/python3: torch 1.13, AVX2 kernels) draws for given seeds and shapes.

The output is the reference file of nabla-core's TorchRngTest (nabla-core/src/test/resources/torch-rng-reference.txt):

    /usr/bin/python3 tools/torch_rng_reference.py > nabla-core/src/test/resources/torch-rng-reference.txt
    /usr/bin/python3 tools/torch_rng_reference.py data > nabla-data/src/test/resources/torch-sampler-reference.txt

One case per line: `name kind count values...`, kind `f32` (float32 bit patterns in hex, so equality is exact),
`i64` (decimal integers) or `sum` (float64 sum of a whole tensor, with its count, in repr form). Big tensors
are written as a strided sample (`.sample`, every k-th element from index 0, k on the line as `stride=k`) plus
their `.sum`. Every value here was produced by running torch; nothing is written by hand.
"""
import math
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
out = sys.stdout
SECTION = sys.argv[1] if len(sys.argv) > 1 else "core"


def bits(t):
    return [format(struct.unpack("<I", struct.pack("<f", v))[0], "08x") for v in t.reshape(-1).tolist()]


def f32(name, t):
    t = t.detach().float().contiguous()
    out.write(f"{name} f32 {t.numel()} {' '.join(bits(t))}\n")


def i64(name, t):
    v = t.reshape(-1).tolist()
    out.write(f"{name} i64 {len(v)} {' '.join(str(int(x)) for x in v)}\n")


def big(name, t, stride):
    t = t.detach().float().contiguous().reshape(-1)
    s = t[::stride]
    out.write(f"{name}.sample f32 {s.numel()} stride={stride} {' '.join(bits(s))}\n")
    out.write(f"{name}.sum sum {t.numel()} {repr(float(t.double().sum()))}\n")


def gen(seed):
    return torch.Generator().manual_seed(seed)



def data_section():
    """RandomSampler and DataLoader(shuffle=True) orders (nabla-data's torch-sampler-reference.txt)."""
    from torch.utils.data import DataLoader, RandomSampler, TensorDataset
    s = RandomSampler(range(10), generator=gen(0))
    i64("sampler.gen0.n10.3epochs", torch.tensor([x for _ in range(3) for x in list(s)]))
    s = RandomSampler(range(5), num_samples=12, generator=gen(2))
    i64("sampler.gen2.n5.ns12.2epochs", torch.tensor([x for _ in range(2) for x in list(s)]))
    s = RandomSampler(range(3), replacement=True, num_samples=40, generator=gen(3))
    i64("sampler.gen3.repl.n3.ns40.2epochs", torch.tensor([x for _ in range(2) for x in list(s)]))
    torch.manual_seed(4)
    s = RandomSampler(range(10))
    i64("sampler.global4.n10.3epochs", torch.tensor([x for _ in range(3) for x in list(s)]))
    ds = TensorDataset(torch.arange(10))
    dl = DataLoader(ds, batch_size=3, shuffle=True, generator=gen(0))
    i64("loader.gen0.n10.bs3.3epochs", torch.tensor([x for _ in range(3) for b in dl for x in b[0].tolist()]))
    torch.manual_seed(0)
    dl = DataLoader(ds, batch_size=4, shuffle=True)
    i64("loader.global0.n10.bs4.3epochs", torch.tensor([x for _ in range(3) for b in dl for x in b[0].tolist()]))
    from torch.utils.data import WeightedRandomSampler, random_split
    w = [0.1, 0.0, 2.0, 0.5, 1.0, 3.0, 0.25]
    for repl, ns, seed in ((True, 20, 5), (False, 4, 6), (True, 1, 7), (False, 1, 8), (False, 6, 9)):
        s = WeightedRandomSampler(w, ns, replacement=repl, generator=gen(seed))
        i64(f"weighted.gen{seed}.{'repl' if repl else 'norepl'}.ns{ns}.3epochs",
            torch.tensor([x for _ in range(3) for x in list(s)]))
    torch.manual_seed(10)
    s = WeightedRandomSampler(w, 15)
    i64("weighted.global10.repl.ns15.2epochs", torch.tensor([x for _ in range(2) for x in list(s)]))
    parts = random_split(range(20), [5, 15], generator=gen(42))
    i64("random_split.gen42.n20.5.15", torch.tensor([x for part in parts for x in part.indices]))
    parts = random_split(range(11), [0.3, 0.7], generator=gen(1))
    i64("random_split.gen1.n11.0.3.0.7.lengths", torch.tensor([len(part) for part in parts]))
    i64("random_split.gen1.n11.0.3.0.7", torch.tensor([x for part in parts for x in part.indices]))
    # torchvision 0.14's parameter draws (torchvision is not installed here; these are its get_params calls).
    torch.manual_seed(11)
    vals = [float(torch.empty(1).uniform_(-30.0, 45.0).item()) for _ in range(5)]  # RandomRotation angles
    out.write("transforms.seed11.rotation.m30.45 f32 5 " + " ".join(bits(torch.tensor(vals))) + "\n")
    torch.manual_seed(12)
    i64("transforms.seed12.flip.p0.3", torch.tensor([int(torch.rand(1) < 0.3) for _ in range(20)]))
    torch.manual_seed(13)
    i64("transforms.seed13.randint.0.17", torch.tensor([torch.randint(0, 17, size=(1,)).item() for _ in range(20)]))

    def rrc_params(height, width, scale, ratio):
        area = height * width
        log_ratio = torch.log(torch.tensor(ratio))
        for _ in range(10):
            target_area = area * torch.empty(1).uniform_(scale[0], scale[1]).item()
            aspect_ratio = torch.exp(torch.empty(1).uniform_(log_ratio[0], log_ratio[1])).item()
            w = int(round(math.sqrt(target_area * aspect_ratio)))
            h = int(round(math.sqrt(target_area / aspect_ratio)))
            if 0 < w <= width and 0 < h <= height:
                i = torch.randint(0, height - h + 1, size=(1,)).item()
                j = torch.randint(0, width - w + 1, size=(1,)).item()
                return [i, j, h, w]
        raise AssertionError("fallback not exercised here")

    torch.manual_seed(14)
    i64("transforms.seed14.rrc.32x48", torch.tensor([v for _ in range(8) for v in rrc_params(32, 48, (0.08, 1.0),
                                                                                              (3 / 4, 4 / 3))]))
    dl = DataLoader(TensorDataset(torch.arange(60000)), batch_size=100, shuffle=True, generator=gen(0))
    epochs = [[x for b in dl for x in b[0].tolist()] for _ in range(3)]
    for e in range(3):
        i64(f"loader.gen0.n60000.bs100.epoch{e}.head", torch.tensor(epochs[e][:300]))


if SECTION == "data":
    data_section()
    sys.exit(0)

# Raw words: int64 random_() is random64() % 2^63; seeds beyond 32 bits and negative ones show the truncation.
for seed in (0, 1, 42, 2**40 + 7, -3):
    i64(f"random64.seed{seed}", torch.empty(6, dtype=torch.int64).random_(generator=gen(seed)))

# Uniform floats: rand and uniform_(from, to).
for seed in (0, 1, 123456789):
    f32(f"rand.seed{seed}.n37", torch.rand(37, generator=gen(seed)))
f32("rand.seed0.2x3x4", torch.rand(2, 3, 4, generator=gen(0)))
f32("uniform.seed5.m0.3.0.7.n300", torch.empty(300).uniform_(-0.3, 0.7, generator=gen(5)))
f32("uniform.seed5.m1e-3.2.5.n50", torch.empty(50).uniform_(-1e-3, 2.5, generator=gen(5)))

# Normals: both paths (fewer than 16 values: double Box-Muller with a cached value; 16 or more: float AVX2 path),
# ragged tails, and the cache carried from one call to the next.
for n in (1, 2, 5, 15, 16, 17, 31, 32, 33, 100, 1000):
    f32(f"randn.seed0.n{n}", torch.randn(n, generator=gen(0)))
f32("randn.seed7.n20000", torch.randn(20000, generator=gen(7)))
g = gen(3)
f32("randn.seed3.seq.a5", torch.randn(5, generator=g))
f32("randn.seed3.seq.b3", torch.randn(3, generator=g))
f32("randn.seed3.seq.c40", torch.randn(40, generator=g))
f32("randn.seed3.seq.d1", torch.randn(1, generator=g))
f32("normal.seed9.m2.s0.5.n10", torch.empty(10).normal_(2.0, 0.5, generator=gen(9)))
f32("normal.seed9.m2.s0.5.n100", torch.empty(100).normal_(2.0, 0.5, generator=gen(9)))
f32("normal.seed9.m-0.1.s3.n50", torch.empty(50).normal_(-0.1, 3.0, generator=gen(9)))

# Integers.
i64("randint.seed0.0.10.n100", torch.randint(0, 10, (100,), generator=gen(0)))
i64("randint.seed0.m5.1000003.n50", torch.randint(-5, 1000003, (50,), generator=gen(0)))
i64("randint.seed0.0.2p40.n20", torch.randint(0, 2**40, (20,), generator=gen(0)))
i64("randint.seed1.3.4.n5", torch.randint(3, 4, (5,), generator=gen(1)))

# Permutations.
for n in (1, 2, 10, 1000):
    i64(f"randperm.seed0.n{n}", torch.randperm(n, generator=gen(0)))
p = torch.randperm(60000, generator=gen(0))
i64("randperm.seed0.n60000.head", p[:200])
i64("randperm.seed0.n60000.tail", p[-200:])
g = gen(0)
torch.randperm(60000, generator=g)
i64("randperm.seed0.n60000.second.head", torch.randperm(60000, generator=g)[:200])

# Bernoulli and dropout (torch's CPU dropout: bernoulli_(1 - p) on a float tensor, divided by 1 - p).
f32("bernoulli.seed0.p0.3.n200", torch.empty(200).bernoulli_(0.3, generator=gen(0)))
torch.manual_seed(11)
f32("dropout.seed11.p0.2.n300", F.dropout(torch.ones(300), 0.2, True))
torch.manual_seed(11)
f32("dropout.seed11.p0.3.x", F.dropout(torch.arange(60, dtype=torch.float32) * 0.125, 0.3, True))
torch.manual_seed(12)
f32("dropout2d.seed12.p0.4.4x6x2x2", F.dropout2d(torch.ones(4, 6, 2, 2), 0.4, True))

# nn.init, drawing from the default generator after torch.manual_seed.
torch.manual_seed(0)
f32("init.kaiming_uniform.seed0.7x5", nn.init.kaiming_uniform_(torch.empty(7, 5)))
torch.manual_seed(0)
f32("init.kaiming_uniform.seed0.a0.3.fan_out.relu.6x4x3", nn.init.kaiming_uniform_(torch.empty(6, 4, 3), a=0.3,
                                                                                  mode="fan_out", nonlinearity="relu"))
torch.manual_seed(1)
f32("init.kaiming_normal.seed1.50x30", nn.init.kaiming_normal_(torch.empty(50, 30)))
torch.manual_seed(1)
f32("init.kaiming_normal.seed1.3x4", nn.init.kaiming_normal_(torch.empty(3, 4)))
torch.manual_seed(2)
f32("init.xavier_uniform.seed2.30x20", nn.init.xavier_uniform_(torch.empty(30, 20)))
torch.manual_seed(2)
f32("init.xavier_normal.seed2.gain2.30x20", nn.init.xavier_normal_(torch.empty(30, 20), gain=2.0))
torch.manual_seed(4)
f32("init.uniform.seed4.m2.3.n40", nn.init.uniform_(torch.empty(40), -2.0, 3.0))
torch.manual_seed(4)
f32("init.normal.seed4.m1.s0.02.n40", nn.init.normal_(torch.empty(40), 1.0, 0.02))
torch.manual_seed(6)
f32("init.trunc_normal.seed6.s0.02.n500", nn.init.trunc_normal_(torch.empty(500), std=0.02))
torch.manual_seed(6)
f32("init.trunc_normal.seed6.m0.5.s1.a0.b2.n200", nn.init.trunc_normal_(torch.empty(200), 0.5, 1.0, 0.0, 2.0))
torch.manual_seed(8)
f32("init.orthogonal.seed8.6x10", nn.init.orthogonal_(torch.empty(6, 10)))
torch.manual_seed(8)
f32("init.orthogonal.seed8.gain2.12x5", nn.init.orthogonal_(torch.empty(12, 5), gain=2.0))

# Default layer initialisation.
torch.manual_seed(0)
lin = nn.Linear(20, 7)
f32("layer.linear.seed0.20x7.weight", lin.weight)
f32("layer.linear.seed0.20x7.bias", lin.bias)
torch.manual_seed(0)
lin = nn.Linear(784, 500)
big("layer.linear.seed0.784x500.weight", lin.weight, 97)
f32("layer.linear.seed0.784x500.bias", lin.bias)
torch.manual_seed(3)
conv = nn.Conv2d(3, 4, 3)
f32("layer.conv2d.seed3.3x4x3.weight", conv.weight)
f32("layer.conv2d.seed3.3x4x3.bias", conv.bias)
torch.manual_seed(5)
emb = nn.Embedding(10, 3)
f32("layer.embedding.seed5.10x3.weight", emb.weight)

# The bench models, built after torch.manual_seed(0) as torch_cpu_bench.py builds them.
torch.manual_seed(0)
mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 10))
for name, p in mlp.named_parameters():
    big(f"bench.mlp.seed0.{name}", p, 31)
torch.manual_seed(0)
convnet = nn.Sequential(
    nn.Conv2d(1, 16, 5, padding=2), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 5, padding=2), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(7 * 7 * 32, 10))
for name, p in convnet.named_parameters():
    big(f"bench.convnet.seed0.{name}", p, 7)

# More layers' default initialisation, parameter by parameter in named_parameters() order.
for name, seed, build, stride in (
        ("lstm.4x3", 1, lambda: nn.LSTM(4, 3), 1),
        ("gru.5x2", 2, lambda: nn.GRU(5, 2), 1),
        ("lstmcell.3x4", 3, lambda: nn.LSTMCell(3, 4), 1),
        ("mha.8.2", 4, lambda: nn.MultiheadAttention(8, 2), 1),
        ("convtranspose2d.3x2x3", 5, lambda: nn.ConvTranspose2d(3, 2, 3), 1),
        ("conv1d.2x3x4", 6, lambda: nn.Conv1d(2, 3, 4), 1),
        ("transformerencoderlayer.8.2", 7, lambda: nn.TransformerEncoderLayer(8, 2), 13)):
    torch.manual_seed(seed)
    m = build()
    for pname, p in m.named_parameters():
        big(f"module.{name}.seed{seed}.{pname}", p, stride)
