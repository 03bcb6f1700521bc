#!/usr/bin/env bash
# src/bench/first-contact.sh [runs]: prints the first-contact figures of issue 8 (figures only, nothing asserted):
#   1. `./plan prod` in a fresh clone, first build included: a new clone of HEAD, a private local Maven repository
#      seeded with the third-party artifacts of ~/.m2/repository only (as .ci/run does);
#   2. `./plan prod` on that built tree: median, min, max wall time and CPU time of N runs (target: under 2 s on 2 cores);
#   3. the program's start through the Java language host's Maven path (`mvnw ... compile exec:java`) and through the
#      prebuilt jar (`java -jar src/target/mysqlcs-stack.jar`), against a fake engine, interleaved, and their ratio.
# The machine's load is printed before and after: on a shared 2-core machine it moves every figure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "machine: $(nproc) cores; $("$java" -version 2>&1 | head -1); $(uptime | sed 's/.*\(load average\)/\1/')"

work="$(mktemp -d "${TMPDIR:-/tmp}/first-contact.XXXXXX")"
trap 'rm -rf "$work"' EXIT
seed="$HOME/.m2/repository"
if [[ -d "$seed" ]]; then
  cp -al "$seed" "$work/m2" 2>/dev/null || { rm -rf "$work/m2"; cp -a "$seed" "$work/m2"; }
  rm -rf "$work/m2/dev/mysqlcs"
  find "$work/m2" -type f ! -name '*.jar' ! -name '*.pom' \
    -exec sh -c 'for f; do cp -p "$f" "$f.copy" && mv -f "$f.copy" "$f"; done' sh {} +
else
  mkdir -p "$work/m2"
fi
export MAVEN_OPTS="-Dmaven.repo.local=$work/m2"
git clone -q "$root" "$work/clone"

now() { date +%s%N; }
start=$(now)
(cd "$work/clone" && ./plan prod >/dev/null 2>"$work/first.err") || { cat "$work/first.err" >&2; exit 1; }
end=$(now)
printf '1. fresh clone (%s), ./plan prod with its first build: %d.%02d s\n' "$(git -C "$root" rev-parse --short HEAD)" \
  $(( (end - start) / 1000000000 )) $(( (end - start) / 10000000 % 100 ))

(cd "$work/clone" && ./plan prod >/dev/null 2>&1)  # trains the class-data archive; not measured
python3 - "$work/clone" "$runs" <<'EOF' 2>/dev/null || {
import os, resource, subprocess, sys, time
clone, runs = sys.argv[1], int(sys.argv[2])
walls, cpus = [], []
for _ in range(runs):
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.time()
    subprocess.run(["./plan", "prod"], cwd=clone, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    t1, r1 = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    walls.append(t1 - t0)
    cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
walls.sort(); cpus.sort()
print(f"2. ./plan prod on the built tree, {runs} runs: wall median {walls[runs // 2]:.2f} s "
      f"(min {walls[0]:.2f}, max {walls[-1]:.2f}), CPU median {cpus[runs // 2]:.2f} s")
EOF
  # no python3: wall time only
  times=()
  for _ in $(seq "$runs"); do
    s=$(now); (cd "$work/clone" && ./plan prod >/dev/null 2>&1); e=$(now); times+=($(( (e - s) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "2. ./plan prod on the built tree, $runs runs: wall median ${sorted[$((runs / 2))]} ms (min ${sorted[0]}, max ${sorted[$((runs - 1))]})"
}

# 3. The fake engine and the timing loop are test classes of this tree (src/test: FakeEngine, ProgramStartBenchmark).
(cd "$root" && ./mvnw -q -B test-compile dependency:build-classpath -pl src -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test-classpath.txt" >&2)
echo "3. $("$java" -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 \
  -cp "$root/src/target/test-classes:$root/src/target/classes:$(cat "$work/test-classpath.txt")" \
  dev.mysqlcs.stack.ProgramStartBenchmark "$work/clone" prod "$runs" 2>/dev/null)"
echo "after: $(uptime | sed 's/.*\(load average\)/\1/')"
