#!/usr/bin/env bash
# Runs the whole benchmark on this machine and prints the results table. It generates ROWS call lines (default
# 10,000,000) and starts the portal on a fresh data folder. Then it provisions the subscribers, imports the file
# with CallRecordImporter, times COPY of the same records and measures the call-records API against the bare query.
#
# Usage: bench/run.sh [ROWS]
# Environment: BENCH_WORK (working folder, default bench/target/run), BENCH_HTTPS_PORT (default 18443),
# BENCH_DB_PORT (default 15432), BENCH_THREADS (default 8), BENCH_REQUESTS (measured requests per side and
# page kind, default 20000), BENCH_PHASE_SECONDS (time limit of one phase, default 60), BENCH_WARM_UP_SECONDS
# (untimed requests before the latency phases, default 60), BENCH_IMPORT_JVM_OPTIONS (options of the importing
# JVM, default none, like the README's import-cdr command).
# Everything listens on 127.0.0.1 only.
set -euo pipefail

ROWS=${1:-10000000}
SUBSCRIBERS=10000
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/target/run}
HTTPS_PORT=${BENCH_HTTPS_PORT:-18443}
DB_PORT=${BENCH_DB_PORT:-15432}
THREADS=${BENCH_THREADS:-8}
REQUESTS=${BENCH_REQUESTS:-20000}
PHASE_SECONDS=${BENCH_PHASE_SECONDS:-60}
IMPORT_JVM_OPTIONS=${BENCH_IMPORT_JVM_OPTIONS:-}
DATA="$WORK/data"
CALLS="$WORK/calls.csv"
RESULTS="$WORK/results.properties"
PORTAL_JAR="$ROOT/portal/target/selfcare-portal.jar"
# The password only protects sessions on a throwaway loopback server, but it is generated per run all the same.
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' 'ab')

started=$(date +%s)
step() { echo "[$(( $(date +%s) - started ))s] $*"; }

rm -rf "$WORK"
mkdir -p "$WORK"

step "Building the portal and the benchmark"
(cd "$ROOT" && mvn -q -Pbench -DskipTests package)
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
bench() { java -Xmx512m -cp "$CP" "org.selfcare.bench.$@"; }

step "Generating $ROWS call lines for $SUBSCRIBERS subscribers"
bench GenerateCalls "$ROWS" "$SUBSCRIBERS" "$ROOT/portal/src/main/resources/demo/mobile-calls.csv" "$CALLS"

# shellcheck source=bench/portal.sh
. "$ROOT/bench/portal.sh"
step "Starting the portal on https://127.0.0.1:$HTTPS_PORT with PostgreSQL on 127.0.0.1:$DB_PORT"
start_portal "-Xmx512m"

step "Provisioning $SUBSCRIBERS subscribers"
portal_tool ProvisionSubscribers "$DATA" "$DB_PORT" "$SUBSCRIBERS" "$PASSWORD"

# ImportInProcess calls CallRecordImporter.importFile inside the portal's own application, as import-cdr does,
# and reads the import's own start and finish times, so JVM and Spring start-up are not counted.
step "Importing with CallRecordImporter.importFile into the running portal's database"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/selfcare" \
SPRING_DATASOURCE_USERNAME=selfcare \
SPRING_DATASOURCE_PASSWORD=$(cat "$DATA/postgres/superuser.password") \
    java $IMPORT_JVM_OPTIONS -Dselfcare.data-dir="$DATA" -Dloader.path="$ROOT/bench/target/classes" \
    -Dloader.main=org.selfcare.bench.ImportInProcess -cp "$PORTAL_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$CALLS" Europe/London GB \
    > "$WORK/import.log" 2> "$WORK/import-errors.log"
grep "ImportSummary\[" "$WORK/import.log"

step "Timing COPY of the same records"
bench CopyBaseline "$DATA" "$DB_PORT" "$WORK/records.copy" "$RESULTS"

step "Measuring call-records API and bare query latency with $THREADS threads"
BENCH_PORTAL_PID=$PORTAL_PID bench PageLatency "$DATA" "$DB_PORT" "$HTTPS_PORT" "$PASSWORD" "$THREADS" "$REQUESTS" "$PHASE_SECONDS" "$RESULTS"

stop_portal

# The integrity checks' CPU cost, measured right after the latency phases so that both run on the same machine
# state. The request signature check runs in a forked JMH JVM as usual. The seal check of one page of 50 call
# records runs inside the portal's jar without forking, because it reaches the portal's classes through the jar's
# launcher.
step "Timing the request signature check and the seal check of one page (JMH)"
JMH_PATH=$(tr ':' '\n' < "$ROOT/bench/target/classpath.txt" | grep -E "jmh-core|jopt-simple|commons-math3" | paste -sd,)
java -cp "$CP" org.openjdk.jmh.Main SignatureVerification -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
    | tee "$WORK/jmh.txt" | tail -3
java -Dloader.path="$ROOT/bench/target/classes,$JMH_PATH" -Dloader.main=org.openjdk.jmh.Main -cp "$PORTAL_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher PageSealCheck -f 0 -wi 3 -w 2s -i 5 -r 2s -t 1 \
    | tee -a "$WORK/jmh.txt" | tail -3

step "Done"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory; total run $(( $(date +%s) - started )) s" \
    | tee -a "$WORK/summary.txt"
bench Report "$RESULTS" | tee -a "$WORK/summary.txt"
