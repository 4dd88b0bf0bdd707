package org.selfcare.conformance.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.selfcare.conformance.host.document.Cidr;
import org.selfcare.conformance.host.document.DocumentLoader;
import org.selfcare.conformance.host.document.InvalidDocumentException;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.facts.DatabaseInspector;
import org.selfcare.conformance.host.facts.DatabaseRoleFacts;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.facts.RunningProcess;
import org.selfcare.conformance.host.facts.HostFacts;
import org.selfcare.conformance.host.facts.HostFiles;
import org.selfcare.conformance.host.facts.ListeningSocket;
import org.selfcare.conformance.host.facts.ListeningSocket.OwningProcess;
import org.selfcare.conformance.host.facts.Reachability.Outcome;
import org.selfcare.conformance.model.CaseResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A host for the check tests, described by its facts: by default the portal host of the example document with
 * everything as the document declares. Each test breaks one fact and runs a check.
 */
final class TestHost {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static final long PORTAL_PID = 4100;

    private final Path root;

    private String documentText;

    List<ListeningSocket> sockets = new ArrayList<>();

    /** Running units, or null for a host without systemd. */
    List<String> units;

    /** The processes of the kit's network namespace, or null when they cannot be listed. */
    List<RunningProcess> processes;

    String ruleset = "portal-sound";

    DatabaseInspector database;

    final Map<InetSocketAddress, Outcome> reachable = new HashMap<>();

    org.selfcare.conformance.host.facts.Reachability reachability;

    Path sbom;

    /** The addresses of this machine's interfaces; {@code null} gives it every host address of the document. */
    Set<InetAddress> localAddresses;

    private TestHost(Path root) {
        this.root = root;
        this.documentText = resource("security-configuration.yaml");
    }

    /**
     * The portal host as the document declares it, with its files below {@code root}.
     */
    static TestHost portal(Path root) {
        TestHost host = new TestHost(root);
        host.sockets.add(socket("tcp", "10.70.2.10", 8443, "java", PORTAL_PID));
        host.sockets.add(socket("tcp", "10.70.2.10", 8444, "java", PORTAL_PID));
        host.sockets.add(socket("tcp", "10.70.2.10", 22, "sshd", 812));
        host.units = new ArrayList<>(List.of("selfcare.service", "clamav-daemon.service", "clamav-freshclam.service",
                "nftables.service"));
        host.file("proc/" + PORTAL_PID + "/status", status(998, 0));
        host.file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"
                + "selfcare:x:998:998:Selfcare portal:/var/lib/selfcare:/usr/sbin/nologin\n");
        host.file("etc/group", "root:x:0:\nsudo:x:27:\nselfcare:x:998:\n");
        host.file("etc/systemd/journald.conf", "[Journal]\nStorage=persistent\n");
        host.folder("run/systemd/journal");
        host.folder("var/log/journal");
        host.folder("var/log/selfcare");
        host.file("var/lib/clamav/daily.cld", "ClamAV-VDB");
        host.touch("var/lib/clamav/daily.cld", NOW.minusSeconds(600));
        host.database = new FakeDatabase();
        host.reachable.put(new InetSocketAddress("10.70.3.10", 5432), Outcome.CONNECTED);
        host.sbom = root.resolve("bom.json");
        host.file("bom.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": ["
                + "{\"name\": \"spring-core\"}, {\"name\": \"postgresql\"}]}");
        return host;
    }

    static ListeningSocket socket(String protocol, String address, int port, String process, long pid) {
        return new ListeningSocket(protocol, Cidr.literal(address), port, List.of(new OwningProcess(process, pid)));
    }

    static String status(long uid, long capabilities) {
        return "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nCapEff:\t"
                + String.format("%016x", capabilities) + "\n";
    }

    /**
     * Replaces text in the document, which must contain it.
     */
    TestHost edit(String from, String to) {
        if (!documentText.contains(from)) {
            throw new IllegalArgumentException("the document has no '" + from + "'");
        }
        documentText = documentText.replace(from, to);
        return this;
    }

    SecurityConfiguration document() {
        try {
            Path file = root.resolve("security-configuration.yaml");
            Files.writeString(file, documentText, StandardCharsets.UTF_8);
            return new DocumentLoader().load(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InvalidDocumentException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

    HostFacts facts() {
        // The test host has the address of every host of its document unless a test says otherwise, so a check
        // may run as any of them.
        Set<InetAddress> localAddresses = (this.localAddresses != null) ? this.localAddresses
                : document().hosts().stream().map(SecurityConfiguration.Host::address).collect(Collectors.toSet());
        return new HostFacts(() -> sockets, () -> {
            if (units == null) {
                throw new FactUnavailableException("systemd does not run on this host (no /run/systemd/system)");
            }
            return units;
        }, () -> {
            if (processes == null) {
                throw new FactUnavailableException("cannot read /proc/self/ns/net");
            }
            return processes;
        }, () -> JsonMapper.builder().build().readTree(resource("nft/" + ruleset + ".json")),
                Optional.ofNullable(database), new HostFiles(root), reachability != null ? reachability
                        : (destination) -> reachable.getOrDefault(destination, Outcome.TIMED_OUT),
                localAddresses, Optional.ofNullable(sbom), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * Runs one check as host {@code name} of the document.
     */
    CaseResult run(HostCheck check, String name) {
        SecurityConfiguration document = document();
        return check.run(new HostContext(document, document.host(name).orElseThrow(), facts()));
    }

    CaseResult run(HostCheck check) {
        return run(check, "portal");
    }

    void file(String path, String text) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Creates a symbolic link, such as a process's {@code fd/2}, whose target need not exist.
     */
    void link(String path, String target) {
        try {
            Path link = root.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Turns the host into one without systemd and journald whose network namespace holds the portal and clamd,
     * each writing its standard error to a log file.
     */
    TestHost withoutSystemd() {
        units = null;
        delete("run/systemd/journal");
        processes = new ArrayList<>(List.of(new RunningProcess(PORTAL_PID, "java"), new RunningProcess(4200, "clamd")));
        link("proc/" + PORTAL_PID + "/fd/2", "/var/log/selfcare/portal.log");
        link("proc/4200/fd/2", "/var/log/clamav/clamd.out");
        return this;
    }

    void folder(String path) {
        try {
            Files.createDirectories(root.resolve(path));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void delete(String path) {
        try {
            Files.delete(root.resolve(path));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void touch(String path, Instant time) {
        try {
            Files.setLastModifiedTime(root.resolve(path), FileTime.from(time));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String resource(String name) {
        try (InputStream in = TestHost.class.getResourceAsStream("/host/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource host/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A database whose settings and roles are as the example document requires, until a test changes them.
     */
    static final class FakeDatabase implements DatabaseInspector {

        final Map<String, String> settings = new LinkedHashMap<>(Map.of("log_connections", "on",
                "log_disconnections", "on", "log_statement", "ddl"));

        final Map<String, DatabaseRoleFacts> roles = new LinkedHashMap<>();

        FakeDatabase() {
            roles.put("selfcare_app", role("selfcare_app", false, List.of(), Map.of("app.orders",
                    Set.of("SELECT", "INSERT", "UPDATE", "DELETE"))));
            roles.put("selfcare_auditor", role("selfcare_auditor", false, List.of(), Map.of("app.orders",
                    Set.of("SELECT"))));
        }

        static DatabaseRoleFacts role(String name, boolean superuser, List<String> schemasWithCreate,
                Map<String, Set<String>> privileges) {
            return new DatabaseRoleFacts(name, superuser, false, false, true, false, false, schemasWithCreate, false,
                    privileges, List.of());
        }

        @Override
        public Map<String, String> settings(Collection<String> names) {
            Map<String, String> values = new LinkedHashMap<>(settings);
            values.keySet().retainAll(names);
            return values;
        }

        @Override
        public Optional<DatabaseRoleFacts> role(String name) {
            return Optional.ofNullable(roles.get(name));
        }

        @Override
        public String source() {
            return "jdbc:postgresql://test/selfcare as selfcare_auditor";
        }
    }
}
