#!/usr/bin/env bash
# Measures monitoring's detection rate against the rate of merely writing the same events (see README.md).
#
# Usage: bench/monitoring.sh [EVENTS]
# Environment: BENCH_WORK (working folder, default bench/target/monitoring), BENCH_SUBSCRIBERS (default 2000),
# BENCH_THREADS (default 4). The portal runs in the benchmark's JVM with its embedded PostgreSQL on 127.0.0.1.
set -euo pipefail

EVENTS=${1:-40000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/target/monitoring}
SUBSCRIBERS=${BENCH_SUBSCRIBERS:-2000}
THREADS=${BENCH_THREADS:-4}
PORTAL_JAR="$ROOT/portal/target/selfcare-portal.jar"
CLASSES="$ROOT/bench/target/monitoring-classes"

rm -rf "$WORK" "$CLASSES"
mkdir -p "$WORK" "$CLASSES"

echo "Building the portal and the benchmark"
(cd "$ROOT" && mvn -q -pl portal -am -DskipTests package)
# The benchmark reaches the portal by reflection and needs only the JDK, so it is compiled on its own.
javac -d "$CLASSES" "$ROOT/bench/src/main/java/org/selfcare/bench/MonitoringThroughput.java"

echo "Running $EVENTS events of $SUBSCRIBERS subscribers on $THREADS threads"
java -Xmx1g -Dselfcare.data-dir="$WORK/data" -Dloader.path="$CLASSES" \
    -Dloader.main=org.selfcare.bench.MonitoringThroughput -cp "$PORTAL_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$SUBSCRIBERS" "$EVENTS" "$THREADS" \
    > "$WORK/run.log" 2>&1 || { tail -40 "$WORK/run.log" >&2; exit 1; }
sed -n '/^round/,$p' "$WORK/run.log" | grep -v '^[0-9]\{4\}-' | tee "$WORK/summary.txt"
