package org.selfcare.conformance.host.document;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.selfcare.conformance.host.document.SecurityConfiguration.Accounts;
import org.selfcare.conformance.host.document.SecurityConfiguration.Antivirus;
import org.selfcare.conformance.host.document.SecurityConfiguration.Audit;
import org.selfcare.conformance.host.document.SecurityConfiguration.DatabaseRole;
import org.selfcare.conformance.host.document.SecurityConfiguration.Domain;
import org.selfcare.conformance.host.document.SecurityConfiguration.Firewall;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.document.SecurityConfiguration.Logging;
import org.selfcare.conformance.host.document.SecurityConfiguration.Patch;
import org.selfcare.conformance.host.document.SecurityConfiguration.RemoteAdministration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Rule;
import org.selfcare.conformance.host.document.SecurityConfiguration.Service;
import org.selfcare.conformance.host.document.SecurityConfiguration.SystemAccount;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the security configuration document (YAML) and checks its shape: required keys, ports, networks,
 * durations, and that every domain a host or rule names is declared. Sections a check needs but the document
 * lacks, such as the audit schedule, are read as empty, because their absence is a finding and not an invalid
 * document.
 */
public final class DocumentLoader {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp");

    private final YAMLMapper mapper = YAMLMapper.builder().build();

    /**
     * @throws InvalidDocumentException when the file is missing, is not YAML or breaks the schema; the message
     *         names the file and the line
     */
    public SecurityConfiguration load(Path file) throws InvalidDocumentException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException ex) {
            throw new InvalidDocumentException(file + " not found; give the security configuration document with "
                    + "--document");
        }
        catch (IOException ex) {
            throw new InvalidDocumentException("cannot read " + file + ": " + ex.getMessage());
        }

        JsonNode tree;
        Map<JsonPointer, Integer> lines;
        try {
            tree = mapper.readTree(text);
            lines = lines(text);
        }
        catch (JacksonException ex) {
            int line = (ex.getLocation() == null) ? 1 : Math.max(1, ex.getLocation().getLineNr());
            throw new InvalidDocumentException(file + " line " + line + ": not valid YAML: "
                    + ex.getOriginalMessage().lines().findFirst().orElse("").trim());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidDocumentException(file + " line 1: the document is empty");
        }
        return read(new DocumentNode(tree, "", JsonPointer.empty(), lines, file.toString()), file);
    }

    /**
     * Records the line on which each value starts. The tree itself keeps no locations.
     */
    private Map<JsonPointer, Integer> lines(String text) {
        Map<JsonPointer, Integer> lines = new HashMap<>();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(parser.streamReadContext().pathAsPointer(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private SecurityConfiguration read(DocumentNode root, Path file) throws InvalidDocumentException {
        String version = root.required("version").text();
        if (!"1".equals(version)) {
            throw root.required("version").invalid("must be 1, the only version this kit reads, not '" + version + "'");
        }
        String product = root.optional("product").isPresent() ? root.required("product").text() : "";

        List<Domain> domains = domains(root.required("domains"));
        Set<String> domainNames = new LinkedHashSet<>();
        domains.forEach((domain) -> domainNames.add(domain.name()));
        List<Host> hosts = hosts(root.required("hosts"), domainNames);
        Firewall firewall = firewall(root.required("firewall"), domainNames);
        Logging logging = logging(root.optional("logging"));
        Accounts accounts = accounts(root.optional("accounts"));
        Optional<Antivirus> antivirus = antivirus(root.optional("antivirus"));

        List<Patch> patching = new ArrayList<>();
        int patchingLine = 0;
        Optional<DocumentNode> patchingNode = root.optional("patching");
        if (patchingNode.isPresent()) {
            patchingLine = patchingNode.get().line();
            for (DocumentNode item : patchingNode.get().list()) {
                patching.add(new Patch(item.required("what").text(), item.required("how").text(),
                        item.required("every").duration()));
            }
        }
        Optional<String> sbom = root.optional("sbom").isPresent() ? Optional.of(root.required("sbom").text())
                : Optional.empty();
        return new SecurityConfiguration(file, product, domains, hosts, firewall, logging, accounts, antivirus,
                patching, patchingLine, sbom);
    }

    private static List<Domain> domains(DocumentNode node) throws InvalidDocumentException {
        List<Domain> domains = new ArrayList<>();
        for (DocumentNode item : node.list()) {
            String name = item.required("name").text();
            if (domains.stream().anyMatch((domain) -> domain.name().equals(name))) {
                throw item.required("name").invalid("repeats the domain '" + name + "'");
            }
            List<Cidr> networks = new ArrayList<>();
            for (DocumentNode network : item.required("networks").list()) {
                networks.add(network.network());
            }
            domains.add(new Domain(name, networks, item.line()));
        }
        return domains;
    }

    private static List<Host> hosts(DocumentNode node, Set<String> domains) throws InvalidDocumentException {
        List<Host> hosts = new ArrayList<>();
        for (DocumentNode item : node.list()) {
            String name = item.required("name").text();
            String domain = domainName(item.required("domain"), domains);
            DocumentNode addressNode = item.required("address");
            InetAddress address;
            try {
                address = Cidr.literal(addressNode.text());
            }
            catch (IllegalArgumentException ex) {
                throw addressNode.invalid("must be an IP address: " + ex.getMessage());
            }

            List<Service> services = new ArrayList<>();
            if (item.has("services")) {
                for (DocumentNode service : item.required("services").list()) {
                    services.add(new Service(service.required("name").text(), service.required("process").text(),
                            protocol(service), listenAddress(service), service.required("port").port()));
                }
            }
            Optional<List<String>> units = item.has("units") ? Optional.of(item.required("units").texts())
                    : Optional.empty();
            List<String> processes = item.has("processes") ? item.required("processes").texts() : List.of();
            List<RemoteAdministration> remote = new ArrayList<>();
            if (item.has("remote-administration")) {
                for (DocumentNode access : item.required("remote-administration").list()) {
                    List<String> from = new ArrayList<>();
                    DocumentNode fromNode = access.required("from");
                    for (String domainName : fromNode.texts()) {
                        from.add(checkDomain(fromNode, domainName, domains));
                    }
                    remote.add(new RemoteAdministration(access.required("service").text(),
                            access.required("process").text(), access.required("port").port(), from));
                }
            }
            hosts.add(new Host(name, domain, address, services, units, processes, remote, item.line()));
        }
        return hosts;
    }

    private static String protocol(DocumentNode service) throws InvalidDocumentException {
        if (!service.has("protocol")) {
            return "tcp";
        }
        String protocol = service.required("protocol").text().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw service.required("protocol").invalid("must be tcp or udp, not '" + protocol + "'");
        }
        return protocol;
    }

    private static InetAddress listenAddress(DocumentNode service) throws InvalidDocumentException {
        DocumentNode node = service.required("address");
        try {
            return Cidr.literal(node.text());
        }
        catch (IllegalArgumentException ex) {
            throw node.invalid("must be an IP address such as 0.0.0.0 or 10.70.2.10: " + ex.getMessage());
        }
    }

    private static Firewall firewall(DocumentNode node, Set<String> domains) throws InvalidDocumentException {
        String policy = node.required("policy").text().toLowerCase(Locale.ROOT);
        List<Rule> rules = new ArrayList<>();
        for (DocumentNode item : node.required("rules").list()) {
            List<String> from = new ArrayList<>();
            for (String name : item.required("from").texts()) {
                from.add(checkDomain(item.required("from"), name, domains));
            }
            List<String> to = new ArrayList<>();
            for (String name : item.required("to").texts()) {
                to.add(checkDomain(item.required("to"), name, domains));
            }
            rules.add(new Rule(item.required("name").text(), from, to, protocol(item),
                    item.required("ports").ports(), item.line()));
        }
        return new Firewall(policy, rules, node.line());
    }

    private static Logging logging(Optional<DocumentNode> section) throws InvalidDocumentException {
        if (section.isEmpty()) {
            return new Logging(Map.of(), Optional.empty(), Optional.empty(), List.of(), 0);
        }
        DocumentNode node = section.get();
        Map<String, String> database = new LinkedHashMap<>();
        if (node.has("database")) {
            DocumentNode settings = node.required("database");
            for (Map.Entry<String, JsonNode> entry : settings.entries().entrySet()) {
                database.put(entry.getKey(), setting(settings.entry(entry.getKey())));
            }
        }
        Optional<String> journald = Optional.empty();
        Optional<String> portalLog = Optional.empty();
        if (node.has("system")) {
            DocumentNode system = node.required("system");
            journald = system.has("journald-storage") ? Optional.of(system.required("journald-storage").text())
                    : Optional.empty();
            portalLog = system.has("portal-log") ? Optional.of(system.required("portal-log").text())
                    : Optional.empty();
        }
        List<Audit> audits = new ArrayList<>();
        int auditLine = 0;
        if (node.has("audit-schedule")) {
            DocumentNode schedule = node.required("audit-schedule");
            auditLine = schedule.line();
            for (DocumentNode item : schedule.list()) {
                audits.add(new Audit(item.required("what").text(), optionalText(item, "who"),
                        optionalText(item, "how"), item.required("every").duration()));
            }
        }
        return new Logging(database, journald, portalLog, audits, auditLine);
    }

    /**
     * Reads a PostgreSQL setting. YAML 1.1 readers turn an unquoted {@code on} into true, so both spellings mean on.
     */
    private static String setting(DocumentNode node) throws InvalidDocumentException {
        String value = node.text().toLowerCase(Locale.ROOT);
        return "true".equals(value) ? "on" : "false".equals(value) ? "off" : value;
    }

    private static Accounts accounts(Optional<DocumentNode> section) throws InvalidDocumentException {
        if (section.isEmpty()) {
            return new Accounts(List.of(), List.of(), Optional.empty(), Optional.empty());
        }
        DocumentNode node = section.get();
        List<SystemAccount> system = new ArrayList<>();
        if (node.has("system")) {
            for (DocumentNode item : node.required("system").list()) {
                system.add(new SystemAccount(item.required("name").text(), optionalText(item, "shell"),
                        flag(item, "login"), flag(item, "sudo"), item.has("groups") ? item.required("groups").texts()
                                : List.of()));
            }
        }
        List<DatabaseRole> roles = new ArrayList<>();
        if (node.has("database")) {
            for (DocumentNode item : node.required("database").list()) {
                Optional<Set<String>> privileges = Optional.empty();
                if (item.has("table-privileges")) {
                    Set<String> names = new LinkedHashSet<>();
                    for (String privilege : item.required("table-privileges").texts()) {
                        names.add(privilege.toUpperCase(Locale.ROOT));
                    }
                    privileges = Optional.of(names);
                }
                boolean ddl = item.has("ddl") ? flag(item, "ddl") : item.has("owns-schema") && flag(item, "owns-schema");
                roles.add(new DatabaseRole(item.required("role").text(), flag(item, "login"), flag(item, "superuser"),
                        flag(item, "createdb"), flag(item, "createrole"), privileges, ddl, item.line()));
            }
        }
        return new Accounts(system, roles, optionalText(node, "portal-process-user"),
                optionalText(node, "portal-database-role"));
    }

    private static Optional<Antivirus> antivirus(Optional<DocumentNode> section) throws InvalidDocumentException {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        DocumentNode node = section.get();
        Optional<String> updatedBy = Optional.empty();
        Optional<Duration> interval = Optional.empty();
        if (node.has("signature-updates")) {
            DocumentNode updates = node.required("signature-updates");
            updatedBy = optionalText(updates, "by");
            interval = updates.has("every") ? Optional.of(updates.required("every").duration()) : Optional.empty();
        }
        return Optional.of(new Antivirus(node.required("product").text(), node.required("daemon").text(), updatedBy,
                interval, node.line()));
    }

    /**
     * Reads a flag that defaults to false, the least privilege.
     */
    private static boolean flag(DocumentNode node, String name) throws InvalidDocumentException {
        return node.has(name) && node.required(name).bool();
    }

    private static Optional<String> optionalText(DocumentNode node, String name) throws InvalidDocumentException {
        return node.has(name) ? Optional.of(node.required(name).text()) : Optional.empty();
    }

    private static String domainName(DocumentNode node, Set<String> domains) throws InvalidDocumentException {
        return checkDomain(node, node.text(), domains);
    }

    private static String checkDomain(DocumentNode node, String name, Set<String> domains)
            throws InvalidDocumentException {
        if (!domains.contains(name)) {
            throw node.invalid("names the domain '" + name + "', which 'domains' does not declare; declared are "
                    + String.join(", ", domains));
        }
        return name;
    }
}
