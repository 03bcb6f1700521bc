#!/usr/bin/env bash
# components/provider/bench/provider-benchmark.sh: prints the provider's figures (cold start to port line; how fast waits
# notice a change). Figures only: nothing is asserted, timings depend on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
./mvnw -q -o -B -DskipTests package -pl components/provider -am >&2
cp="$(./mvnw -q -o -B dependency:build-classpath -pl components/provider -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -XX:+UseSerialGC \
  -cp "components/provider/target/test-classes:components/provider/target/classes:$cp" dev.mysqlcs.provider.ProviderBenchmark
