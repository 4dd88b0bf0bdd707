#!/usr/bin/env bash
# Measures successful sign-ins per second through the portal's form at client concurrency 4, 8 and 16, against
# the hashing limit (cores divided by the time of one Argon2id verification) measured in the same run.
#
# Usage: bench/signin.sh
# Environment: BENCH_WORK (working folder, default bench/target/signin), BENCH_HTTPS_PORT (default 18443),
# BENCH_DB_PORT (default 15432), BENCH_SUBSCRIBERS (default 1000), BENCH_PHASE_SECONDS (measured seconds per
# concurrency, default 40), BENCH_CONCURRENCY (default "4 8 16"), BENCH_PORTAL_JVM_OPTIONS (default -Xmx1g),
# BENCH_WARM_UP_SECONDS (sign-ins before the first phase, default 60).
# Everything listens on 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/target/signin}
HTTPS_PORT=${BENCH_HTTPS_PORT:-18443}
DB_PORT=${BENCH_DB_PORT:-15432}
SUBSCRIBERS=${BENCH_SUBSCRIBERS:-1000}
PHASE_SECONDS=${BENCH_PHASE_SECONDS:-40}
CONCURRENCY=${BENCH_CONCURRENCY:-4 8 16}
DATA="$WORK/data"
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

# shellcheck source=bench/portal.sh
. "$ROOT/bench/portal.sh"
step "Starting the portal on https://127.0.0.1:$HTTPS_PORT with PostgreSQL on 127.0.0.1:$DB_PORT"
# 1 GiB of heap by default, because 16 concurrent Argon2id verifications use 16 times 19 MiB of blocks at once.
start_portal "${BENCH_PORTAL_JVM_OPTIONS:--Xmx1g}"
# SignInThroughput reads the portal's CPU time from /proc.
export BENCH_PORTAL_PID=$PORTAL_PID

step "Provisioning $SUBSCRIBERS subscribers"
portal_tool ProvisionSubscribers "$DATA" "$DB_PORT" "$SUBSCRIBERS" "$PASSWORD"

step "Measuring sign-ins per second at concurrency $CONCURRENCY, $PHASE_SECONDS s each"
# shellcheck disable=SC2086
portal_tool SignInThroughput "$DATA" "$HTTPS_PORT" "$PASSWORD" "$SUBSCRIBERS" "$PHASE_SECONDS" "$RESULTS" $CONCURRENCY \
    | tee "$WORK/throughput.txt"

stop_portal
step "Done"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory; total run $(( $(date +%s) - started )) s" \
    | tee "$WORK/summary.txt"
sed -n "/^Hashing limit/,\$p" "$WORK/throughput.txt" | tee -a "$WORK/summary.txt"
