package org.selfcare.conformance.host;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.selfcare.conformance.host.facts.HostFiles;

/**
 * Reads where journald keeps the journal from its configuration, as journald.conf(5) describes:
 * {@code /etc/systemd/journald.conf}, then the drop-ins ordered by file name, the last {@code Storage=} winning.
 */
final class JournaldStorage {

    /** Drop-in folders from lowest to highest precedence: a file of the same name in a later one replaces it. */
    private static final List<String> DROP_IN_FOLDERS = List.of("/usr/lib/systemd/journald.conf.d",
            "/run/systemd/journald.conf.d", "/etc/systemd/journald.conf.d");

    private JournaldStorage() {
    }

    /**
     * Returns {@code persistent}, {@code volatile} or {@code none}. The default {@code auto} means persistent when
     * {@code /var/log/journal} exists.
     */
    static String effective(HostFiles files) {
        String storage = "auto";
        storage = storage(files.read("/etc/systemd/journald.conf").orElse(""), storage);
        Map<String, String> dropIns = new TreeMap<>();
        for (String folder : DROP_IN_FOLDERS) {
            files.list(folder).stream().filter((name) -> name.endsWith(".conf"))
                    .forEach((name) -> dropIns.put(name, folder + "/" + name));
        }
        for (String dropIn : dropIns.values()) {
            storage = storage(files.read(dropIn).orElse(""), storage);
        }
        if ("auto".equals(storage)) {
            return files.isDirectory("/var/log/journal") ? "persistent" : "volatile";
        }
        return storage;
    }

    private static String storage(String configuration, String current) {
        String storage = current;
        boolean journalSection = false;
        for (String line : configuration.lines().map(String::trim).toList()) {
            if (line.startsWith("[")) {
                journalSection = "[Journal]".equals(line);
            }
            else if (journalSection && line.startsWith("Storage=")) {
                storage = line.substring("Storage=".length()).trim().toLowerCase(Locale.ROOT);
            }
        }
        return storage;
    }
}
