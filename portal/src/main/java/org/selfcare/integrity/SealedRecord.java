package org.selfcare.integrity;

/**
 * A record read with its seal checked: either the record, or only its id when the seal failed and the record
 * is withheld.
 *
 * @param id database id
 * @param value the record, or {@code null} when withheld
 */
public record SealedRecord<T>(long id, T value) {

    public static <T> SealedRecord<T> intact(long id, T value) {
        return new SealedRecord<>(id, java.util.Objects.requireNonNull(value, "value must not be null"));
    }

    public static <T> SealedRecord<T> withheld(long id) {
        return new SealedRecord<>(id, null);
    }

    public boolean isWithheld() {
        return value == null;
    }
}
