package org.selfcare.sandbox.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GsmAlphabetTest {

    @Test
    void basicAndExtensionCharactersRoundTrip() {
        String text = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà^{}\\[~]|€\f";

        byte[] septets = GsmAlphabet.encode(text);

        assertThat(GsmAlphabet.decode(septets, 0, septets.length)).isEqualTo(text);
    }

    @Test
    void knownSeptetValuesDecode() {
        byte[] septets = {0x00, 0x01, 0x11, 0x41, 0x61, 0x7F, 0x1B, 0x65, 0x1B, 0x3C};

        assertThat(GsmAlphabet.decode(septets, 0, septets.length)).isEqualTo("@£_Aaà€[");
    }

    @Test
    void undefinedEscapeDecodesAsBasicCharacter() {
        byte[] septets = {0x1B, 0x41};

        assertThat(GsmAlphabet.decode(septets, 0, septets.length)).isEqualTo("A");
    }

    @Test
    void characterOutsideAlphabetIsRejected() {
        assertThatThrownBy(() -> GsmAlphabet.encode("Ж"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0416");
    }
}
