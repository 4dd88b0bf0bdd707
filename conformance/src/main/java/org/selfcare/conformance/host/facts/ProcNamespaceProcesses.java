package org.selfcare.conformance.host.facts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the processes of the kit's network namespace from {@code /proc}: those whose {@code ns/net} link names the
 * same namespace as {@code /proc/self/ns/net}. Kernel threads, which have an empty command line, are left out, and
 * so are the kit and its ancestors, such as the shell or {@code sudo} that started it.
 */
public final class ProcNamespaceProcesses implements NamespaceProcesses {

    private final HostFiles files;

    public ProcNamespaceProcesses(HostFiles files) {
        this.files = files;
    }

    @Override
    public List<RunningProcess> list() throws FactUnavailableException {
        String namespace = files.readLink("/proc/self/ns/net").orElseThrow(() -> new FactUnavailableException(
                "cannot read /proc/self/ns/net, so the processes of this network namespace cannot be listed"));
        Set<Long> kit = ancestry();
        List<RunningProcess> processes = new ArrayList<>();
        for (String entry : files.list("/proc")) {
            if (!entry.chars().allMatch(Character::isDigit)) {
                continue;
            }
            long pid = Long.parseLong(entry);
            String folder = "/proc/" + entry;
            if (kit.contains(pid) || !Optional.of(namespace).equals(files.readLink(folder + "/ns/net"))) {
                continue;
            }
            // A process that ended since the listing, or one whose namespace root may not read, has no comm.
            Optional<String> name = files.read(folder + "/comm").map(String::trim);
            boolean kernelThread = files.read(folder + "/cmdline").map(String::isEmpty).orElse(true);
            if (name.isPresent() && !kernelThread) {
                processes.add(new RunningProcess(pid, name.get()));
            }
        }
        return processes;
    }

    /**
     * Returns the pids of the kit's process and of every process above it, read from the {@code PPid} lines.
     */
    private Set<Long> ancestry() {
        Set<Long> pids = new HashSet<>();
        String status = "/proc/self/status";
        while (true) {
            Optional<Long> pid = field(status, "Pid:");
            Optional<Long> parent = field(status, "PPid:");
            if (pid.isEmpty() || !pids.add(pid.get()) || parent.isEmpty() || parent.get() <= 1) {
                return pids;
            }
            status = "/proc/" + parent.get() + "/status";
        }
    }

    private Optional<Long> field(String statusFile, String name) {
        return files.read(statusFile).flatMap((text) -> text.lines().filter((line) -> line.startsWith(name))
                .map((line) -> line.substring(name.length()).trim()).findFirst()).map(Long::parseLong);
    }
}
