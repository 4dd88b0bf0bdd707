package org.selfcare.bench;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Measures successful sign-ins per second through the portal's form at several client concurrencies, against
 * the hashing limit measured in this JVM: the number of cores divided by the time of one Argon2id verification
 * with the portal's parameters. Each sign-in verifies one password, so the limit is the most sign-ins per second
 * the portal's machine could do if it did nothing but hash.
 *
 * <p>Each phase also reports the CPU time per sign-in of the portal's process, of this benchmark's clients and of
 * the rest of the machine (mostly PostgreSQL), read from {@code /proc}, because the limit assumes every core
 * hashes and all three share the cores here.
 *
 * <p>Usage: {@code SignInThroughput DATA_DIR HTTPS_PORT PASSWORD SUBSCRIBERS SECONDS RESULTS_FILE CONCURRENCY...}
 * with the portal's process id in {@code BENCH_PORTAL_PID} and the first warm-up's length in seconds in
 * {@code BENCH_WARM_UP_SECONDS}.
 */
public final class SignInThroughput {

    /** The verification code test key the script configured for the portal of this run. */
    private static final String CAPTCHA_TEST_KEY = System.getenv().getOrDefault("SELFCARE_CAPTCHA_TEST_KEY", "");

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static final int HASH_WARM_UP = 5;

    private static final int HASH_SAMPLES = 21;

    private static final Duration PARALLEL_HASH_TIME = Duration.ofSeconds(5);

    private static final long PORTAL_PID = Long.parseLong(System.getenv().getOrDefault("BENCH_PORTAL_PID", "0"));

    private static final Duration FIRST_WARM_UP =
            Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARM_UP_SECONDS", "60")));

    private SignInThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        URI base = URI.create("https://127.0.0.1:" + Integer.parseInt(args[1]));
        String password = args[2];
        int subscribers = Integer.parseInt(args[3]);
        Duration phase = Duration.ofSeconds(Long.parseLong(args[4]));
        Path results = Path.of(args[5]);
        int[] concurrencies = Arrays.stream(args, 6, args.length).mapToInt(Integer::parseInt).toArray();
        SSLContext tls = trustPortalCertificate(dataDir);

        int cores = Runtime.getRuntime().availableProcessors();
        Results.append(results, "signin.cores", cores);
        CpuTimes cpu = new CpuTimes(PORTAL_PID);
        // The JIT compilers keep a just-started portal busy for minutes, which a portal in service is not.
        run(base, tls, password, subscribers, concurrencies[0], FIRST_WARM_UP);
        List<Phase> phases = new ArrayList<>();
        for (int concurrency : concurrencies) {
            // The warm-up lets the JIT compile the portal's sign-in path and opens every client's connection.
            run(base, tls, password, subscribers, concurrency, phase.dividedBy(4));
            // The machine is shared, so the baseline is measured right before and right after each phase.
            double hashBefore = medianHashSeconds(password);
            double parallel = parallelHashRate(password, cores, PARALLEL_HASH_TIME);
            CpuTimes.Snapshot cpuBefore = cpu.snapshot();
            Run measured = run(base, tls, password, subscribers, concurrency, phase);
            CpuTimes.Usage used = cpu.snapshot().since(cpuBefore, cores);
            double hashAfter = medianHashSeconds(password);
            Phase result = new Phase(concurrency, measured.signIns(), measured.signIns() / measured.seconds(),
                    hashBefore, hashAfter, cores / ((hashBefore + hashAfter) / 2), parallel, used);
            phases.add(result);
            String key = "signin.c" + concurrency;
            Results.append(results, key + ".sign_ins", result.signIns());
            Results.append(results, key + ".per_second", result.rate());
            Results.append(results, key + ".hash_ms_before", hashBefore * 1000);
            Results.append(results, key + ".hash_ms_after", hashAfter * 1000);
            Results.append(results, key + ".hashing_limit_per_second", result.limit());
            Results.append(results, key + ".parallel_hashes_per_second", parallel);
            Results.append(results, key + ".cpu_ms_per_sign_in.portal", result.cpuMsPerSignIn(used.portal()));
            Results.append(results, key + ".cpu_ms_per_sign_in.clients", result.cpuMsPerSignIn(used.benchmark()));
            Results.append(results, key + ".cpu_ms_per_sign_in.rest", result.cpuMsPerSignIn(used.rest()));
        }

        System.out.printf("%nHashing limit: %d cores / median time of one Argon2id verification (19 MiB, 2 iterations,"
                + " 1 lane), measured before and after each phase%n", cores);
        System.out.printf("%n%-24s %10s %14s %10s %10s %12s %s%n", "measurement", "sign-ins/s", "hash ms (b/a)",
                "limit/s", "ratio", "parallel/s", "target");
        for (Phase result : phases) {
            System.out.printf("%-24s %10.2f %7.1f/%-6.1f %10.2f %10.2f %12.2f %s%n",
                    String.format("concurrency %d (%d)", result.concurrency(), result.signIns()), result.rate(),
                    result.hashBefore() * 1000, result.hashAfter() * 1000, result.limit(),
                    result.rate() / result.limit(), result.parallel(), "ratio >= 0.85");
        }

        System.out.printf("%nCPU ms per sign-in in each phase, against one verification's median time: the portal's"
                + " process, the benchmark's clients, and the rest of the machine (mostly PostgreSQL)%n");
        System.out.printf("%n%-24s %10s %10s %10s %10s %10s%n", "measurement", "hash", "portal", "clients", "rest",
                "total");
        for (Phase result : phases) {
            CpuTimes.Usage used = result.cpu();
            System.out.printf("%-24s %10.1f %10.1f %10.1f %10.1f %10.1f%n",
                    String.format("concurrency %d", result.concurrency()),
                    (result.hashBefore() + result.hashAfter()) / 2 * 1000, result.cpuMsPerSignIn(used.portal()),
                    result.cpuMsPerSignIn(used.benchmark()), result.cpuMsPerSignIn(used.rest()),
                    result.cpuMsPerSignIn(used.portal() + used.benchmark() + used.rest()));
        }
    }

    /**
     * Returns the median time of one Argon2id verification, single-threaded, with the portal's parameters.
     */
    private static double medianHashSeconds(String password) {
        // The portal's own encoder, so the limit is measured with the implementation and parameters it runs.
        PortalPasswordEncoder encoder = new PortalPasswordEncoder();
        String hash = encoder.encode(password);
        for (int i = 0; i < HASH_WARM_UP; i++) {
            encoder.matches(password, hash);
        }
        long[] nanos = new long[HASH_SAMPLES];
        for (int i = 0; i < HASH_SAMPLES; i++) {
            long start = System.nanoTime();
            if (!encoder.matches(password, hash)) {
                throw new IllegalStateException("Argon2id did not verify its own hash");
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[HASH_SAMPLES / 2] / 1e9;
    }

    /**
     * Returns Argon2id verifications per second with {@code threads} threads verifying at once for
     * {@code duration}. On a machine that others share, this is what the cores actually gave to hashing, next to
     * the hashing limit that assumes every core is free.
     */
    private static double parallelHashRate(String password, int threads, Duration duration) throws Exception {
        PortalPasswordEncoder encoder = new PortalPasswordEncoder();
        String hash = encoder.encode(password);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Long>> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    long verified = 0;
                    while (!stop.get()) {
                        encoder.matches(password, hash);
                        verified++;
                    }
                    return verified;
                }));
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            long verified = 0;
            for (Future<Long> count : counts) {
                verified += count.get();
            }
            return verified / ((System.nanoTime() - start) / 1e9);
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * Signs in on {@code concurrency} threads for {@code duration}. Each thread keeps one keep-alive connection
     * and starts every sign-in from a new session, cycling through its own subscribers.
     */
    private static Run run(URI base, SSLContext tls, String password, int subscribers, int concurrency,
            Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Long>> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < concurrency; t++) {
                int thread = t;
                counts.add(pool.submit(() -> signInUntilStopped(base, tls, password, subscribers, concurrency, thread,
                        stop)));
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            long signIns = 0;
            for (Future<Long> count : counts) {
                signIns += count.get();
            }
            // Sign-ins still running at the stop are counted, so the time runs until the last of them ended.
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(signIns, seconds);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static long signInUntilStopped(URI base, SSLContext tls, String password, int subscribers,
            int concurrency, int thread, AtomicBoolean stop) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        long signIns = 0;
        long next = thread;
        while (!stop.get()) {
            cookies.getCookieStore().removeAll();
            String msisdn = "+44" + (GenerateCalls.FIRST_SUBSCRIBER + next % subscribers);
            signIn(http, base, msisdn, password);
            signIns++;
            next += concurrency;
        }
        return signIns;
    }

    private static void signIn(HttpClient http, URI base, String msisdn, String password) throws Exception {
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
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || !URI.create(location).getPath().equals("/")) {
            throw new IllegalStateException("Sign-in as " + msisdn + " failed: status " + signedIn.statusCode()
                    + ", Location " + location);
        }
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

    private record Run(long signIns, double seconds) {
    }

    private record Phase(int concurrency, long signIns, double rate, double hashBefore, double hashAfter,
            double limit, double parallel, CpuTimes.Usage cpu) {

        double cpuMsPerSignIn(double cpuSeconds) {
            return cpuSeconds * 1000 / signIns;
        }
    }
}
