#!/usr/bin/env bash
# Interleaved side-by-side runs of the torch bench script and `./nabla bench`: for each workload,
# PAIRS rounds of (torch, nabla), each in a fresh process, same thread count. Output: JSON lines with
# a "side" field, for tools/bench_ratios.py. Needs python3-torch and the OpenMP OpenBLAS of
# ../shared/bench/README.md (OMPBLAS points at its folder).
# Usage: tools/bench_pairs.sh OUT.jsonl "mlp convnet ..." [PAIRS=3] [THREADS=2] [REPS=3]
# NABLA_BENCH_ARGS adds arguments to the Nabla side only, e.g. "--jit-warmup-s 0" for the script's warm-up.
# TORCH_NATIVE_BLAS=1 runs the torch side without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE: some machines here
# set them (OPENBLAS_CORETYPE=Haswell on the AVX-512 Zen 5), which keeps OpenBLAS on its AVX2 kernels;
# unset, OpenBLAS 0.3.21 picks its AVX-512 (Cooperlake) kernels there: torch.mm ~250 GFLOP/s on 1 thread,
# ~470 on 2, against ~130 / ~255 with Haswell (its results checked against float64: rel. error 5e-7).
set -euo pipefail
out=$1; workloads=$2; pairs=${3:-3}; threads=${4:-2}; reps=${5:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
torch_script="$root/../shared/bench/torch_cpu_bench.py"
: "${OMPBLAS:=/tmp/openblas-openmp/usr/lib/x86_64-linux-gnu/openblas-openmp}"
for w in $workloads; do
  for ((p = 1; p <= pairs; p++)); do
    env ${TORCH_NATIVE_BLAS:+-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE} \
      LD_LIBRARY_PATH="$OMPBLAS" /usr/bin/python3 "$torch_script" --workload "$w" --threads "$threads" --reps "$reps" \
      --tag "torch#$p" 2>/dev/null | sed 's/^{/{"side": "torch", /' >> "$out"
    "$root/nabla" bench --workload "$w" --threads "$threads" --reps "$reps" --tag "nabla#$p" ${NABLA_BENCH_ARGS:-} 2>/dev/null \
      | sed 's/^{/{"side": "nabla", /' >> "$out"
  done
done
