package org.selfcare.usage.cdr;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails a read once too many characters have been read since {@link #startRecord()}, so that a quote that is never
 * closed cannot pull the rest of a large file into one value in memory.
 *
 * <p>The count is approximate because the CSV parser reads ahead into its own buffer. It can include the start of
 * the following records, and it misses the part of the current record that was buffered before the reset.
 */
final class RecordLengthLimitReader extends FilterReader {

    private final long maxChars;
    private long charsSinceRecordStart;

    RecordLengthLimitReader(Reader in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    /**
     * Resets the count, to be called before each record is parsed.
     */
    void startRecord() {
        charsSinceRecordStart = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long chars) throws RecordTooLongException {
        charsSinceRecordStart += chars;
        if (charsSinceRecordStart > maxChars) {
            throw new RecordTooLongException(maxChars);
        }
    }
}
