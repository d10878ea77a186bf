#!/usr/bin/env bash
# Benchmark of the file-drop source: a generated CSV of ROWS rows synced by the real bundle under -Xmx256m.
#   bench/file-drop.sh [ROWS] [dry-run|sandbox]     defaults: 1000000 dry-run
# Prints rows per second and the peak heap. See FileDropBenchmark for what each mode measures.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    -Dlogback.configurationFile=bench-logback.xml \
    com.ciopulse.segmentsync.bench.FileDropBenchmark "${1:-1000000}" "${2:-dry-run}"
