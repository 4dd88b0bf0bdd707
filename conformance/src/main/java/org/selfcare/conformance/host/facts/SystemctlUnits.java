package org.selfcare.conformance.host.facts;

import java.util.List;

/**
 * Lists running services with {@code systemctl list-units}.
 */
public final class SystemctlUnits implements RunningUnits {

    private final HostFiles files;

    public SystemctlUnits(HostFiles files) {
        this.files = files;
    }

    @Override
    public List<String> list() throws FactUnavailableException {
        // sd_booted(3) tests the same folder: it exists only when systemd is the init system.
        if (!files.isDirectory("/run/systemd/system")) {
            throw new FactUnavailableException("systemd does not run on this host (no /run/systemd/system), so the "
                    + "running units cannot be listed");
        }
        String output = Commands.output(List.of("systemctl", "list-units", "--type=service", "--state=running",
                "--plain", "--no-legend", "--no-pager"));
        return parse(output);
    }

    static List<String> parse(String output) {
        return output.lines().map(String::trim).filter((line) -> !line.isEmpty())
                .map((line) -> line.split("\\s+")[0]).toList();
    }
}
