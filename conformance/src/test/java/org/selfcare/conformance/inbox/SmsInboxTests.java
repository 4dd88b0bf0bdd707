package org.selfcare.conformance.inbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsInboxTests {

    @Test
    void nationalNumberMatchesInternationalDestination() {
        assertThat(SmsInbox.isFor("447700900000", "07700 900000")).isTrue();
        assertThat(SmsInbox.isFor("+447700900000", "07700 900000")).isTrue();
        assertThat(SmsInbox.isFor("447700900000", "+44 7700 900000")).isTrue();
    }

    @Test
    void otherNumbersDoNotMatch() {
        assertThat(SmsInbox.isFor("447700900002", "07700 900000")).isFalse();
        assertThat(SmsInbox.isFor("447700900000", "")).isFalse();
        assertThat(SmsInbox.isFor(null, "07700 900000")).isFalse();
    }
}
