package org.selfcare.conformance.host;

/**
 * The identity and capabilities of a process, from {@code /proc/<pid>/status} (proc(5)).
 */
record ProcessStatus(long realUid, long effectiveUid, long effectiveCapabilities) {

    static ProcessStatus parse(String status) {
        long real = -1;
        long effective = -1;
        long capabilities = -1;
        for (String line : status.lines().toList()) {
            String[] fields = line.split("\\s+");
            if (line.startsWith("Uid:") && fields.length >= 3) {
                real = Long.parseLong(fields[1]);
                effective = Long.parseLong(fields[2]);
            }
            else if (line.startsWith("CapEff:") && fields.length >= 2) {
                capabilities = Long.parseUnsignedLong(fields[1], 16);
            }
        }
        return new ProcessStatus(real, effective, capabilities);
    }
}
