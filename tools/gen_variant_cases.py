#!/usr/bin/env python3
"""Generate PyTorch 1.13 conformance cases for variants the shared reference file does not cover.

Same conventions as ../shared/conformance/torch-reference.jsonl (see README.md there): inputs drawn in float32,
computed in float64, values stored as float32 decimals; `output` is a tensor (or an object of named tensors for
several outputs); `grad_output` feeds backward of sum(output * grad_output); `grads` hold d/d(input) for every
name in requires_grad.

Usage: /usr/bin/python3 tools/gen_variant_cases.py > nabla-conformance/src/test/resources/variant-ops.jsonl
(or with an output path as the only argument). Deterministic: one fixed seed.
"""
import json
import sys

import torch
import torch.nn.functional as F

GEN = torch.Generator().manual_seed(20261124)
CASES = []


def f32(x):
    """A float64 tensor holding float32-representable values."""
    return x.to(torch.float32).to(torch.float64)


def rand(*shape, lo=-1.0, hi=1.0):
    return f32(torch.rand(tuple(shape), generator=GEN, dtype=torch.float64) * (hi - lo) + lo)


def randn(*shape, scale=1.0):
    return f32(torch.randn(tuple(shape), generator=GEN, dtype=torch.float64) * scale)


def randint(lo, hi, *shape):
    return torch.randint(lo, hi, shape, generator=GEN, dtype=torch.int64)


def mask(*shape, p=0.3):
    return torch.rand(tuple(shape), generator=GEN) < p


def encode(x):
    x = x.detach()
    if x.dtype == torch.bool:
        return {"shape": list(x.shape), "dtype": "bool", "data": [bool(v) for v in x.flatten().tolist()]}
    if x.dtype == torch.int64:
        return {"shape": list(x.shape), "dtype": "int64", "data": [int(v) for v in x.flatten().tolist()]}
    data = [float(f"{v:.9g}") for v in x.to(torch.float32).flatten().tolist()]
    return {"shape": list(x.shape), "dtype": "float32", "data": data}


def add(cid, op, kwargs, inputs, rg, fn, rtol=1e-4, atol=1e-5, single=True):
    """Run fn(leaves, kwargs) in float64, backpropagate a random grad_output, record the case."""
    leaves = {k: (v.clone().requires_grad_(True) if k in rg else v.clone()) for k, v in inputs.items()}
    out = fn(leaves)
    outs = {"output": out} if single else out
    total = None
    gos = {}
    for name, t in outs.items():
        if t.dtype.is_floating_point and t.requires_grad:
            go = rand(*t.shape)
            gos[name] = go
            term = (t * go).sum()
            total = term if total is None else total + term
    case = {"id": cid, "op": op, "kwargs": kwargs, "inputs": {k: encode(v) for k, v in inputs.items()},
            "requires_grad": list(rg), "rtol": rtol, "atol": atol}
    case["output"] = encode(out) if single else {k: encode(v) for k, v in outs.items()}
    if rg:
        total.backward()
        case["grad_output"] = encode(gos["output"]) if single else {k: encode(v) for k, v in gos.items()}
        case["grads"] = {k: encode(leaves[k].grad if leaves[k].grad is not None else torch.zeros_like(leaves[k]))
                         for k in rg}
    CASES.append(case)


def unary_cases():
    plain = {"neg": torch.neg, "exp": torch.exp, "abs": torch.abs, "relu": torch.relu, "sigmoid": torch.sigmoid,
             "tanh": torch.tanh, "silu": F.silu, "sin": torch.sin, "cos": torch.cos, "square": torch.square,
             "softplus": F.softplus}
    for name, fn in plain.items():
        add(f"unary/{name}_3x5", name, {}, {"input": rand(3, 5, lo=-3, hi=3)}, ["input"], lambda l, fn=fn: fn(l["input"]))
    for name, fn in {"log": torch.log, "sqrt": torch.sqrt, "rsqrt": torch.rsqrt, "reciprocal": torch.reciprocal}.items():
        add(f"unary/{name}_7", name, {}, {"input": rand(7, lo=0.2, hi=3)}, ["input"], lambda l, fn=fn: fn(l["input"]))
    x = lambda: rand(2, 3, 4, lo=-3, hi=3)
    add("unary/leaky_relu_0.2", "leaky_relu", {"negative_slope": 0.2}, {"input": x()}, ["input"],
        lambda l: F.leaky_relu(l["input"], 0.2))
    add("unary/leaky_relu_default", "leaky_relu", {}, {"input": x()}, ["input"], lambda l: F.leaky_relu(l["input"]))
    add("unary/elu_0.5", "elu", {"alpha": 0.5}, {"input": x()}, ["input"], lambda l: F.elu(l["input"], 0.5))
    add("unary/elu_2", "elu", {"alpha": 2.0}, {"input": x()}, ["input"], lambda l: F.elu(l["input"], 2.0))
    add("unary/gelu_none", "gelu", {"approximate": "none"}, {"input": x()}, ["input"],
        lambda l: F.gelu(l["input"], approximate="none"))
    add("unary/gelu_tanh_3d", "gelu", {"approximate": "tanh"}, {"input": x()}, ["input"],
        lambda l: F.gelu(l["input"], approximate="tanh"))
    add("unary/softplus_beta2_th1", "softplus", {"beta": 2.0, "threshold": 1.0}, {"input": x()}, ["input"],
        lambda l: F.softplus(l["input"], beta=2.0, threshold=1.0))
    add("unary/softplus_beta0.5", "softplus", {"beta": 0.5}, {"input": x()}, ["input"],
        lambda l: F.softplus(l["input"], beta=0.5))
    add("unary/clamp_min", "clamp", {"min": -0.3}, {"input": x()}, ["input"], lambda l: torch.clamp(l["input"], min=-0.3))
    add("unary/clamp_max", "clamp", {"max": 0.4}, {"input": x()}, ["input"], lambda l: torch.clamp(l["input"], max=0.4))
    add("unary/clamp_both", "clamp", {"min": -1.5, "max": 2.0}, {"input": x()}, ["input"],
        lambda l: torch.clamp(l["input"], min=-1.5, max=2.0))
    for e in (2.0, -1.0, 0.5, 1.5, 0.0):
        lo = 0.2 if e != int(e) or e < 0 else -2
        add(f"unary/pow_{e}", "pow", {"exponent": e}, {"input": rand(3, 4, lo=lo, hi=2)}, ["input"],
            lambda l, e=e: torch.pow(l["input"], e))
    acts = {
        "hardtanh": ({}, lambda t: F.hardtanh(t)),
        "hardtanh_range": ({"min_val": -0.5, "max_val": 2.0}, lambda t: F.hardtanh(t, -0.5, 2.0)),
        "relu6": ({}, F.relu6),
        "selu": ({}, F.selu),
        "celu": ({"alpha": 0.7}, lambda t: F.celu(t, 0.7)),
        "celu_default": ({}, F.celu),
        "mish": ({}, F.mish),
        "hardswish": ({}, F.hardswish),
        "hardsigmoid": ({}, F.hardsigmoid),
        "logsigmoid": ({}, F.logsigmoid),
        "softsign": ({}, F.softsign),
        "tanhshrink": ({}, F.tanhshrink),
        "threshold": ({"threshold": 0.5, "value": -2.0}, lambda t: F.threshold(t, 0.5, -2.0)),
        "softshrink": ({"lambd": 0.5}, lambda t: F.softshrink(t, 0.5)),
        "hardshrink": ({"lambd": 0.5}, lambda t: F.hardshrink(t, 0.5)),
    }
    for cid, (kw, fn) in acts.items():
        op = cid.split("_")[0] if cid.endswith(("_range", "_default")) else cid
        # Keep inputs away from the kinks (+-3, +-1, 0, 6, thresholds) so finite gradients are unambiguous.
        v = rand(3, 7, lo=-7, hi=7)
        v = torch.where((v.abs() - v.abs().round()).abs() < 0.05, v + 0.1, v)
        v = torch.where((v.abs() - 0.5).abs() < 0.05, v + 0.1, v)
        add(f"unary/{cid}", op, kw, {"input": f32(v)}, ["input"], lambda l, fn=fn: fn(l["input"]))


def binary_cases():
    shapes = [("scalar_rhs", (3, 4), ()), ("scalar_lhs", (), (2, 3)), ("row", (3, 4), (4,)),
              ("col", (3, 1), (3, 5)), ("both", (4, 1), (1, 5)), ("lead", (2, 1, 3), (4, 1)),
              ("lead4d", (2, 1, 3, 1), (3, 1, 4)), ("ones", (1, 1), (2, 3))]
    ops = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div,
           "maximum": torch.maximum, "minimum": torch.minimum}
    for i, (sname, sa, sb) in enumerate(shapes):
        for name, fn in ops.items():
            if (i + len(name)) % 2 == 0 and sname not in ("scalar_rhs", "both"):
                continue
            b = rand(*sb, lo=0.5, hi=2) if name == "div" else rand(*sb)
            add(f"binary/{name}_{sname}", name, {}, {"input": rand(*sa), "other": b}, ["input", "other"],
                lambda l, fn=fn: fn(l["input"], l["other"]))
    add("binary/add_alpha", "add", {"alpha": 2.5}, {"input": rand(3, 4), "other": rand(4)}, ["input", "other"],
        lambda l: torch.add(l["input"], l["other"], alpha=2.5))
    add("binary/sub_alpha", "sub", {"alpha": -0.5}, {"input": rand(3, 1), "other": rand(3, 4)}, ["input", "other"],
        lambda l: torch.sub(l["input"], l["other"], alpha=-0.5))
    add("binary/pow_broadcast", "pow", {}, {"input": rand(3, 4, lo=0.3, hi=2), "exponent": rand(4, lo=-2, hi=2)},
        ["input", "exponent"], lambda l: torch.pow(l["input"], l["exponent"]))
    add("binary/where_broadcast", "where", {}, {"condition": mask(3, 1, p=0.5), "input": rand(3, 4), "other": rand(4)},
        ["input", "other"], lambda l: torch.where(l["condition"], l["input"], l["other"]))
    add("binary/where_cond_bcast", "where", {}, {"condition": mask(2, 3, 4, p=0.5), "input": rand(3, 4),
                                                 "other": rand(2, 1, 1)},
        ["input", "other"], lambda l: torch.where(l["condition"], l["input"], l["other"]))
    add("binary/maximum_ties", "maximum", {}, {"input": torch.tensor([[1.0, 2.0, -1.0], [0.5, 0.5, 3.0]],
                                                                        dtype=torch.float64),
                                               "other": torch.tensor([[1.0, 1.0, -1.0], [0.5, 2.0, 0.0]],
                                                                     dtype=torch.float64)},
        ["input", "other"], lambda l: torch.maximum(l["input"], l["other"]))


def reduce_cases():
    x = lambda: rand(2, 3, 4, 5) if False else rand(3, 4, 5)
    for op, fn in {"sum": torch.sum, "mean": torch.mean}.items():
        add(f"reduce/{op}_dims_-1_0_keep", op, {"dim": [-1, 0], "keepdim": True}, {"input": x()}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=[-1, 0], keepdim=True))
        add(f"reduce/{op}_dim2", op, {"dim": 2}, {"input": x()}, ["input"], lambda l, fn=fn: fn(l["input"], dim=2))
        add(f"reduce/{op}_4d_1_3", op, {"dim": [1, 3], "keepdim": False}, {"input": rand(2, 3, 2, 4)}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=[1, 3]))
    for op, fn in {"amax": torch.amax, "amin": torch.amin}.items():
        add(f"reduce/{op}_dims_0_2_keep", op, {"dim": [0, 2], "keepdim": True}, {"input": x()}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=[0, 2], keepdim=True))
        add(f"reduce/{op}_dim-1", op, {"dim": -1, "keepdim": False}, {"input": x()}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=-1))
        add(f"reduce/{op}_all", op, {}, {"input": x()}, ["input"], lambda l, fn=fn: fn(l["input"]))
    for op, fn in {"max": torch.max, "min": torch.min}.items():
        add(f"reduce/{op}_dim0", op, {"dim": 0}, {"input": x()}, ["input"], lambda l, fn=fn: fn(l["input"], dim=0)[0])
        add(f"reduce/{op}_dim-1_keep", op, {"dim": -1, "keepdim": True}, {"input": x()}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=-1, keepdim=True)[0])
        add(f"reduce/{op}_all", op, {}, {"input": x()}, ["input"], lambda l, fn=fn: fn(l["input"]))
    add("reduce/argmax_all", "argmax", {}, {"input": x()}, [], lambda l: torch.argmax(l["input"]))
    add("reduce/argmax_dim-1_keep", "argmax", {"dim": -1, "keepdim": True}, {"input": x()}, [],
        lambda l: torch.argmax(l["input"], dim=-1, keepdim=True))
    add("reduce/argmin_dim0", "argmin", {"dim": 0}, {"input": x()}, [], lambda l: torch.argmin(l["input"], dim=0))
    add("reduce/argmin_all", "argmin", {}, {"input": x()}, [], lambda l: torch.argmin(l["input"]))
    add("reduce/logsumexp_dim0_keep", "logsumexp", {"dim": 0, "keepdim": True}, {"input": x()}, ["input"],
        lambda l: torch.logsumexp(l["input"], dim=0, keepdim=True))
    add("reduce/logsumexp_dims_1_2", "logsumexp", {"dim": [1, 2]}, {"input": x()}, ["input"],
        lambda l: torch.logsumexp(l["input"], dim=[1, 2]))
    add("reduce/logsumexp_large", "logsumexp", {"dim": -1}, {"input": rand(3, 5, lo=-200, hi=200)}, ["input"],
        lambda l: torch.logsumexp(l["input"], dim=-1), rtol=1e-3)
    for op, fn in {"var": torch.var, "std": torch.std}.items():
        add(f"reduce/{op}_all", op, {}, {"input": x()}, ["input"], lambda l, fn=fn: fn(l["input"]))
        add(f"reduce/{op}_dim0_biased", op, {"dim": 0, "unbiased": False}, {"input": x()}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=0, unbiased=False))
        add(f"reduce/{op}_dims_keep", op, {"dim": [0, 2], "unbiased": True, "keepdim": True}, {"input": x()},
            ["input"], lambda l, fn=fn: fn(l["input"], dim=[0, 2], unbiased=True, keepdim=True))
        for corr in (0, 2):
            add(f"reduce/{op}_correction{corr}", op, {"dim": 1, "correction": corr}, {"input": x()}, ["input"],
                lambda l, fn=fn, corr=corr: fn(l["input"], dim=1, correction=corr))
    for p, pj in ((1.0, 1.0), (3.0, 3.0), (float("inf"), "inf"), (0.5, 0.5)):
        add(f"reduce/norm_p{pj}_dim1", "norm", {"p": pj, "dim": 1}, {"input": x()}, ["input"],
            lambda l, p=p: torch.norm(l["input"], p=p, dim=1))
    add("reduce/norm_fro_all", "norm", {"p": "fro"}, {"input": x()}, ["input"], lambda l: torch.norm(l["input"], p="fro"))
    add("reduce/norm_p2_keep", "norm", {"p": 2, "dim": [0, 2], "keepdim": True}, {"input": x()}, ["input"],
        lambda l: torch.norm(l["input"], p=2, dim=[0, 2], keepdim=True))
    add("reduce/norm_p1_all", "norm", {"p": 1}, {"input": x()}, ["input"], lambda l: torch.norm(l["input"], p=1))
    for op, fn in {"softmax": F.softmax, "log_softmax": F.log_softmax}.items():
        for d in (0, 1, -2):
            add(f"reduce/{op}_dim{d}", op, {"dim": d}, {"input": rand(2, 3, 4, lo=-3, hi=3)}, ["input"],
                lambda l, fn=fn, d=d: fn(l["input"], dim=d))
        add(f"reduce/{op}_large", op, {"dim": 1}, {"input": rand(3, 6, lo=-150, hi=150)}, ["input"],
            lambda l, fn=fn: fn(l["input"], dim=1), rtol=1e-3)


def linalg_cases():
    pairs = [("1d_1d", (6,), (6,)), ("1d_2d", (6,), (6, 4)), ("2d_1d", (3, 6), (6,)), ("3d_1d", (2, 3, 6), (6,)),
             ("1d_3d", (6,), (2, 6, 4)), ("2d_3d", (3, 6), (2, 6, 4)), ("4d_3d", (2, 1, 3, 6), (3, 6, 4)),
             ("4d_4d", (2, 2, 3, 5), (2, 2, 5, 3)), ("3d_4d", (3, 4, 5), (2, 1, 5, 2))]
    for name, sa, sb in pairs:
        add(f"linalg/matmul_{name}", "matmul", {}, {"input": rand(*sa), "other": rand(*sb)}, ["input", "other"],
            lambda l: torch.matmul(l["input"], l["other"]))
    add("linalg/mm", "mm", {}, {"input": rand(3, 5), "mat2": rand(5, 4)}, ["input", "mat2"],
        lambda l: torch.mm(l["input"], l["mat2"]))
    add("linalg/linear_nobias", "linear", {}, {"input": rand(4, 6), "weight": rand(3, 6)}, ["input", "weight"],
        lambda l: F.linear(l["input"], l["weight"]))
    add("linalg/linear_1d", "linear", {}, {"input": rand(6), "weight": rand(3, 6), "bias": rand(3)},
        ["input", "weight", "bias"], lambda l: F.linear(l["input"], l["weight"], l["bias"]))
    add("linalg/linear_4d", "linear", {}, {"input": rand(2, 2, 3, 5), "weight": rand(4, 5), "bias": rand(4)},
        ["input", "weight", "bias"], lambda l: F.linear(l["input"], l["weight"], l["bias"]))
    add("linalg/addmm_beta_alpha", "addmm", {"beta": 0.5, "alpha": 2.0},
        {"input": rand(4, 1), "mat1": rand(4, 6), "mat2": rand(6, 5)}, ["input", "mat1", "mat2"],
        lambda l: torch.addmm(l["input"], l["mat1"], l["mat2"], beta=0.5, alpha=2.0))
    add("linalg/addmm_full", "addmm", {}, {"input": rand(4, 5), "mat1": rand(4, 6), "mat2": rand(6, 5)},
        ["input", "mat1", "mat2"], lambda l: torch.addmm(l["input"], l["mat1"], l["mat2"]))


def shape_cases():
    add("shape/reshape_infer", "reshape", {"shape": [-1, 6]}, {"input": rand(2, 3, 4)}, ["input"],
        lambda l: l["input"].reshape(-1, 6))
    add("shape/reshape_permuted", "reshape", {"shape": [4, 6]}, {"input": rand(2, 3, 4)}, ["input"],
        lambda l: l["input"].reshape(4, 6))
    add("shape/view", "view", {"shape": [3, -1]}, {"input": rand(3, 2, 2)}, ["input"], lambda l: l["input"].view(3, -1))
    add("shape/permute_neg", "permute", {"dims": [-1, 0, -2]}, {"input": rand(2, 3, 4)}, ["input"],
        lambda l: l["input"].permute(-1, 0, -2))
    add("shape/permute_4d", "permute", {"dims": [0, 2, 3, 1]}, {"input": rand(2, 3, 2, 4)}, ["input"],
        lambda l: l["input"].permute(0, 2, 3, 1))
    add("shape/transpose_neg", "transpose", {"dim0": -1, "dim1": -2}, {"input": rand(2, 3, 4)}, ["input"],
        lambda l: l["input"].transpose(-1, -2))
    add("shape/cat_neg3", "cat", {"dim": -1}, {"a": rand(2, 3, 2), "b": rand(2, 3, 1), "c": rand(2, 3, 4)},
        ["a", "b", "c"], lambda l: torch.cat([l["a"], l["b"], l["c"]], dim=-1))
    add("shape/cat_dim0", "cat", {"dim": 0}, {"a": rand(1, 4), "b": rand(3, 4)}, ["a", "b"],
        lambda l: torch.cat([l["a"], l["b"]], dim=0))
    add("shape/stack_neg1", "stack", {"dim": -1}, {"a": rand(2, 3), "b": rand(2, 3), "c": rand(2, 3)},
        ["a", "b", "c"], lambda l: torch.stack([l["a"], l["b"], l["c"]], dim=-1))
    add("shape/stack_dim0", "stack", {"dim": 0}, {"a": rand(3, 2), "b": rand(3, 2)}, ["a", "b"],
        lambda l: torch.stack([l["a"], l["b"]], dim=0))
    for cid, kw, shp in [("slice_step3", {"dim": 0, "start": 0, "end": 7, "step": 3}, (7, 3)),
                         ("slice_neg_start", {"dim": 1, "start": -4, "end": -1, "step": 1}, (2, 6)),
                         ("slice_end_past", {"dim": -1, "start": 2, "end": 100, "step": 2}, (3, 7)),
                         ("slice_3d", {"dim": 2, "start": 1, "end": 5, "step": 2}, (2, 2, 6))]:
        d, s, e, st = kw["dim"], kw["start"], kw["end"], kw["step"]
        add(f"shape/{cid}", "slice", kw, {"input": rand(*shp)}, ["input"],
            lambda l, d=d, s=s, e=e, st=st: l["input"][(slice(None),) * (d % l["input"].dim()) + (slice(s, e, st),)])
    add("shape/narrow", "narrow", {"dim": 1, "start": 1, "length": 2}, {"input": rand(3, 5)}, ["input"],
        lambda l: l["input"].narrow(1, 1, 2))
    add("shape/narrow_neg", "narrow", {"dim": -1, "start": -3, "length": 2}, {"input": rand(2, 3, 5)}, ["input"],
        lambda l: l["input"].narrow(-1, -3, 2))
    add("shape/index_select_dim1", "index_select", {"dim": 1}, {"input": rand(3, 5), "index": torch.tensor([4, 0, 0, 2])},
        ["input"], lambda l: torch.index_select(l["input"], 1, l["index"]))
    add("shape/index_select_dim-1_3d", "index_select", {"dim": -1},
        {"input": rand(2, 3, 4), "index": torch.tensor([3, 1])}, ["input"],
        lambda l: torch.index_select(l["input"], -1, l["index"]))
    add("shape/gather_dim0", "gather", {"dim": 0}, {"input": rand(4, 3), "index": randint(0, 4, 2, 3)}, ["input"],
        lambda l: torch.gather(l["input"], 0, l["index"]))
    add("shape/gather_3d_dim-1", "gather", {"dim": -1}, {"input": rand(2, 3, 5), "index": randint(0, 5, 2, 2, 3)},
        ["input"], lambda l: torch.gather(l["input"], -1, l["index"]))
    add("shape/scatter_add_dim0", "scatter_add", {"dim": 0},
        {"input": rand(3, 4), "index": randint(0, 3, 2, 4), "src": rand(2, 4)}, ["input", "src"],
        lambda l: torch.scatter_add(l["input"], 0, l["index"], l["src"]))
    add("shape/scatter_add_dim1", "scatter_add", {"dim": 1},
        {"input": rand(2, 5), "index": randint(0, 5, 2, 3), "src": rand(2, 3)}, ["input", "src"],
        lambda l: torch.scatter_add(l["input"], 1, l["index"], l["src"]))
    add("shape/masked_fill", "masked_fill", {"value": -2.5}, {"input": rand(3, 4), "mask": mask(4, p=0.5)}, ["input"],
        lambda l: l["input"].masked_fill(l["mask"], -2.5))
    for cid, kw, shp in [("pad_const_value", {"pad": [2, 1], "mode": "constant", "value": 1.5}, (2, 3, 4)),
                         ("pad_const_neg", {"pad": [-1, 2, 1, 0]}, (1, 2, 3, 4)),
                         ("pad_const_3dims", {"pad": [1, 0, 0, 1, 1, 1]}, (2, 2, 3, 2)),
                         ("pad_reflect_1d", {"pad": [2, 1], "mode": "reflect"}, (2, 2, 5)),
                         ("pad_reflect_2d", {"pad": [1, 2, 2, 1], "mode": "reflect"}, (1, 2, 4, 4)),
                         ("pad_replicate_1d", {"pad": [3, 1], "mode": "replicate"}, (2, 2, 4)),
                         ("pad_replicate_2d", {"pad": [1, 0, 2, 3], "mode": "replicate"}, (1, 2, 3, 4)),
                         ("pad_circular_1d", {"pad": [2, 1], "mode": "circular"}, (2, 2, 4)),
                         ("pad_circular_2d", {"pad": [1, 1, 2, 0], "mode": "circular"}, (1, 2, 3, 4))]:
        add(f"shape/{cid}", "pad", kw, {"input": rand(*shp)}, ["input"],
            lambda l, kw=kw: F.pad(l["input"], kw["pad"], mode=kw.get("mode", "constant"), value=kw.get("value", 0.0))
            if kw.get("mode", "constant") == "constant" else F.pad(l["input"], kw["pad"], mode=kw["mode"]))
    add("shape/flatten_mid", "flatten", {"start_dim": 1, "end_dim": 2}, {"input": rand(2, 3, 2, 2)}, ["input"],
        lambda l: torch.flatten(l["input"], 1, 2))
    add("shape/flatten_all", "flatten", {}, {"input": rand(2, 3, 2)}, ["input"], lambda l: torch.flatten(l["input"]))
    add("shape/flatten_neg", "flatten", {"start_dim": -2}, {"input": rand(2, 3, 2)}, ["input"],
        lambda l: torch.flatten(l["input"], -2))
    add("shape/repeat", "repeat", {"repeats": [2, 1, 3]}, {"input": rand(2, 3)}, ["input"],
        lambda l: l["input"].repeat(2, 1, 3))
    add("shape/repeat_same_rank", "repeat", {"repeats": [3, 2]}, {"input": rand(2, 2)}, ["input"],
        lambda l: l["input"].repeat(3, 2))
    add("shape/expand_minus1", "expand", {"size": [-1, 4, -1]}, {"input": rand(2, 1, 3)}, ["input"],
        lambda l: l["input"].expand(-1, 4, -1))
    add("shape/expand_new_dims", "expand", {"size": [2, 3, 4]}, {"input": rand(4)}, ["input"],
        lambda l: l["input"].expand(2, 3, 4))
    add("shape/squeeze_dim", "squeeze", {"dim": 1}, {"input": rand(2, 1, 3)}, ["input"], lambda l: l["input"].squeeze(1))
    add("shape/squeeze_all", "squeeze", {}, {"input": rand(1, 3, 1, 2)}, ["input"], lambda l: l["input"].squeeze())
    add("shape/unsqueeze_neg", "unsqueeze", {"dim": -1}, {"input": rand(2, 3)}, ["input"],
        lambda l: l["input"].unsqueeze(-1))
    add("shape/repeat_interleave_dim1", "repeat_interleave", {"repeats": 2, "dim": 1}, {"input": rand(2, 3)},
        ["input"], lambda l: torch.repeat_interleave(l["input"], 2, dim=1))
    add("shape/unsqueeze_mul_3", "unsqueeze_mul", {}, {"input": rand(3, 5)}, ["input"],
        lambda l: l["input"].unsqueeze(1) * l["input"].unsqueeze(2))


def conv_cases():
    c1 = [("conv1d_stride2_dil2", {"stride": 2, "padding": 2, "dilation": 2, "groups": 1}, (2, 2, 11), (3, 2, 3), True),
          ("conv1d_groups2_nobias", {"stride": 1, "padding": 0, "groups": 2}, (2, 4, 7), (4, 2, 3), False),
          ("conv1d_same", {"padding": "same"}, (2, 2, 9), (3, 2, 4), True),
          ("conv1d_same_dil", {"padding": "same", "dilation": 2}, (1, 2, 9), (3, 2, 3), True),
          ("conv1d_valid", {"padding": "valid", "stride": 2}, (2, 2, 9), (3, 2, 3), True),
          ("conv1d_depthwise", {"padding": 1, "groups": 3}, (2, 3, 6), (6, 1, 3), True),
          ("conv1d_tuple", {"stride": [2], "padding": [1]}, (2, 2, 8), (3, 2, 3), True)]
    for cid, kw, si, sw, bias in c1:
        ins = {"input": rand(*si), "weight": rand(*sw)}
        if bias:
            ins["bias"] = rand(sw[0])
        add(f"conv/{cid}", "conv1d", kw, ins, list(ins), lambda l, kw=kw: F.conv1d(l["input"], l["weight"], l.get("bias"), **kw))
    c2 = [("conv2d_tuple_stride_pad", {"stride": [2, 1], "padding": [1, 2], "dilation": 1, "groups": 1},
           (2, 2, 7, 6), (3, 2, 3, 3), True),
          ("conv2d_rect_kernel", {"stride": 1, "padding": [0, 1]}, (1, 2, 6, 5), (4, 2, 2, 3), True),
          ("conv2d_dil_tuple", {"dilation": [2, 1], "padding": [2, 1]}, (2, 2, 6, 6), (2, 2, 3, 3), True),
          ("conv2d_groups3_stride2", {"stride": 2, "padding": 1, "groups": 3}, (1, 6, 7, 7), (6, 2, 3, 3), False),
          ("conv2d_depthwise", {"padding": 1, "groups": 4}, (2, 4, 5, 5), (4, 1, 3, 3), True),
          ("conv2d_same", {"padding": "same"}, (2, 2, 6, 5), (3, 2, 3, 2), True),
          ("conv2d_same_dil", {"padding": "same", "dilation": 2}, (1, 2, 7, 7), (2, 2, 3, 3), False),
          ("conv2d_valid", {"padding": "valid"}, (2, 2, 5, 6), (3, 2, 2, 2), True),
          ("conv2d_stride3_odd", {"stride": 3, "padding": 1}, (2, 1, 8, 7), (2, 1, 3, 3), True)]
    for cid, kw, si, sw, bias in c2:
        ins = {"input": rand(*si), "weight": rand(*sw)}
        if bias:
            ins["bias"] = rand(sw[0])
        add(f"conv/{cid}", "conv2d", kw, ins, list(ins), lambda l, kw=kw: F.conv2d(l["input"], l["weight"], l.get("bias"), **kw))
    t1 = [("conv_transpose1d_s2", {"stride": 2, "padding": 0, "output_padding": 0}, (2, 3, 5), (3, 2, 3), True),
          ("conv_transpose1d_s3_p1_op2", {"stride": 3, "padding": 1, "output_padding": 2}, (2, 2, 4), (2, 3, 3), True),
          ("conv_transpose1d_groups_dil", {"stride": 1, "padding": 1, "groups": 2, "dilation": 2}, (1, 4, 5),
           (4, 1, 3), False)]
    for cid, kw, si, sw, bias in t1:
        ins = {"input": rand(*si), "weight": rand(*sw)}
        if bias:
            ins["bias"] = rand(sw[1] * kw.get("groups", 1))
        add(f"conv/{cid}", "conv_transpose1d", kw, ins, list(ins),
            lambda l, kw=kw: F.conv_transpose1d(l["input"], l["weight"], l.get("bias"), **kw))
    t2 = [("conv_transpose2d_groups2", {"stride": 2, "padding": 1, "output_padding": 1, "groups": 2},
           (1, 4, 3, 3), (4, 2, 3, 3), True),
          ("conv_transpose2d_tuple", {"stride": [2, 1], "padding": [0, 1], "output_padding": [1, 0]},
           (2, 2, 3, 4), (2, 3, 2, 3), True),
          ("conv_transpose2d_dil2_nobias", {"stride": 1, "padding": 0, "dilation": 2}, (1, 2, 4, 3), (2, 2, 3, 3),
           False),
          ("conv_transpose2d_s3", {"stride": 3, "padding": 2, "output_padding": 2}, (1, 2, 3, 3), (2, 1, 4, 4),
           True)]
    for cid, kw, si, sw, bias in t2:
        ins = {"input": rand(*si), "weight": rand(*sw)}
        if bias:
            ins["bias"] = rand(sw[1] * kw.get("groups", 1))
        add(f"conv/{cid}", "conv_transpose2d", kw, ins, list(ins),
            lambda l, kw=kw: F.conv_transpose2d(l["input"], l["weight"], l.get("bias"), **kw))


def pool_cases():
    x = lambda *s: rand(*s)
    mp2 = [("k3_s2_ceil", {"kernel_size": 3, "stride": 2, "padding": 0, "ceil_mode": True}, (2, 2, 7, 8)),
           ("k2_default_stride", {"kernel_size": 2}, (1, 2, 6, 5)),
           ("k3_dil2", {"kernel_size": 3, "stride": 1, "padding": 1, "dilation": 2}, (1, 2, 7, 7)),
           ("rect", {"kernel_size": [2, 3], "stride": [1, 2], "padding": [1, 1]}, (2, 1, 5, 7)),
           ("ceil_pad", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}, (1, 2, 6, 6))]
    for cid, kw, s in mp2:
        add(f"pool/max_pool2d_{cid}", "max_pool2d", kw, {"input": x(*s)}, ["input"],
            lambda l, kw=kw: F.max_pool2d(l["input"], **kw))
    add("pool/max_pool2d_3d_input", "max_pool2d", {"kernel_size": 2, "stride": 2}, {"input": x(2, 4, 6)}, ["input"],
        lambda l: F.max_pool2d(l["input"], 2, 2))
    add("pool/max_pool2d_return_indices", "max_pool2d", {"kernel_size": 2, "stride": 2, "return_indices": True},
        {"input": x(1, 2, 4, 6)}, ["input"],
        lambda l: dict(zip(("output", "indices"), F.max_pool2d(l["input"], 2, 2, return_indices=True))), single=False)
    ap2 = [("ceil", {"kernel_size": 3, "stride": 2, "padding": 0, "ceil_mode": True}, (2, 2, 7, 8)),
           ("no_count_pad", {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False}, (1, 2, 7, 7)),
           ("divisor", {"kernel_size": 2, "stride": 2, "divisor_override": 3}, (1, 2, 6, 6)),
           ("ceil_pad_count", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}, (1, 2, 6, 6)),
           ("ceil_pad_nocount", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True,
                                 "count_include_pad": False}, (1, 2, 6, 6)),
           ("rect", {"kernel_size": [3, 2], "stride": [2, 1], "padding": [1, 0]}, (2, 1, 6, 5)),
           ("default_stride", {"kernel_size": 3}, (1, 2, 7, 6))]
    for cid, kw, s in ap2:
        add(f"pool/avg_pool2d_{cid}", "avg_pool2d", kw, {"input": x(*s)}, ["input"],
            lambda l, kw=kw: F.avg_pool2d(l["input"], **kw))
    mp1 = [("k3s2", {"kernel_size": 3, "stride": 2}, (2, 2, 9)),
           ("ceil_pad", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}, (2, 2, 8)),
           ("dil", {"kernel_size": 2, "stride": 1, "dilation": 3}, (1, 2, 8))]
    for cid, kw, s in mp1:
        add(f"pool/max_pool1d_{cid}", "max_pool1d", kw, {"input": x(*s)}, ["input"],
            lambda l, kw=kw: F.max_pool1d(l["input"], **kw))
    ap1 = [("k3s2", {"kernel_size": 3, "stride": 2}, (2, 2, 9)),
           ("pad_nocount", {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False}, (2, 2, 8)),
           ("ceil", {"kernel_size": 2, "stride": 2, "ceil_mode": True}, (1, 2, 7))]
    for cid, kw, s in ap1:
        add(f"pool/avg_pool1d_{cid}", "avg_pool1d", kw, {"input": x(*s)}, ["input"],
            lambda l, kw=kw: F.avg_pool1d(l["input"], **kw))
    for cid, size, s in [("5x7_to_3x4", [3, 4], (2, 2, 5, 7)), ("int", 3, (1, 2, 7, 5)),
                         ("none", [None, 2], (1, 2, 4, 5)), ("up", [6, 4], (1, 1, 4, 3))]:
        add(f"pool/adaptive_avg_pool2d_{cid}", "adaptive_avg_pool2d", {"output_size": size}, {"input": x(*s)},
            ["input"], lambda l, size=size: F.adaptive_avg_pool2d(l["input"], size))
        add(f"pool/adaptive_max_pool2d_{cid}", "adaptive_max_pool2d", {"output_size": size}, {"input": x(*s)},
            ["input"], lambda l, size=size: F.adaptive_max_pool2d(l["input"], size))
    for n in (3, 4):
        add(f"pool/adaptive_avg_pool1d_{n}", "adaptive_avg_pool1d", {"output_size": n}, {"input": x(2, 2, 7)},
            ["input"], lambda l, n=n: F.adaptive_avg_pool1d(l["input"], n))
        add(f"pool/adaptive_max_pool1d_{n}", "adaptive_max_pool1d", {"output_size": n}, {"input": x(2, 2, 7)},
            ["input"], lambda l, n=n: F.adaptive_max_pool1d(l["input"], n))
    ip = [("nearest_size", {"size": [5, 7], "mode": "nearest"}, (1, 2, 3, 4)),
          ("nearest_down", {"size": [2, 3], "mode": "nearest"}, (1, 2, 5, 7)),
          ("nearest_scale_tuple", {"scale_factor": [2.0, 3.0], "mode": "nearest"}, (1, 2, 2, 3)),
          ("nearest_scale_frac", {"scale_factor": 1.5, "mode": "nearest"}, (1, 1, 4, 4)),
          ("bilinear_ac", {"size": [5, 6], "mode": "bilinear", "align_corners": True}, (2, 1, 3, 4)),
          ("bilinear_scale", {"scale_factor": 2.0, "mode": "bilinear", "align_corners": False}, (1, 2, 3, 3)),
          ("bilinear_down", {"size": [3, 2], "mode": "bilinear", "align_corners": False}, (1, 2, 5, 5)),
          ("bilinear_scale_ac", {"scale_factor": 2.0, "mode": "bilinear", "align_corners": True}, (1, 1, 3, 2)),
          ("bilinear_scale_frac", {"scale_factor": 1.7, "mode": "bilinear", "align_corners": False}, (1, 1, 3, 4)),
          ("bilinear_recompute", {"scale_factor": 1.7, "mode": "bilinear", "align_corners": False,
                                  "recompute_scale_factor": True}, (1, 1, 3, 4)),
          ("linear_1d", {"size": 7, "mode": "linear", "align_corners": False}, (2, 2, 4)),
          ("linear_1d_ac", {"scale_factor": 2.0, "mode": "linear", "align_corners": True}, (1, 2, 4)),
          ("nearest_1d", {"scale_factor": 2.0, "mode": "nearest"}, (1, 2, 3)),
          ("bicubic", {"size": [5, 6], "mode": "bicubic", "align_corners": False}, (1, 1, 4, 4)),
          ("bicubic_ac", {"size": [5, 6], "mode": "bicubic", "align_corners": True}, (1, 1, 3, 4)),
          ("nearest_exact", {"size": [5, 3], "mode": "nearest-exact"}, (1, 1, 3, 4)),
          ("area", {"size": [2, 3], "mode": "area"}, (1, 2, 5, 7))]
    for cid, kw, s in ip:
        add(f"pool/interpolate_{cid}", "interpolate", kw, {"input": x(*s)}, ["input"],
            lambda l, kw=kw: F.interpolate(l["input"], **kw))


def norm_cases():
    def bn(cid, shape, affine, train, momentum=0.1, eps=1e-5):
        c = shape[1]
        ins = {"input": rand(*shape, lo=-2, hi=2)}
        if affine:
            ins["weight"] = rand(c, lo=0.5, hi=1.5)
            ins["bias"] = rand(c)
        ins["running_mean"] = rand(c)
        ins["running_var"] = rand(c, lo=0.5, hi=1.5)
        rg = ["input"] + (["weight", "bias"] if affine else [])
        kw = {"momentum": momentum, "eps": eps} if train else {"eps": eps}

        def fn(l):
            rm, rv = l["running_mean"].clone(), l["running_var"].clone()
            out = F.batch_norm(l["input"], rm, rv, l.get("weight"), l.get("bias"), training=train,
                               momentum=momentum, eps=eps)
            return {"out": out, "running_mean": rm, "running_var": rv} if train else out
        add(f"norm/{cid}", "batch_norm", kw, ins, rg, fn, rtol=1e-3, atol=1e-4, single=not train)
    add("norm/batch_norm_train_no_running_stats", "batch_norm", {"training": True, "momentum": 0.1, "eps": 1e-5},
        {"input": rand(4, 3, lo=-2, hi=2), "weight": rand(3, lo=0.5, hi=1.5), "bias": rand(3)},
        ["input", "weight", "bias"], lambda l: F.batch_norm(l["input"], None, None, l["weight"], l["bias"], True),
        rtol=1e-3, atol=1e-4)
    bn("batch_norm_train_3d_noaffine", (3, 2, 4), False, True)
    bn("batch_norm_train_2d_mom0.3", (2, 3, 2, 3), True, True, momentum=0.3, eps=1e-3)
    bn("batch_norm_train_1d_affine", (5, 4), True, True)
    bn("batch_norm_eval_noaffine", (2, 3, 2, 2), False, False)
    bn("batch_norm_eval_3d", (2, 3, 5), True, False, eps=1e-3)
    for cid, shape, ns, affine, eps in [("layer_norm_2dims", (2, 3, 4), [3, 4], True, 1e-5),
                                        ("layer_norm_noaffine", (3, 5), [5], False, 1e-5),
                                        ("layer_norm_eps", (2, 2, 6), [6], True, 1e-3),
                                        ("layer_norm_3dims", (2, 2, 3, 2), [2, 3, 2], True, 1e-5)]:
        ins = {"input": rand(*shape, lo=-2, hi=2)}
        if affine:
            ins["weight"] = rand(*ns, lo=0.5, hi=1.5)
            ins["bias"] = rand(*ns)
        add(f"norm/{cid}", "layer_norm", {"normalized_shape": ns, "eps": eps}, ins, list(ins),
            lambda l, ns=ns, eps=eps: F.layer_norm(l["input"], ns, l.get("weight"), l.get("bias"), eps),
            rtol=1e-3, atol=1e-4)
    for cid, shape, g, affine in [("group_norm_1group", (2, 4, 3), 1, True), ("group_norm_per_channel", (2, 3, 2, 2), 3, True),
                                  ("group_norm_noaffine", (2, 6, 2, 2), 3, False), ("group_norm_2d_input", (3, 4), 2, True),
                                  ("group_norm_5d", (1, 4, 2, 2, 2), 2, True)]:
        ins = {"input": rand(*shape, lo=-2, hi=2)}
        if affine:
            ins["weight"] = rand(shape[1], lo=0.5, hi=1.5)
            ins["bias"] = rand(shape[1])
        add(f"norm/{cid}", "group_norm", {"num_groups": g, "eps": 1e-5}, ins, list(ins),
            lambda l, g=g: F.group_norm(l["input"], g, l.get("weight"), l.get("bias"), 1e-5), rtol=1e-3, atol=1e-4)
    for cid, shape, affine in [("instance_norm_2d", (2, 3, 3, 3), True), ("instance_norm_1d_noaffine", (2, 3, 5), False)]:
        ins = {"input": rand(*shape, lo=-2, hi=2)}
        if affine:
            ins["weight"] = rand(shape[1], lo=0.5, hi=1.5)
            ins["bias"] = rand(shape[1])
        add(f"norm/{cid}", "instance_norm", {"eps": 1e-5}, ins, list(ins),
            lambda l: F.instance_norm(l["input"], weight=l.get("weight"), bias=l.get("bias"), eps=1e-5),
            rtol=1e-3, atol=1e-4)


def embed_cases():
    add("embed/embedding_3d_idx", "embedding", {}, {"input": randint(0, 7, 2, 2, 3), "weight": rand(7, 3)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"]))
    add("embed/embedding_padding_idx_neg", "embedding", {"padding_idx": -1},
        {"input": torch.tensor([[6, 1, 6], [2, 6, 0]]), "weight": rand(7, 3)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"], padding_idx=-1))
    add("embed/embedding_padding_idx_3", "embedding", {"padding_idx": 3},
        {"input": torch.tensor([3, 1, 3, 2, 2]), "weight": rand(5, 4)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"], padding_idx=3))
    add("embed/embedding_repeated", "embedding", {}, {"input": torch.tensor([1, 1, 1, 0]), "weight": rand(3, 2)},
        ["weight"], lambda l: F.embedding(l["input"], l["weight"]))


def loss_cases():
    def ce(cid, kw, n, c, extra=(), target=None, weight=False, rg=("input",)):
        ins = {"input": rand(n, c, *extra, lo=-3, hi=3)}
        ins["target"] = target if target is not None else randint(0, c, n, *extra)
        if weight:
            ins["weight"] = rand(c, lo=0.2, hi=2)
        add(f"loss/{cid}", "cross_entropy", kw, ins, list(rg),
            lambda l: F.cross_entropy(l["input"], l["target"], l.get("weight"), **kw))
    ce("cross_entropy_weight_sum", {"reduction": "sum"}, 5, 4, weight=True)
    ce("cross_entropy_weight_none", {"reduction": "none"}, 5, 4, weight=True)
    ce("cross_entropy_weight_ignore", {"ignore_index": 2}, 6, 3, weight=True, target=torch.tensor([0, 2, 1, 2, 1, 0]))
    ce("cross_entropy_ignore_none", {"ignore_index": 1, "reduction": "none"}, 5, 3,
       target=torch.tensor([1, 0, 2, 1, 2]))
    ce("cross_entropy_ls_weight", {"label_smoothing": 0.2}, 5, 4, weight=True)
    ce("cross_entropy_ls_sum", {"label_smoothing": 0.15, "reduction": "sum"}, 4, 3)
    ce("cross_entropy_ls_none", {"label_smoothing": 0.3, "reduction": "none"}, 4, 3)
    ce("cross_entropy_ls_ignore", {"label_smoothing": 0.1, "ignore_index": 0}, 5, 3,
       target=torch.tensor([0, 1, 2, 0, 2]))
    ce("cross_entropy_ls_weight_ignore", {"label_smoothing": 0.1, "ignore_index": 0}, 5, 3, weight=True,
       target=torch.tensor([0, 1, 2, 0, 2]))
    ce("cross_entropy_kdim_none", {"reduction": "none"}, 2, 3, extra=(2, 3))
    ce("cross_entropy_kdim_weight", {}, 2, 4, extra=(3,), weight=True)
    ce("cross_entropy_kdim_ls", {"label_smoothing": 0.1}, 2, 3, extra=(2, 2))
    ce("cross_entropy_1d_input", {}, 4, 1, target=None) if False else None
    ins = {"input": rand(4, lo=-2, hi=2), "target": torch.tensor(2)}
    add("loss/cross_entropy_unbatched", "cross_entropy", {}, ins, ["input"],
        lambda l: F.cross_entropy(l["input"], l["target"]))

    def probs(*s):
        return f32(torch.softmax(rand(*s, lo=-2, hi=2), dim=1))
    for cid, kw, s, w in [("cross_entropy_probs_sum", {"reduction": "sum"}, (4, 3), False),
                          ("cross_entropy_probs_none", {"reduction": "none"}, (4, 3), False),
                          ("cross_entropy_probs_weight", {}, (4, 3), True),
                          ("cross_entropy_probs_ls", {"label_smoothing": 0.2}, (4, 3), False),
                          ("cross_entropy_probs_kdim", {}, (2, 3, 2, 2), False)]:
        ins = {"input": rand(*s, lo=-3, hi=3), "target": probs(*s)}
        if w:
            ins["weight"] = rand(s[1], lo=0.2, hi=2)
        add(f"loss/{cid}", "cross_entropy", kw, ins, ["input"],
            lambda l, kw=kw: F.cross_entropy(l["input"], l["target"], l.get("weight"), **kw))
    add("loss/cross_entropy_probs_target_grad", "cross_entropy", {}, {"input": rand(3, 4), "target": probs(3, 4)},
        ["input", "target"], lambda l: F.cross_entropy(l["input"], l["target"]))

    def logp(*s):
        return f32(torch.log_softmax(rand(*s, lo=-2, hi=2), dim=1))
    for cid, kw, w, tgt in [("nll_weight", {}, True, torch.tensor([0, 2, 1, 2, 3])),
                            ("nll_ignore", {"ignore_index": 1}, False, torch.tensor([1, 2, 1, 0, 3])),
                            ("nll_weight_ignore_sum", {"ignore_index": 3, "reduction": "sum"}, True,
                             torch.tensor([3, 2, 1, 0, 3])),
                            ("nll_none", {"reduction": "none"}, True, torch.tensor([0, 1, 3, 2, 2]))]:
        ins = {"input": logp(5, 4), "target": tgt}
        if w:
            ins["weight"] = rand(4, lo=0.2, hi=2)
        add(f"loss/{cid}", "nll_loss", kw, ins, ["input"],
            lambda l, kw=kw: F.nll_loss(l["input"], l["target"], l.get("weight"), **kw))
    add("loss/nll_kdim", "nll_loss", {}, {"input": logp(2, 3, 4), "target": randint(0, 3, 2, 4)}, ["input"],
        lambda l: F.nll_loss(l["input"], l["target"]))

    reg = {"mse_loss": F.mse_loss, "l1_loss": F.l1_loss}
    for op, fn in reg.items():
        for red in ("none", "sum", "mean"):
            add(f"loss/{op}_{red}_3d", op, {"reduction": red}, {"input": rand(2, 3, 2), "target": rand(2, 3, 2)},
                ["input", "target"], lambda l, fn=fn, red=red: fn(l["input"], l["target"], reduction=red))
    for op, fn, key in (("smooth_l1_loss", F.smooth_l1_loss, "beta"), ("huber_loss", F.huber_loss, "delta")):
        for val, red in ((1.0, "mean"), (0.3, "sum"), (2.0, "none")):
            kw = {"reduction": red, key: val}
            add(f"loss/{op}_{key}{val}_{red}", op, kw, {"input": rand(4, 3, lo=-2, hi=2), "target": rand(4, 3, lo=-2, hi=2)},
                ["input", "target"], lambda l, fn=fn, kw=kw: fn(l["input"], l["target"], **kw))
        add(f"loss/{op}_default", op, {}, {"input": rand(4, 3, lo=-2, hi=2), "target": rand(4, 3, lo=-2, hi=2)},
            ["input", "target"], lambda l, fn=fn: fn(l["input"], l["target"]))
    add("loss/smooth_l1_loss_beta0", "smooth_l1_loss", {"beta": 0.0}, {"input": rand(3, 3), "target": rand(3, 3)},
        ["input"], lambda l: F.smooth_l1_loss(l["input"], l["target"], beta=0.0))

    prob = lambda *s: rand(*s, lo=0.05, hi=0.95)
    for cid, kw, w in [("bce_weight", {}, (4, 3)), ("bce_weight_bcast", {"reduction": "sum"}, (3,)),
                       ("bce_none", {"reduction": "none"}, None), ("bce_soft_target", {}, None)]:
        tgt = prob(4, 3) if cid == "bce_soft_target" else f32((torch.rand(4, 3, generator=GEN) < 0.5).double())
        ins = {"input": prob(4, 3), "target": tgt}
        if w:
            ins["weight"] = rand(*w, lo=0.2, hi=2)
        add(f"loss/{cid}", "binary_cross_entropy", kw, ins, ["input"],
            lambda l, kw=kw: F.binary_cross_entropy(l["input"], l["target"], l.get("weight"), **kw))
    for cid, kw, w, pw in [("bcel_weight", {}, (4, 3), None), ("bcel_pos_weight_bcast", {"reduction": "sum"}, None, (3,)),
                           ("bcel_pos_weight_full", {}, None, (4, 3)), ("bcel_both", {"reduction": "none"}, (3,), (3,)),
                           ("bcel_pos_weight_col", {}, (4, 1), (1, 3)), ("bcel_3d", {}, None, (2,))]:
        shape = (2, 3, 2) if cid == "bcel_3d" else (4, 3)
        ins = {"input": rand(*shape, lo=-3, hi=3), "target": prob(*shape)}
        if w:
            ins["weight"] = rand(*w, lo=0.2, hi=2)
        if pw:
            ins["pos_weight"] = rand(*pw, lo=0.2, hi=3)
        add(f"loss/{cid}", "binary_cross_entropy_with_logits", kw, ins, ["input"],
            lambda l, kw=kw: F.binary_cross_entropy_with_logits(l["input"], l["target"], l.get("weight"),
                                                                 pos_weight=l.get("pos_weight"), **kw))
    add("loss/bcel_target_grad", "binary_cross_entropy_with_logits", {}, {"input": rand(3, 2, lo=-2, hi=2),
                                                                          "target": prob(3, 2)},
        ["input", "target"], lambda l: F.binary_cross_entropy_with_logits(l["input"], l["target"]))
    for cid, kw in [("kl_div_log_target", {"reduction": "batchmean", "log_target": True}),
                    ("kl_div_sum", {"reduction": "sum"}), ("kl_div_none", {"reduction": "none"}),
                    ("kl_div_mean", {"reduction": "mean"}), ("kl_div_log_target_sum", {"reduction": "sum", "log_target": True})]:
        lt = kw.get("log_target", False)
        tgt = logp(4, 3) if lt else f32(torch.softmax(rand(4, 3, lo=-2, hi=2), dim=1))
        add(f"loss/{cid}", "kl_div", kw, {"input": logp(4, 3), "target": tgt}, ["input", "target"],
            lambda l, kw=kw: F.kl_div(l["input"], l["target"], **kw))


def proj_lstm_cases():
    """nn.LSTM(proj_size=P): h is projected by weight_hr (P, H); flat weights per layer/direction are
    w_ih, w_hh, [b_ih, b_hh,] w_hr, as torch orders them."""
    def case(cid, hidden, proj, layers, bidir, batch_first, bias=True, n=2, t=3, inp=3):
        d = 2 if bidir else 1
        ins = {"input": rand(n, t, inp) if batch_first else rand(t, n, inp),
               "h0": rand(layers * d, n, proj), "c0": rand(layers * d, n, hidden)}
        flat = []
        k = 1.0 / hidden ** 0.5
        for layer in range(layers):
            for suffix in ([""] + (["_reverse"] if bidir else [])):
                in_size = inp if layer == 0 else proj * d
                shapes = [("weight_ih", (4 * hidden, in_size)), ("weight_hh", (4 * hidden, proj))]
                if bias:
                    shapes += [("bias_ih", (4 * hidden,)), ("bias_hh", (4 * hidden,))]
                shapes.append(("weight_hr", (proj, hidden)))
                for name, shape in shapes:
                    ins[f"{name}_l{layer}{suffix}"] = rand(*shape, lo=-k, hi=k)
                    flat.append(f"{name}_l{layer}{suffix}")
        kw = {"batch_first": batch_first, "hidden_size": hidden, "num_layers": layers, "bidirectional": bidir,
              "proj_size": proj}
        if not bias:
            kw["bias"] = False

        def fn(l):
            out, h, c = torch._VF.lstm(l["input"], (l["h0"], l["c0"]), [l[w] for w in flat], bias, layers, 0.0,
                                       False, bidir, batch_first)
            return {"output": out, "h_n": h, "c_n": c}
        add(f"rnn/{cid}", "lstm", kw, ins, list(ins), fn, rtol=1e-3, atol=1e-4, single=False)
    case("lstm_proj", 4, 2, 1, False, True)
    case("lstm_proj_2layer_bi", 4, 3, 2, True, False)
    case("lstm_proj_nobias", 3, 2, 1, False, True, bias=False)


def rnn_cases():
    def rnn(cid, op, hidden, layers, bidir, batch_first, bias=True, n=2, t=4, inp=3, extra_kw=None, with_h0=True):
        gates = {"rnn_tanh": 1, "rnn_relu": 1, "lstm": 4, "gru": 3}[op]
        d = 2 if bidir else 1
        ins = {"input": rand(n, t, inp) if batch_first else rand(t, n, inp)}
        if with_h0:
            ins["h0"] = rand(layers * d, n, hidden)
            if op == "lstm":
                ins["c0"] = rand(layers * d, n, hidden)
        weights = []
        k = 1.0 / hidden ** 0.5
        for layer in range(layers):
            for suffix in ([""] + (["_reverse"] if bidir else [])):
                in_size = inp if layer == 0 else hidden * d
                names = [("weight_ih", (gates * hidden, in_size)), ("weight_hh", (gates * hidden, hidden))]
                if bias:
                    names += [("bias_ih", (gates * hidden,)), ("bias_hh", (gates * hidden,))]
                for name, shape in names:
                    key = f"{name}_l{layer}{suffix}"
                    ins[key] = rand(*shape, lo=-k, hi=k)
                    weights.append(key)
        kw = {"batch_first": batch_first, "hidden_size": hidden, "num_layers": layers, "bidirectional": bidir}
        if not bias:
            kw["bias"] = False
        if extra_kw:
            kw.update(extra_kw)

        def fn(l):
            ws = [l[w] for w in weights]
            x = l["input"]
            h0 = l.get("h0")
            if h0 is None:
                h0 = torch.zeros(layers * d, n, hidden, dtype=torch.float64)
            if op == "lstm":
                c0 = l.get("c0")
                if c0 is None:
                    c0 = torch.zeros(layers * d, n, hidden, dtype=torch.float64)
                out, h, c = torch._VF.lstm(x, (h0, c0), ws, bias, layers, 0.0, False, bidir, batch_first)
                return {"output": out, "h_n": h, "c_n": c}
            relu = op == "rnn_relu" or kw.get("nonlinearity") == "relu"
            vf = {"rnn_tanh": torch._VF.rnn_relu if relu else torch._VF.rnn_tanh, "rnn_relu": torch._VF.rnn_relu,
                  "gru": torch._VF.gru}[op]
            out, h = vf(x, h0, ws, bias, layers, 0.0, False, bidir, batch_first)
            return {"output": out, "h_n": h}
        add(f"rnn/{cid}", op, kw, ins, list(ins), fn, rtol=1e-3, atol=1e-4, single=False)
    rnn("rnn_tanh_seq_first", "rnn_tanh", 3, 1, False, False)
    rnn("rnn_tanh_3layer", "rnn_tanh", 3, 3, False, True)
    rnn("rnn_tanh_nobias_bi", "rnn_tanh", 3, 1, True, True, bias=False)
    rnn("rnn_relu", "rnn_tanh", 4, 1, False, True, extra_kw={"nonlinearity": "relu"})
    rnn("rnn_relu_op_bi", "rnn_relu", 3, 2, True, False)
    rnn("lstm_seq_first_bi", "lstm", 3, 1, True, False)
    rnn("lstm_3layer", "lstm", 3, 3, False, True, t=3)
    rnn("lstm_nobias", "lstm", 4, 2, False, True, bias=False)
    rnn("lstm_no_h0", "lstm", 3, 1, False, True, with_h0=False)
    rnn("gru_seq_first", "gru", 4, 2, False, False)
    rnn("gru_3layer_bi", "gru", 2, 3, True, True, t=3)
    rnn("gru_nobias", "gru", 3, 1, True, True, bias=False)
    rnn("gru_no_h0", "gru", 3, 1, False, False, with_h0=False)


def attn_cases():
    def mha(cid, e, heads, lq, lk, n=2, kdim=None, vdim=None, batch_first=True, attn_mask=None, kpm=None,
            need_weights=True, average=True, self_attn=False, bias=True, add_bias_kv=False, add_zero_attn=False):
        kdim = kdim or e
        vdim = vdim or e
        def seq(length, dim):
            if n is None:
                return rand(length, dim)
            return rand(n, length, dim) if batch_first else rand(length, n, dim)
        q = seq(lq, e)
        ins = {"query": q}
        if self_attn:
            ins["key"] = q.clone()
            ins["value"] = q.clone()
        else:
            ins["key"] = seq(lk, kdim)
            ins["value"] = seq(lk, vdim)
        if attn_mask is not None:
            ins["attn_mask"] = attn_mask
        if kpm is not None:
            ins["key_padding_mask"] = kpm
        separate = kdim != e or vdim != e
        s = 1.0 / e ** 0.5
        if separate:
            ins["q_proj_weight"] = rand(e, e, lo=-s, hi=s)
            ins["k_proj_weight"] = rand(e, kdim, lo=-s, hi=s)
            ins["v_proj_weight"] = rand(e, vdim, lo=-s, hi=s)
        else:
            ins["in_proj_weight"] = rand(3 * e, e, lo=-s, hi=s)
        if bias:
            ins["in_proj_bias"] = rand(3 * e, lo=-0.1, hi=0.1)
        if add_bias_kv:
            ins["bias_k"] = rand(1, 1, e)
            ins["bias_v"] = rand(1, 1, e)
        ins["out_proj.weight"] = rand(e, e, lo=-s, hi=s)
        if bias:
            ins["out_proj.bias"] = rand(e, lo=-0.1, hi=0.1)
        kw = {"num_heads": heads, "batch_first": batch_first}
        if kdim != e:
            kw["kdim"] = kdim
        if vdim != e:
            kw["vdim"] = vdim
        if not need_weights:
            kw["need_weights"] = False
        if not average:
            kw["average_attn_weights"] = False
        if not bias:
            kw["bias"] = False
        if add_bias_kv:
            kw["add_bias_kv"] = True
        if add_zero_attn:
            kw["add_zero_attn"] = True
        rg = [k for k, v in ins.items() if v.dtype == torch.float64 and k not in ("attn_mask", "key_padding_mask")]

        def fn(l):
            qq, kk, vv = l["query"], l["key"], l["value"]
            bf = batch_first and n is not None
            if bf:
                qq, kk, vv = qq.transpose(0, 1), kk.transpose(0, 1), vv.transpose(0, 1)
            out, w = F.multi_head_attention_forward(
                qq, kk, vv, e, heads, l.get("in_proj_weight"), l.get("in_proj_bias"), l.get("bias_k"), l.get("bias_v"),
                add_zero_attn, 0.0, l["out_proj.weight"], l.get("out_proj.bias"), training=False,
                key_padding_mask=l.get("key_padding_mask"), need_weights=need_weights, attn_mask=l.get("attn_mask"),
                use_separate_proj_weight=separate, q_proj_weight=l.get("q_proj_weight"),
                k_proj_weight=l.get("k_proj_weight"), v_proj_weight=l.get("v_proj_weight"),
                average_attn_weights=average)
            if bf:
                out = out.transpose(0, 1)
            return {"output": out, "attn_weights": w} if need_weights else {"output": out}
        add(f"attn/{cid}", "multi_head_attention", kw, ins, rg, fn, rtol=1e-3, atol=1e-4, single=False)
    causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
    mha("mha_seq_first", 8, 2, 3, 4, batch_first=False)
    mha("mha_self_4heads", 8, 4, 4, 4, self_attn=True)
    mha("mha_kdim_vdim", 8, 2, 3, 5, kdim=6, vdim=4)
    mha("mha_no_weights", 8, 2, 4, 4, need_weights=False, attn_mask=causal)
    mha("mha_per_head_weights", 8, 2, 3, 4, average=False)
    mha("mha_float_mask", 8, 2, 4, 4, attn_mask=rand(4, 4, lo=-2, hi=0))
    mha("mha_float_mask_3d", 4, 2, 3, 4, attn_mask=rand(2 * 2, 3, 4, lo=-2, hi=0))
    mha("mha_bool_mask_3d", 4, 2, 3, 3, attn_mask=torch.tensor([[[False, True, False]] * 3] * 4))
    mha("mha_both_masks", 8, 2, 4, 4, attn_mask=causal,
        kpm=torch.tensor([[False, False, False, True], [False, False, False, False]]))
    mha("mha_kpm_per_head", 8, 4, 3, 5, average=False,
        kpm=torch.tensor([[False, True, False, False, True], [False, False, False, False, False]]))
    mha("mha_no_bias", 8, 2, 3, 4, bias=False)
    mha("mha_bias_kv", 8, 2, 3, 4, add_bias_kv=True)
    mha("mha_float_kpm", 8, 2, 3, 4, kpm=rand(2, 4, lo=-2, hi=0))
    mha("mha_add_zero_attn", 8, 2, 3, 4, add_zero_attn=True)
    mha("mha_unbatched", 8, 2, 3, 4, n=None)
    mha("mha_unbatched_self_mask", 4, 2, 3, 3, n=None, self_attn=True, attn_mask=torch.triu(
        torch.ones(3, 3, dtype=torch.bool), diagonal=1), kpm=torch.tensor([False, False, True]))
    mha("mha_kdim_vdim_no_bias_per_head", 4, 2, 2, 3, kdim=3, vdim=5, bias=False, average=False)
    mha("mha_causal_seq_first_per_head", 4, 2, 4, 4, batch_first=False, attn_mask=causal, average=False)


def edge_cases():
    """Values exactly on kinks and ties, where PyTorch's backward rules pick specific subgradients."""
    kinks = torch.tensor([[-6.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 6.0],
                          [-2.0, -0.25, 0.25, 2.0, 4.0, -4.0, 0.75, -0.75, 7.0]], dtype=torch.float64)
    fns = {"relu": ({}, torch.relu), "abs": ({}, torch.abs), "leaky_relu": ({"negative_slope": 0.1},
                                                                          lambda t: F.leaky_relu(t, 0.1)),
           "elu": ({"alpha": 0.5}, lambda t: F.elu(t, 0.5)), "hardtanh": ({}, F.hardtanh),
           "relu6": ({}, F.relu6), "hardsigmoid": ({}, F.hardsigmoid), "hardswish": ({}, F.hardswish),
           "threshold": ({"threshold": 0.5, "value": 0.0}, lambda t: F.threshold(t, 0.5, 0.0)),
           "softshrink": ({"lambd": 0.5}, lambda t: F.softshrink(t, 0.5)),
           "hardshrink": ({"lambd": 0.5}, lambda t: F.hardshrink(t, 0.5)),
           "clamp": ({"min": -0.5, "max": 1.0}, lambda t: torch.clamp(t, -0.5, 1.0)),
           "celu": ({}, F.celu), "selu": ({}, F.selu), "gelu": ({}, F.gelu), "silu": ({}, F.silu)}
    for name, (kw, fn) in fns.items():
        add(f"edge/{name}_kinks", name, kw, {"input": kinks}, ["input"], lambda l, fn=fn: fn(l["input"]))
    add("edge/clamp_min_gt_max", "clamp", {"min": 1.0, "max": -1.0}, {"input": kinks}, ["input"],
        lambda l: torch.clamp(l["input"], 1.0, -1.0))
    ties = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, -1.0], [3.0, 0.0, 3.0, 1.0]], dtype=torch.float64)
    add("edge/amax_ties", "amax", {"dim": 1}, {"input": ties}, ["input"], lambda l: torch.amax(l["input"], dim=1))
    add("edge/amin_ties_all", "amin", {"dim": [0, 1]}, {"input": ties}, ["input"],
        lambda l: torch.amin(l["input"], dim=[0, 1]))
    add("edge/max_all_ties", "max", {}, {"input": ties}, ["input"], lambda l: torch.max(l["input"]))
    add("edge/min_all_ties", "min", {}, {"input": -ties}, ["input"], lambda l: torch.min(l["input"]))
    add("edge/max_dim_ties", "max", {"dim": 1}, {"input": ties}, ["input"], lambda l: torch.max(l["input"], dim=1)[0])
    add("edge/argmax_ties", "argmax", {"dim": 0}, {"input": ties}, [], lambda l: torch.argmax(l["input"], dim=0))
    add("edge/norm_p2_zero_row", "norm", {"dim": 1}, {"input": torch.tensor([[0.0, 0.0], [3.0, 4.0]],
                                                                            dtype=torch.float64)},
        ["input"], lambda l: torch.norm(l["input"], dim=1))
    add("edge/norm_p0", "norm", {"p": 0, "dim": 1}, {"input": ties}, ["input"],
        lambda l: torch.norm(l["input"], p=0, dim=1))
    add("edge/norm_p1_zeros", "norm", {"p": 1}, {"input": ties}, ["input"], lambda l: torch.norm(l["input"], p=1))
    add("edge/norm_pinf_ties", "norm", {"p": "inf", "dim": 1}, {"input": ties}, ["input"],
        lambda l: torch.norm(l["input"], p=float("inf"), dim=1))
    add("edge/max_pool2d_ties", "max_pool2d", {"kernel_size": 2, "stride": 1},
        {"input": torch.tensor([[[[1.0, 1.0, 0.0], [1.0, 1.0, 2.0], [0.0, 2.0, 2.0]]]], dtype=torch.float64)},
        ["input"], lambda l: F.max_pool2d(l["input"], 2, 1))
    add("edge/maximum_equal", "maximum", {}, {"input": ties, "other": ties.flip(1)}, ["input", "other"],
        lambda l: torch.maximum(l["input"], l["other"]))
    add("edge/sqrt_pow_half", "pow", {"exponent": 2.0}, {"input": kinks}, ["input"], lambda l: torch.pow(l["input"], 2.0))
    add("edge/pow_0_at_zero", "pow", {"exponent": 0.0}, {"input": kinks}, ["input"], lambda l: torch.pow(l["input"], 0.0))


def more_cases():
    for mode in ("trunc", "floor"):
        add(f"binary/div_{mode}", "div", {"rounding_mode": mode}, {"input": rand(3, 4, lo=-5, hi=5),
                                                                    "other": rand(4, lo=0.3, hi=2)},
            ["input", "other"], lambda l, mode=mode: torch.div(l["input"], l["other"], rounding_mode=mode))
    for op, fn in {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}.items():
        add(f"binary/{op}_scalar_kwarg", op, {"other": 2.5}, {"input": rand(2, 3)}, ["input"],
            lambda l, fn=fn: fn(l["input"], 2.5))
    add("binary/add_scalar_alpha", "add", {"other": 1.5, "alpha": -2.0}, {"input": rand(3)}, ["input"],
        lambda l: torch.add(l["input"], 1.5, alpha=-2.0))
    add("embed/embedding_max_norm", "embedding", {"max_norm": 1.0},
        {"input": torch.tensor([[0, 2, 4], [2, 3, 0]]), "weight": rand(5, 3, lo=-1.5, hi=1.5)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"].clone(), max_norm=1.0))
    add("embed/embedding_max_norm_p1", "embedding", {"max_norm": 0.8, "norm_type": 1.0},
        {"input": torch.tensor([1, 3, 1]), "weight": rand(4, 3, lo=-1, hi=1)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"].clone(), max_norm=0.8, norm_type=1.0))
    add("embed/embedding_scale_grad_by_freq", "embedding", {"scale_grad_by_freq": True},
        {"input": torch.tensor([[1, 1, 2], [0, 1, 2]]), "weight": rand(4, 3)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"], scale_grad_by_freq=True))
    add("shape/gather_smaller_index", "gather", {"dim": 1}, {"input": rand(4, 5), "index": randint(0, 5, 2, 3)},
        ["input"], lambda l: torch.gather(l["input"], 1, l["index"]))
    add("shape/index_select_repeat_3d", "index_select", {"dim": 0},
        {"input": rand(3, 2, 2), "index": torch.tensor([2, 2, 0, 1, 2])}, ["input"],
        lambda l: torch.index_select(l["input"], 0, l["index"]))
    add("shape/expand_scalar", "expand", {"size": [2, 3]}, {"input": rand()}, ["input"], lambda l: l["input"].expand(2, 3))
    add("shape/cat_dim-2", "cat", {"dim": -2}, {"a": rand(2, 1, 3), "b": rand(2, 2, 3)}, ["a", "b"],
        lambda l: torch.cat([l["a"], l["b"]], dim=-2))
    add("shape/stack_dim2_of_2d", "stack", {"dim": 2}, {"a": rand(2, 3), "b": rand(2, 3), "c": rand(2, 3)},
        ["a", "b", "c"], lambda l: torch.stack([l["a"], l["b"], l["c"]], dim=2))
    add("shape/transpose_same", "transpose", {"dim0": 1, "dim1": 1}, {"input": rand(2, 3)}, ["input"],
        lambda l: l["input"].transpose(1, 1))
    add("shape/permute_1d", "permute", {"dims": [0]}, {"input": rand(4)}, ["input"], lambda l: l["input"].permute(0))
    add("shape/flatten_0d", "flatten", {}, {"input": rand()}, ["input"], lambda l: torch.flatten(l["input"]))
    add("shape/reshape_to_scalar", "reshape", {"shape": []}, {"input": rand(1, 1)}, ["input"],
        lambda l: l["input"].reshape([]))
    add("reduce/softmax_1d", "softmax", {"dim": 0}, {"input": rand(5, lo=-3, hi=3)}, ["input"],
        lambda l: F.softmax(l["input"], dim=0))
    add("reduce/log_softmax_4d", "log_softmax", {"dim": 1}, {"input": rand(2, 3, 2, 2, lo=-3, hi=3)}, ["input"],
        lambda l: F.log_softmax(l["input"], dim=1))
    add("reduce/sum_1d_keep", "sum", {"dim": 0, "keepdim": True}, {"input": rand(5)}, ["input"],
        lambda l: torch.sum(l["input"], dim=0, keepdim=True))
    add("reduce/mean_0d", "mean", {}, {"input": rand()}, ["input"], lambda l: torch.mean(l["input"]))
    add("reduce/var_1elem_dim", "var", {"dim": 1, "unbiased": False}, {"input": rand(3, 1)}, ["input"],
        lambda l: torch.var(l["input"], dim=1, unbiased=False))
    add("reduce/norm_p-inf", "norm", {"p": "-inf", "dim": 0}, {"input": rand(3, 4)}, ["input"],
        lambda l: torch.norm(l["input"], p=float("-inf"), dim=0))
    add("linalg/matmul_1d_4d", "matmul", {}, {"input": rand(3), "other": rand(2, 2, 3, 2)}, ["input", "other"],
        lambda l: torch.matmul(l["input"], l["other"]))
    add("linalg/matmul_4d_1d", "matmul", {}, {"input": rand(2, 2, 2, 3), "other": rand(3)}, ["input", "other"],
        lambda l: torch.matmul(l["input"], l["other"]))
    add("linalg/addmm_scalar_input", "addmm", {"alpha": 0.5}, {"input": rand(), "mat1": rand(2, 3), "mat2": rand(3, 4)},
        ["input", "mat1", "mat2"], lambda l: torch.addmm(l["input"], l["mat1"], l["mat2"], alpha=0.5))
    add("linalg/addmm_beta0", "addmm", {"beta": 0.0}, {"input": rand(2, 4), "mat1": rand(2, 3), "mat2": rand(3, 4)},
        ["input", "mat1", "mat2"], lambda l: torch.addmm(l["input"], l["mat1"], l["mat2"], beta=0.0))
    add("pool/max_pool2d_all", "max_pool2d", {"kernel_size": [3, 2], "stride": [2, 1], "padding": [1, 1],
                                              "dilation": [1, 2], "ceil_mode": True},
        {"input": rand(1, 2, 7, 6)}, ["input"],
        lambda l: F.max_pool2d(l["input"], [3, 2], [2, 1], [1, 1], [1, 2], ceil_mode=True))
    add("pool/avg_pool2d_divisor_pad_ceil", "avg_pool2d", {"kernel_size": 3, "stride": 2, "padding": 1,
                                                           "ceil_mode": True, "divisor_override": 4},
        {"input": rand(1, 2, 6, 5)}, ["input"],
        lambda l: F.avg_pool2d(l["input"], 3, 2, 1, ceil_mode=True, divisor_override=4))
    add("pool/max_pool1d_return_indices", "max_pool1d", {"kernel_size": 2, "stride": 2, "return_indices": True},
        {"input": rand(1, 2, 6)}, ["input"],
        lambda l: dict(zip(("output", "indices"), F.max_pool1d(l["input"], 2, 2, return_indices=True))), single=False)
    add("pool/adaptive_avg_pool2d_3d_input", "adaptive_avg_pool2d", {"output_size": [2, 3]}, {"input": rand(2, 5, 4)},
        ["input"], lambda l: F.adaptive_avg_pool2d(l["input"], [2, 3]))
    add("pool/avg_pool2d_3d_input", "avg_pool2d", {"kernel_size": 2}, {"input": rand(2, 4, 4)}, ["input"],
        lambda l: F.avg_pool2d(l["input"], 2))
    add("pool/interpolate_identity_bilinear", "interpolate", {"size": [3, 4], "mode": "bilinear",
                                                              "align_corners": False},
        {"input": rand(1, 1, 3, 4)}, ["input"], lambda l: F.interpolate(l["input"], size=[3, 4], mode="bilinear",
                                                                         align_corners=False))
    add("pool/interpolate_nearest_recompute", "interpolate", {"scale_factor": 1.7, "mode": "nearest",
                                                              "recompute_scale_factor": True},
        {"input": rand(1, 1, 3, 4)}, ["input"],
        lambda l: F.interpolate(l["input"], scale_factor=1.7, mode="nearest", recompute_scale_factor=True))
    add("pool/interpolate_nearest_frac_down", "interpolate", {"scale_factor": 0.6, "mode": "nearest"},
        {"input": rand(1, 1, 5, 7)}, ["input"], lambda l: F.interpolate(l["input"], scale_factor=0.6, mode="nearest"))
    add("pool/interpolate_bilinear_frac_down", "interpolate", {"scale_factor": 0.6, "mode": "bilinear",
                                                               "align_corners": False},
        {"input": rand(1, 1, 5, 7)}, ["input"],
        lambda l: F.interpolate(l["input"], scale_factor=0.6, mode="bilinear", align_corners=False))
    add("pool/interpolate_linear_scale_frac", "interpolate", {"scale_factor": 1.5, "mode": "linear"},
        {"input": rand(1, 2, 5)}, ["input"], lambda l: F.interpolate(l["input"], scale_factor=1.5, mode="linear"))
    add("norm/layer_norm_int_shape", "layer_norm", {"normalized_shape": 5, "eps": 1e-5},
        {"input": rand(2, 5), "weight": rand(5), "bias": rand(5)}, ["input", "weight", "bias"],
        lambda l: F.layer_norm(l["input"], [5], l["weight"], l["bias"]), rtol=1e-3, atol=1e-4)
    add("norm/group_norm_eps", "group_norm", {"num_groups": 2, "eps": 0.1},
        {"input": rand(2, 4, 3), "weight": rand(4), "bias": rand(4)}, ["input", "weight", "bias"],
        lambda l: F.group_norm(l["input"], 2, l["weight"], l["bias"], 0.1), rtol=1e-3, atol=1e-4)
    add("loss/nll_unbatched", "nll_loss", {}, {"input": f32(torch.log_softmax(rand(4), 0)), "target": torch.tensor(1)},
        ["input"], lambda l: F.nll_loss(l["input"], l["target"]))
    add("loss/nll_kdim_weight_none", "nll_loss", {"reduction": "none", "ignore_index": 0},
        {"input": f32(torch.log_softmax(rand(2, 3, 2, 2), 1)), "target": randint(0, 3, 2, 2, 2), "weight": rand(3, lo=0.3, hi=2)},
        ["input"], lambda l: F.nll_loss(l["input"], l["target"], l["weight"], reduction="none", ignore_index=0))
    add("loss/cross_entropy_probs_ls_weight", "cross_entropy", {"label_smoothing": 0.25},
        {"input": rand(3, 4), "target": f32(torch.softmax(rand(3, 4), 1)), "weight": rand(4, lo=0.3, hi=2)}, ["input"],
        lambda l: F.cross_entropy(l["input"], l["target"], l["weight"], label_smoothing=0.25))
    add("loss/cross_entropy_kdim_ls_weight_ignore_sum", "cross_entropy",
        {"label_smoothing": 0.1, "ignore_index": 1, "reduction": "sum"},
        {"input": rand(2, 3, 4), "target": randint(0, 3, 2, 4), "weight": rand(3, lo=0.3, hi=2)}, ["input"],
        lambda l: F.cross_entropy(l["input"], l["target"], l["weight"], ignore_index=1, reduction="sum",
                                  label_smoothing=0.1))
    add("loss/kl_div_batchmean_3d", "kl_div", {"reduction": "batchmean"},
        {"input": f32(torch.log_softmax(rand(2, 3, 4), -1)), "target": f32(torch.softmax(rand(2, 3, 4), -1))},
        ["input", "target"], lambda l: F.kl_div(l["input"], l["target"], reduction="batchmean"))
    add("loss/kl_div_zero_target", "kl_div", {"reduction": "sum"},
        {"input": f32(torch.log_softmax(rand(2, 3), -1)), "target": torch.tensor([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]],
                                                                                 dtype=torch.float64)},
        ["input"], lambda l: F.kl_div(l["input"], l["target"], reduction="sum"))
    add("loss/bce_none_weight", "binary_cross_entropy", {"reduction": "none"},
        {"input": rand(3, 2, lo=0.05, hi=0.95), "target": rand(3, 2, lo=0, hi=1), "weight": rand(3, 1, lo=0.2, hi=2)},
        ["input", "target"], lambda l: F.binary_cross_entropy(l["input"], l["target"], l["weight"], reduction="none"))
    add("loss/bce_extreme", "binary_cross_entropy", {},
        {"input": torch.tensor([0.0, 1.0, 1e-8, 0.5], dtype=torch.float64),
         "target": torch.tensor([0.0, 1.0, 0.0, 1.0], dtype=torch.float64)}, ["input"],
        lambda l: F.binary_cross_entropy(l["input"], l["target"]))
    add("loss/bcel_large_logits", "binary_cross_entropy_with_logits", {"reduction": "none"},
        {"input": torch.tensor([-120.0, -30.0, 0.0, 30.0, 120.0], dtype=torch.float64),
         "target": torch.tensor([1.0, 0.3, 0.5, 0.0, 0.7], dtype=torch.float64),
         "pos_weight": torch.tensor([2.0], dtype=torch.float64)}, ["input"],
        lambda l: F.binary_cross_entropy_with_logits(l["input"], l["target"], pos_weight=l["pos_weight"], reduction="none"))
    add("loss/mse_0d", "mse_loss", {}, {"input": rand(), "target": rand()}, ["input", "target"],
        lambda l: F.mse_loss(l["input"], l["target"]))
    add("rnn/rnn_tanh_no_h0_seq_first_bi", "rnn_tanh", {"batch_first": False, "hidden_size": 3, "num_layers": 1,
                                                       "bidirectional": True},
        {"input": rand(3, 2, 2), **{k: rand(*s, lo=-0.5, hi=0.5) for k, s in [
            ("weight_ih_l0", (3, 2)), ("weight_hh_l0", (3, 3)), ("bias_ih_l0", (3,)), ("bias_hh_l0", (3,)),
            ("weight_ih_l0_reverse", (3, 2)), ("weight_hh_l0_reverse", (3, 3)), ("bias_ih_l0_reverse", (3,)),
            ("bias_hh_l0_reverse", (3,))]}},
        ["input", "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse",
         "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse"],
        lambda l: dict(zip(("output", "h_n"), torch._VF.rnn_tanh(
            l["input"], torch.zeros(2, 2, 3, dtype=torch.float64),
            [l[k] for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse",
                            "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse")],
            True, 1, 0.0, False, True, False))), rtol=1e-3, atol=1e-4, single=False)


def unbatched_and_partial_cases():
    """Unbatched inputs (torch 1.13 accepts them for conv, pooling, rnn, attention) and partial affine parameters."""
    add("conv/conv2d_unbatched", "conv2d", {"padding": 1}, {"input": rand(2, 5, 4), "weight": rand(3, 2, 3, 3),
                                                           "bias": rand(3)},
        ["input", "weight", "bias"], lambda l: F.conv2d(l["input"], l["weight"], l["bias"], padding=1))
    add("conv/conv1d_unbatched", "conv1d", {"stride": 2}, {"input": rand(2, 7), "weight": rand(3, 2, 3)},
        ["input", "weight"], lambda l: F.conv1d(l["input"], l["weight"], stride=2))
    add("conv/conv_transpose2d_unbatched", "conv_transpose2d", {"stride": 2},
        {"input": rand(2, 3, 3), "weight": rand(2, 3, 2, 2), "bias": rand(3)}, ["input", "weight", "bias"],
        lambda l: F.conv_transpose2d(l["input"], l["weight"], l["bias"], stride=2))
    add("conv/conv_transpose1d_unbatched", "conv_transpose1d", {"stride": 2, "padding": 1},
        {"input": rand(2, 4), "weight": rand(2, 3, 3)}, ["input", "weight"],
        lambda l: F.conv_transpose1d(l["input"], l["weight"], stride=2, padding=1))
    add("pool/max_pool1d_unbatched", "max_pool1d", {"kernel_size": 2}, {"input": rand(3, 6)}, ["input"],
        lambda l: F.max_pool1d(l["input"], 2))
    add("pool/adaptive_max_pool2d_unbatched", "adaptive_max_pool2d", {"output_size": [2, 2]}, {"input": rand(2, 5, 3)},
        ["input"], lambda l: F.adaptive_max_pool2d(l["input"], [2, 2]))
    add("pool/interpolate_nearest_size_int", "interpolate", {"size": 5, "mode": "nearest"}, {"input": rand(1, 2, 3)},
        ["input"], lambda l: F.interpolate(l["input"], size=5, mode="nearest"))
    add("pool/interpolate_bilinear_default_ac", "interpolate", {"size": [4, 5], "mode": "bilinear"},
        {"input": rand(1, 2, 3, 3)}, ["input"], lambda l: F.interpolate(l["input"], size=[4, 5], mode="bilinear"))
    add("shape/pad_reflect_unbatched", "pad", {"pad": [2, 2], "mode": "reflect"}, {"input": rand(2, 4)}, ["input"],
        lambda l: F.pad(l["input"], [2, 2], mode="reflect"))
    add("shape/pad_replicate_3d_last", "pad", {"pad": [0, 2], "mode": "replicate"}, {"input": rand(2, 3, 3)},
        ["input"], lambda l: F.pad(l["input"], [0, 2], mode="replicate"))
    add("shape/pad_const_1d", "pad", {"pad": [1, 3], "value": -1.0}, {"input": rand(4)}, ["input"],
        lambda l: F.pad(l["input"], [1, 3], value=-1.0))
    add("norm/layer_norm_weight_only", "layer_norm", {"normalized_shape": [4], "eps": 1e-5},
        {"input": rand(3, 4), "weight": rand(4)}, ["input", "weight"],
        lambda l: F.layer_norm(l["input"], [4], l["weight"], None), rtol=1e-3, atol=1e-4)
    add("norm/group_norm_weight_only", "group_norm", {"num_groups": 2, "eps": 1e-5},
        {"input": rand(2, 4, 3), "weight": rand(4)}, ["input", "weight"],
        lambda l: F.group_norm(l["input"], 2, l["weight"], None), rtol=1e-3, atol=1e-4)
    add("norm/batch_norm_eval_bias_only", "batch_norm", {"eps": 1e-5},
        {"input": rand(3, 2), "bias": rand(2), "running_mean": rand(2), "running_var": rand(2, lo=0.5, hi=1.5)},
        ["input", "bias"], lambda l: F.batch_norm(l["input"], l["running_mean"], l["running_var"], None, l["bias"]),
        rtol=1e-3, atol=1e-4)
    add("embed/embedding_max_norm_padding", "embedding", {"max_norm": 0.5, "padding_idx": 0},
        {"input": torch.tensor([[0, 2], [1, 2]]), "weight": rand(3, 4)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"].clone(), padding_idx=0, max_norm=0.5))
    add("loss/cross_entropy_probs_unbatched", "cross_entropy", {}, {"input": rand(4), "target": f32(torch.softmax(rand(4), 0))},
        ["input"], lambda l: F.cross_entropy(l["input"], l["target"]))
    add("loss/l1_1d_none", "l1_loss", {"reduction": "none"}, {"input": rand(5), "target": rand(5)}, ["input", "target"],
        lambda l: F.l1_loss(l["input"], l["target"], reduction="none"))
    add("binary/where_scalar_other", "where", {"other": 0.0}, {"condition": mask(3, 4, p=0.5), "input": rand(3, 4)},
        ["input"], lambda l: torch.where(l["condition"], l["input"], torch.tensor(0.0, dtype=torch.float64)))
    add("unary/clamp_tensor_bounds", "clamp", {}, {"input": rand(3, 4, lo=-2, hi=2), "min": rand(4, lo=-1, hi=0),
                                                    "max": rand(3, 1, lo=0, hi=1)},
        ["input", "min", "max"], lambda l: torch.clamp(l["input"], l["min"], l["max"]))
    add("unary/clamp_tensor_min_only", "clamp", {}, {"input": rand(3, 4, lo=-2, hi=2), "min": rand(3, 4, lo=-1, hi=0)},
        ["input", "min"], lambda l: torch.clamp(l["input"], min=l["min"]))

    # Unbatched recurrent input (L, H_in) with h0 (layers * dirs, H).
    def unbatched_rnn(cid, op, bidir):
        gates = {"rnn_tanh": 1, "lstm": 4, "gru": 3}[op]
        d = 2 if bidir else 1
        hidden, inp, t = 3, 2, 4
        ins = {"input": rand(t, inp), "h0": rand(d, hidden)}
        if op == "lstm":
            ins["c0"] = rand(d, hidden)
        names = []
        for suffix in [""] + (["_reverse"] if bidir else []):
            for name, shape in (("weight_ih", (gates * hidden, inp)), ("weight_hh", (gates * hidden, hidden)),
                                ("bias_ih", (gates * hidden,)), ("bias_hh", (gates * hidden,))):
                ins[f"{name}_l0{suffix}"] = rand(*shape, lo=-0.5, hi=0.5)
                names.append(f"{name}_l0{suffix}")
        kw = {"batch_first": True, "hidden_size": hidden, "num_layers": 1, "bidirectional": bidir}

        def fn(l):
            ws = [l[n] for n in names]
            x = l["input"].unsqueeze(1)  # torch's nn.RNN: an unbatched input is run as batch 1 (batch_first ignored)
            if op == "lstm":
                out, h, c = torch._VF.lstm(x, (l["h0"].unsqueeze(1), l["c0"].unsqueeze(1)), ws, True, 1, 0.0, False,
                                           bidir, False)
                return {"output": out.squeeze(1), "h_n": h.squeeze(1), "c_n": c.squeeze(1)}
            vf = torch._VF.rnn_tanh if op == "rnn_tanh" else torch._VF.gru
            out, h = vf(x, l["h0"].unsqueeze(1), ws, True, 1, 0.0, False, bidir, False)
            return {"output": out.squeeze(1), "h_n": h.squeeze(1)}
        add(f"rnn/{cid}", op, kw, ins, list(ins), fn, rtol=1e-3, atol=1e-4, single=False)
    unbatched_rnn("rnn_tanh_unbatched", "rnn_tanh", False)
    unbatched_rnn("lstm_unbatched_bi", "lstm", True)
    unbatched_rnn("gru_unbatched", "gru", False)


def neighbour_cases():
    """PyTorch-core neighbours of the reference ops: more unary math, activations with parameters, losses."""
    for name, fn, lo, hi in (("log1p", torch.log1p, -0.5, 2), ("expm1", torch.expm1, -2, 2), ("log2", torch.log2, 0.2, 3),
                             ("log10", torch.log10, 0.2, 3), ("exp2", torch.exp2, -2, 2), ("tan", torch.tan, -1.2, 1.2),
                             ("floor", torch.floor, -3, 3), ("ceil", torch.ceil, -3, 3), ("round", torch.round, -3, 3),
                             ("trunc", torch.trunc, -3, 3), ("frac", torch.frac, -3, 3), ("sign", torch.sign, -3, 3),
                             ("erf", torch.erf, -2, 2), ("sinh", torch.sinh, -2, 2), ("cosh", torch.cosh, -2, 2),
                             ("atan", torch.atan, -3, 3), ("asin", torch.asin, -0.9, 0.9), ("acos", torch.acos, -0.9, 0.9),
                             ("sigmoid", torch.sigmoid, -8, 8)):
        add(f"unary/{name}_4x3", name, {}, {"input": rand(4, 3, lo=lo, hi=hi)}, ["input"], lambda l, fn=fn: fn(l["input"]))
    add("unary/softmin_dim1", "softmin", {"dim": 1}, {"input": rand(3, 4, lo=-2, hi=2)}, ["input"],
        lambda l: F.softmin(l["input"], dim=1))
    add("unary/glu_last", "glu", {"dim": -1}, {"input": rand(3, 6)}, ["input"], lambda l: F.glu(l["input"], dim=-1))
    add("unary/glu_dim0", "glu", {"dim": 0}, {"input": rand(4, 3)}, ["input"], lambda l: F.glu(l["input"], dim=0))
    add("unary/prelu_channel", "prelu", {}, {"input": rand(2, 3, 4, lo=-2, hi=2), "weight": rand(3, lo=0, hi=0.5)},
        ["input", "weight"], lambda l: F.prelu(l["input"], l["weight"]))
    add("unary/prelu_shared", "prelu", {}, {"input": rand(3, 4, lo=-2, hi=2), "weight": rand(1, lo=0, hi=0.5)},
        ["input", "weight"], lambda l: F.prelu(l["input"], l["weight"]))
    add("unary/normalize_dim1", "normalize", {"p": 2.0, "dim": 1}, {"input": rand(3, 4)}, ["input"],
        lambda l: F.normalize(l["input"], p=2.0, dim=1))
    add("unary/normalize_p1_dim0", "normalize", {"p": 1.0, "dim": 0}, {"input": rand(3, 4)}, ["input"],
        lambda l: F.normalize(l["input"], p=1.0, dim=0))
    add("binary/cosine_similarity", "cosine_similarity", {"dim": 1}, {"x1": rand(3, 5), "x2": rand(3, 5)}, ["x1", "x2"],
        lambda l: F.cosine_similarity(l["x1"], l["x2"], dim=1))
    add("binary/pairwise_distance", "pairwise_distance", {}, {"x1": rand(3, 5), "x2": rand(3, 5)}, ["x1", "x2"],
        lambda l: F.pairwise_distance(l["x1"], l["x2"]))
    add("binary/atan2", "atan2", {}, {"input": rand(3, 4), "other": rand(4)}, ["input", "other"],
        lambda l: torch.atan2(l["input"], l["other"]))
    add("binary/logaddexp", "logaddexp", {}, {"input": rand(3, 4, lo=-3, hi=3), "other": rand(3, 1, lo=-3, hi=3)},
        ["input", "other"], lambda l: torch.logaddexp(l["input"], l["other"]))
    y = lambda *s: f32(torch.where(torch.rand(tuple(s), generator=GEN) < 0.5, -1.0, 1.0).double())
    for red in ("mean", "sum", "none"):
        add(f"loss/soft_margin_{red}", "soft_margin_loss", {"reduction": red}, {"input": rand(3, 4, lo=-2, hi=2),
                                                                                 "target": y(3, 4)},
            ["input"], lambda l, red=red: F.soft_margin_loss(l["input"], l["target"], reduction=red))
    add("loss/margin_ranking", "margin_ranking_loss", {"margin": 0.3}, {"input1": rand(6), "input2": rand(6),
                                                                         "target": y(6)},
        ["input1", "input2"], lambda l: F.margin_ranking_loss(l["input1"], l["input2"], l["target"], margin=0.3))
    add("loss/hinge_embedding", "hinge_embedding_loss", {"margin": 0.8}, {"input": rand(3, 4, lo=0, hi=2),
                                                                          "target": y(3, 4)},
        ["input"], lambda l: F.hinge_embedding_loss(l["input"], l["target"], margin=0.8))
    add("loss/poisson_nll_log", "poisson_nll_loss", {}, {"input": rand(3, 4), "target": rand(3, 4, lo=0, hi=3)},
        ["input"], lambda l: F.poisson_nll_loss(l["input"], l["target"]))
    add("loss/poisson_nll_full", "poisson_nll_loss", {"log_input": False, "full": True, "reduction": "sum"},
        {"input": rand(3, 4, lo=0.2, hi=3), "target": rand(3, 4, lo=0, hi=3)}, ["input"],
        lambda l: F.poisson_nll_loss(l["input"], l["target"], log_input=False, full=True, reduction="sum"))
    add("loss/gaussian_nll", "gaussian_nll_loss", {}, {"input": rand(4, 3), "target": rand(4, 3),
                                                        "var": rand(4, 3, lo=0.2, hi=2)},
        ["input", "var"], lambda l: F.gaussian_nll_loss(l["input"], l["target"], l["var"]))
    add("loss/gaussian_nll_full_sum", "gaussian_nll_loss", {"full": True, "eps": 1e-6, "reduction": "sum"},
        {"input": rand(4, 3), "target": rand(4, 3), "var": rand(4, 1, lo=0.2, hi=2)}, ["input", "var"],
        lambda l: F.gaussian_nll_loss(l["input"], l["target"], l["var"], full=True, eps=1e-6, reduction="sum"))
    add("loss/cosine_embedding", "cosine_embedding_loss", {"margin": 0.2}, {"input1": rand(4, 5), "input2": rand(4, 5),
                                                                             "target": y(4)},
        ["input1", "input2"], lambda l: F.cosine_embedding_loss(l["input1"], l["input2"], l["target"], margin=0.2))
    add("loss/multilabel_soft_margin", "multilabel_soft_margin_loss", {},
        {"input": rand(3, 4, lo=-2, hi=2), "target": f32((torch.rand((3, 4), generator=GEN) < 0.5).double())}, ["input"],
        lambda l: F.multilabel_soft_margin_loss(l["input"], l["target"]))
    add("loss/triplet_margin", "triplet_margin_loss", {"margin": 1.0},
        {"anchor": rand(4, 5), "positive": rand(4, 5), "negative": rand(4, 5)}, ["anchor", "positive", "negative"],
        lambda l: F.triplet_margin_loss(l["anchor"], l["positive"], l["negative"], margin=1.0))
    add("loss/multi_margin", "multi_margin_loss", {}, {"input": rand(4, 3), "target": torch.tensor([0, 2, 1, 2])},
        ["input"], lambda l: F.multi_margin_loss(l["input"], l["target"]))


def medium_cases():
    """Sizes past the vector widths and GEMM tiles (odd lengths, tails), where fast kernels take other paths."""
    for name, fn, lo, hi in (("exp", torch.exp, -3, 3), ("log", torch.log, 0.1, 4), ("tanh", torch.tanh, -4, 4),
                             ("sigmoid", torch.sigmoid, -6, 6), ("gelu", F.gelu, -4, 4), ("silu", F.silu, -4, 4),
                             ("relu", torch.relu, -2, 2), ("softplus", F.softplus, -5, 5), ("sqrt", torch.sqrt, 0.1, 4)):
        add(f"medium/{name}_67", name, {}, {"input": rand(67, lo=lo, hi=hi)}, ["input"], lambda l, fn=fn: fn(l["input"]))
    add("medium/add_bcast_9x17", "add", {}, {"input": rand(9, 17), "other": rand(17)}, ["input", "other"],
        lambda l: l["input"] + l["other"])
    add("medium/mul_bcast_col", "mul", {}, {"input": rand(7, 23), "other": rand(7, 1)}, ["input", "other"],
        lambda l: l["input"] * l["other"])
    add("medium/sum_dim0_37x19", "sum", {"dim": 0}, {"input": rand(37, 19)}, ["input"], lambda l: l["input"].sum(0))
    add("medium/mean_last_5x131", "mean", {"dim": -1}, {"input": rand(5, 131)}, ["input"], lambda l: l["input"].mean(-1))
    add("medium/amax_last_4x77", "amax", {"dim": -1}, {"input": rand(4, 77)}, ["input"], lambda l: l["input"].amax(-1))
    add("medium/softmax_3x100", "softmax", {"dim": -1}, {"input": rand(3, 100, lo=-5, hi=5)}, ["input"],
        lambda l: F.softmax(l["input"], -1))
    add("medium/log_softmax_dim0_50x3", "log_softmax", {"dim": 0}, {"input": rand(50, 3, lo=-5, hi=5)}, ["input"],
        lambda l: F.log_softmax(l["input"], 0))
    add("medium/logsumexp_4x90", "logsumexp", {"dim": 1}, {"input": rand(4, 90, lo=-5, hi=5)}, ["input"],
        lambda l: torch.logsumexp(l["input"], 1))
    add("medium/var_4x65", "var", {"dim": 1}, {"input": rand(4, 65)}, ["input"], lambda l: torch.var(l["input"], 1))
    add("medium/matmul_19x40x21", "matmul", {}, {"input": rand(19, 40), "other": rand(40, 21)}, ["input", "other"],
        lambda l: l["input"] @ l["other"], atol=1e-4)
    add("medium/bmm_2x17x20x9", "bmm", {}, {"input": rand(2, 17, 20), "mat2": rand(2, 20, 9)}, ["input", "mat2"],
        lambda l: torch.bmm(l["input"], l["mat2"]))
    add("medium/linear_17x40_9", "linear", {}, {"input": rand(17, 40), "weight": rand(9, 40), "bias": rand(9)},
        ["input", "weight", "bias"], lambda l: F.linear(l["input"], l["weight"], l["bias"]), atol=1e-4)
    add("medium/matmul_batched_bcast", "matmul", {}, {"input": rand(2, 2, 9, 17), "other": rand(17, 5)},
        ["input", "other"], lambda l: l["input"] @ l["other"])
    add("medium/conv2d_3to8_9x7", "conv2d", {"stride": 1, "padding": 1},
        {"input": rand(1, 3, 9, 7), "weight": rand(8, 3, 3, 3), "bias": rand(8)}, ["input", "weight", "bias"],
        lambda l: F.conv2d(l["input"], l["weight"], l["bias"], padding=1))
    add("medium/conv2d_9to17_s2", "conv2d", {"stride": 2, "padding": 1},
        {"input": rand(1, 9, 7, 7), "weight": rand(17, 9, 3, 3, lo=-0.3, hi=0.3), "bias": rand(17)},
        ["input", "weight", "bias"], lambda l: F.conv2d(l["input"], l["weight"], l["bias"], stride=2, padding=1))
    add("medium/conv2d_depthwise_12", "conv2d", {"padding": 1, "groups": 12},
        {"input": rand(1, 12, 5, 6), "weight": rand(12, 1, 3, 3)}, ["input", "weight"],
        lambda l: F.conv2d(l["input"], l["weight"], padding=1, groups=12))
    add("medium/conv1d_8to16_len21", "conv1d", {"padding": 2},
        {"input": rand(1, 8, 21), "weight": rand(16, 8, 5, lo=-0.3, hi=0.3), "bias": rand(16)},
        ["input", "weight", "bias"], lambda l: F.conv1d(l["input"], l["weight"], l["bias"], padding=2))
    add("medium/conv_transpose2d_8to6", "conv_transpose2d", {"stride": 2, "padding": 1, "output_padding": 1},
        {"input": rand(1, 8, 4, 3), "weight": rand(8, 6, 3, 3, lo=-0.3, hi=0.3), "bias": rand(6)},
        ["input", "weight", "bias"],
        lambda l: F.conv_transpose2d(l["input"], l["weight"], l["bias"], stride=2, padding=1, output_padding=1))
    add("medium/max_pool2d_16x15", "max_pool2d", {"kernel_size": 3, "stride": 2, "padding": 1},
        {"input": rand(1, 2, 16, 15)}, ["input"], lambda l: F.max_pool2d(l["input"], 3, 2, 1))
    add("medium/avg_pool2d_16x15", "avg_pool2d", {"kernel_size": 2}, {"input": rand(1, 2, 16, 15)}, ["input"],
        lambda l: F.avg_pool2d(l["input"], 2))
    add("medium/batch_norm_train_5x17", "batch_norm", {"momentum": 0.1, "eps": 1e-5},
        {"input": rand(5, 17, 2, 2), "weight": rand(17), "bias": rand(17), "running_mean": rand(17),
         "running_var": rand(17, lo=0.5, hi=1.5)}, ["input", "weight", "bias"],
        lambda l: (lambda rm, rv: {"out": F.batch_norm(l["input"], rm, rv, l["weight"], l["bias"], True, 0.1, 1e-5),
                                   "running_mean": rm, "running_var": rv})(l["running_mean"].clone(),
                                                                           l["running_var"].clone()),
        rtol=1e-3, atol=1e-4, single=False)
    add("medium/layer_norm_130", "layer_norm", {"normalized_shape": [130], "eps": 1e-5},
        {"input": rand(2, 130), "weight": rand(130), "bias": rand(130)}, ["input", "weight", "bias"],
        lambda l: F.layer_norm(l["input"], [130], l["weight"], l["bias"]), rtol=1e-3, atol=1e-4)
    add("medium/group_norm_4g_24c", "group_norm", {"num_groups": 4, "eps": 1e-5},
        {"input": rand(2, 24, 5), "weight": rand(24), "bias": rand(24)}, ["input", "weight", "bias"],
        lambda l: F.group_norm(l["input"], 4, l["weight"], l["bias"]), rtol=1e-3, atol=1e-4)
    add("medium/cross_entropy_40x11", "cross_entropy", {"label_smoothing": 0.05},
        {"input": rand(40, 11, lo=-3, hi=3), "target": randint(0, 11, 40)}, ["input"],
        lambda l: F.cross_entropy(l["input"], l["target"], label_smoothing=0.05))
    add("medium/mse_200", "mse_loss", {}, {"input": rand(200), "target": rand(200)}, ["input", "target"],
        lambda l: F.mse_loss(l["input"], l["target"]))
    add("medium/embedding_30x17", "embedding", {}, {"input": randint(0, 30, 2, 7), "weight": rand(30, 17)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"]))
    add("medium/interpolate_bilinear_9x7_to_16x13", "interpolate", {"size": [16, 13], "mode": "bilinear",
                                                                     "align_corners": False},
        {"input": rand(1, 2, 9, 7)}, ["input"],
        lambda l: F.interpolate(l["input"], size=[16, 13], mode="bilinear", align_corners=False))
    add("medium/lstm_h17", "lstm", {"batch_first": True, "hidden_size": 17, "num_layers": 1, "bidirectional": False},
        {"input": rand(2, 4, 5), "h0": rand(1, 2, 17), "c0": rand(1, 2, 17), "weight_ih_l0": rand(68, 5, lo=-0.2, hi=0.2),
         "weight_hh_l0": rand(68, 17, lo=-0.2, hi=0.2), "bias_ih_l0": rand(68, lo=-0.2, hi=0.2),
         "bias_hh_l0": rand(68, lo=-0.2, hi=0.2)},
        ["input", "h0", "c0", "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"],
        lambda l: dict(zip(("output", "h_n", "c_n"), (lambda o: (o[0], o[1], o[2]))(torch._VF.lstm(
            l["input"], (l["h0"], l["c0"]), [l["weight_ih_l0"], l["weight_hh_l0"], l["bias_ih_l0"], l["bias_hh_l0"]],
            True, 1, 0.0, False, False, True)))), rtol=1e-3, atol=1e-4, single=False)
    add("medium/mha_e20_h4", "multi_head_attention", {"num_heads": 4, "batch_first": True},
        {"query": rand(1, 5, 20), "key": rand(1, 17, 20), "value": rand(1, 17, 20),
         "in_proj_weight": rand(60, 20, lo=-0.2, hi=0.2), "in_proj_bias": rand(60, lo=-0.1, hi=0.1),
         "out_proj.weight": rand(20, 20, lo=-0.2, hi=0.2), "out_proj.bias": rand(20, lo=-0.1, hi=0.1)},
        ["query", "key", "value", "in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"],
        lambda l: (lambda o: {"output": o[0].transpose(0, 1), "attn_weights": o[1]})(F.multi_head_attention_forward(
            l["query"].transpose(0, 1), l["key"].transpose(0, 1), l["value"].transpose(0, 1), 20, 4,
            l["in_proj_weight"], l["in_proj_bias"], None, None, False, 0.0, l["out_proj.weight"], l["out_proj.bias"],
            training=False)), rtol=1e-3, atol=1e-4, single=False)


def layout_cases():
    """Resampling layouts and remaining kwargs: antialias, bicubic scale, pixel (un)shuffle, unfold/fold, instance_norm stats."""
    add("pool/interpolate_bilinear_antialias", "interpolate", {"size": [3, 4], "mode": "bilinear",
                                                               "align_corners": False, "antialias": True},
        {"input": rand(1, 2, 7, 9)}, ["input"],
        lambda l: F.interpolate(l["input"], size=[3, 4], mode="bilinear", align_corners=False, antialias=True))
    add("pool/interpolate_bicubic_antialias", "interpolate", {"scale_factor": 0.5, "mode": "bicubic",
                                                              "align_corners": False, "antialias": True},
        {"input": rand(1, 1, 8, 6)}, ["input"],
        lambda l: F.interpolate(l["input"], scale_factor=0.5, mode="bicubic", align_corners=False, antialias=True))
    add("pool/interpolate_bilinear_antialias_up", "interpolate", {"size": [5, 7], "mode": "bilinear",
                                                                  "antialias": True},
        {"input": rand(1, 1, 3, 4)}, ["input"],
        lambda l: F.interpolate(l["input"], size=[5, 7], mode="bilinear", antialias=True))
    add("pool/interpolate_bilinear_antialias_ac", "interpolate", {"size": [3, 5], "mode": "bilinear",
                                                                  "align_corners": True, "antialias": True},
        {"input": rand(1, 2, 7, 4)}, ["input"],
        lambda l: F.interpolate(l["input"], size=[3, 5], mode="bilinear", align_corners=True, antialias=True))
    add("pool/interpolate_bicubic_antialias_mixed", "interpolate", {"scale_factor": [0.4, 1.5], "mode": "bicubic",
                                                                    "antialias": True},
        {"input": rand(1, 1, 10, 3)}, ["input"],
        lambda l: F.interpolate(l["input"], scale_factor=[0.4, 1.5], mode="bicubic", antialias=True))
    add("pool/interpolate_bicubic_scale", "interpolate", {"scale_factor": 1.5, "mode": "bicubic", "align_corners": False},
        {"input": rand(1, 2, 3, 4)}, ["input"],
        lambda l: F.interpolate(l["input"], scale_factor=1.5, mode="bicubic", align_corners=False))
    add("pool/adaptive_max_pool2d_return_indices", "adaptive_max_pool2d", {"output_size": [2, 3], "return_indices": True},
        {"input": rand(1, 2, 5, 7)}, ["input"],
        lambda l: dict(zip(("output", "indices"), F.adaptive_max_pool2d(l["input"], [2, 3], return_indices=True))),
        single=False)
    add("pool/avg_pool1d_ceil_pad_nocount", "avg_pool1d", {"kernel_size": 3, "stride": 2, "padding": 1,
                                                           "ceil_mode": True, "count_include_pad": False},
        {"input": rand(1, 2, 8)}, ["input"],
        lambda l: F.avg_pool1d(l["input"], 3, 2, 1, ceil_mode=True, count_include_pad=False))
    add("conv/conv2d_same_even_dil_groups", "conv2d", {"padding": "same", "dilation": [1, 2], "groups": 2},
        {"input": rand(1, 4, 6, 7), "weight": rand(4, 2, 2, 4), "bias": rand(4)}, ["input", "weight", "bias"],
        lambda l: F.conv2d(l["input"], l["weight"], l["bias"], padding="same", dilation=[1, 2], groups=2))
    add("shape/pad_reflect_2d_unbatched", "pad", {"pad": [1, 1, 2, 0], "mode": "reflect"}, {"input": rand(2, 4, 3)},
        ["input"], lambda l: F.pad(l["input"], [1, 1, 2, 0], mode="reflect"))
    add("shape/pad_circular_3d_input_1d", "pad", {"pad": [3, 2], "mode": "circular"}, {"input": rand(1, 2, 5)},
        ["input"], lambda l: F.pad(l["input"], [3, 2], mode="circular"))
    add("layer/pixel_shuffle", "pixel_shuffle", {"upscale_factor": 2}, {"input": rand(1, 8, 2, 3)}, ["input"],
        lambda l: F.pixel_shuffle(l["input"], 2))
    add("layer/pixel_unshuffle", "pixel_unshuffle", {"downscale_factor": 2}, {"input": rand(1, 2, 4, 6)}, ["input"],
        lambda l: F.pixel_unshuffle(l["input"], 2))
    add("layer/unfold", "unfold", {"kernel_size": [2, 3], "dilation": 1, "padding": 1, "stride": [1, 2]},
        {"input": rand(1, 2, 4, 5)}, ["input"],
        lambda l: F.unfold(l["input"], [2, 3], dilation=1, padding=1, stride=[1, 2]))
    add("layer/fold", "fold", {"output_size": [4, 5], "kernel_size": 2, "stride": 1},
        {"input": rand(1, 8, 12)}, ["input"], lambda l: F.fold(l["input"], [4, 5], 2, stride=1))
    add("norm/instance_norm_running", "instance_norm", {"use_input_stats": True, "momentum": 0.2, "eps": 1e-5},
        {"input": rand(2, 3, 4), "running_mean": rand(3), "running_var": rand(3, lo=0.5, hi=1.5)}, ["input"],
        lambda l: (lambda rm, rv: {"output": F.instance_norm(l["input"], rm, rv, use_input_stats=True, momentum=0.2),
                                   "running_mean": rm, "running_var": rv})(l["running_mean"].clone(),
                                                                           l["running_var"].clone()),
        rtol=1e-3, atol=1e-4, single=False)
    add("norm/instance_norm_eval_stats", "instance_norm", {"use_input_stats": False, "eps": 1e-5},
        {"input": rand(2, 3, 4), "running_mean": rand(3), "running_var": rand(3, lo=0.5, hi=1.5), "weight": rand(3),
         "bias": rand(3)}, ["input", "weight", "bias"],
        lambda l: F.instance_norm(l["input"], l["running_mean"], l["running_var"], l["weight"], l["bias"],
                                  use_input_stats=False), rtol=1e-3, atol=1e-4)
    add("norm/layer_norm_full_shape", "layer_norm", {"normalized_shape": [2, 3, 4], "eps": 1e-5},
        {"input": rand(2, 3, 4), "weight": rand(2, 3, 4), "bias": rand(2, 3, 4)}, ["input", "weight", "bias"],
        lambda l: F.layer_norm(l["input"], [2, 3, 4], l["weight"], l["bias"]), rtol=1e-3, atol=1e-4)
    add("embed/embedding_0d_index", "embedding", {}, {"input": torch.tensor(2), "weight": rand(4, 3)}, ["weight"],
        lambda l: F.embedding(l["input"], l["weight"]))
    add("loss/kl_div_log_target_none", "kl_div", {"reduction": "none", "log_target": True},
        {"input": f32(torch.log_softmax(rand(2, 3), 1)), "target": f32(torch.log_softmax(rand(2, 3), 1))},
        ["input", "target"], lambda l: F.kl_div(l["input"], l["target"], reduction="none", log_target=True))
    add("loss/bcel_3d_weight_pos_weight", "binary_cross_entropy_with_logits", {"reduction": "sum"},
        {"input": rand(2, 3, 4, lo=-2, hi=2), "target": rand(2, 3, 4, lo=0, hi=1), "weight": rand(3, 1, lo=0.2, hi=2),
         "pos_weight": rand(4, lo=0.5, hi=2)}, ["input", "target"],
        lambda l: F.binary_cross_entropy_with_logits(l["input"], l["target"], l["weight"], reduction="sum",
                                                     pos_weight=l["pos_weight"]))


def grid_cases():
    """Small systematic grids over the kwargs of the loss, pooling and convolution families."""
    import itertools
    n = 0
    for shape, w, ig, ls, red in itertools.product(((4, 3), (2, 3, 2, 2)), (False, True), (None, 1), (0.0, 0.2),
                                                   ("mean", "sum", "none")):
        n += 1
        if n % 3 != 0:   # a third of the 48 combinations keeps the file small
            continue
        kw = {"reduction": red}
        if ig is not None:
            kw["ignore_index"] = ig
        if ls:
            kw["label_smoothing"] = ls
        ins = {"input": rand(*shape, lo=-2, hi=2), "target": randint(0, 3, shape[0], *shape[2:])}
        if w:
            ins["weight"] = rand(3, lo=0.3, hi=2)
        add(f"grid/ce_{len(shape)}d_w{int(w)}_ig{ig}_ls{ls}_{red}", "cross_entropy", kw, ins, ["input"],
            lambda l, kw=kw: F.cross_entropy(l["input"], l["target"], l.get("weight"), **kw))
    for k, st, pad, dil, ceil in itertools.product((2, 3), (1, 2), (0, 1), (1, 2), (False, True)):
        if pad > k // 2 or (k - 1) * dil + 1 > 6:
            continue
        kw = {"kernel_size": k, "stride": st, "padding": pad, "dilation": dil, "ceil_mode": ceil}
        add(f"grid/max_pool2d_k{k}s{st}p{pad}d{dil}c{int(ceil)}", "max_pool2d", kw, {"input": rand(1, 1, 6, 5)},
            ["input"], lambda l, kw=kw: F.max_pool2d(l["input"], **kw))
    for k, st, pad, ceil, cip in itertools.product((2, 3), (1, 2), (0, 1), (False, True), (True, False)):
        if pad > k // 2:
            continue
        kw = {"kernel_size": k, "stride": st, "padding": pad, "ceil_mode": ceil, "count_include_pad": cip}
        add(f"grid/avg_pool2d_k{k}s{st}p{pad}c{int(ceil)}i{int(cip)}", "avg_pool2d", kw, {"input": rand(1, 1, 5, 6)},
            ["input"], lambda l, kw=kw: F.avg_pool2d(l["input"], **kw))
    for st, pad, dil, g in itertools.product((1, 2), (0, 1, 2), (1, 2), (1, 2)):
        kw = {"stride": st, "padding": pad, "dilation": dil, "groups": g}
        add(f"grid/conv2d_s{st}p{pad}d{dil}g{g}", "conv2d", kw,
            {"input": rand(1, 2, 6, 5), "weight": rand(2, 2 // g, 3, 2), "bias": rand(2)}, ["input", "weight", "bias"],
            lambda l, kw=kw: F.conv2d(l["input"], l["weight"], l["bias"], **kw))
    for st, pad, op, dil in itertools.product((1, 2, 3), (0, 1), (0, 1, 2), (1, 2)):
        if op >= max(st, dil):
            continue
        kw = {"stride": st, "padding": pad, "output_padding": op, "dilation": dil}
        add(f"grid/conv_transpose2d_s{st}p{pad}o{op}d{dil}", "conv_transpose2d", kw,
            {"input": rand(1, 2, 3, 3), "weight": rand(2, 2, 2, 3), "bias": rand(2)}, ["input", "weight", "bias"],
            lambda l, kw=kw: F.conv_transpose2d(l["input"], l["weight"], l["bias"], **kw))
    for mode, ac, size in itertools.product(("bilinear", "bicubic"), (False, True), ((2, 3), (5, 7), (4, 2))):
        kw = {"size": list(size), "mode": mode, "align_corners": ac}
        add(f"grid/interpolate_{mode}_ac{int(ac)}_{size[0]}x{size[1]}", "interpolate", kw, {"input": rand(1, 1, 3, 4)},
            ["input"], lambda l, kw=kw: F.interpolate(l["input"], **kw))


def volumetric_cases():
    """conv3d and adaptive 3-D pooling (N, C, D, H, W)."""
    for cid, kw, si, sw, bias in [("conv3d_basic", {}, (1, 2, 4, 4, 3), (3, 2, 2, 3, 2), True),
                                  ("conv3d_stride_pad", {"stride": [2, 1, 2], "padding": 1}, (2, 2, 5, 4, 5),
                                   (2, 2, 3, 3, 3), True),
                                  ("conv3d_dil_groups", {"padding": [2, 1, 0], "dilation": [2, 1, 1], "groups": 2},
                                   (1, 4, 5, 3, 3), (2, 2, 3, 2, 2), False),
                                  ("conv3d_same", {"padding": "same"}, (1, 2, 3, 4, 4), (2, 2, 2, 3, 2), True),
                                  ("conv3d_unbatched", {"stride": 2}, (2, 4, 5, 4), (2, 2, 2, 2, 2), True)]:
        ins = {"input": rand(*si), "weight": rand(*sw)}
        if bias:
            ins["bias"] = rand(sw[0])
        add(f"conv/{cid}", "conv3d", kw, ins, list(ins),
            lambda l, kw=kw: F.conv3d(l["input"], l["weight"], l.get("bias"), **kw))
    for cid, kw, si, sw, bias in [("s2", {"stride": 2}, (1, 2, 2, 3, 2), (2, 3, 2, 2, 2), True),
                                  ("s2_p1_op1", {"stride": [2, 1, 2], "padding": 1, "output_padding": [1, 0, 1]},
                                   (1, 2, 3, 2, 3), (2, 2, 3, 2, 3), True),
                                  ("groups_dil", {"groups": 2, "dilation": [2, 1, 1]}, (2, 4, 2, 2, 2),
                                   (4, 1, 2, 2, 2), False),
                                  ("unbatched", {"stride": 1, "padding": [1, 0, 0]}, (2, 3, 2, 2), (2, 2, 3, 2, 2),
                                   True)]:
        ins = {"input": rand(*si), "weight": rand(*sw)}
        if bias:
            ins["bias"] = rand(sw[1] * kw.get("groups", 1))
        add(f"conv/conv_transpose3d_{cid}", "conv_transpose3d", kw, ins, list(ins),
            lambda l, kw=kw: F.conv_transpose3d(l["input"], l["weight"], l.get("bias"), **kw))
    for cid, kw, s in [("k2", {"kernel_size": 2}, (1, 2, 4, 4, 5)),
                       ("k3s2p1", {"kernel_size": 3, "stride": 2, "padding": 1}, (1, 1, 5, 6, 5)),
                       ("ceil", {"kernel_size": [2, 3, 2], "stride": [2, 2, 1], "ceil_mode": True}, (2, 1, 5, 5, 3)),
                       ("unbatched", {"kernel_size": 2, "stride": 1}, (2, 3, 3, 4))]:
        add(f"pool/max_pool3d_{cid}", "max_pool3d", kw, {"input": rand(*s)}, ["input"],
            lambda l, kw=kw: F.max_pool3d(l["input"], **kw))
        add(f"pool/avg_pool3d_{cid}", "avg_pool3d", kw, {"input": rand(*s)}, ["input"],
            lambda l, kw=kw: F.avg_pool3d(l["input"], **kw))
    add("pool/max_pool3d_dil", "max_pool3d", {"kernel_size": 2, "dilation": [2, 1, 2], "padding": 1},
        {"input": rand(1, 1, 5, 4, 5)}, ["input"],
        lambda l: F.max_pool3d(l["input"], 2, dilation=[2, 1, 2], padding=1))
    add("pool/avg_pool3d_nocount_ceil", "avg_pool3d", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True,
                                                       "count_include_pad": False},
        {"input": rand(1, 1, 4, 5, 6)}, ["input"],
        lambda l: F.avg_pool3d(l["input"], 3, 2, 1, ceil_mode=True, count_include_pad=False))
    add("pool/avg_pool3d_divisor", "avg_pool3d", {"kernel_size": 2, "divisor_override": 3},
        {"input": rand(1, 2, 4, 4, 4)}, ["input"], lambda l: F.avg_pool3d(l["input"], 2, divisor_override=3))
    for cid, kw, s in [("trilinear_size", {"size": [3, 5, 4], "mode": "trilinear", "align_corners": False}, (1, 2, 2, 3, 3)),
                       ("trilinear_ac", {"size": [4, 2, 5], "mode": "trilinear", "align_corners": True}, (1, 1, 3, 4, 3)),
                       ("trilinear_scale", {"scale_factor": [1.5, 2.0, 0.5], "mode": "trilinear"}, (1, 1, 2, 2, 4)),
                       ("nearest_3d", {"scale_factor": 2.0, "mode": "nearest"}, (1, 2, 2, 2, 3)),
                       ("nearest_3d_size", {"size": [3, 2, 5], "mode": "nearest"}, (1, 1, 4, 3, 2)),
                       ("nearest_exact_3d", {"size": [3, 3, 3], "mode": "nearest-exact"}, (1, 1, 2, 4, 5))]:
        add(f"pool/interpolate_{cid}", "interpolate", kw, {"input": rand(*s)}, ["input"],
            lambda l, kw=kw: F.interpolate(l["input"], **kw))
    for cid, size, s in [("3d_2x3x2", [2, 3, 2], (1, 2, 5, 4, 3)), ("3d_int", 2, (2, 1, 3, 5, 4)),
                         ("3d_none", [None, 2, 1], (1, 2, 3, 4, 5))]:
        add(f"pool/adaptive_avg_pool{cid}", "adaptive_avg_pool3d", {"output_size": size}, {"input": rand(*s)},
            ["input"], lambda l, size=size: F.adaptive_avg_pool3d(l["input"], size))
        add(f"pool/adaptive_max_pool{cid}", "adaptive_max_pool3d", {"output_size": size}, {"input": rand(*s)},
            ["input"], lambda l, size=size: F.adaptive_max_pool3d(l["input"], size))


def rearrange_cases():
    """Shape and scan neighbours: flip, roll, tril/triu, movedim, tile, cumsum, cumprod, prod, 3-D pad modes."""
    add("shape/flip_dims", "flip", {"dims": [0, -1]}, {"input": rand(2, 3, 4)}, ["input"], lambda l: torch.flip(l["input"], [0, -1]))
    add("shape/roll_dim", "roll", {"shifts": 2, "dims": 1}, {"input": rand(2, 5)}, ["input"],
        lambda l: torch.roll(l["input"], 2, 1))
    add("shape/roll_multi", "roll", {"shifts": [-1, 3], "dims": [0, 2]}, {"input": rand(3, 2, 4)}, ["input"],
        lambda l: torch.roll(l["input"], [-1, 3], [0, 2]))
    add("shape/roll_flat", "roll", {"shifts": 4}, {"input": rand(2, 3)}, ["input"], lambda l: torch.roll(l["input"], 4))
    add("shape/tril", "tril", {"diagonal": 0}, {"input": rand(4, 5)}, ["input"], lambda l: torch.tril(l["input"]))
    add("shape/triu_k1_batched", "triu", {"diagonal": 1}, {"input": rand(2, 3, 4)}, ["input"],
        lambda l: torch.triu(l["input"], 1))
    add("shape/tril_neg", "tril", {"diagonal": -1}, {"input": rand(4, 3)}, ["input"], lambda l: torch.tril(l["input"], -1))
    add("shape/movedim", "movedim", {"source": 0, "destination": -1}, {"input": rand(2, 3, 4)}, ["input"],
        lambda l: torch.movedim(l["input"], 0, -1))
    add("shape/movedim_multi", "movedim", {"source": [0, 1], "destination": [2, 0]}, {"input": rand(2, 3, 4)},
        ["input"], lambda l: torch.movedim(l["input"], [0, 1], [2, 0]))
    add("shape/tile", "tile", {"dims": [2, 1, 2]}, {"input": rand(2, 3)}, ["input"], lambda l: torch.tile(l["input"], (2, 1, 2)))
    add("shape/tile_short", "tile", {"dims": [3]}, {"input": rand(2, 2)}, ["input"], lambda l: torch.tile(l["input"], (3,)))
    add("reduce/cumsum_dim1", "cumsum", {"dim": 1}, {"input": rand(3, 5)}, ["input"], lambda l: torch.cumsum(l["input"], 1))
    add("reduce/cumsum_neg", "cumsum", {"dim": -1}, {"input": rand(2, 2, 4)}, ["input"], lambda l: torch.cumsum(l["input"], -1))
    add("reduce/cumprod_dim0", "cumprod", {"dim": 0}, {"input": rand(4, 3, lo=0.5, hi=1.5)}, ["input"],
        lambda l: torch.cumprod(l["input"], 0))
    add("reduce/cumprod_zero", "cumprod", {"dim": 1}, {"input": torch.tensor([[1.5, 0.0, 2.0, -1.0], [0.5, 2.0, 0.0, 0.0]],
                                                                             dtype=torch.float64)},
        ["input"], lambda l: torch.cumprod(l["input"], 1))
    add("reduce/prod_all", "prod", {}, {"input": rand(2, 3, lo=0.5, hi=1.5)}, ["input"], lambda l: torch.prod(l["input"]))
    add("reduce/prod_dim_keep", "prod", {"dim": 1, "keepdim": True}, {"input": rand(3, 4, lo=-1.5, hi=1.5)}, ["input"],
        lambda l: torch.prod(l["input"], 1, keepdim=True))
    add("reduce/prod_with_zeros", "prod", {"dim": 1}, {"input": torch.tensor([[1.5, 0.0, 2.0], [0.0, 0.0, 3.0],
                                                                                [1.0, 2.0, -0.5]], dtype=torch.float64)},
        ["input"], lambda l: torch.prod(l["input"], 1))
    add("shape/pad_reflect_3d", "pad", {"pad": [1, 1, 0, 1, 1, 0], "mode": "reflect"}, {"input": rand(1, 1, 3, 3, 3)},
        ["input"], lambda l: F.pad(l["input"], [1, 1, 0, 1, 1, 0], mode="reflect"))
    add("shape/pad_replicate_3d", "pad", {"pad": [2, 0, 1, 1, 0, 2], "mode": "replicate"}, {"input": rand(1, 2, 2, 2, 3)},
        ["input"], lambda l: F.pad(l["input"], [2, 0, 1, 1, 0, 2], mode="replicate"))
    add("shape/pad_circular_3d", "pad", {"pad": [1, 0, 0, 1, 1, 1], "mode": "circular"}, {"input": rand(1, 1, 2, 3, 3)},
        ["input"], lambda l: F.pad(l["input"], [1, 0, 0, 1, 1, 1], mode="circular"))


def nonfinite_cases():
    """Values PyTorch turns into inf or NaN (written as Python's json writes them: NaN, Infinity, -Infinity)."""
    inf = float("inf")
    add("nonfinite/log_zero", "log", {}, {"input": torch.tensor([0.0, 1.0, 2.0], dtype=torch.float64)}, ["input"],
        lambda l: torch.log(l["input"]))
    add("nonfinite/div_by_zero", "div", {}, {"input": torch.tensor([1.0, -2.0, 0.0, 3.0], dtype=torch.float64),
                                              "other": torch.tensor([0.0, 0.0, 0.0, 2.0], dtype=torch.float64)}, [],
        lambda l: l["input"] / l["other"])
    add("nonfinite/softmax_masked", "softmax", {"dim": -1},
        {"input": torch.tensor([[-inf, 1.0, 2.0], [0.5, -inf, -inf]], dtype=torch.float64)}, ["input"],
        lambda l: F.softmax(l["input"], -1))
    add("nonfinite/log_softmax_masked", "log_softmax", {"dim": -1},
        {"input": torch.tensor([[-inf, 1.0, 2.0], [0.5, -inf, 0.0]], dtype=torch.float64)}, [],
        lambda l: F.log_softmax(l["input"], -1))
    add("nonfinite/logsumexp_neg_inf_row", "logsumexp", {"dim": 1},
        {"input": torch.tensor([[-inf, -inf], [0.5, -inf]], dtype=torch.float64)}, [],
        lambda l: torch.logsumexp(l["input"], 1))
    add("nonfinite/cross_entropy_all_ignored", "cross_entropy", {"ignore_index": 1},
        {"input": rand(2, 3), "target": torch.tensor([1, 1])}, [], lambda l: F.cross_entropy(l["input"], l["target"],
                                                                                             ignore_index=1))
    add("nonfinite/norm_inf_kwarg", "norm", {"p": inf, "dim": 1}, {"input": rand(2, 3)}, ["input"],
        lambda l: torch.norm(l["input"], p=inf, dim=1))
    add("nonfinite/clamp_inf_bound", "clamp", {"min": -inf, "max": 0.2}, {"input": rand(2, 3)}, ["input"],
        lambda l: torch.clamp(l["input"], -inf, 0.2))
    add("nonfinite/amax_with_inf", "amax", {"dim": 0}, {"input": torch.tensor([[inf, 1.0], [2.0, -inf]],
                                                                             dtype=torch.float64)}, [],
        lambda l: torch.amax(l["input"], 0))


def misc_layer_cases():
    """Deterministic neighbours: lp pooling, rrelu and dropout in evaluation, one_hot, local_response_norm, bilinear."""
    add("pool/lp_pool2d_p2", "lp_pool2d", {"norm_type": 2.0, "kernel_size": 2}, {"input": rand(1, 2, 4, 5)}, ["input"],
        lambda l: F.lp_pool2d(l["input"], 2.0, 2))
    add("pool/lp_pool2d_p3_stride1", "lp_pool2d", {"norm_type": 3.0, "kernel_size": [2, 3], "stride": 1},
        {"input": rand(1, 1, 3, 4, lo=0.1, hi=1)}, ["input"], lambda l: F.lp_pool2d(l["input"], 3.0, [2, 3], 1))
    add("pool/lp_pool1d_p1_5", "lp_pool1d", {"norm_type": 1.5, "kernel_size": 3, "stride": 2},
        {"input": rand(2, 2, 7, lo=0.1, hi=1)}, ["input"], lambda l: F.lp_pool1d(l["input"], 1.5, 3, 2))
    add("unary/rrelu_eval", "rrelu", {"lower": 0.1, "upper": 0.3, "training": False}, {"input": rand(3, 4, lo=-2, hi=2)},
        ["input"], lambda l: F.rrelu(l["input"], 0.1, 0.3, training=False))
    add("unary/dropout_eval", "dropout", {"p": 0.5, "training": False}, {"input": rand(3, 4)}, ["input"],
        lambda l: F.dropout(l["input"], 0.5, training=False))
    add("unary/dropout_p0", "dropout", {"p": 0.0}, {"input": rand(3, 4)}, ["input"], lambda l: F.dropout(l["input"], 0.0))
    add("shape/one_hot", "one_hot", {"num_classes": 5}, {"input": torch.tensor([[0, 3], [4, 1]])}, [],
        lambda l: F.one_hot(l["input"], 5))
    add("shape/one_hot_infer", "one_hot", {}, {"input": torch.tensor([2, 0, 1])}, [], lambda l: F.one_hot(l["input"]))
    add("norm/local_response_norm_3d", "local_response_norm", {"size": 3, "alpha": 0.001, "beta": 0.75, "k": 1.0},
        {"input": rand(2, 5, 4, lo=-2, hi=2)}, ["input"],
        lambda l: F.local_response_norm(l["input"], 3, 0.001, 0.75, 1.0), rtol=1e-3, atol=1e-4)
    add("norm/local_response_norm_4d", "local_response_norm", {"size": 2, "alpha": 0.1, "beta": 0.5, "k": 2.0},
        {"input": rand(1, 4, 3, 3, lo=-2, hi=2)}, ["input"],
        lambda l: F.local_response_norm(l["input"], 2, 0.1, 0.5, 2.0), rtol=1e-3, atol=1e-4)
    add("linalg/bilinear", "bilinear", {}, {"input1": rand(3, 4), "input2": rand(3, 2), "weight": rand(5, 4, 2),
                                            "bias": rand(5)},
        ["input1", "input2", "weight", "bias"], lambda l: F.bilinear(l["input1"], l["input2"], l["weight"], l["bias"]))


def offset_cases():
    """Inputs far from zero relative to their spread (mean 1000, std ~0.6): normalisers and softmax must centre first."""
    x = lambda *s: f32(rand(*s) + 1000.0)
    add("offset/group_norm", "group_norm", {"num_groups": 2, "eps": 1e-5},
        {"input": x(3, 4, 5), "weight": rand(4), "bias": rand(4)}, ["input", "weight", "bias"],
        lambda l: F.group_norm(l["input"], 2, l["weight"], l["bias"]), rtol=1e-3, atol=1e-4)
    add("offset/layer_norm", "layer_norm", {"normalized_shape": [6], "eps": 1e-5},
        {"input": x(3, 6), "weight": rand(6), "bias": rand(6)}, ["input", "weight", "bias"],
        lambda l: F.layer_norm(l["input"], [6], l["weight"], l["bias"]), rtol=1e-3, atol=1e-4)
    add("offset/batch_norm_train", "batch_norm", {"momentum": 0.1, "eps": 1e-5},
        {"input": x(6, 3), "weight": rand(3), "bias": rand(3), "running_mean": rand(3),
         "running_var": rand(3, lo=0.5, hi=1)}, ["input", "weight", "bias"],
        lambda l: (lambda rm, rv: {"out": F.batch_norm(l["input"], rm, rv, l["weight"], l["bias"], True),
                                   "running_mean": rm, "running_var": rv})(l["running_mean"].clone(),
                                                                           l["running_var"].clone()),
        rtol=1e-3, atol=1e-4, single=False)
    add("offset/instance_norm", "instance_norm", {"eps": 1e-5}, {"input": x(2, 3, 6)}, ["input"],
        lambda l: F.instance_norm(l["input"]), rtol=1e-3, atol=1e-4)
    add("offset/var", "var", {"dim": 1}, {"input": x(3, 6)}, ["input"], lambda l: torch.var(l["input"], 1))
    add("offset/softmax", "softmax", {"dim": 1}, {"input": x(3, 6)}, ["input"], lambda l: F.softmax(l["input"], 1))
    add("offset/log_softmax", "log_softmax", {"dim": 1}, {"input": x(3, 6)}, ["input"],
        lambda l: F.log_softmax(l["input"], 1))
    add("offset/cross_entropy", "cross_entropy", {}, {"input": x(4, 5), "target": randint(0, 5, 4)}, ["input"],
        lambda l: F.cross_entropy(l["input"], l["target"]))


def binary_neighbour_cases():
    """Division relatives, hypot and comparisons (bool outputs)."""
    a = lambda: rand(3, 4, lo=-5, hi=5)
    b = lambda: f32(rand(4, lo=0.5, hi=2) * torch.tensor([1.0, -1.0, 1.0, -1.0], dtype=torch.float64))
    for name, fn in (("remainder", torch.remainder), ("fmod", torch.fmod), ("floor_divide", torch.floor_divide),
                     ("true_divide", torch.true_divide)):
        # torch has no derivative for floor_divide
        add(f"binary/{name}", name, {}, {"input": a(), "other": b()},
            [] if name == "floor_divide" else ["input", "other"], lambda l, fn=fn: fn(l["input"], l["other"]))
    add("binary/remainder_scalar", "remainder", {"other": 1.5}, {"input": a()}, ["input"],
        lambda l: torch.remainder(l["input"], 1.5))
    add("binary/rsub_alpha", "rsub", {"alpha": 2.0}, {"input": rand(2, 3), "other": rand(3)}, ["input", "other"],
        lambda l: torch.rsub(l["input"], l["other"], alpha=2.0))
    add("binary/max_binary", "max", {}, {"input": rand(3, 4), "other": rand(4)}, ["input", "other"],
        lambda l: torch.max(l["input"], l["other"]))
    add("binary/min_binary", "min", {}, {"input": rand(2, 1), "other": rand(2, 3)}, ["input", "other"],
        lambda l: torch.min(l["input"], l["other"]))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        add("reduce/softmax_implicit_dim_3d", "softmax", {}, {"input": rand(3, 2, 2)}, ["input"],
            lambda l: F.softmax(l["input"]))
        add("reduce/log_softmax_implicit_dim_2d", "log_softmax", {}, {"input": rand(3, 4)}, ["input"],
            lambda l: F.log_softmax(l["input"]))
    add("binary/hypot", "hypot", {}, {"input": rand(3, 4), "other": rand(3, 1)}, ["input", "other"],
        lambda l: torch.hypot(l["input"], l["other"]))
    for name in ("eq", "ne", "lt", "le", "gt", "ge"):
        x = f32(torch.round(rand(3, 4, lo=-2, hi=2)))
        y = f32(torch.round(rand(4, lo=-2, hi=2)))
        add(f"binary/{name}_bool", name, {}, {"input": x, "other": y}, [],
            lambda l, name=name: getattr(torch, name)(l["input"], l["other"]))


def main():
    for fn in (unary_cases, binary_cases, reduce_cases, linalg_cases, shape_cases, conv_cases, pool_cases,
               norm_cases, embed_cases, loss_cases, rnn_cases, attn_cases, edge_cases, more_cases,
               unbatched_and_partial_cases, proj_lstm_cases,
               neighbour_cases, medium_cases, layout_cases, grid_cases,
               volumetric_cases, rearrange_cases, nonfinite_cases,
               misc_layer_cases, offset_cases, binary_neighbour_cases):
        fn()
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    out = open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout
    for c in CASES:
        out.write(json.dumps(c, separators=(",", ":")) + "\n")
    print(f"{len(CASES)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
