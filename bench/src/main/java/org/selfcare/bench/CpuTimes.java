package org.selfcare.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the portal's process, by this benchmark's own process and by the whole machine, read from
 * Linux's {@code /proc}, so that each phase reports where the CPU time went. What the machine used beyond the two
 * processes is mostly PostgreSQL on a benchmark machine, and anything else that ran.
 */
final class CpuTimes {

    private final Path portalStat;

    /**
     * @param portalPid the portal's process id, or 0 when unknown, in which case the portal's share is reported
     *        as part of the rest
     */
    CpuTimes(long portalPid) {
        this.portalStat = (portalPid > 0) ? Path.of("/proc", Long.toString(portalPid), "stat") : null;
    }

    Snapshot snapshot() throws IOException {
        // The first line of /proc/stat adds up every core: user nice system idle iowait irq softirq steal ...
        String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long idle = Long.parseLong(machine[4]) + Long.parseLong(machine[5]);
        long total = 0;
        for (int i = 1; i <= 8 && i < machine.length; i++) {
            total += Long.parseLong(machine[i]);
        }
        return new Snapshot(System.nanoTime(), total - idle, total, portalTicks(), ownCpuNanos());
    }

    private long portalTicks() throws IOException {
        if (portalStat == null || !Files.exists(portalStat)) {
            return 0;
        }
        // The command name in brackets may hold spaces, so the fields are counted from the closing bracket:
        // utime and stime are fields 14 and 15 of the line.
        String line = Files.readString(portalStat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Cumulative counters at one instant; ticks are the kernel's clock ticks. */
    record Snapshot(long wallNanos, long machineBusyTicks, long machineTotalTicks, long portalTicks,
            long benchmarkCpuNanos) {

        /**
         * Returns the CPU seconds used between {@code earlier} and this snapshot. The tick length is derived from
         * the ticks that passed on every core in that wall time, so it needs no system call.
         */
        Usage since(Snapshot earlier, int cores) {
            double seconds = (wallNanos - earlier.wallNanos) / 1e9;
            double ticksPerSecond = (machineTotalTicks - earlier.machineTotalTicks) / (seconds * cores);
            double machine = (machineBusyTicks - earlier.machineBusyTicks) / ticksPerSecond;
            double portal = (portalTicks - earlier.portalTicks) / ticksPerSecond;
            double benchmark = (benchmarkCpuNanos - earlier.benchmarkCpuNanos) / 1e9;
            return new Usage(portal, benchmark, Math.max(0, machine - portal - benchmark));
        }
    }

    /** CPU seconds of the portal, of this benchmark's process, and of everything else on the machine. */
    record Usage(double portal, double benchmark, double rest) {
    }
}
