package org.selfcare.conformance.host.facts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.conformance.host.facts.ListeningSocket.OwningProcess;

/**
 * Lists listening sockets from {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}, and finds their
 * processes through the socket links in {@code /proc/<pid>/fd}. For hosts without {@code ss}.
 */
public final class ProcListeningSockets implements ListeningSockets {

    private static final String TCP_LISTEN = "0A";

    private final HostFiles files;

    public ProcListeningSockets(HostFiles files) {
        this.files = files;
    }

    @Override
    public List<ListeningSocket> list() throws FactUnavailableException {
        if (!files.exists("/proc/net/tcp")) {
            throw new FactUnavailableException("cannot read /proc/net/tcp; is /proc mounted?");
        }
        Map<String, List<OwningProcess>> owners = socketOwners();
        List<ListeningSocket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            String protocol = table.startsWith("tcp") ? "tcp" : "udp";
            String text = files.read("/proc/net/" + table).orElse("");
            for (String line : text.lines().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 10) {
                    continue;
                }
                boolean listening = protocol.equals("tcp") ? TCP_LISTEN.equals(fields[3])
                        : fields[2].endsWith(":0000") && fields[2].replaceAll("[0:]", "").isEmpty();
                if (!listening) {
                    continue;
                }
                String[] local = fields[1].split(":");
                sockets.add(new ListeningSocket(protocol, address(local[0]), Integer.parseInt(local[1], 16),
                        owners.getOrDefault(fields[9], List.of())));
            }
        }
        return sockets;
    }

    /**
     * Maps socket inodes to the processes that hold them.
     */
    private Map<String, List<OwningProcess>> socketOwners() {
        Map<String, List<OwningProcess>> owners = new HashMap<>();
        for (String pid : files.list("/proc")) {
            if (!pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String name = files.read("/proc/" + pid + "/comm").orElse("?").trim();
            for (String fd : files.list("/proc/" + pid + "/fd")) {
                files.readLink("/proc/" + pid + "/fd/" + fd).filter((link) -> link.startsWith("socket:["))
                        .ifPresent((link) -> owners.computeIfAbsent(link.substring(8, link.length() - 1),
                                (inode) -> new ArrayList<>()).add(new OwningProcess(name, Long.parseLong(pid))));
            }
        }
        return owners;
    }

    /**
     * Decodes the kernel's hex address: each 32-bit word is in host byte order, little-endian on x86 and arm64.
     */
    static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int offset = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(offset, offset + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("invalid address length in /proc/net: " + hex, ex);
        }
    }
}
