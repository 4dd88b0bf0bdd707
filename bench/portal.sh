# Shared by the benchmark scripts, which source it: starts the portal for one run and stops it on exit.
# Expects ROOT, PORTAL_JAR, DATA, WORK, HTTPS_PORT and DB_PORT to be set.

# The sign-in form asks for a verification code. Like a conformance run, the benchmark configures a test key
# for this run only; the portal and the benchmark clients both read it from the environment.
SELFCARE_CAPTCHA_TEST_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export SELFCARE_CAPTCHA_TEST_KEY

# Call records need a second authentication, which lasts 10 minutes by default. The latency clients prove it once
# after sign-in, so it must outlast the run (selfcare.stepup.proof-lifetime.call-records).
export SELFCARE_STEPUP_PROOFLIFETIME_CALLRECORDS=PT8H

# Runs a tool of the bench module from the portal's jar, through Spring Boot's PropertiesLauncher, so that it can
# use the portal's classes (such as its password encoder). Usage: portal_tool CLASS ARGS...
portal_tool() {
    java -Xmx512m -Dloader.path="$ROOT/bench/target/classes" -Dloader.main="org.selfcare.bench.$1" \
        -cp "$PORTAL_JAR" org.springframework.boot.loader.launch.PropertiesLauncher "${@:2}"
}

# The portal does not start without a virus scanner for identity documents. The benchmark uploads none, so it
# names a clamd socket in the run's folder that nothing serves: an upload would fail, and no other request uses it.
# The variable also reaches the import's own application context (ImportInProcess in run.sh).
export SELFCARE_PURCHASE_DOCUMENT_CLAMD_SOCKET="$WORK/clamd.sock"

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
        grep -qs "Started SelfcareApplication" "$WORK/portal.log" && return 0
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
