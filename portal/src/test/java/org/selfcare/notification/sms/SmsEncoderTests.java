package org.selfcare.notification.sms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsEncoderTests {

    /** Every character of the default alphabet and its extension table, and some that UCS-2 alone can carry. */
    private static final String GSM_CHARACTERS = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€";

    private static final String OTHER_CHARACTERS = "ЖжкитаĞğ您的余额ÂâÊê\uD83D\uDE00";

    @Test
    void asciiCodeUsesGsm7() {
        assertThat(SmsEncoder.encodingOf("Your code is 123456")).isEqualTo(SmsEncoding.GSM7);
    }

    @Test
    void extensionCharactersUseGsm7() {
        assertThat(SmsEncoder.encodingOf("Price {10} [EUR] ~ € | ^ \\")).isEqualTo(SmsEncoding.GSM7);
    }

    @Test
    void cyrillicUsesUcs2() {
        assertThat(SmsEncoder.encodingOf("Ваш код 123456")).isEqualTo(SmsEncoding.UCS2);
    }

    @Test
    void oneCharacterOutsideGsmUsesUcs2() {
        // 'â' is not in the GSM default alphabet although 'à' and 'ä' are.
        assertThat(SmsEncoder.encodingOf("Your code is 123456 â")).isEqualTo(SmsEncoding.UCS2);
    }

    @Test
    void gsm7ShortMessageIsUnpackedSeptets() {
        EncodedSms encoded = SmsEncoder.encode("A@€", 0);

        assertThat(encoded.shortMessages()).hasSize(1);
        assertThat(encoded.shortMessages().get(0)).containsExactly(0x41, 0x00, 0x1B, 0x65);
        assertThat(encoded.concatenated()).isFalse();
    }

    @Test
    void gsm7Fits160Septets() {
        assertThat(SmsEncoder.encode("a".repeat(160), 0).shortMessages()).hasSize(1);
        assertThat(SmsEncoder.encode("a".repeat(161), 0).shortMessages()).hasSize(2);
    }

    @Test
    void extensionCharactersCountTwice() {
        // 80 euro signs are 160 septets and fit one part; 81 need two, 76 in the first (152 septets) and 5 after.
        assertThat(SmsEncoder.encode("€".repeat(80), 0).shortMessages()).hasSize(1);

        EncodedSms encoded = SmsEncoder.encode("€".repeat(81), 7);

        assertThat(encoded.shortMessages()).hasSize(2);
        assertThat(encoded.shortMessages().get(0)).hasSize(6 + 152);
        assertThat(encoded.shortMessages().get(1)).hasSize(6 + 10);
    }

    @Test
    void extensionCharacterIsNeverSplit() {
        // 152 septets of 'a', then the escape and '€' would straddle the 153-septet boundary.
        String text = "a".repeat(152) + "€" + "b".repeat(20);

        List<String> segments = SmsEncoder.split(text, SmsEncoding.GSM7);

        assertThat(segments).containsExactly("a".repeat(152), "€" + "b".repeat(20));
    }

    @Test
    void concatenatedPartsCarryUserDataHeader() {
        EncodedSms encoded = SmsEncoder.encode("x".repeat(400), 42);

        assertThat(encoded.shortMessages()).hasSize(3);
        for (int part = 0; part < 3; part++) {
            byte[] header = Arrays.copyOf(encoded.shortMessages().get(part), 6);
            assertThat(header).containsExactly(0x05, 0x00, 0x03, 42, 3, part + 1);
        }
        assertThat(encoded.shortMessages().get(0)).hasSize(6 + 153);
        assertThat(encoded.shortMessages().get(2)).hasSize(6 + 400 - 2 * 153);
    }

    @Test
    void ucs2Fits70Characters() {
        assertThat(SmsEncoder.encode("ж".repeat(70), 0).shortMessages()).hasSize(1);
        assertThat(SmsEncoder.encode("ж".repeat(71), 0).shortMessages()).hasSize(2);
    }

    @Test
    void ucs2PartsCarry67Characters() {
        EncodedSms encoded = SmsEncoder.encode("ж".repeat(150), 1);

        assertThat(encoded.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(encoded.shortMessages()).hasSize(3);
        assertThat(encoded.shortMessages().get(0)).hasSize(6 + 134);
        assertThat(encoded.shortMessages().get(1)).hasSize(6 + 134);
        assertThat(encoded.shortMessages().get(2)).hasSize(6 + 32);
    }

    @Test
    void surrogatePairIsNeverSplit() {
        String text = "ж".repeat(66) + "\uD83D\uDE00" + "ж".repeat(10);

        List<String> segments = SmsEncoder.split(text, SmsEncoding.UCS2);

        assertThat(segments).containsExactly("ж".repeat(66), "\uD83D\uDE00" + "ж".repeat(10));
    }

    @Test
    void tooManyPartsAreRejected() {
        assertThatThrownBy(() -> SmsEncoder.encode("x".repeat(153 * 255 + 1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 parts");
    }

    /**
     * Random texts from a fixed seed: the parts always rebuild the text, respect the capacity of their alphabet
     * and use the fewest parts the splitting rules allow.
     */
    @Test
    void randomTextsSplitWithinCapacity() {
        Random random = new Random(20261204);
        for (int run = 0; run < 2_000; run++) {
            String alphabet = random.nextInt(3) == 0 ? GSM_CHARACTERS + OTHER_CHARACTERS : GSM_CHARACTERS;
            String text = randomText(random, alphabet, random.nextInt(700));
            SmsEncoding encoding = SmsEncoder.encodingOf(text);

            List<String> segments = SmsEncoder.split(text, encoding);

            assertThat(String.join("", segments)).as("segments of run %d", run).isEqualTo(text);
            int capacity = segments.size() == 1 ? encoding.singlePartCapacity() : encoding.concatenatedPartCapacity();
            for (String segment : segments) {
                assertThat(SmsEncoder.length(segment, encoding)).as("segment length in run %d", run)
                        .isLessThanOrEqualTo(capacity);
                assertThat(Character.isLowSurrogate(segment.isEmpty() ? 'a' : segment.charAt(0)))
                        .as("segment of run %d starts inside a surrogate pair", run).isFalse();
            }
            int minimumParts = (SmsEncoder.length(text, encoding) + encoding.concatenatedPartCapacity() - 1)
                    / encoding.concatenatedPartCapacity();
            if (segments.size() > 1) {
                // Keeping pairs together wastes at most one unit per part, so at most one extra part in total.
                assertThat(segments.size()).as("parts in run %d", run).isBetween(minimumParts, minimumParts + 1);
            }
        }
    }

    @Test
    void ucs2BodyIsUtf16BigEndian() {
        EncodedSms encoded = SmsEncoder.encode("Ваш код", 0);

        assertThat(encoded.shortMessages().get(0)).isEqualTo("Ваш код".getBytes(StandardCharsets.UTF_16BE));
        assertThat(encoded.encoding().dataCoding()).isEqualTo((byte) 0x08);
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int index = random.nextInt(alphabet.length());
            char character = alphabet.charAt(index);
            if (Character.isHighSurrogate(character)) {
                text.append(character).append(alphabet.charAt(index + 1));
            }
            else if (!Character.isLowSurrogate(character)) {
                text.append(character);
            }
        }
        return text.toString();
    }
}
