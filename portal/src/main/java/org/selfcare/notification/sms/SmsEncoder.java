package org.selfcare.notification.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the alphabet of an SMS by its content and splits long texts into concatenated parts (3GPP TS 23.038
 * and TS 23.040). A text that the GSM 7-bit default alphabet and its extension table can carry is sent in it, up
 * to 160 septets in one part or 153 per part. Any other text goes as UCS-2, 70 code units in one part or 67 per
 * part. Each part of a longer text starts with the 8-bit-reference concatenation header.
 */
final class SmsEncoder {

    /** The concatenation header of 3GPP TS 23.040 section 9.2.3.24.1 can number at most 255 parts. */
    static final int MAX_PARTS = 255;

    private static final int USER_DATA_HEADER_LENGTH = 5;

    private static final int IE_CONCATENATION_8BIT_REFERENCE = 0x00;

    private SmsEncoder() {
    }

    /** Returns the alphabet {@code text} is sent in. */
    static SmsEncoding encodingOf(String text) {
        return GsmAlphabet.canEncode(text) ? SmsEncoding.GSM7 : SmsEncoding.UCS2;
    }

    /**
     * Encodes {@code text}, splitting it when it does not fit one part.
     *
     * @param reference the concatenation reference shared by the parts, 0 to 255; unused for one part
     * @throws IllegalArgumentException when the text needs more than 255 parts
     */
    static EncodedSms encode(String text, int reference) {
        SmsEncoding encoding = encodingOf(text);
        List<String> segments = split(text, encoding);
        if (segments.size() > MAX_PARTS) {
            throw new IllegalArgumentException("The SMS text needs " + segments.size() + " parts, but at most "
                    + MAX_PARTS + " can be concatenated");
        }

        List<byte[]> shortMessages = new ArrayList<>(segments.size());
        for (int part = 0; part < segments.size(); part++) {
            ByteArrayOutputStream shortMessage = new ByteArrayOutputStream();
            if (segments.size() > 1) {
                shortMessage.writeBytes(new byte[] { USER_DATA_HEADER_LENGTH, IE_CONCATENATION_8BIT_REFERENCE, 3,
                        (byte) reference, (byte) segments.size(), (byte) (part + 1) });
            }
            shortMessage.writeBytes(encodeSegment(segments.get(part), encoding));
            shortMessages.add(shortMessage.toByteArray());
        }
        return new EncodedSms(encoding, shortMessages);
    }

    /**
     * Splits {@code text} into the segments that fill each part. An extension character's two septets and a
     * surrogate pair's two code units always stay in the same part.
     */
    static List<String> split(String text, SmsEncoding encoding) {
        if (length(text, encoding) <= encoding.singlePartCapacity()) {
            return List.of(text);
        }

        List<String> segments = new ArrayList<>();
        int capacity = encoding.concatenatedPartCapacity();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int units = unitLength(text, i, encoding);
            int size = encoding == SmsEncoding.GSM7 ? GsmAlphabet.septetLength(text.charAt(i)) : units;
            if (used + size > capacity) {
                segments.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += size;
            i += units;
        }
        segments.add(text.substring(start));
        return segments;
    }

    /** Returns the length of {@code text} in septets for GSM 7-bit and in UTF-16 code units for UCS-2. */
    static int length(String text, SmsEncoding encoding) {
        if (encoding == SmsEncoding.UCS2) {
            return text.length();
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += GsmAlphabet.septetLength(text.charAt(i));
        }
        return septets;
    }

    /** Returns 2 at the start of a surrogate pair in UCS-2, so the pair is never cut, and 1 otherwise. */
    private static int unitLength(String text, int index, SmsEncoding encoding) {
        boolean pair = encoding == SmsEncoding.UCS2 && Character.isHighSurrogate(text.charAt(index))
                && index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        return pair ? 2 : 1;
    }

    private static byte[] encodeSegment(String segment, SmsEncoding encoding) {
        if (encoding == SmsEncoding.UCS2) {
            return segment.getBytes(StandardCharsets.UTF_16BE);
        }
        byte[] septets = new byte[segment.length() * 2];
        int length = 0;
        for (int i = 0; i < segment.length(); i++) {
            length = GsmAlphabet.encode(segment.charAt(i), septets, length);
        }
        return Arrays.copyOf(septets, length);
    }
}
