package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CsvRecordSourceTest {

    @Test
    void invalidUtf8BecomesReplacementCharacter() throws IOException {
        byte[] bytes = {'"', 'R', 'o', 'b', (byte) 0xC3, (byte) 0x28, 'n', '"', ',', (byte) 0xFF, '1'};

        try (CsvRecordSource source = open(bytes, CsvRecordSource.MAX_RECORD_CHARS)) {
            SourceRecord record = source.next();

            assertThat(record.values()).containsExactly("Rob\uFFFD(n", "\uFFFD1");
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void doubledQuotesAreUnescaped() throws IOException {
        byte[] bytes = "\"\"\"Robin Hale\"\" <202-555-0113>\",x".getBytes(StandardCharsets.UTF_8);

        try (CsvRecordSource source = open(bytes, CsvRecordSource.MAX_RECORD_CHARS)) {
            assertThat(source.next().values()).containsExactly("\"Robin Hale\" <202-555-0113>", "x");
        }
    }

    @Test
    void emptyQuotedAndUnquotedValuesAreBothEmpty() throws IOException {
        byte[] bytes = "a,\"\",,b".getBytes(StandardCharsets.UTF_8);

        try (CsvRecordSource source = open(bytes, CsvRecordSource.MAX_RECORD_CHARS)) {
            assertThat(source.next().values()).containsExactly("a", "", "", "b");
        }
    }

    @Test
    void recordOverLimitStopsReading() throws IOException {
        String unclosed = "a,b\n\"" + "x".repeat(100_000) + "\n" + "c,d\n".repeat(10_000);

        try (CsvRecordSource source = open(unclosed.getBytes(StandardCharsets.UTF_8), 50_000)) {
            assertThat(source.next().lineNumber()).isEqualTo(1);
            assertThatThrownBy(source::next)
                    .isInstanceOf(InvalidCsvException.class)
                    .hasMessage("a record is longer than 50000 characters (a quoted value that is never closed?)")
                    .extracting(e -> ((InvalidCsvException) e).lineNumber())
                    .isEqualTo(2L);
        }
    }

    @Test
    void manyShortRecordsStayUnderLimit() throws IOException {
        String text = "c,d\n".repeat(100_000);
        int count = 0;

        try (CsvRecordSource source = open(text.getBytes(StandardCharsets.UTF_8), 50_000)) {
            while (source.next() != null) {
                count++;
            }
        }

        assertThat(count).isEqualTo(100_000);
    }

    private static CsvRecordSource open(byte[] bytes, long maxRecordChars) throws IOException {
        return CsvRecordSource.open(new ByteArrayInputStream(bytes), maxRecordChars);
    }
}
