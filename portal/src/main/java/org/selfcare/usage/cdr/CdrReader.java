package org.selfcare.usage.cdr;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams the records of one switch export as {@link CallLine}s and {@link RejectedLine}s, in file order.
 *
 * <p>The reader keeps one record in memory at a time. Bytes are decoded as UTF-8, and invalid bytes become U+FFFD.
 * A record with a bad value becomes a {@link RejectedLine} that names the value, and reading goes on. Text that is
 * not valid CSV, such as a quoted value that is never closed, becomes one {@link RejectedLine} at the line where its
 * record starts, and the reader ends there because the CSV parser cannot find the next record.
 *
 * <p>Not thread-safe. Close the reader to close the input stream.
 */
public final class CdrReader implements Iterator<CdrLine>, Closeable {

    private final CsvRecordSource source;
    private final CdrLayout layout;
    private final CdrRecordParser parser;
    private final CallLineChecks checks;

    /** A line found while opening the reader that {@link #next()} has not returned yet. */
    private CdrLine pending;
    private boolean sourceEnded;
    private boolean closed;

    private CdrReader(CsvRecordSource source, CdrLayout layout, CdrReadOptions options) {
        this.source = source;
        this.layout = layout;
        this.parser = layout == null ? null : parserFor(layout, options);
        this.checks = new CallLineChecks(options.earliestAccepted(),
                Instant.now().plus(CallLineChecks.FUTURE_TOLERANCE), layout == CdrLayout.MOBILE_LOG ? "phone" : "switch");
    }

    /**
     * Opens a reader over {@code in} and reads the first record to detect the layout, unless
     * {@code options.layout()} sets it. A mobile log header on the first line is skipped.
     *
     * @throws CdrLayoutException when the layout is not set and the first record matches no known layout, or is not
     *         valid CSV
     * @throws IOException when reading the input fails
     */
    public static CdrReader open(InputStream in, CdrReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(options, "options must not be null");

        CsvRecordSource source = CsvRecordSource.open(in, CsvRecordSource.MAX_RECORD_CHARS);
        try {
            return openWithFirstRecord(source, options);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static CdrReader openWithFirstRecord(CsvRecordSource source, CdrReadOptions options) throws IOException {
        SourceRecord first;
        try {
            first = source.next();
        } catch (InvalidCsvException e) {
            if (options.layout() == null) {
                throw new CdrLayoutException("cannot detect the layout: " + e.getMessage(), e);
            }
            CdrReader reader = new CdrReader(source, options.layout(), options);
            reader.pending = rejectRestOfFile(e);
            reader.sourceEnded = true;
            return reader;
        }

        if (first == null) {
            CdrReader reader = new CdrReader(source, options.layout(), options);
            reader.sourceEnded = true;
            return reader;
        }

        CdrLayout layout = options.layout() != null ? options.layout() : LayoutDetector.detect(first);
        CdrReader reader = new CdrReader(source, layout, options);
        boolean isHeader = layout == CdrLayout.MOBILE_LOG && LayoutDetector.isMobileLogHeader(first.values());
        if (!isHeader) {
            reader.pending = reader.toLine(first);
        }
        return reader;
    }

    /**
     * Returns the layout that was set in the options or detected, or {@code null} when neither was possible because
     * the file is empty.
     */
    public CdrLayout layout() {
        return layout;
    }

    /**
     * Returns whether another line follows, reading the next record if needed.
     *
     * @throws UncheckedIOException when reading the input fails. Bad data becomes a {@link RejectedLine} instead.
     * @throws IllegalStateException when the reader is closed
     */
    @Override
    public boolean hasNext() {
        if (closed) {
            throw new IllegalStateException("the reader is closed");
        }
        if (pending == null && !sourceEnded) {
            pending = readNextLine();
        }
        return pending != null;
    }

    /**
     * Returns the next call or rejected line.
     *
     * @throws NoSuchElementException when no line is left
     * @throws UncheckedIOException when reading the input fails. Bad data becomes a {@link RejectedLine} instead.
     */
    @Override
    public CdrLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more lines in the file");
        }
        CdrLine line = pending;
        pending = null;
        return line;
    }

    /**
     * Closes the input stream. Calling it again has no effect.
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            source.close();
        }
    }

    private CdrLine readNextLine() {
        try {
            SourceRecord record = source.next();
            if (record == null) {
                sourceEnded = true;
                return null;
            }
            return toLine(record);
        } catch (InvalidCsvException e) {
            sourceEnded = true;
            return rejectRestOfFile(e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read the call records", e);
        }
    }

    private CdrLine toLine(SourceRecord record) {
        try {
            CallLine call = parser.parse(record);
            checks.check(call);
            return call;
        } catch (InvalidRecordException e) {
            return new RejectedLine(record.lineNumber(), e.getMessage());
        }
    }

    private static RejectedLine rejectRestOfFile(InvalidCsvException e) {
        return new RejectedLine(e.lineNumber(), e.getMessage() + ", so the rest of the file was not read");
    }

    private static CdrRecordParser parserFor(CdrLayout layout, CdrReadOptions options) {
        SwitchClock clock = new SwitchClock(options.sourceZone());
        return switch (layout) {
            case ASTERISK -> new AsteriskRecordParser(clock);
            case FREESWITCH -> new FreeSwitchRecordParser(clock);
            case MOBILE_LOG -> new MobileLogRecordParser();
        };
    }
}
