#!/usr/bin/python3
"""The first training losses of the bench accuracy run in torch (same seed, model, Adam and shuffle as
torch_cpu_bench.py --accuracy), to compare with the `first_losses` of `./nabla bench --accuracy`.

    /usr/bin/python3 tools/torch_first_losses.py --workload mlp --seed 0 --steps 20
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import torch_cpu_bench as bench  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--workload", default="mlp", choices=["mlp", "convnet"])
p.add_argument("--seed", type=int, default=0)
p.add_argument("--steps", type=int, default=20)
a = p.parse_args()
torch.set_num_threads(2)
torch.manual_seed(a.seed)
g = torch.Generator().manual_seed(a.seed)
model = {"mlp": bench.mlp, "convnet": bench.convnet}[a.workload]()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
xtr, ytr = bench.fashion_mnist("train")
perm = torch.randperm(xtr.shape[0], generator=g)
print("perm[:8]", perm[:8].tolist())
losses = []
model.train()
for s in range(a.steps):
    idx = perm[s * 100:(s + 1) * 100]
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
    loss.backward()
    opt.step()
    losses.append(round(loss.item(), 6))
print("first_losses", losses)
