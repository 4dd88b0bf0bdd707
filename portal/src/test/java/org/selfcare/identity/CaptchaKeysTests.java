package org.selfcare.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.platform.SelfcareProperties;

import static org.assertj.core.api.Assertions.assertThat;

class CaptchaKeysTests {

    @TempDir
    Path folder;

    @Test
    void firstStartWritesOwnerOnlyKeyFile() throws Exception {
        new CaptchaKeys(properties(folder));

        Path file = folder.resolve(CaptchaKeys.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).matches("[0-9a-f]{48}");
    }

    @Test
    void nodesWithOneKeyFileShareKeys() {
        CaptchaKeys first = new CaptchaKeys(properties(folder));
        CaptchaKeys second = new CaptchaKeys(properties(folder));

        assertThat(second.hashKey().getEncoded()).isEqualTo(first.hashKey().getEncoded());
        assertThat(second.sealKey().getEncoded()).isEqualTo(first.sealKey().getEncoded());
    }

    @Test
    void otherKeyFileGivesOtherKeys(@TempDir Path otherFolder) {
        CaptchaKeys first = new CaptchaKeys(properties(folder));
        CaptchaKeys other = new CaptchaKeys(properties(otherFolder));

        assertThat(other.hashKey().getEncoded()).isNotEqualTo(first.hashKey().getEncoded());
        assertThat(other.sealKey().getEncoded()).isNotEqualTo(first.sealKey().getEncoded());
    }

    @Test
    void hashAndSealKeysDiffer() {
        CaptchaKeys keys = new CaptchaKeys(properties(folder));

        assertThat(keys.sealKey().getEncoded()).hasSize(32).isNotEqualTo(keys.hashKey().getEncoded());
    }

    private static SelfcareProperties properties(Path dataDir) {
        return new SelfcareProperties(dataDir, 8080, "GB", new SelfcareProperties.EmbeddedDatabase(0, 10));
    }
}
