#!/usr/bin/env bash
# components/bench/provider-benchmark.sh: prints the provider's figures (cold start to port line; how fast waits
# notice a change). Figures only: nothing is asserted, timings depend on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -q -o -B -DskipTests package -pl components >&2
cp="$(./mvnw -q -o -B dependency:build-classpath -pl components -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -XX:+UseSerialGC \
  -cp "components/target/test-classes:components/target/classes:$cp" dev.mysqlcs.provider.ProviderBenchmark
