package org.selfcare.usage.cdr;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV records one at a time from UTF-8 bytes and notes the line on which each record starts.
 *
 * <p>Invalid UTF-8 bytes become U+FFFD instead of stopping the read. A leading byte order mark and blank lines are
 * skipped. Values are quoted with {@code "} and inner quotes are doubled, as in RFC 4180, and a quoted value may
 * span lines.
 */
final class CsvRecordSource implements Closeable {

    /**
     * Maximum characters in one record. Lines in the demo exports are at most 257 characters, so this limit only
     * stops a quoted value that runs on to the end of a large file.
     */
    static final long MAX_RECORD_CHARS = 1L << 20;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RecordLengthLimitReader limitedText;

    private CsvRecordSource(RecordLengthLimitReader limitedText) throws IOException {
        this.limitedText = limitedText;
        this.parser = CSVParser.builder().setReader(limitedText).setFormat(CSVFormat.RFC4180).get();
        this.records = parser.iterator();
    }

    /**
     * Opens a source over {@code in}, which it closes on {@link #close()}.
     */
    static CsvRecordSource open(InputStream in, long maxRecordChars) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Reader text = new BufferedReader(new InputStreamReader(in, decoder));
        skipByteOrderMark(text);
        return new CsvRecordSource(new RecordLengthLimitReader(text, maxRecordChars));
    }

    /**
     * Returns the next record that is not a blank line, or {@code null} at the end of the input.
     *
     * @throws InvalidCsvException when the text from the record's first line on is not valid CSV. No record can be
     *         read after it.
     * @throws IOException when reading the input fails
     */
    SourceRecord next() throws IOException {
        while (true) {
            // The parser reports 0 before the first record. After a record it reports the lines it has consumed,
            // including the record's line break, so the next record starts on the following line.
            long startLine = parser.getCurrentLineNumber() + 1;
            limitedText.startRecord();

            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw translate(startLine, e.getCause());
            }

            if (!isBlankLine(record)) {
                return new SourceRecord(startLine, record.toList());
            }
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static IOException translate(long startLine, IOException cause) {
        if (cause instanceof RecordTooLongException) {
            return new InvalidCsvException(startLine, cause.getMessage(), cause);
        }
        if (cause instanceof CSVException) {
            return new InvalidCsvException(startLine, describe(cause), cause);
        }
        return cause;
    }

    private static String describe(IOException csvError) {
        String message = String.valueOf(csvError.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value that starts in this record is never closed before the end of the file";
        }
        return "the text is not valid CSV (" + message + ")";
    }

    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static void skipByteOrderMark(Reader text) throws IOException {
        text.mark(1);
        if (text.read() != BYTE_ORDER_MARK) {
            text.reset();
        }
    }
}
