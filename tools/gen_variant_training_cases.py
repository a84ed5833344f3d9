#!/usr/bin/python3
"""Writes nabla-conformance/src/test/resources/variant-training.jsonl: PyTorch 1.13 reference cases for
optimizer, learning-rate schedule and gradient-clipping variants that the shared torch-reference.jsonl
does not cover, in exactly its format (see ../shared/conformance/README.md):

  optim:           optimizer, kwargs, params (one tensor), grads[i] given before step i, steps[i] after it
  sched:           scheduler, kwargs, base_lr (the optimizer's lr), lrs[e] after the e-th step() call
                   (an optimizer step precedes each), metrics[e] for ReduceLROnPlateau
  clip_grad_norm:  kwargs {max_norm, norm_type}, grads, clipped, total_norm
  clip_grad_value: kwargs {clip_value}, grads, clipped (the same shape as clip_grad_norm without a norm)

Values are computed in float64 from inputs rounded to float32 and stored as float32 decimals, like the
shared file. Deterministic (fixed seed). Run with /usr/bin/python3 (torch 1.13):

  /usr/bin/python3 tools/gen_variant_training_cases.py [OUT]
"""
import json
import math
import sys

import torch
import torch.optim.lr_scheduler as L

OUT = "nabla-conformance/src/test/resources/variant-training.jsonl"
gen = torch.Generator().manual_seed(20261124)


def f32(x):
    """Rounds a float64 tensor to float32 values (kept as float64 for the computation)."""
    return x.to(torch.float32).to(torch.float64)


def uniform(*shape, scale=1.0):
    return f32((torch.rand(tuple(shape), generator=gen, dtype=torch.float64) * 2 - 1) * scale)


def num(x):
    """A JSON number, or the strings the format uses for non-finite values."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if math.isnan(x):
        return "nan"
    return x


def T(t):
    t = t.detach().to(torch.float32)
    data = [num(float("%.9g" % v)) for v in t.reshape(-1).tolist()]
    return {"shape": list(t.shape), "dtype": "float32", "data": data}


cases = []


# ---------------------------------------------------------------------------------------------- optimizers

def optim_case(cid, name, kwargs, shape, steps=5, grad_scale=1.0, zero_some=False, poison=None):
    p0 = uniform(*shape)
    grads = [uniform(*shape, scale=grad_scale) for _ in range(steps)]
    if poison is not None:
        grads[1].view(-1)[2] = poison  # one non-finite gradient element at step 2: torch's NaN/inf propagation
    if zero_some:
        # a few exact zeros: the eps and the accumulated state alone decide those entries
        for g in grads[::2]:
            g.view(-1)[::3] = 0.0
    p = p0.clone().requires_grad_(True)
    opt = getattr(torch.optim, name)([p], **kwargs)
    outs = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        outs.append(T(p))
    cases.append({"id": "optim_variant/" + cid, "op": "optim", "optimizer": name, "kwargs": kwargs,
                  "params": T(p0), "grads": [T(g) for g in grads], "steps": outs, "rtol": 1e-4, "atol": 1e-6})


# SGD
optim_case("sgd_1d", "SGD", {"lr": 0.2}, [7])
optim_case("sgd_wd", "SGD", {"lr": 0.1, "weight_decay": 0.05}, [3, 4])
optim_case("sgd_maximize", "SGD", {"lr": 0.1, "maximize": True}, [5])
optim_case("sgd_maximize_momentum_wd", "SGD", {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.1, "maximize": True}, [2, 3])
optim_case("sgd_momentum_dampening_wd", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5, "weight_decay": 0.02}, [4, 2], steps=6)
optim_case("sgd_dampening_full", "SGD", {"lr": 0.1, "momentum": 0.7, "dampening": 1.0}, [6])
optim_case("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.5, "nesterov": True}, [3, 3], steps=6)
optim_case("sgd_nesterov_maximize", "SGD", {"lr": 0.03, "momentum": 0.95, "nesterov": True, "maximize": True}, [8])
optim_case("sgd_dampening_no_momentum", "SGD", {"lr": 0.1, "dampening": 0.4}, [4])
# Adam / AdamW
for opt_name in ("Adam", "AdamW"):
    low = opt_name.lower()
    optim_case(low + "_1d_betas", opt_name, {"lr": 0.02, "betas": [0.5, 0.9]}, [9], steps=6)
    optim_case(low + "_eps_big", opt_name, {"lr": 0.01, "eps": 0.1}, [3, 4], zero_some=True)
    optim_case(low + "_wd", opt_name, {"lr": 0.01, "weight_decay": 0.3}, [2, 5])
    optim_case(low + "_amsgrad_wd", opt_name, {"lr": 0.05, "amsgrad": True, "weight_decay": 0.2, "betas": [0.7, 0.95]},
               [4, 3], steps=7)
    optim_case(low + "_maximize", opt_name, {"lr": 0.01, "maximize": True}, [6])
    optim_case(low + "_maximize_amsgrad_wd", opt_name,
               {"lr": 0.02, "maximize": True, "amsgrad": True, "weight_decay": 0.05, "eps": 1e-6}, [3, 2], steps=6)
    optim_case(low + "_beta1_zero", opt_name, {"lr": 0.01, "betas": [0.0, 0.99]}, [5])
    optim_case(low + "_small_grads", opt_name, {"lr": 0.001}, [2, 4], grad_scale=1e-3)
optim_case("adamw_default_wd", "AdamW", {"lr": 0.1}, [5])
optim_case("adamw_no_wd", "AdamW", {"lr": 0.01, "weight_decay": 0.0}, [5])
# RMSprop
optim_case("rmsprop_1d_default", "RMSprop", {"lr": 0.01}, [6])
optim_case("rmsprop_alpha_eps", "RMSprop", {"lr": 0.01, "alpha": 0.5, "eps": 0.01}, [3, 4], zero_some=True)
optim_case("rmsprop_momentum", "RMSprop", {"lr": 0.005, "momentum": 0.8}, [2, 3], steps=6)
optim_case("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True, "alpha": 0.9}, [5])
optim_case("rmsprop_wd", "RMSprop", {"lr": 0.01, "weight_decay": 0.1}, [4, 2])
optim_case("rmsprop_centered_momentum_wd_eps", "RMSprop",
           {"lr": 0.002, "alpha": 0.8, "eps": 1e-3, "momentum": 0.5, "centered": True, "weight_decay": 0.05}, [3, 3], steps=7)
optim_case("rmsprop_maximize_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9, "maximize": True}, [5])
# Adagrad
optim_case("adagrad_1d", "Adagrad", {"lr": 0.05}, [7], zero_some=True)
optim_case("adagrad_lr_decay", "Adagrad", {"lr": 0.1, "lr_decay": 0.5}, [3, 4], steps=6)
optim_case("adagrad_wd", "Adagrad", {"lr": 0.1, "weight_decay": 0.2}, [2, 3])
optim_case("adagrad_initial_accumulator", "Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5}, [5])
optim_case("adagrad_eps", "Adagrad", {"lr": 0.1, "eps": 0.1}, [4], zero_some=True)
optim_case("adagrad_all", "Adagrad",
           {"lr": 0.2, "lr_decay": 0.1, "weight_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-6}, [3, 2], steps=6)
optim_case("adagrad_maximize", "Adagrad", {"lr": 0.1, "maximize": True, "lr_decay": 0.2}, [6])
# longer runs and extreme settings
optim_case("sgd_long_momentum", "SGD", {"lr": 0.05, "momentum": 0.99, "weight_decay": 0.01}, [4], steps=20)
optim_case("adam_long", "Adam", {"lr": 0.05, "betas": [0.95, 0.9999]}, [3, 2], steps=20)
optim_case("adamw_long_amsgrad", "AdamW", {"lr": 0.05, "amsgrad": True, "weight_decay": 0.5}, [5], steps=20)
optim_case("rmsprop_long_centered", "RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.9}, [4], steps=20)
optim_case("adagrad_long", "Adagrad", {"lr": 0.5, "lr_decay": 0.01}, [4], steps=20)
optim_case("adam_large_grads", "Adam", {"lr": 0.01, "weight_decay": 0.1}, [6], grad_scale=1000.0)
optim_case("rmsprop_large_grads_centered", "RMSprop", {"lr": 0.01, "centered": True}, [6], grad_scale=100.0)
optim_case("sgd_lr_zero_wd", "SGD", {"lr": 0.0, "momentum": 0.9, "weight_decay": 0.5}, [3])
optim_case("adam_beta2_zero", "Adam", {"lr": 0.01, "betas": [0.9, 0.0]}, [5], zero_some=True)
optim_case("rmsprop_alpha_zero", "RMSprop", {"lr": 0.01, "alpha": 0.0, "eps": 1e-3}, [5])
optim_case("adagrad_zero_grads_eps", "Adagrad", {"lr": 0.1, "eps": 1e-10}, [6], zero_some=True)
# more elements than one vector register (16 or 8 float lanes) plus a tail, and 0-d / 3-d params
optim_case("adam_vector_body_tail", "Adam", {"lr": 0.01, "betas": [0.8, 0.95]}, [6, 7], steps=4)
optim_case("adam_vector_maximize", "Adam", {"lr": 0.01, "maximize": True, "eps": 1e-4}, [37], steps=4)
optim_case("adamw_vector_decoupled", "AdamW", {"lr": 0.02, "weight_decay": 0.3, "betas": [0.3, 0.9]}, [5, 9], steps=4)
optim_case("adamw_vector_maximize", "AdamW", {"lr": 0.02, "maximize": True}, [33], steps=4)
optim_case("adam_vector_beta1_big", "Adam", {"lr": 0.01, "betas": [0.99, 0.999]}, [40], steps=4, zero_some=True)
optim_case("sgd_vector_nesterov_wd", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}, [4, 9],
           steps=4)
optim_case("rmsprop_vector_centered", "RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5}, [35], steps=4)
optim_case("adagrad_vector", "Adagrad", {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.1}, [3, 13], steps=4)
optim_case("sgd_scalar_param", "SGD", {"lr": 0.1, "momentum": 0.9}, [], steps=4)
optim_case("adam_scalar_param", "Adam", {"lr": 0.1, "amsgrad": True}, [], steps=4)
optim_case("sgd_momentum_inf_grad", "SGD", {"lr": 0.1, "momentum": 0.9}, [5], steps=3, poison=math.inf)
optim_case("adam_amsgrad_nan_grad", "Adam", {"lr": 0.01, "amsgrad": True}, [5], steps=3, poison=math.nan)
optim_case("adamw_inf_grad", "AdamW", {"lr": 0.01}, [5], steps=3, poison=-math.inf)
optim_case("rmsprop_nan_grad", "RMSprop", {"lr": 0.01, "centered": True}, [5], steps=3, poison=math.nan)
optim_case("adagrad_inf_grad", "Adagrad", {"lr": 0.1}, [5], steps=3, poison=math.inf)
optim_case("adamw_3d", "AdamW", {"lr": 0.01}, [2, 2, 3], steps=4)
optim_case("rmsprop_3d", "RMSprop", {"lr": 0.01, "weight_decay": 0.2, "maximize": True}, [2, 3, 2], steps=4)


# ---------------------------------------------------------------------------------------------- schedules

def sched_case(cid, name, kwargs, base_lr=0.1, n=12, metrics=None):
    # the format does not name the optimizer; plain SGD (which has momentum, for cycle_momentum)
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    o = torch.optim.SGD([p], lr=base_lr)
    s = getattr(L, name)(o, **kwargs)
    lrs = []
    for e in range(n):
        p.grad = torch.zeros_like(p)
        o.step()
        if metrics is not None:
            s.step(metrics[e])
        else:
            s.step()
        lrs.append(o.param_groups[0]["lr"])
    c = {"id": "sched_variant/" + cid, "op": "sched", "scheduler": name, "kwargs": kwargs, "base_lr": base_lr,
         "lrs": lrs, "rtol": 1e-6, "atol": 1e-9}
    if metrics is not None:
        c["metrics"] = metrics
    cases.append(c)


sched_case("step_size1", "StepLR", {"step_size": 1, "gamma": 0.7})
sched_case("step_default_gamma", "StepLR", {"step_size": 4})
sched_case("step_gamma_above1", "StepLR", {"step_size": 2, "gamma": 1.5}, base_lr=0.01)
sched_case("multistep_repeated", "MultiStepLR", {"milestones": [3, 3, 7], "gamma": 0.5})
sched_case("multistep_unsorted_default_gamma", "MultiStepLR", {"milestones": [8, 1, 4]})
sched_case("multistep_past_end", "MultiStepLR", {"milestones": [2, 20], "gamma": 0.3})
sched_case("exponential_095", "ExponentialLR", {"gamma": 0.95}, base_lr=0.5, n=15)
sched_case("exponential_gamma1", "ExponentialLR", {"gamma": 1.0})
sched_case("cosine_no_eta", "CosineAnnealingLR", {"T_max": 5}, n=22)
sched_case("cosine_eta_long", "CosineAnnealingLR", {"T_max": 4, "eta_min": 0.01}, n=25)
sched_case("cosine_tmax1", "CosineAnnealingLR", {"T_max": 1, "eta_min": 0.02}, n=6)
sched_case("cosine_eta_above_base", "CosineAnnealingLR", {"T_max": 3, "eta_min": 0.2}, n=10)
sched_case("warm_restarts_t0", "CosineAnnealingWarmRestarts", {"T_0": 3}, n=14)
sched_case("warm_restarts_tmult2_eta", "CosineAnnealingWarmRestarts", {"T_0": 2, "T_mult": 2, "eta_min": 0.005}, n=20)
sched_case("warm_restarts_tmult3", "CosineAnnealingWarmRestarts", {"T_0": 1, "T_mult": 3, "eta_min": 0.0}, n=16)
sched_case("linear_decay", "LinearLR", {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 6})
sched_case("linear_defaults", "LinearLR", {})
sched_case("linear_both", "LinearLR", {"start_factor": 0.25, "end_factor": 0.75, "total_iters": 3})
sched_case("linear_total1", "LinearLR", {"start_factor": 0.5, "total_iters": 1}, n=5)
sched_case("constant_defaults", "ConstantLR", {})
sched_case("constant_factor", "ConstantLR", {"factor": 0.5, "total_iters": 3})
sched_case("constant_factor1_total0", "ConstantLR", {"factor": 1.0, "total_iters": 0}, n=4)
sched_case("polynomial_defaults", "PolynomialLR", {})
sched_case("polynomial_power2", "PolynomialLR", {"total_iters": 8, "power": 2.0})
sched_case("polynomial_power_half", "PolynomialLR", {"total_iters": 4, "power": 0.5}, n=8)
sched_case("cyclic_triangular", "CyclicLR",
           {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "cycle_momentum": False}, base_lr=0.01, n=14)
sched_case("cyclic_triangular_up_down", "CyclicLR",
           {"base_lr": 0.02, "max_lr": 0.2, "step_size_up": 2, "step_size_down": 4, "cycle_momentum": False},
           base_lr=0.05, n=16)
sched_case("cyclic_triangular2", "CyclicLR",
           {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 2, "mode": "triangular2", "cycle_momentum": False},
           base_lr=0.001, n=18)
sched_case("cyclic_exp_range", "CyclicLR",
           {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "step_size_down": 2, "mode": "exp_range",
            "gamma": 0.9, "cycle_momentum": False}, base_lr=0.01, n=16)
sched_case("cyclic_triangular2_short_up", "CyclicLR",
           {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 1, "step_size_down": 3, "mode": "triangular2",
            "cycle_momentum": False}, base_lr=0.001, n=14)
sched_case("cyclic_exp_range_momentum", "CyclicLR",
           {"base_lr": 0.01, "max_lr": 0.05, "step_size_up": 2, "mode": "exp_range", "gamma": 0.8,
            "base_momentum": 0.7, "max_momentum": 0.95}, base_lr=0.2, n=10)
sched_case("cyclic_lists_fractional_step", "CyclicLR",
           {"base_lr": [0.01], "max_lr": [0.03], "step_size_up": 2.5, "step_size_down": 1.5, "cycle_momentum": False},
           base_lr=0.01, n=12)
sched_case("cyclic_ignored_gamma_triangular", "CyclicLR",
           {"base_lr": 0.05, "max_lr": 0.5, "step_size_up": 4, "gamma": 0.5, "scale_mode": "iterations",
            "cycle_momentum": False}, base_lr=0.05, n=12)
sched_case("onecycle_linear", "OneCycleLR", {"max_lr": 0.5, "total_steps": 10, "anneal_strategy": "linear"}, n=10)
sched_case("onecycle_pct_div", "OneCycleLR",
           {"max_lr": 0.3, "total_steps": 14, "pct_start": 0.5, "div_factor": 10.0, "final_div_factor": 100.0}, n=14)
sched_case("onecycle_three_phase", "OneCycleLR", {"max_lr": 1.0, "total_steps": 15, "three_phase": True}, n=15)
sched_case("onecycle_three_phase_linear", "OneCycleLR",
           {"max_lr": 0.2, "total_steps": 12, "three_phase": True, "anneal_strategy": "linear", "pct_start": 0.25},
           n=12)
sched_case("onecycle_epochs", "OneCycleLR", {"max_lr": 0.4, "epochs": 3, "steps_per_epoch": 4, "pct_start": 0.2}, n=12)
sched_case("onecycle_no_cycle_momentum", "OneCycleLR",
           {"max_lr": 0.01, "total_steps": 8, "cycle_momentum": False}, base_lr=0.001, n=8)
sched_case("onecycle_momentum_list_max_lr", "OneCycleLR",
           {"max_lr": [0.01], "total_steps": 8, "base_momentum": 0.8, "max_momentum": 0.9}, base_lr=0.001, n=8)
sched_case("onecycle_pct_small", "OneCycleLR", {"max_lr": 0.1, "total_steps": 10, "pct_start": 0.15}, n=10)
sched_case("multistep_milestone_zero", "MultiStepLR", {"milestones": [0, 3], "gamma": 0.5}, n=6)
sched_case("step_long", "StepLR", {"step_size": 7, "gamma": 0.9}, n=60)
sched_case("exponential_long", "ExponentialLR", {"gamma": 0.97}, n=80)
sched_case("cosine_many_periods", "CosineAnnealingLR", {"T_max": 3, "eta_min": 0.001}, n=40)
sched_case("cosine_long_tmax", "CosineAnnealingLR", {"T_max": 50}, n=60)
sched_case("warm_restarts_long", "CosineAnnealingWarmRestarts", {"T_0": 5, "T_mult": 1, "eta_min": 0.001}, n=40)
sched_case("linear_equal_factors", "LinearLR", {"start_factor": 0.5, "end_factor": 0.5, "total_iters": 3}, n=6)
sched_case("linear_total0", "LinearLR", {"start_factor": 0.5, "total_iters": 0}, n=4)
sched_case("polynomial_total0", "PolynomialLR", {"total_iters": 0}, n=3)
sched_case("polynomial_long", "PolynomialLR", {"total_iters": 30, "power": 3.0}, n=35)
sched_case("constant_factor0_long", "ConstantLR", {"factor": 0.1, "total_iters": 10}, n=14)
sched_case("cyclic_long_exp", "CyclicLR",
           {"base_lr": 0.001, "max_lr": 0.006, "step_size_up": 5, "mode": "exp_range", "gamma": 0.99994,
            "cycle_momentum": False}, base_lr=0.001, n=60)
sched_case("onecycle_long", "OneCycleLR", {"max_lr": 0.1, "total_steps": 50}, n=50)
sched_case("onecycle_three_phase_long", "OneCycleLR", {"max_lr": 0.1, "total_steps": 40, "three_phase": True,
                                                       "anneal_strategy": "linear"}, n=40)
sched_case("multistep_no_milestones", "MultiStepLR", {"milestones": [], "gamma": 0.5}, n=4)
sched_case("onecycle_total1", "OneCycleLR", {"max_lr": 0.5, "total_steps": 1}, n=1)
sched_case("onecycle_total2", "OneCycleLR", {"max_lr": 0.5, "total_steps": 2}, n=2)
sched_case("onecycle_total3_three_phase", "OneCycleLR", {"max_lr": 0.5, "total_steps": 3, "three_phase": True,
                                                         "pct_start": 0.5}, n=3)
sched_case("warm_restarts_t0_1", "CosineAnnealingWarmRestarts", {"T_0": 1, "eta_min": 0.01}, n=5)
metrics_a = [1.0, 0.9, 0.95, 0.96, 0.97, 0.8, 0.81, 0.82, 0.83, 0.84, 0.7, 0.7, 0.71, 0.72, 0.73, 0.74]
metrics_b = [0.1, 0.2, 0.2, 0.19, 0.21, 0.25, 0.25, 0.25, 0.26, 0.30, 0.30, 0.30, 0.30, 0.30]
metrics_c = [1.0, 0.99995, 0.9999, 0.9, 0.89999, 0.8999, 0.89, 0.88, 0.87, 0.869, 0.8689, 0.8688]
sched_case("plateau_max", "ReduceLROnPlateau", {"mode": "max", "factor": 0.5, "patience": 1}, n=len(metrics_b),
           metrics=metrics_b)
sched_case("plateau_cooldown", "ReduceLROnPlateau", {"factor": 0.5, "patience": 1, "cooldown": 2}, n=len(metrics_a),
           metrics=metrics_a)
sched_case("plateau_min_lr_list", "ReduceLROnPlateau", {"factor": 0.5, "patience": 0, "min_lr": [0.02]},
           n=len(metrics_a), metrics=metrics_a)
sched_case("plateau_min_lr", "ReduceLROnPlateau", {"factor": 0.1, "patience": 0, "min_lr": 0.0005}, n=len(metrics_a),
           metrics=metrics_a)
sched_case("plateau_abs", "ReduceLROnPlateau", {"threshold_mode": "abs", "threshold": 0.05, "patience": 1,
                                                "factor": 0.5}, n=len(metrics_a), metrics=metrics_a)
sched_case("plateau_rel_threshold", "ReduceLROnPlateau", {"threshold": 0.001, "patience": 0, "factor": 0.5},
           n=len(metrics_c), metrics=metrics_c)
sched_case("plateau_max_abs", "ReduceLROnPlateau",
           {"mode": "max", "threshold_mode": "abs", "threshold": 0.02, "patience": 2, "factor": 0.2}, n=len(metrics_b),
           metrics=metrics_b)
sched_case("plateau_eps", "ReduceLROnPlateau", {"factor": 0.9, "patience": 0, "eps": 0.009}, n=len(metrics_a),
           metrics=metrics_a)
metrics_d = [-1.0, -1.0, -2.0, -2.0, -2.0, -1.99, -1.5, -3.0, -3.0, -3.0, -3.0, -3.0]
sched_case("plateau_negative_metrics_max_rel", "ReduceLROnPlateau", {"mode": "max", "patience": 1, "factor": 0.5},
           n=len(metrics_d), metrics=metrics_d)
sched_case("plateau_negative_metrics_min_rel", "ReduceLROnPlateau", {"mode": "min", "patience": 1, "factor": 0.5,
                                                                     "threshold": 0.01},
           n=len(metrics_d), metrics=metrics_d)
sched_case("plateau_threshold_zero_equal", "ReduceLROnPlateau", {"threshold": 0.0, "patience": 1, "factor": 0.5},
           n=len(metrics_d), metrics=metrics_d)
sched_case("plateau_min_lr_above_lr", "ReduceLROnPlateau", {"factor": 0.5, "patience": 0, "min_lr": 0.5},
           n=len(metrics_a), metrics=metrics_a)
sched_case("plateau_defaults", "ReduceLROnPlateau", {}, n=len(metrics_a), metrics=metrics_a)
sched_case("plateau_patience0_min_lr_eps", "ReduceLROnPlateau",
           {"mode": "max", "factor": 0.3, "patience": 0, "min_lr": 0.002, "eps": 1e-4, "cooldown": 1},
           n=len(metrics_b), metrics=metrics_b)


# ---------------------------------------------------------------------------------------------- clipping

def clip_case(cid, shapes, max_norm, norm_type, scale=1.0, zero=False, poison=None, kwargs=None):
    grads = [torch.zeros(*s, dtype=torch.float64) if zero else uniform(*s, scale=scale) for s in shapes]
    if poison is not None:
        grads[0].view(-1)[1] = poison  # one non-finite element: the total norm is inf or nan
    params = []
    for g in grads:
        p = torch.zeros_like(g, requires_grad=True)
        p.grad = g.clone()
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm=max_norm, norm_type=norm_type, **(kwargs or {}))
    cases.append({"id": "clip_variant/" + cid, "op": "clip_grad_norm",
                  "kwargs": dict({"max_norm": num(float(max_norm)), "norm_type": num(float(norm_type))}, **(kwargs or {})),
                  "grads": [T(g) for g in grads], "clipped": [T(p.grad) for p in params],
                  "total_norm": num(float(total)), "rtol": 1e-5, "atol": 1e-7})


for nt in (1.0, 2.0, 3.0, math.inf):
    tag = "inf" if math.isinf(nt) else str(int(nt))
    clip_case("norm%s_clipped" % tag, [[3, 4], [5], [2, 2, 2]], 0.5, nt, scale=2.0)
    clip_case("norm%s_unclipped" % tag, [[4], [2, 3]], 100.0, nt)
clip_case("norm2_single", [[6]], 1.0, 2.0, scale=3.0)
clip_case("norm_half", [[3, 2], [4]], 0.8, 0.5)
clip_case("norm1_5", [[2, 3], [3]], 0.3, 1.5)
clip_case("norm0_counts_nonzero", [[2, 3], [3]], 2.0, 0.0)
clip_case("norm_neg_inf", [[2, 3], [3]], 0.1, -math.inf)
clip_case("norm2_max_zero", [[2, 2]], 0.0, 2.0)
clip_case("norm2_max_negative", [[2, 2]], -1.0, 2.0)
clip_case("norm2_max_inf", [[2, 2]], math.inf, 2.0)
clip_case("norm4_many", [[2], [3], [2, 2], [1], [1, 3]], 0.7, 4.0)
clip_case("norm2_large_values", [[3, 3]], 1.0, 2.0, scale=1e4)
clip_case("norm_inf_small_values", [[3, 3]], 1e-4, math.inf, scale=1e-3)
clip_case("norm2_inf_grad", [[2, 2], [3]], 1.0, 2.0, poison=math.inf, kwargs={"error_if_nonfinite": False})
clip_case("norm_inf_inf_grad", [[2, 2], [3]], 1.0, math.inf, poison=-math.inf)
clip_case("norm2_nan_grad", [[2, 2], [3]], 1.0, 2.0, poison=math.nan)
clip_case("norm1_nan_grad", [[3], [3]], 1.0, 1.0, poison=math.nan)
clip_case("norm2_zero_grads", [[3], [2, 2]], 1.0, 2.0, zero=True)
clip_case("norm_inf_zero_grads", [[3]], 1.0, math.inf, zero=True)
clip_case("norm2_max_equal_ish", [[4]], 1.0, 2.0, scale=0.6)


def clip_value_case(cid, shapes, clip_value, scale=1.0):
    grads = [uniform(*s, scale=scale) for s in shapes]
    params = []
    for g in grads:
        p = torch.zeros_like(g, requires_grad=True)
        p.grad = g.clone()
        params.append(p)
    torch.nn.utils.clip_grad_value_(params, clip_value=clip_value)
    cases.append({"id": "clip_variant/value_" + cid, "op": "clip_grad_value", "kwargs": {"clip_value": clip_value},
                  "grads": [T(g) for g in grads], "clipped": [T(p.grad) for p in params], "rtol": 1e-5, "atol": 1e-7})


clip_value_case("half", [[3, 4], [5]], 0.5, scale=2.0)
clip_value_case("large", [[2, 3]], 10.0)
clip_value_case("small", [[7], [2, 2]], 0.01)

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    with open(out, "w") as f:
        for c in cases:
            f.write(json.dumps(c, separators=(",", ":")) + "\n")
    print("wrote %d cases to %s" % (len(cases), out))
