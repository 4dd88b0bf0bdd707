package org.selfcare.conformance.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.host.facts.HostFiles;

/**
 * A user from {@code /etc/passwd}, and the groups {@code /etc/group} gives it.
 */
record PasswdEntry(String name, long uid, long gid, String shell) {

    static Optional<PasswdEntry> byUid(HostFiles files, long uid) {
        for (String line : files.read("/etc/passwd").orElse("").lines().toList()) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 7 && fields[2].equals(String.valueOf(uid))) {
                return Optional.of(new PasswdEntry(fields[0], uid, Long.parseLong(fields[3]), fields[6]));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the user's primary group and every group that lists it as a member.
     */
    static List<String> groups(HostFiles files, PasswdEntry user) {
        List<String> groups = new ArrayList<>();
        for (String line : files.read("/etc/group").orElse("").lines().toList()) {
            String[] fields = line.split(":", -1);
            if (fields.length < 4) {
                continue;
            }
            boolean primary = fields[2].equals(String.valueOf(user.gid()));
            boolean member = List.of(fields[3].split(",")).contains(user.name());
            if (primary || member) {
                groups.add(fields[0]);
            }
        }
        return groups;
    }
}
