package org.selfcare.bench;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Prints the results of one run as a table, each measurement next to its baseline from the same run.
 *
 * <p>Usage: {@code Report RESULTS_FILE}
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws Exception {
        Properties results = Results.read(Path.of(args[0]));
        System.out.printf("%nCall lines generated: %s, records stored: %s, ledger entries: %s%n",
                results.getProperty("import.lines_read"), results.getProperty("import.rows"),
                results.getProperty("import.ledger_entries"));
        System.out.printf("%n%-28s %14s %14s %10s %s%n", "measurement", "portal", "baseline", "ratio", "target");

        double importRate = number(results, "import.rows_per_second");
        double copyRate = number(results, "copy.rows_per_second");
        System.out.printf("%-28s %14.0f %14.0f %10.2f %s%n", "import rows/s (vs COPY)", importRate, copyRate,
                importRate / copyRate, "ratio >= 0.50");

        for (String kind : new String[] { "first", "deep" }) {
            for (String percentile : new String[] { "p50", "p99" }) {
                double api = number(results, "latency." + kind + ".api." + percentile + "_ms");
                double sql = number(results, "latency." + kind + ".sql." + percentile + "_ms");
                String target = percentile.equals("p99") ? "ratio <= 3.00" : "";
                System.out.printf("%-28s %14.3f %14.3f %10.2f %s%n",
                        kind + " page " + percentile + " ms (vs SQL)", api, sql, api / sql, target);
            }
        }
        System.out.printf("%nLatency: %s client threads; requests per side: first page %s API / %s SQL, "
                + "deep page %s API / %s SQL%n", results.getProperty("latency.threads"),
                results.getProperty("latency.first.api.requests"), results.getProperty("latency.first.sql.requests"),
                results.getProperty("latency.deep.api.requests"), results.getProperty("latency.deep.sql.requests"));
        System.out.printf("CPU ms per request (portal / client / rest of the machine, mostly PostgreSQL):%n");
        for (String phase : new String[] { "first.sql", "first.api", "deep.sql", "deep.api" }) {
            String prefix = "latency." + phase + ".cpu_ms_";
            System.out.printf("  %-10s %s / %s / %s%n", phase, results.getProperty(prefix + "portal", "-"),
                    results.getProperty(prefix + "client", "-"), results.getProperty(prefix + "rest", "-"));
        }
    }

    private static double number(Properties results, String key) {
        String value = results.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("The results file has no value for " + key);
        }
        return Double.parseDouble(value);
    }
}
