package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Damages the demo exports at random places and checks that the reader returns lines in file order
 * instead of throwing. The seed is fixed, so a failure repeats.
 */
class CorruptedInputTest {

    private static final int ROUNDS = 200;
    private static final int DAMAGED_BYTES_PER_ROUND = 8;

    /** Bytes that matter to the CSV syntax, the numbers, the times and the UTF-8 decoder. */
    private static final byte[] DAMAGE = {'"', ',', '\n', '\r', '-', '+', 'E', '.', ':', ' ', '0', '9', (byte) 0xFF,
            (byte) 0xC3};

    @Test
    void damagedAsteriskFileNeverThrows() throws IOException {
        byte[] original = readResource("/demo/asterisk-master.csv", Integer.MAX_VALUE);

        readDamagedCopies(original, ZoneId.of("Europe/London"), new Random(20170620L));
    }

    @Test
    void damagedMobileLogNeverThrows() throws IOException {
        byte[] original = readResource("/demo/mobile-calls.csv", 20_000);

        readDamagedCopies(original, ZoneId.of("Europe/London"), new Random(20100909L));
    }

    private static void readDamagedCopies(byte[] original, ZoneId zone, Random random) throws IOException {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] damaged = Arrays.copyOf(original, original.length);
            for (int i = 0; i < DAMAGED_BYTES_PER_ROUND; i++) {
                damaged[random.nextInt(damaged.length)] = DAMAGE[random.nextInt(DAMAGE.length)];
            }

            List<CdrLine> lines = readWithFallbackLayout(damaged, zone);

            List<Long> lineNumbers = lines.stream().map(CdrLine::lineNumber).toList();
            assertThat(lineNumbers).as("round %d", round).isSorted().doesNotHaveDuplicates();
            assertThat(lines).as("round %d", round).isNotEmpty();
        }
    }

    /** Reads every line. When the damage hides the layout, reads the file as Asterisk so the rest is still read. */
    private static List<CdrLine> readWithFallbackLayout(byte[] bytes, ZoneId zone) throws IOException {
        try {
            return CdrInput.readAll(bytes, CdrReadOptions.detectLayout(zone));
        } catch (CdrLayoutException e) {
            return CdrInput.readAll(bytes, CdrReadOptions.detectLayout(zone).withLayout(CdrLayout.ASTERISK));
        }
    }

    private static byte[] readResource(String name, int maxBytes) throws IOException {
        try (InputStream in = CorruptedInputTest.class.getResourceAsStream(name)) {
            assertThat(in).as("classpath resource %s", name).isNotNull();
            byte[] all = in.readAllBytes();
            return Arrays.copyOf(all, Math.min(all.length, maxBytes));
        }
    }
}
