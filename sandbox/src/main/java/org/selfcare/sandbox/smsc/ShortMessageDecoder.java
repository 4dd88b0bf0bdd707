package org.selfcare.sandbox.smsc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;

/**
 * Splits a submit_sm into its user data header and text. Concatenation is read from the UDH (information elements
 * 0x00 and 0x08 of 3GPP TS 23.040) or, without a UDH, from the SMPP sar_* parameters.
 */
final class ShortMessageDecoder {

    /** The UDHI bit of esm_class: the short message starts with a user data header. */
    static final int ESM_CLASS_UDHI = 0x40;

    private static final int IE_CONCATENATED_8BIT_REFERENCE = 0x00;
    private static final int IE_CONCATENATED_16BIT_REFERENCE = 0x08;

    /** The concatenation fields of one part: its reference number, the total part count and its 1-based number. */
    record Concatenation(int reference, int total, int sequence) {
    }

    /** One submitted part: its text (null for binary data codings) and concatenation, if any. */
    record DecodedPart(String text, boolean userDataHeader, Concatenation concatenation) {
    }

    private ShortMessageDecoder() {
    }

    static DecodedPart decode(MessageRequest request) {
        byte[] payload = request.getShortMessage();
        if (payload == null || payload.length == 0) {
            OptionalParameter.Message_payload messagePayload =
                    request.getOptionalParameter(OptionalParameter.Message_payload.class);
            payload = messagePayload != null ? messagePayload.getValue() : new byte[0];
        }

        boolean userDataHeader = (request.getEsmClass() & ESM_CLASS_UDHI) != 0 && payload.length > 0;
        int bodyOffset = 0;
        Concatenation concatenation = null;
        if (userDataHeader) {
            int headerLength = payload[0] & 0xFF;
            if (1 + headerLength > payload.length) {
                throw new IllegalArgumentException("User data header length " + headerLength
                        + " exceeds the short message length " + payload.length);
            }
            concatenation = concatenationFromHeader(payload, 1, headerLength);
            bodyOffset = 1 + headerLength;
        } else {
            concatenation = concatenationFromSarParameters(request);
        }

        String text = decodeText(request.getDataCoding(), Arrays.copyOfRange(payload, bodyOffset, payload.length));
        return new DecodedPart(text, userDataHeader, concatenation);
    }

    private static Concatenation concatenationFromHeader(byte[] payload, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position + 2 <= end) {
            int identifier = payload[position] & 0xFF;
            int elementLength = payload[position + 1] & 0xFF;
            int data = position + 2;
            if (data + elementLength > end) {
                throw new IllegalArgumentException("Information element 0x%02X of length %d runs past the end of the user data header"
                        .formatted(identifier, elementLength));
            }
            if (identifier == IE_CONCATENATED_8BIT_REFERENCE && elementLength == 3) {
                return new Concatenation(payload[data] & 0xFF, payload[data + 1] & 0xFF, payload[data + 2] & 0xFF);
            }
            if (identifier == IE_CONCATENATED_16BIT_REFERENCE && elementLength == 4) {
                int reference = ((payload[data] & 0xFF) << 8) | (payload[data + 1] & 0xFF);
                return new Concatenation(reference, payload[data + 2] & 0xFF, payload[data + 3] & 0xFF);
            }
            position = data + elementLength;
        }
        return null;
    }

    private static Concatenation concatenationFromSarParameters(MessageRequest request) {
        OptionalParameter.Sar_msg_ref_num reference = request.getOptionalParameter(OptionalParameter.Sar_msg_ref_num.class);
        OptionalParameter.Sar_total_segments total = request.getOptionalParameter(OptionalParameter.Sar_total_segments.class);
        OptionalParameter.Sar_segment_seqnum sequence =
                request.getOptionalParameter(OptionalParameter.Sar_segment_seqnum.class);
        if (reference == null || total == null || sequence == null) {
            return null;
        }
        return new Concatenation(reference.getValue() & 0xFFFF, total.getValue() & 0xFF, sequence.getValue() & 0xFF);
    }

    /**
     * Decodes the text by the SMPP 3.4 data_coding value. Returns null for 8-bit binary data and for codings this
     * stand-in does not know, so a caller can tell "no text" from "empty text".
     */
    static String decodeText(byte dataCoding, byte[] body) {
        int coding = dataCoding & 0xFF;
        return switch (alphabet(coding)) {
            case GSM7 -> GsmAlphabet.decode(body, 0, body.length);
            case ASCII -> new String(body, StandardCharsets.US_ASCII);
            case LATIN1 -> new String(body, StandardCharsets.ISO_8859_1);
            case UCS2 -> new String(body, StandardCharsets.UTF_16BE);
            case BINARY -> null;
        };
    }

    private enum Alphabet { GSM7, ASCII, LATIN1, UCS2, BINARY }

    private static Alphabet alphabet(int coding) {
        if (coding == 0x00) {
            return Alphabet.GSM7;
        }
        if (coding == 0x01) {
            return Alphabet.ASCII;
        }
        if (coding == 0x03) {
            return Alphabet.LATIN1;
        }
        if (coding == 0x08) {
            return Alphabet.UCS2;
        }
        // General data coding groups (00xx xxxx) carry the alphabet in bits 3..2; group 1111 xxxx in bit 2.
        if ((coding & 0xC0) == 0x00) {
            return switch ((coding >> 2) & 0x03) {
                case 0 -> Alphabet.GSM7;
                case 2 -> Alphabet.UCS2;
                default -> Alphabet.BINARY;
            };
        }
        if ((coding & 0xF0) == 0xF0) {
            return (coding & 0x04) == 0 ? Alphabet.GSM7 : Alphabet.BINARY;
        }
        return Alphabet.BINARY;
    }
}
