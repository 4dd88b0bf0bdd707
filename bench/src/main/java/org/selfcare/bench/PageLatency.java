package org.selfcare.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Measures the latency of {@code GET /api/v1/calls} for the first page and for a page deep in a subscriber's
 * history, and of the bare SELECT that {@code CallRecords.page} runs for the same page over JDBC, at the same
 * concurrency. Each client thread signs in once per subscriber and reuses its keep-alive connection, as a
 * browser would.
 *
 * <p>Phases run SQL then API for each page kind, twice over, and samples of both rounds are pooled, so a slow
 * spell of the shared machine falls on both sides rather than on one.
 *
 * <p>Usage: {@code PageLatency DATA_DIR DB_PORT HTTPS_PORT PASSWORD THREADS REQUESTS_PER_PHASE MAX_SECONDS RESULTS}
 */
public final class PageLatency {

    /** The verification code test key the script configured for the portal of this run. */
    private static final String CAPTCHA_TEST_KEY = System.getenv().getOrDefault("SELFCARE_CAPTCHA_TEST_KEY", "");

    static final int PAGE_SIZE = 50;

    /** Subscribers signed in per client thread. */
    private static final int SESSIONS_PER_THREAD = 4;

    /** How far into a subscriber's history, oldest last, the deep page starts. */
    private static final double DEEP_FRACTION = 0.9;

    /** Minimum call records of a measured subscriber: two full pages of {@value #PAGE_SIZE} and two more. */
    private static final int MIN_RECORDS = 2 * PAGE_SIZE + 2;

    private static final String PAGE_QUERY = """
            SELECT id, record_key, direction, other_party, other_party_e164, started_at, duration_seconds,
                   billable_seconds, answered, charge_minor, currency, seal, seal_key_id
            FROM call_record
            WHERE subscriber_id = ?
              AND (CAST(? AS timestamptz) IS NULL OR started_at >= ?)
              AND (CAST(? AS timestamptz) IS NULL OR started_at < ?)
              AND (CAST(? AS timestamptz) IS NULL OR (started_at, id) < (?, ?))
            ORDER BY started_at DESC, id DESC
            LIMIT ?""";

    /** Untimed requests before the first measured phase, from {@code BENCH_WARM_UP_SECONDS} (default 60). */
    /** The portal's process id from {@code BENCH_PORTAL_PID}, so that its CPU time is reported separately, or 0 if unknown. */
    private static final long PORTAL_PID = Long.parseLong(System.getenv().getOrDefault("BENCH_PORTAL_PID", "0"));

    private static final Duration WARM_UP =
            Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARM_UP_SECONDS", "60")));

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private PageLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        BenchDatabase database = new BenchDatabase(dataDir, Integer.parseInt(args[1]));
        URI base = URI.create("https://127.0.0.1:" + Integer.parseInt(args[2]));
        String password = args[3];
        int threads = Integer.parseInt(args[4]);
        int requestsPerPhase = Integer.parseInt(args[5]);
        Duration maxPhase = Duration.ofSeconds(Long.parseLong(args[6]));
        Path results = Path.of(args[7]);

        List<Target> targets = pickTargets(database, threads * SESSIONS_PER_THREAD);
        SSLContext tls = trustPortalCertificate(dataDir);
        List<Client> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(new Client(base, tls, database, targets.subList(t * SESSIONS_PER_THREAD,
                    (t + 1) * SESSIONS_PER_THREAD), password));
        }
        System.out.printf("Signed in %d subscribers on %d client threads%n", targets.size(), threads);

        Samples[] samples = new Samples[4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new Samples();
        }
        CpuTimes cpu = new CpuTimes(PORTAL_PID);
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Both sides and both pages run untimed first, so that the JIT compilers of a portal that has served no
            // API request yet can settle. A portal in service compiled these paths long ago.
            long warmUpEnd = System.nanoTime() + WARM_UP.toNanos();
            while (System.nanoTime() < warmUpEnd) {
                for (int kind = 0; kind < 4; kind++) {
                    runPhase(pool, clients, kind >= 2, kind % 2 == 1, requestsPerPhase / 10, maxPhase, null);
                }
            }
            for (int round = 0; round < 2; round++) {
                for (int kind = 0; kind < 2; kind++) {
                    boolean deep = kind == 1;
                    for (int side = 0; side < 2; side++) {
                        boolean api = side == 1;
                        runPhase(pool, clients, deep, api, requestsPerPhase / 10, maxPhase, null);
                        Samples measured = samples[kind * 2 + side];
                        int before = measured.count();
                        CpuTimes.Snapshot cpuBefore = cpu.snapshot();
                        runPhase(pool, clients, deep, api, requestsPerPhase / 2, maxPhase, measured);
                        measured.addCpu(cpu.snapshot().since(cpuBefore, cores), measured.count() - before);
                    }
                }
            }
        }
        finally {
            pool.shutdownNow();
        }

        String[] names = { "first.sql", "first.api", "deep.sql", "deep.api" };
        for (int i = 0; i < names.length; i++) {
            long[] sorted = samples[i].sorted();
            Results.append(results, "latency." + names[i] + ".requests", sorted.length);
            Results.append(results, "latency." + names[i] + ".p50_ms", millis(percentile(sorted, 0.50)));
            Results.append(results, "latency." + names[i] + ".p99_ms", millis(percentile(sorted, 0.99)));
            // CPU per request shows how much of the latency is the client's own work on the shared cores.
            Results.append(results, "latency." + names[i] + ".cpu_ms_portal", samples[i].cpuMillisPerRequest(0));
            Results.append(results, "latency." + names[i] + ".cpu_ms_client", samples[i].cpuMillisPerRequest(1));
            Results.append(results, "latency." + names[i] + ".cpu_ms_rest", samples[i].cpuMillisPerRequest(2));
        }
        Results.append(results, "latency.threads", threads);
        for (Client client : clients) {
            client.close();
        }
    }

    /**
     * Runs one phase: every thread sends requests until the phase has sent {@code requests} in all or
     * {@code maxPhase} has passed. A {@code null} {@code samples} makes it a warm-up whose times are dropped.
     */
    private static void runPhase(ExecutorService pool, List<Client> clients, boolean deep, boolean api, int requests,
            Duration maxPhase, Samples samples) throws Exception {
        AtomicLong budget = new AtomicLong(requests);
        long deadline = System.nanoTime() + maxPhase.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (Client client : clients) {
            futures.add(pool.submit(() -> client.run(deep, api, budget, deadline)));
        }
        for (Future<long[]> future : futures) {
            long[] times = future.get();
            if (samples != null) {
                samples.add(times);
            }
        }
    }

    /**
     * Picks random subscribers that have a deep page, and finds for each the (started_at, id) after which the
     * deep page starts.
     */
    private static List<Target> pickTargets(BenchDatabase database, int count) throws Exception {
        List<Target> targets = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT s.id, s.msisdn, c.records
                        FROM subscriber s
                        CROSS JOIN LATERAL (SELECT count(*) AS records FROM call_record r WHERE r.subscriber_id = s.id) c
                        WHERE c.records >= %d
                        ORDER BY hashint8(s.id)
                        LIMIT %d""".formatted(MIN_RECORDS, count))) {
            while (rows.next()) {
                targets.add(new Target(rows.getLong(1), rows.getString(2), rows.getLong(3), null, 0));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("No subscriber has " + MIN_RECORDS + " call records; generate more rows");
        }
        // A small data set has fewer such subscribers than sessions, so some subscribers get several sessions.
        for (int i = 0; targets.size() < count; i++) {
            targets.add(targets.get(i));
        }

        List<Target> withCursors = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement("""
                SELECT started_at, id FROM call_record WHERE subscriber_id = ?
                ORDER BY started_at DESC, id DESC OFFSET ? LIMIT 1""")) {
            for (Target target : targets) {
                statement.setLong(1, target.subscriberId());
                // Stay a full page away from the oldest record, so the deep page is as long as the first.
                long offset = Math.min((long) (target.records() * DEEP_FRACTION), target.records() - PAGE_SIZE - 2);
                statement.setLong(2, offset);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    withCursors.add(new Target(target.subscriberId(), target.msisdn(), target.records(),
                            row.getTimestamp(1).toInstant(), row.getLong(2)));
                }
            }
        }
        return withCursors;
    }

    /**
     * Trusts the self-signed certificate that the portal generated in its data folder, and nothing else.
     */
    private static SSLContext trustPortalCertificate(Path dataDir) throws Exception {
        char[] keystorePassword = Files.readString(dataDir.resolve("keystore.password")).trim().toCharArray();
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("keystore.p12"))) {
            keystore.load(in, keystorePassword);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static String millis(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }

    private record Target(long subscriberId, String msisdn, long records, Instant deepTime, long deepId) {

        String deepCursor() {
            String plain = deepTime + "/" + deepId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Latencies in nanoseconds, collected from all threads.
     */
    private static final class Samples {

        private final List<long[]> parts = new ArrayList<>();

        /** CPU seconds of the portal, this process and the rest of the machine over the measured phases. */
        private final double[] cpuSeconds = new double[3];

        private long cpuRequests;

        synchronized void add(long[] times) {
            parts.add(times);
        }

        synchronized int count() {
            return parts.stream().mapToInt((times) -> times.length).sum();
        }

        synchronized void addCpu(CpuTimes.Usage used, int requests) {
            cpuSeconds[0] += used.portal();
            cpuSeconds[1] += used.benchmark();
            cpuSeconds[2] += used.rest();
            cpuRequests += requests;
        }

        synchronized String cpuMillisPerRequest(int process) {
            return String.format("%.3f", (cpuRequests == 0) ? 0 : cpuSeconds[process] * 1000 / cpuRequests);
        }

        synchronized long[] sorted() {
            long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }
    }

    /**
     * One client thread's HTTPS client with its signed-in sessions, and its own JDBC connection for the bare
     * query, like one connection from the portal's pool.
     */
    private static final class Client implements AutoCloseable {

        private final URI base;

        private final HttpClient http;

        private final Connection connection;

        private final PreparedStatement page;

        private final List<Target> targets;

        private final List<String> sessionCookies = new ArrayList<>();

        private final List<ApiSigner> signers = new ArrayList<>();

        Client(URI base, SSLContext tls, BenchDatabase database, List<Target> targets, String password)
                throws Exception {
            this.base = base;
            this.http = HttpClient.newBuilder()
                    .sslContext(tls)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            this.connection = database.connect();
            this.page = connection.prepareStatement(PAGE_QUERY);
            this.targets = targets;
            for (Target target : targets) {
                String cookie = signIn(target.msisdn(), password);
                ApiSigner signer = stepUp(cookie, password);
                sessionCookies.add(cookie);
                signers.add(signer);
            }
        }

        /**
         * Signs in through the form at {@code /signin} and returns the session cookie of the signed-in session.
         */
        private String signIn(String msisdn, String password) throws Exception {
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/signin")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF_FIELD.matcher(form.body());
            if (form.statusCode() != 200 || !csrf.find()) {
                throw new IllegalStateException("GET /signin returned status " + form.statusCode()
                        + " without a _csrf field");
            }
            String body = "msisdn=" + URLEncoder.encode(msisdn, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
                    + "&captcha=" + URLEncoder.encode(CAPTCHA_TEST_KEY, StandardCharsets.UTF_8);
            HttpResponse<Void> signedIn = http.send(HttpRequest.newBuilder(base.resolve("/signin"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", sessionCookie(form))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("failed")) {
                throw new IllegalStateException("Sign-in as " + msisdn + " failed: status " + signedIn.statusCode()
                        + ", Location " + location);
            }
            return sessionCookie(signedIn);
        }

        /**
         * Fetches the session key and proves the identity for call records with the service password, which the
         * benchmark subscribers share with their sign-in password, and returns the signer of the session's API
         * requests. The portal's CSRF token changes at sign-in, so it is read again first.
         */
        private ApiSigner stepUp(String cookie, String servicePassword) throws Exception {
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/signin"))
                    .header("Cookie", cookie)
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF_FIELD.matcher(form.body());
            if (form.statusCode() != 200 || !csrf.find()) {
                throw new IllegalStateException("GET /signin after sign-in returned status " + form.statusCode()
                        + " without a _csrf field");
            }
            HttpResponse<String> key = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/session-key"))
                    .header("Cookie", cookie)
                    .header("X-CSRF-TOKEN", csrf.group(1))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (key.statusCode() != 200) {
                throw new IllegalStateException("POST /api/v1/session-key returned status " + key.statusCode());
            }
            ApiSigner signer = ApiSigner.fromSessionKeyResponse(key.body());

            byte[] body = ("{\"purpose\": \"call-records\", \"method\": \"service-password\", \"secret\": \""
                    + servicePassword.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            String[] nonce = new String[1];
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/stepup/verify"))
                    .header("Cookie", cookie)
                    .header("Content-Type", "application/json")
                    .header("X-CSRF-TOKEN", csrf.group(1))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> proof = http.send(signer.sign(request, "POST", "/api/v1/stepup/verify", null, body,
                    nonce).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (proof.statusCode() != 200) {
                throw new IllegalStateException("Second authentication failed: POST /api/v1/stepup/verify returned "
                        + "status " + proof.statusCode());
            }
            signer.verify(proof, nonce[0]);
            return signer;
        }

        private static String sessionCookie(HttpResponse<?> response) {
            return response.headers()
                    .allValues("Set-Cookie")
                    .stream()
                    .filter((cookie) -> cookie.startsWith("__Host-SELFCARE="))
                    .map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Response has no __Host-SELFCARE session cookie"));
        }

        long[] run(boolean deep, boolean api, AtomicLong budget, long deadline) throws Exception {
            long[] times = new long[1024];
            int count = 0;
            int next = 0;
            while (budget.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                int session = next++ % targets.size();
                long started = System.nanoTime();
                if (api) {
                    callApi(session, deep);
                }
                else {
                    callQuery(targets.get(session), deep);
                }
                if (count == times.length) {
                    times = Arrays.copyOf(times, count * 2);
                }
                times[count++] = System.nanoTime() - started;
            }
            return Arrays.copyOf(times, count);
        }

        /**
         * Sends one signed page request and verifies the response's signature, as the portal's pages do, so the
         * measured time includes the signing on both ends.
         */
        private void callApi(int session, boolean deep) throws Exception {
            String rawQuery = "limit=" + PAGE_SIZE + (deep ? "&cursor=" + targets.get(session).deepCursor() : "");
            String query = "/api/v1/calls?" + rawQuery;
            String[] nonce = new String[1];
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(query))
                    .header("Cookie", sessionCookies.get(session))
                    .header("Accept", "application/json")
                    .GET();
            HttpResponse<byte[]> response = http.send(signers.get(session)
                    .sign(request, "GET", "/api/v1/calls", rawQuery, new byte[0], nonce)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + query + " returned status " + response.statusCode());
            }
            signers.get(session).verify(response, nonce[0]);
        }

        private void callQuery(Target target, boolean deep) throws Exception {
            Timestamp afterTime = deep ? Timestamp.from(target.deepTime()) : null;
            page.setLong(1, target.subscriberId());
            page.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
            page.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
            page.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
            page.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            page.setTimestamp(6, afterTime);
            page.setTimestamp(7, afterTime);
            page.setLong(8, deep ? target.deepId() : 0L);
            page.setInt(9, PAGE_SIZE + 1);
            int rows = 0;
            try (ResultSet result = page.executeQuery()) {
                while (result.next()) {
                    // Read every column, as the portal's row mapper does.
                    result.getLong(1);
                    result.getString(2);
                    result.getString(3);
                    result.getString(4);
                    result.getString(5);
                    result.getTimestamp(6);
                    result.getInt(7);
                    result.getInt(8);
                    result.getBoolean(9);
                    result.getLong(10);
                    result.getString(11);
                    result.getString(12);
                    result.getString(13);
                    rows++;
                }
            }
            if (rows != PAGE_SIZE + 1) {
                throw new IllegalStateException("Page query for subscriber " + target.subscriberId() + " returned "
                        + rows + " rows, expected " + (PAGE_SIZE + 1));
            }
        }

        @Override
        public void close() throws Exception {
            page.close();
            connection.close();
        }
    }
}
