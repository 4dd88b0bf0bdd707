package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageTextTests {

    @Test
    void differenceShowsWholeWords() {
        assertThat(PageText.difference("sign-in failed: check your password.", "sign-in failed: account is locked.", 80))
                .isEqualTo("'check your password.' vs 'account is locked.'");
    }

    @Test
    void normalisedMasksTokensAndEchoes() {
        String page = "<p>Wrong password for 46700000001.</p><small>Request 3f2a9c1e5b7d4e8fa1b2</small>"
                + "<script>var t = 1;</script>";

        assertThat(PageText.normalised(page, List.of("46700000001")))
                .isEqualTo("wrong password for {input}. request {token}");
    }
}
