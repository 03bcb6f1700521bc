#!/usr/bin/env bash
# Prints the wall time of `./plan <stack>` on a built project (JVM start included), over N runs.
# Usage: src/bench/plan-wall-time.sh [stack] [runs]     Target (issue 2): under 2 s on the 2-core CI machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stack="${1:-prod}"
runs="${2:-10}"
"$root/plan" "$stack" >/dev/null 2>&1   # builds on first use; not measured
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$root/plan" "$stack" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "./plan $stack wall time over $n runs on $(nproc) cores, $(java -version 2>&1 | head -1):"
echo "  min ${sorted[0]} ms, median ${sorted[$((n / 2))]} ms, max ${sorted[$((n - 1))]} ms"
