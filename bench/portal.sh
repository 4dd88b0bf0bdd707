# Shared by the benchmark scripts, which source it: starts the portal for one run and stops it on exit.
# Expects PORTAL_JAR, DATA, WORK, HTTPS_PORT and DB_PORT to be set.

# The sign-in form asks for a verification code. Like a conformance run, the benchmark configures a test key
# for this run only; the portal and the benchmark clients both read it from the environment.
SELFCARE_CAPTCHA_TEST_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export SELFCARE_CAPTCHA_TEST_KEY

# Call records need a second authentication, which lasts 10 minutes by default. The latency clients prove it once
# after sign-in, so it must outlast the run (selfcare.stepup.proof-lifetime.call-records).
export SELFCARE_STEPUP_PROOFLIFETIME_CALLRECORDS=PT8H

# Starts the portal with the given JVM options on 127.0.0.1 and waits until it has started, for at most 180 s.
start_portal() {
    # shellcheck disable=SC2086
    java $1 -jar "$PORTAL_JAR" --selfcare.data-dir="$DATA" --server.address=127.0.0.1 \
        --server.port="$HTTPS_PORT" --selfcare.http-port=0 --selfcare.operator.port=0 \
        --selfcare.embedded-database.port="$DB_PORT" \
        > "$WORK/portal.log" 2>&1 &
    PORTAL_PID=$!
    trap stop_portal EXIT
    for _ in $(seq 1 180); do
        grep -q "Started SelfcareApplication" "$WORK/portal.log" && return 0
        kill -0 "$PORTAL_PID" 2>/dev/null || { echo "The portal exited at start; see $WORK/portal.log" >&2; exit 1; }
        sleep 1
    done
    echo "The portal did not start within 180 s; see $WORK/portal.log" >&2
    exit 1
}

stop_portal() {
    if kill -0 "$PORTAL_PID" 2>/dev/null; then
        kill "$PORTAL_PID"
        wait "$PORTAL_PID" || true
    fi
}
