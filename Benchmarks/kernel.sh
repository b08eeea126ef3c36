#!/usr/bin/env bash
# The Jupyter kernel's round trip and memory (see README.md, "kernel.sh"):
#   bash Benchmarks/kernel.sh [ROUNDS]
# Builds tei and tei-kernel for release as for users, installs jupyter_client in the throwaway
# venv, and writes Benchmarks/results/kernel.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${TEI_BENCH_SCRATCH:-.build}"
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch")
"${build[@]}" --product tei >&2
"${build[@]}" --product tei-kernel >&2
bin="$("${build[@]}" --show-bin-path)"
venv=Benchmarks/data/venv
mkdir -p Benchmarks/data Benchmarks/results
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
"$venv/bin/python" -c 'import jupyter_client' 2>/dev/null || "$venv/bin/pip" install -q -r Tests/requirements.txt >&2
"$venv/bin/python" Benchmarks/kernel_bench.py "$bin/tei" "${1:-200}" | tee Benchmarks/results/kernel.md
