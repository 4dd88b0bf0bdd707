package org.selfcare.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.selfcare.operator.staff.StaffCredentials;
import org.selfcare.operator.staff.StaffDirectory;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.platform.SelfcareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Gives the demo's operator console an administrator ({@code admin}) and a support user ({@code support}) at first
 * start. Their generated passwords and TOTP secrets go to one owner-only file per account in the data folder; the
 * log names the files and never contains a secret.
 */
@Component
@Profile("demo")
class DemoStaff implements ApplicationRunner {

    static final String ADMINISTRATOR = "admin";

    static final String SUPPORT = "support";

    private static final Logger logger = LoggerFactory.getLogger(DemoStaff.class);

    private final StaffDirectory directory;

    private final SelfcareProperties properties;

    DemoStaff(StaffDirectory directory, SelfcareProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        ensure(ADMINISTRATOR, StaffRole.ADMINISTRATOR);
        ensure(SUPPORT, StaffRole.SUPPORT);
    }

    private void ensure(String username, StaffRole role) throws IOException {
        Path file = file(properties.dataDir(), username).toAbsolutePath();
        if (directory.find(username).isEmpty()) {
            write(file, directory.add(username, role, "demo data"), role);
        }
        logger.info("Demo console user {} ({}): password and TOTP secret in {}", username, role.code(), file);
    }

    static Path file(Path dataDir, String username) {
        return dataDir.resolve("demo-staff-" + username + ".txt");
    }

    private static void write(Path file, StaffCredentials credentials, StaffRole role) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, """
                Demo operator console account. Sign in at https://127.0.0.1:<selfcare.operator.port>/console/signin
                with the username, the password and the code an authenticator app shows for the TOTP secret.
                username: %s
                role: %s
                password: %s
                TOTP secret: %s
                TOTP URI: %s
                """.formatted(credentials.username(), role.code(), credentials.password(), credentials.totpSecret(),
                credentials.otpauthUri()), StandardCharsets.UTF_8);
    }
}
