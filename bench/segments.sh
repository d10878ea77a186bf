#!/usr/bin/env bash
# Benchmarks B1, B2, B3 and B5 of the Segments sync against the in-process sandbox, printed as a table.
#   bench/segments.sh [--records N] [--naive-records N] [--fast-records N]
# defaults: 10000 records, the naive client measured on 500 and extrapolated, 10000 for B3. Builds the jar first
# (B5 starts it). See SegmentsBenchmark for what each figure measures.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    -Dlogback.configurationFile=bench-logback.xml \
    com.ciopulse.segmentsync.bench.SegmentsBenchmark "$@"
