package org.selfcare.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures how many events per second monitoring's detectors process, against how many per second the same run
 * merely writes the same rows, one transaction per event as monitoring does.
 *
 * <p>Detection side: {@code Monitor.observe} for each event, which takes the subscriber's advisory lock, inserts the
 * event into {@code monitoring_event} and runs every detector that watches its kind, raising an alert when one
 * fires. Write side: the same rows inserted into {@code bench_monitoring_event}, a copy of the table with the same
 * columns and indexes, each in a transaction of its own. The ratio is the detection rate divided by the write
 * rate: above 0.5, detecting costs less than writing.
 *
 * <p>Events: two weeks of activity of {@code SUBSCRIBERS} subscribers in time order. Before each round both tables
 * are loaded with the first week in one batch and analysed, untimed, because a running portal keeps the last week
 * for the detectors' histories. The second week, {@code EVENTS} events, is measured, each subscriber's events handled
 * by one thread as they would arrive: orders placed, payments requested and paid or cancelled, code requests and
 * subscriptions to 20 services. One draw in 2,000 is a burst of eight orders in a few minutes, so some
 * detections and alerts are part of the measured work.
 *
 * <p>It runs from the portal's jar with Spring Boot's {@code PropertiesLauncher}, like {@link ImportInProcess}, and
 * reaches the portal's package-private classes by reflection, so it compiles against the JDK alone.
 *
 * <p>Usage: {@code MonitoringThroughput SUBSCRIBERS EVENTS THREADS}, with {@code selfcare.data-dir} set.
 */
public final class MonitoringThroughput {

    private static final int SERVICES = 20;

    private static final String INSERT = """
            INSERT INTO bench_monitoring_event (kind, subscriber_id, service_code, order_number, occurred_at)
            VALUES (?, ?, ?, ?, ?)""";

    private MonitoringThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.parseInt(args[0]);
        int eventCount = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);

        Class<?> application = Class.forName("org.selfcare.SelfcareApplication");
        Class<?> springApplication = Class.forName("org.springframework.boot.SpringApplication");
        Method run = springApplication.getMethod("run", Class.class, String[].class);
        // The portal starts only with a virus scanner configured. The run uploads no identity document, so a
        // loopback port without a scanner is enough.
        String[] properties = { "--server.address=127.0.0.1", "--server.port=0", "--selfcare.http-port=0",
            "--selfcare.operator.port=0", "--selfcare.purchase.document.clamd.host=127.0.0.1",
            "--selfcare.purchase.document.clamd.port=9" };
        AutoCloseable context = (AutoCloseable) run.invoke(null, application, properties);
        try {
            Portal portal = new Portal(context);
            long first = portal.provision(subscribers);
            List<Object[]> all = generate(first, subscribers, 2 * eventCount);
            List<Object[]> history = all.subList(0, eventCount);
            List<List<Object[]>> perThread = portal.prepare(split(all.subList(eventCount, all.size()), threads));

            StringBuilder table = new StringBuilder();
            table.append(String.format("%-10s %14s %14s %8s %10s%n", "round", "detect ev/s", "write ev/s", "ratio",
                    "alerts"));
            // The first round warms up the JVM and the database's caches on both sides and is not counted.
            double ratios = 0;
            for (int round = 0; round <= 2; round++) {
                portal.reset(history);
                double detect;
                double write;
                // The order alternates, so a slow spell of the shared machine tends to fall on both sides.
                if (round != 2) {
                    detect = rate(eventCount, () -> runAll(perThread, portal::observe));
                    write = rate(eventCount, () -> runAll(perThread, portal::write));
                }
                else {
                    write = rate(eventCount, () -> runAll(perThread, portal::write));
                    detect = rate(eventCount, () -> runAll(perThread, portal::observe));
                }
                ratios += round == 0 ? 0 : detect / write;
                String name = round == 0 ? "warm-up" : String.valueOf(round);
                table.append(String.format("%-10s %14.0f %14.0f %8.2f %10d%n", name, detect, write, detect / write,
                        portal.alerts()));
            }
            table.append(String.format("%nmean ratio %.2f (target: above 0.50, detection costs less than the write)%n",
                    ratios / 2));
            table.append(String.format("%d events of %d subscribers, %d threads; alerts of the last round: %s%n",
                    eventCount, subscribers, threads, portal.alertsPerDetector()));
            System.out.print(table);
        }
        finally {
            context.close();
        }
    }

    /**
     * Generates two weeks of events in time order, ending now. Each entry is {kind, subscriber id, service code,
     * order number, time}.
     */
    static List<Object[]> generate(long first, int subscribers, int eventCount) {
        Random random = new Random(42);
        Instant end = Instant.now();
        long span = Duration.ofDays(14).toMillis();
        List<Object[]> all = new ArrayList<>(eventCount);
        int order = 0;
        while (all.size() < eventCount) {
            long subscriber = first + random.nextInt(subscribers);
            Instant at = end.minusMillis((long) (random.nextDouble() * span));
            int kind = random.nextInt(100);
            if (kind < 40) {
                // An order: placed, payment requested, then paid, or now and then cancelled.
                String number = "SC-B" + order++;
                String last = random.nextInt(10) == 0 ? "ORDER_CANCELLED" : "ORDER_PAID";
                all.add(new Object[] { "ORDER_PLACED", subscriber, null, number, at });
                all.add(new Object[] { "ORDER_PAYMENT_REQUESTED", subscriber, null, number, at.plusSeconds(20) });
                all.add(new Object[] { last, subscriber, null, number, at.plusSeconds(40) });
            }
            else if (kind < 55) {
                String service = "service-" + random.nextInt(SERVICES);
                all.add(new Object[] { "SUBSCRIBED", subscriber, service, null, at });
                if (random.nextInt(4) == 0) {
                    all.add(new Object[] { "UNSUBSCRIBED", subscriber, service, null, at.plusSeconds(3600) });
                }
            }
            else if (kind < 56 && random.nextInt(20) == 0) {
                // A burst: eight orders within a few minutes, which order-surge and unpaid-orders report.
                for (int i = 0; i < 8; i++) {
                    all.add(new Object[] { "ORDER_PLACED", subscriber, null, "SC-B" + order++, at.plusSeconds(i * 20) });
                }
            }
            else {
                all.add(new Object[] { "CODE_REQUESTED", subscriber, null, null, at });
            }
        }
        all.sort((a, b) -> ((Instant) a[4]).compareTo((Instant) b[4]));
        return all.subList(0, eventCount);
    }

    /** Splits events by subscriber over the threads, keeping each subscriber's events in time order. */
    static List<List<Object[]>> split(List<Object[]> events, int threads) {
        List<List<Object[]>> perThread = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            perThread.add(new ArrayList<>());
        }
        for (Object[] event : events) {
            perThread.get((int) (((long) event[1]) % threads)).add(event);
        }
        return perThread;
    }

    private static double rate(int events, ThrowingRunnable work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static void runAll(List<List<Object[]>> perThread, EventSink sink) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perThread.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<Object[]> events : perThread) {
                done.add(pool.submit(() -> {
                    for (Object[] event : events) {
                        sink.accept(event);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            pool.shutdown();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface EventSink {
        void accept(Object[] event) throws Exception;
    }

    /** The portal's beans that the benchmark uses, reached by reflection. */
    private static final class Portal {

        private final Object jdbc;

        private final Object transactions;

        private final Object monitor;

        private final Method observe;

        private final Constructor<?> eventConstructor;

        private final Class<?> kindType;

        private final Class<?> callbackType;

        private final Method update;

        private final Method execute;

        Portal(Object context) throws Exception {
            Method getBean = context.getClass().getMethod("getBean", Class.class);
            jdbc = getBean.invoke(context, Class.forName("org.springframework.jdbc.core.JdbcTemplate"));
            transactions = getBean.invoke(context,
                    Class.forName("org.springframework.transaction.support.TransactionTemplate"));
            Class<?> monitorType = Class.forName("org.selfcare.monitoring.Monitor");
            monitor = getBean.invoke(context, monitorType);
            Class<?> eventType = Class.forName("org.selfcare.monitoring.MonitoredEvent");
            kindType = Class.forName("org.selfcare.monitoring.MonitoredEvent$Kind");
            observe = monitorType.getDeclaredMethod("observe", eventType);
            observe.setAccessible(true);
            eventConstructor = eventType.getDeclaredConstructor(kindType, long.class, String.class, String.class,
                    Instant.class);
            eventConstructor.setAccessible(true);
            callbackType = Class.forName("org.springframework.transaction.support.TransactionCallback");
            update = jdbc.getClass().getMethod("update", String.class, Object[].class);
            execute = transactions.getClass().getMethod("execute", callbackType);
        }

        /** Inserts subscribers with SQL, without usable passwords, and returns the first id. */
        long provision(int count) throws Exception {
            update("""
                    INSERT INTO subscriber (msisdn, msisdn_e164, display_name, status, time_zone, password_hash)
                    SELECT n::text, '+4479' || lpad(n::text, 8, '0'), 'Subscriber ' || n, 'ACTIVE', 'Europe/London',
                           'not-a-hash'
                    FROM generate_series(1, %d) AS n""".formatted(count));
            return queryLong("SELECT min(id) FROM subscriber WHERE msisdn_e164 LIKE '+4479%'");
        }

        /**
         * Empties the monitoring tables, creates the write side's copy of the event table, and loads both with
         * {@code history}.
         */
        void reset(List<Object[]> history) throws Exception {
            update("DELETE FROM risk_flag");
            update("DELETE FROM monitoring_alert");
            update("TRUNCATE monitoring_event");
            update("DROP TABLE IF EXISTS bench_monitoring_event");
            update("CREATE TABLE bench_monitoring_event (LIKE monitoring_event INCLUDING ALL)");
            List<Object[]> rows = new ArrayList<>(history.size());
            for (Object[] event : history) {
                rows.add(new Object[] { event[0], event[1], event[2], event[3], Timestamp.from((Instant) event[4]) });
            }
            Method batchUpdate = jdbc.getClass().getMethod("batchUpdate", String.class, List.class);
            batchUpdate.invoke(jdbc, INSERT, rows);
            batchUpdate.invoke(jdbc, INSERT.replace("bench_monitoring_event", "monitoring_event"), rows);
            update("ANALYZE monitoring_event");
            update("ANALYZE bench_monitoring_event");
        }

        /**
         * Builds, before any timing, what each side needs per event: the portal's event object for the detection
         * side, and the transaction callback that inserts the same row for the write side.
         */
        @SuppressWarnings({ "unchecked", "rawtypes" })
        List<List<Object[]>> prepare(List<List<Object[]>> perThread) throws Exception {
            List<List<Object[]>> prepared = new ArrayList<>();
            for (List<Object[]> events : perThread) {
                List<Object[]> list = new ArrayList<>(events.size());
                for (Object[] event : events) {
                    Object kind = Enum.valueOf((Class) kindType, (String) event[0]);
                    Object monitored = eventConstructor.newInstance(kind, event[1], event[2], event[3], event[4]);
                    Object[] row = { event[0], event[1], event[2], event[3], Timestamp.from((Instant) event[4]) };
                    Object insert = java.lang.reflect.Proxy.newProxyInstance(callbackType.getClassLoader(),
                            new Class<?>[] { callbackType }, (proxy, method, arguments) -> {
                                if (!method.getName().equals("doInTransaction")) {
                                    throw new UnsupportedOperationException(method.getName());
                                }
                                return update.invoke(jdbc, INSERT, row);
                            });
                    list.add(new Object[] { monitored, insert });
                }
                prepared.add(list);
            }
            return prepared;
        }

        void observe(Object[] prepared) throws Exception {
            observe.invoke(monitor, prepared[0]);
        }

        void write(Object[] prepared) throws Exception {
            execute.invoke(transactions, prepared[1]);
        }

        String alertsPerDetector() throws Exception {
            Method queryForList = jdbc.getClass().getMethod("queryForList", String.class, Class.class);
            return String.valueOf(queryForList.invoke(jdbc, "SELECT detector || ' ' || count(*) FROM monitoring_alert "
                    + "GROUP BY detector ORDER BY detector", String.class));
        }

        long alerts() throws Exception {
            return queryLong("SELECT count(*) FROM monitoring_alert");
        }

        private void update(String sql) throws Exception {
            jdbc.getClass().getMethod("execute", String.class).invoke(jdbc, sql);
        }

        private long queryLong(String sql) throws Exception {
            return (Long) jdbc.getClass().getMethod("queryForObject", String.class, Class.class).invoke(jdbc, sql,
                    Long.class);
        }
    }
}
