package org.selfcare.conformance.inbox;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.support.ProfileFiles;

import static org.assertj.core.api.Assertions.assertThat;

class KitInboxesTests {

    @TempDir
    Path folder;

    @Test
    void profileSectionsStartBoth() throws Exception {
        var profile = ProfileFiles.load(folder, "type: selfcare\nsms: {port: 0, password: s3cret}\nmail: {port: 0}\n");

        try (KitInboxes inboxes = KitInboxes.start(profile)) {
            int smpp = inboxes.smppPort().orElseThrow();
            int smtp = inboxes.smtpPort().orElseThrow();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smtp)) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThat(smpp).isPositive();
            assertThat(inboxes.sms(new Redactor(List.of()))).isPresent();
        }
    }

    @Test
    void withoutSectionsNothingStarts() throws Exception {
        var profile = ProfileFiles.load(folder, "type: selfcare\n");

        try (KitInboxes inboxes = KitInboxes.start(profile)) {
            assertThat(inboxes.smppPort()).isEmpty();
            assertThat(inboxes.smtpPort()).isEmpty();
            assertThat(inboxes.sms(new Redactor(List.of()))).isEmpty();
        }
    }
}
