package org.selfcare.conformance.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.support.ProfileFiles;

class HttpPortSettingTest {

    @TempDir
    Path folder;

    @Test
    void defaultsTo80() throws IOException {
        assertThat(ProfileFiles.load(folder, "type: selfcare\n").httpPort()).isEqualTo(80);
    }

    @Test
    void readsGivenPort() throws IOException {
        assertThat(ProfileFiles.load(folder, "type: selfcare\nhttp-port: 8080\n").httpPort()).isEqualTo(8080);
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> ProfileFiles.load(folder, "type: selfcare\nhttp-port: 70000\n"))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("http-port must be a TCP port between 1 and 65535, not 70000");
    }
}
