#!/usr/bin/env python3
"""Pairs the lines of tools/bench_pairs.sh (torch#k with nabla#k) and prints, per workload (and n/batch),
the median torch and Nabla figures, the median of the per-pair Nabla/torch ratios, and peak RSS."""
import json
import statistics
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith("{"):
        continue
    d = json.loads(line)
    key = (d["workload"], d.get("n") or d.get("batch"))
    pair = d.get("tag", "#0").split("#")[1]
    rows[key].setdefault(pair, {})[d["side"]] = d

print("| workload | unit | torch median | Nabla median | Nabla/torch (median of pairs) | pairs | peak RSS MB torch / Nabla |")
print("|---|---|---|---|---|---|---|")
for key, pairs in rows.items():
    full = [p for p in pairs.values() if "torch" in p and "nabla" in p]
    if not full:
        continue
    lat = key[0] == "inference" and key[1] == 1
    metric = "latency_ms_median" if lat else "items_per_s_median"
    t = [p["torch"][metric] for p in full]
    n = [p["nabla"][metric] for p in full]
    ratios = [(a / b) if lat else (b / a) for a, b in zip(t, n)]   # > 1 means Nabla is better
    rss = f'{statistics.median(p["torch"]["peak_rss_mb"] for p in full):.0f} / {statistics.median(p["nabla"]["peak_rss_mb"] for p in full):.0f}'
    unit = "ms (batch-1 latency; ratio = torch/Nabla)" if lat else full[0]["nabla"]["unit"]
    name = f"{key[0]} {key[1]}" if key[1] is not None else key[0]
    print(f"| {name} | {unit} | {statistics.median(t):.4g} | {statistics.median(n):.4g} | {statistics.median(ratios):.2f} | {len(full)} | {rss} |")
