package org.selfcare.sandbox.smsc;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, section 6.2.1), one septet per octet.
 * SMPP 3.4 carries data_coding 0 in this unpacked form; only the air interface packs eight septets into seven
 * octets.
 */
public final class GsmAlphabet {

    private static final int ESCAPE = 0x1B;

    /** Characters of the default alphabet, indexed by septet value; 0x1B is the escape to the extension table. */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    private GsmAlphabet() {
    }

    /**
     * Decodes unpacked septets. An escape followed by a value the extension table does not define decodes as the
     * basic character, as TS 23.038 tells a receiver to do.
     */
    public static String decode(byte[] septets, int offset, int length) {
        StringBuilder text = new StringBuilder(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int value = septets[i] & 0x7F;
            if (value == ESCAPE && i + 1 < end) {
                i++;
                int extended = septets[i] & 0x7F;
                char character = extensionCharacter(extended);
                text.append(character != 0 ? character : BASIC.charAt(extended));
            } else if (value != ESCAPE) {
                text.append(BASIC.charAt(value));
            }
        }
        return text.toString();
    }

    /**
     * Encodes text as unpacked septets.
     *
     * @throws IllegalArgumentException if a character is in neither the default alphabet nor its extension table
     */
    public static byte[] encode(String text) {
        ByteArrayOutputStream septets = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            int basic = character == ESCAPE ? -1 : BASIC.indexOf(character);
            if (basic >= 0) {
                septets.write(basic);
                continue;
            }
            int extended = extensionValue(character);
            if (extended < 0) {
                throw new IllegalArgumentException("Character U+%04X at index %d is not in the GSM 7-bit default alphabet"
                        .formatted((int) character, i));
            }
            septets.write(ESCAPE);
            septets.write(extended);
        }
        return septets.toByteArray();
    }

    private static char extensionCharacter(int value) {
        return switch (value) {
            case 0x0A -> '\f';
            case 0x14 -> '^';
            case 0x28 -> '{';
            case 0x29 -> '}';
            case 0x2F -> '\\';
            case 0x3C -> '[';
            case 0x3D -> '~';
            case 0x3E -> ']';
            case 0x40 -> '|';
            case 0x65 -> '€';
            default -> 0;
        };
    }

    private static int extensionValue(char character) {
        for (int value = 0; value < 0x80; value++) {
            if (extensionCharacter(value) == character) {
                return value;
            }
        }
        return -1;
    }
}
