#!/bin/sh
# Median wall time of a small async pytest file: bare pytest vs PytestSandbox (bubblewrap + limits).
# Usage: benchmarks/sandbox-overhead.sh [ROUNDS]   (default 20; run as root for the slot-uid sandbox)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat target/benchmark.classpath)" \
    dev.aioskill.sandbox.SandboxBenchmark "${1:-20}"
