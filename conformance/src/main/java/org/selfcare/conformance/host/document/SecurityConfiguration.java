package org.selfcare.conformance.host.document;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The machine-readable security configuration document that {@code x1470 host} compares each server with. Every
 * section keeps the line it starts on, so a finding can send the reader to it.
 *
 * @param file where the document was read from
 * @param product the product the document describes
 * @param domains the security domains and their networks
 * @param hosts one entry per server
 * @param firewall the default policy and the flows allowed between domains
 * @param logging the logging settings and the audit schedule
 * @param accounts the operating system and database accounts and what each may do
 * @param antivirus the anti-virus routine, when declared
 * @param patching the patch routine, empty when not declared
 * @param patchingLine the line of the {@code patching} section, 0 when missing
 * @param sbom the path of the software bill of materials, when declared
 */
public record SecurityConfiguration(Path file, String product, List<Domain> domains, List<Host> hosts,
        Firewall firewall, Logging logging, Accounts accounts, Optional<Antivirus> antivirus, List<Patch> patching,
        int patchingLine, Optional<String> sbom) {

    public Optional<Domain> domain(String name) {
        return domains.stream().filter((domain) -> domain.name().equals(name)).findFirst();
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter((host) -> host.name().equals(name)).findFirst();
    }

    /**
     * Returns the networks of the named domains, in document order.
     */
    public List<Cidr> networks(List<String> domainNames) {
        return domainNames.stream().flatMap((name) -> domain(name).stream())
                .flatMap((domain) -> domain.networks().stream()).toList();
    }

    /**
     * Returns where {@code line} of this document is, for findings and errors.
     */
    public String where(int line) {
        return file + " line " + line;
    }

    public record Domain(String name, List<Cidr> networks, int line) {
    }

    /**
     * One server.
     *
     * @param units the systemd units that may run; empty when the document does not list them
     * @param processes the processes that may run besides those of the services and remote administration, such
     *        as a daemon that listens on a Unix socket only. They are compared where systemd does not run.
     */
    public record Host(String name, String domain, InetAddress address, List<Service> services,
            Optional<List<String>> units, List<String> processes, List<RemoteAdministration> remoteAdministration,
            int line) {

        public Host {
            services = List.copyOf(services);
            processes = List.copyOf(processes);
            remoteAdministration = List.copyOf(remoteAdministration);
        }

        /**
         * Returns every process name the document allows on this host: those of its services, its remote
         * administration and its other processes.
         */
        public List<String> declaredProcesses() {
            List<String> names = new ArrayList<>();
            services.forEach((service) -> names.add(service.process()));
            remoteAdministration.forEach((access) -> names.add(access.process()));
            names.addAll(processes);
            return names.stream().distinct().toList();
        }

        public Optional<Service> service(String serviceName) {
            return services.stream().filter((service) -> service.name().equals(serviceName)).findFirst();
        }
    }

    /**
     * A socket that may listen on a host. An {@code address} of {@code 0.0.0.0} or {@code ::} allows every
     * address of the host.
     */
    public record Service(String name, String process, String protocol, InetAddress address, int port) {
    }

    /**
     * Remote access that may exist on a host, and the domains it may come from.
     */
    public record RemoteAdministration(String service, String process, int port, List<String> from) {
    }

    public record Firewall(String policy, List<Rule> rules, int line) {
    }

    /**
     * A flow the firewall allows: new connections from any network of {@code from} to any network of {@code to}
     * on one of {@code ports}.
     */
    public record Rule(String name, List<String> from, List<String> to, String protocol, List<Integer> ports,
            int line) {
    }

    /**
     * @param database PostgreSQL settings that must have at least the given value, by name
     * @param journaldStorage the journald {@code Storage=} the hosts must use, when declared
     * @param portalLog the folder the portal writes its log to, or {@code journald}, when declared
     * @param auditSchedule who reads which logs how often; empty when not declared
     * @param auditLine the line of {@code audit-schedule}, 0 when missing
     */
    public record Logging(Map<String, String> database, Optional<String> journaldStorage, Optional<String> portalLog,
            List<Audit> auditSchedule, int auditLine) {
    }

    public record Audit(String what, Optional<String> who, Optional<String> how, Duration every) {
    }

    /**
     * @param portalProcessUser the operating system user the portal runs as
     * @param portalDatabaseRole the database role the running portal signs in with
     */
    public record Accounts(List<SystemAccount> system, List<DatabaseRole> database,
            Optional<String> portalProcessUser, Optional<String> portalDatabaseRole) {

        public Optional<SystemAccount> systemAccount(String name) {
            return system.stream().filter((account) -> account.name().equals(name)).findFirst();
        }
    }

    public record SystemAccount(String name, Optional<String> shell, boolean login, boolean sudo, List<String> groups) {
    }

    /**
     * A database role and the rights it may have.
     *
     * @param tablePrivileges the table privileges it may hold, such as {@code SELECT}; empty when not declared
     * @param ddl whether it may create or change schema objects
     */
    public record DatabaseRole(String role, boolean login, boolean superuser, boolean createdb, boolean createrole,
            Optional<Set<String>> tablePrivileges, boolean ddl, int line) {
    }

    /**
     * @param daemon the systemd unit of the scanning daemon
     * @param updatedBy the unit that fetches new signatures, when declared
     * @param updateInterval how often new signatures arrive, when declared
     */
    public record Antivirus(String product, String daemon, Optional<String> updatedBy,
            Optional<Duration> updateInterval, int line) {
    }

    public record Patch(String what, String how, Duration every) {
    }
}
