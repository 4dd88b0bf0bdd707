package org.selfcare.notification.sms;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, section 6.2.1). SMPP 3.4 carries
 * data_coding 0 as one septet per octet; only the air interface packs eight septets into seven octets.
 */
final class GsmAlphabet {

    static final int ESCAPE = 0x1B;

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

    /** Characters of the extension table, each sent as the escape septet followed by its index here. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private static final int[] EXTENSION_SEPTETS = { 0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65 };

    private GsmAlphabet() {
    }

    /**
     * Returns the septets one character takes: 1 in the default alphabet, 2 in the extension table, 0 when the
     * alphabet cannot carry it.
     */
    static int septetLength(char character) {
        if (character != ESCAPE && BASIC.indexOf(character) >= 0) {
            return 1;
        }
        return EXTENSION.indexOf(character) >= 0 ? 2 : 0;
    }

    /** Returns whether every character of {@code text} is in the default alphabet or its extension table. */
    static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (septetLength(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the unpacked septets of {@code character} to {@code septets} at {@code offset} and returns the new
     * offset.
     *
     * @throws IllegalArgumentException if the alphabet cannot carry the character
     */
    static int encode(char character, byte[] septets, int offset) {
        int basic = character == ESCAPE ? -1 : BASIC.indexOf(character);
        if (basic >= 0) {
            septets[offset] = (byte) basic;
            return offset + 1;
        }
        int extension = EXTENSION.indexOf(character);
        if (extension < 0) {
            throw new IllegalArgumentException(
                    "Character U+%04X is not in the GSM 7-bit default alphabet".formatted((int) character));
        }
        septets[offset] = ESCAPE;
        septets[offset + 1] = (byte) EXTENSION_SEPTETS[extension];
        return offset + 2;
    }
}
