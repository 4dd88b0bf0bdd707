package org.selfcare.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.platform.tls.GeneratedKeystoreEnvironmentPostProcessor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data folder and the keystore generated into it, as a portal started by hand, without the systemd unit's
 * umask, leaves them: open to the portal's own user only.
 */
class DataFolderTests {

    @TempDir
    Path parent;

    @Test
    void missingFolderIsCreatedForOwnerOnly() throws Exception {
        Path folder = parent.resolve("data");

        prepare(folder);

        assertThat(permissions(folder)).isEqualTo("rwx------");
    }

    @Test
    void folderOpenToOthersIsClosed() throws Exception {
        Path folder = Files.createDirectory(parent.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        prepare(folder);

        assertThat(permissions(folder)).isEqualTo("rwx------");
    }

    @Test
    void generatedKeystoreIsOwnerOnly() throws Exception {
        Path folder = parent.resolve("data");
        MockEnvironment environment = prepare(folder);

        new GeneratedKeystoreEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(permissions(folder.resolve("keystore.p12"))).isEqualTo("rw-------");
        assertThat(permissions(folder.resolve("keystore.password"))).isEqualTo("rw-------");
    }

    @Test
    void ownerOnlyWriteTightensExistingFile() throws Exception {
        Path file = Files.writeString(parent.resolve("secret.txt"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.write(file, "new".getBytes());

        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    private static MockEnvironment prepare(Path folder) {
        MockEnvironment environment = new MockEnvironment().withProperty("selfcare.data-dir", folder.toString());
        new DataFolderEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment,
                new SpringApplication());
        return environment;
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
