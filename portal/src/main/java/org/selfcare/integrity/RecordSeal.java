package org.selfcare.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bytes a record's seal is computed over: a version tag, the table name and the record's key fields in a
 * fixed order, each with a type tag and, for text, its length, so no two different records encode alike. The
 * database id is not among them, because the database assigns it after the seal is computed. Every sealed
 * table has a unique key among the sealed fields instead, so a seal copied onto another row does not match.
 *
 * <p>Changing the fields or their order needs a new version tag. Times are whole microseconds since the epoch,
 * the precision PostgreSQL stores, so writers store {@link #truncate truncated} instants.
 */
public final class RecordSeal {

    private static final byte[] VERSION = "selfcare.record-seal.v1".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);

    private RecordSeal(String table) {
        bytes.writeBytes(VERSION);
        text(table);
    }

    /**
     * Encodes a call record. Its unique key is the subscriber, the switch's record key and the start time.
     */
    public static RecordSeal callRecord(long subscriberId, String recordKey, String direction, String otherParty,
            String otherPartyE164, Instant startedAt, int durationSeconds, int billableSeconds, boolean answered,
            long chargeMinor, String currency) {
        return new RecordSeal("call_record").number(subscriberId)
                .text(recordKey)
                .text(direction)
                .text(otherParty)
                .text(otherPartyE164)
                .time(startedAt)
                .number(durationSeconds)
                .number(billableSeconds)
                .flag(answered)
                .number(chargeMinor)
                .text(currency);
    }

    /**
     * Encodes a payment. Its unique key is the reference.
     */
    public static RecordSeal payment(long subscriberId, long amountMinor, String currency, String channel,
            String status, String reference, Instant paidAt) {
        return new RecordSeal("payment").number(subscriberId)
                .number(amountMinor)
                .text(currency)
                .text(channel)
                .text(status)
                .text(reference)
                .time(paidAt);
    }

    /**
     * Encodes a ledger entry. Its unique key is the subscriber and the reference.
     */
    public static RecordSeal ledgerEntry(long subscriberId, String kind, long amountMinor, String currency,
            String reference, String description, Instant occurredAt) {
        return new RecordSeal("ledger_entry").number(subscriberId)
                .text(kind)
                .number(amountMinor)
                .text(currency)
                .text(reference)
                .text(description)
                .time(occurredAt);
    }

    /**
     * Encodes a subscription to a value-added service. Its unique key is the subscriber, the service and the start.
     * Every field that a change of the subscription moves is covered, so the seal is computed again with each change.
     */
    public static RecordSeal subscription(long subscriberId, String serviceCode, long feeMinor, String currency,
            String billingPeriod, String timeZone, String status, boolean autoRenew, Instant startedAt,
            int periodNumber, Instant effectiveAt, Instant expiresAt, Instant cancelledAt, Instant endedAt) {
        return new RecordSeal("subscription").number(subscriberId)
                .text(serviceCode)
                .number(feeMinor)
                .text(currency)
                .text(billingPeriod)
                .text(timeZone)
                .text(status)
                .flag(autoRenew)
                .time(startedAt)
                .number(periodNumber)
                .time(effectiveAt)
                .time(expiresAt)
                .optionalTime(cancelledAt)
                .optionalTime(endedAt);
    }

    /**
     * Returns {@code instant} cut to whole microseconds, as PostgreSQL stores it.
     */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    private RecordSeal number(long value) {
        bytes.write('L');
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    private RecordSeal flag(boolean value) {
        bytes.write('B');
        bytes.write(value ? 1 : 0);
        return this;
    }

    private RecordSeal time(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
        bytes.write('T');
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(micros).array());
        return this;
    }

    private RecordSeal optionalTime(Instant value) {
        if (value == null) {
            bytes.write('N');
            return this;
        }
        return time(value);
    }

    private RecordSeal text(String value) {
        if (value == null) {
            bytes.write('N');
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        bytes.write('S');
        bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
        bytes.writeBytes(utf8);
        return this;
    }
}
