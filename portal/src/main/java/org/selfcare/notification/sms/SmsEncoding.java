package org.selfcare.notification.sms;

/**
 * The alphabets an SMS is sent in, with the SMPP data_coding value and the capacity of a part.
 */
enum SmsEncoding {

    /** GSM 7-bit default alphabet; extension characters take two septets. Capacity in septets. */
    GSM7((byte) 0x00, 160, 153),

    /**
     * UCS-2, two octets per UTF-16 code unit. Capacity in code units. A character outside the Basic Multilingual
     * Plane goes as a UTF-16 surrogate pair, which strict UCS-2 lacks but most handsets show.
     */
    UCS2((byte) 0x08, 70, 67);

    private final byte dataCoding;

    private final int singlePartCapacity;

    private final int concatenatedPartCapacity;

    SmsEncoding(byte dataCoding, int singlePartCapacity, int concatenatedPartCapacity) {
        this.dataCoding = dataCoding;
        this.singlePartCapacity = singlePartCapacity;
        this.concatenatedPartCapacity = concatenatedPartCapacity;
    }

    byte dataCoding() {
        return dataCoding;
    }

    /** Returns the capacity of a message sent as one part, without a user data header. */
    int singlePartCapacity() {
        return singlePartCapacity;
    }

    /** Returns the capacity of one part of a concatenated message, after its 6-octet user data header. */
    int concatenatedPartCapacity() {
        return concatenatedPartCapacity;
    }
}
