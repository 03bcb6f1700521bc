#!/usr/bin/env bash
# components/provider/bench/provider-benchmark.sh: prints the provider's figures (cold start to port line; how fast waits
# notice a change). Figures only: nothing is asserted, timings depend on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
# The build and the test class path in one reactor run (-am): components/core and components/testing come from the
# reactor, so this works in a fresh clone with none of this project's artifacts in the local Maven repository. Each
# module writes its class path to its own target/; the provider's is the one used. The run rewrites the provider's and
# the core's target/, so it holds the checkout's build lock (as ./plan and the launchers do while they build).
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 src/main/java/dev/mysqlcs/stack/StaleJarGuard.java "$root" \
  ./mvnw -q -B -DskipTests package dependency:build-classpath -pl components/provider -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath >&2
cp="$(cat components/provider/target/benchmark.classpath)"
exec java -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -XX:+UseSerialGC \
  -cp "components/provider/target/test-classes:components/provider/target/classes:$cp" dev.mysqlcs.provider.ProviderBenchmark
