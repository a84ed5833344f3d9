#!/usr/bin/env python3
"""Recompute, with PyTorch, the cases of ../shared/conformance/torch-reference.jsonl that were recorded wrongly.

- norm/batch_norm_train_*: the file serialised running_mean/running_var after torch's in-place update, so the
  given inputs equal the expected outputs. Here the given values are taken as the state *before* the step and
  the expected outputs are what torch produces from them.
- rnn/*: the file records all-zero gradients for the weights and biases. Here every gradient is what torch's
  autograd returns for the same inputs, grad_output and kwargs.

Usage (Debian's interpreter with python3-torch): /usr/bin/python3 tools/regenerate_defective_cases.py \
    ../shared/conformance/torch-reference.jsonl > nabla-conformance/src/test/resources/torch-reference-corrected.jsonl
"""
import json
import sys

import torch
import torch.nn.functional as F


def tensor(t):
    dtype = {"float32": torch.float64, "int64": torch.int64, "bool": torch.bool}[t["dtype"]]
    return torch.tensor(t["data"], dtype=dtype).reshape(t["shape"])


def encode(x):
    dtype = {torch.float64: "float32", torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}[x.dtype]
    data = x.detach().flatten().tolist()
    if dtype == "float32":
        data = [float(f"{float(torch.tensor(v, dtype=torch.float32)):.9g}") for v in data]
    return {"shape": list(x.shape), "dtype": dtype, "data": data}


def batch_norm_case(case):
    ins = {k: tensor(v) for k, v in case["inputs"].items()}
    leaves = {k: ins[k].clone().requires_grad_(True) for k in case["requires_grad"]}
    rm, rv = ins["running_mean"].clone(), ins["running_var"].clone()
    kw = case["kwargs"]
    out = F.batch_norm(leaves["input"], rm, rv, leaves.get("weight"), leaves.get("bias"), training=True,
                       momentum=kw.get("momentum", 0.1), eps=kw.get("eps", 1e-5))
    (out * tensor(case["grad_output"]["out"])).sum().backward()
    case["output"] = {"out": encode(out), "running_mean": encode(rm), "running_var": encode(rv)}
    case["grads"] = {k: encode(v.grad) for k, v in leaves.items()}
    case["id"] += "_corrected"
    return case


def rnn_case(case):
    kw = case["kwargs"]
    ins = {k: tensor(v) for k, v in case["inputs"].items()}
    leaves = {k: (ins[k].clone().requires_grad_(True) if k in case["requires_grad"] else ins[k]) for k in ins}
    layers, bidir = kw["num_layers"], kw["bidirectional"]
    weights = []
    for layer in range(layers):
        for suffix in ([""] + (["_reverse"] if bidir else [])):
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                weights.append(leaves[f"{name}_l{layer}{suffix}"])
    args = (leaves["input"],)
    if case["op"] == "lstm":
        out, h, c = torch._VF.lstm(leaves["input"], (leaves["h0"], leaves["c0"]), weights, True, layers, 0.0, False,
                                   bidir, kw["batch_first"])
        outputs = {"output": out, "h_n": h, "c_n": c}
    else:
        fn = {"rnn_tanh": torch._VF.rnn_tanh, "gru": torch._VF.gru}[case["op"]]
        out, h = fn(leaves["input"], leaves["h0"], weights, True, layers, 0.0, False, bidir, kw["batch_first"])
        outputs = {"output": out, "h_n": h}
    total = sum((outputs[k] * tensor(v)).sum() for k, v in case["grad_output"].items())
    total.backward()
    case["output"] = {k: encode(v) for k, v in outputs.items()}
    case["grads"] = {k: encode(leaves[k].grad) for k in case["requires_grad"]}
    case["id"] += "_corrected"
    return case


def main(path):
    for line in open(path):
        case = json.loads(line)
        if case["id"].startswith("norm/batch_norm_train"):
            print(json.dumps(batch_norm_case(case)))
        elif case["id"].startswith("rnn/"):
            print(json.dumps(rnn_case(case)))


if __name__ == "__main__":
    main(sys.argv[1])
