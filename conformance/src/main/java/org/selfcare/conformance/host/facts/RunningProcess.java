package org.selfcare.conformance.host.facts;

/**
 * A process running on this host.
 *
 * @param pid its process id
 * @param name its name as the kernel keeps it ({@code /proc/<pid>/comm}, at most 15 characters)
 */
public record RunningProcess(long pid, String name) {
}
