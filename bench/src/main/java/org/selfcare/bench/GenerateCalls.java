package org.selfcare.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic mobile call log in the layout of {@code demo/mobile-calls.csv}: one call per line, in time
 * order over twelve months, for subscribers 7700900000 upwards.
 *
 * <p>The direction mix and the durations of each direction are drawn from the demo file itself, so the share of
 * missed and zero-length calls matches it. The other party is another subscriber for 30% of calls, which makes
 * the importer store two records for those calls (one per subscriber).
 *
 * <p>Usage: {@code GenerateCalls ROWS SUBSCRIBERS DEMO_CSV OUTPUT_CSV}
 */
public final class GenerateCalls {

    static final long FIRST_SUBSCRIBER = 7_700_900_000L;

    private static final long SEED = 20100909L;

    private static final Instant START = Instant.parse("2010-09-01T00:00:00Z");

    private static final long SPAN_SECONDS = 365L * 24 * 3600;

    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH).withZone(ZoneId.of("Europe/London"));

    private static final String[] SHORT_CODES = { "100", "112", "150", "191", "999", "1571", "8" };

    private GenerateCalls() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("Usage: GenerateCalls ROWS SUBSCRIBERS DEMO_CSV OUTPUT_CSV");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        int subscribers = Integer.parseInt(args[1]);
        Sample sample = Sample.read(Path.of(args[2]));
        Path output = Path.of(args[3]);
        Files.createDirectories(output.toAbsolutePath().getParent());

        SplittableRandom random = new SplittableRandom(SEED);
        double meanGapSeconds = (double) SPAN_SECONDS / rows;
        double clock = START.getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.US_ASCII)) {
            out.write("user,other,direction,duration,timestamp,antenna_id,cost\n");
            for (long i = 0; i < rows; i++) {
                // Exponential gaps give a Poisson arrival process whose mean rate spreads the rows over the span.
                clock += -Math.log(1 - random.nextDouble()) * meanGapSeconds;
                String direction = sample.direction(random);
                int duration = sample.duration(direction, random);
                out.write(Long.toString(subscriber(random, subscribers)));
                out.write(',');
                out.write(otherParty(random, subscribers));
                out.write(',');
                out.write(direction);
                out.write(',');
                out.write(Integer.toString(duration));
                out.write(',');
                out.write(TIMESTAMP_FORMAT.format(Instant.ofEpochSecond((long) clock)));
                out.write(',');
                out.write(Integer.toString(1 + random.nextInt(40)));
                out.write(',');
                out.write(Integer.toString(random.nextInt(100)));
                out.write('\n');
            }
        }
        System.out.printf("Wrote %d calls for %d subscribers to %s%n", rows, subscribers, output);
    }

    /**
     * Picks a subscriber with a skew towards low numbers, as in the demo file where a few users make most calls:
     * the busiest tenth of subscribers makes about a third of the calls.
     */
    private static long subscriber(SplittableRandom random, int subscribers) {
        double u = random.nextDouble();
        return FIRST_SUBSCRIBER + (long) (subscribers * u * u);
    }

    private static String otherParty(SplittableRandom random, int subscribers) {
        int kind = random.nextInt(100);
        if (kind < 30) {
            return Long.toString(FIRST_SUBSCRIBER + random.nextInt(subscribers));
        }
        if (kind < 75) {
            return Long.toString(2_079_460_000L + random.nextInt(10_000));
        }
        if (kind < 96) {
            return Long.toString(7_700_950_000L + random.nextInt(50_000));
        }
        return SHORT_CODES[random.nextInt(SHORT_CODES.length)];
    }

    /**
     * Directions and durations of the demo file, to draw from.
     */
    private record Sample(List<String> directions, Map<String, int[]> durations) {

        static Sample read(Path demoCsv) throws IOException {
            List<String> directions = new ArrayList<>();
            Map<String, List<Integer>> durations = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(demoCsv, StandardCharsets.UTF_8)) {
                in.readLine();
                String line;
                while ((line = in.readLine()) != null) {
                    String[] values = line.split(",");
                    directions.add(values[2]);
                    durations.computeIfAbsent(values[2], (key) -> new ArrayList<>()).add(Integer.parseInt(values[3]));
                }
            }
            Map<String, int[]> arrays = new HashMap<>();
            durations.forEach((direction, list) -> arrays.put(direction,
                    list.stream().mapToInt(Integer::intValue).toArray()));
            return new Sample(directions, arrays);
        }

        String direction(SplittableRandom random) {
            return directions.get(random.nextInt(directions.size()));
        }

        int duration(String direction, SplittableRandom random) {
            int[] values = durations.get(direction);
            return values[random.nextInt(values.length)];
        }
    }
}
