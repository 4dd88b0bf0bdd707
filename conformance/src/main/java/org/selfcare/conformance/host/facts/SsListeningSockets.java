package org.selfcare.conformance.host.facts;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.host.document.Cidr;
import org.selfcare.conformance.host.facts.ListeningSocket.OwningProcess;

/**
 * Lists listening sockets with {@code ss -H -tulpn} from iproute2. Only root sees the processes of other users'
 * sockets.
 */
public final class SsListeningSockets implements ListeningSockets {

    private static final Pattern PROCESS = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\",pid=(\\d+)");

    @Override
    public List<ListeningSocket> list() throws FactUnavailableException {
        return parse(Commands.output(List.of("ss", "-H", "-tulpn")));
    }

    /**
     * Parses lines such as {@code tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))}.
     */
    static List<ListeningSocket> parse(String output) {
        List<ListeningSocket> sockets = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 6) {
                continue;
            }
            String protocol = fields[0].toLowerCase(Locale.ROOT);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                continue;
            }
            String local = fields[4];
            int colon = local.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(local.substring(colon + 1));
            }
            catch (NumberFormatException ex) {
                continue;
            }
            try {
                sockets.add(new ListeningSocket(protocol, address(local.substring(0, colon)), port, processes(line)));
            }
            catch (IllegalArgumentException ex) {
                // An address ss prints in a form the kit does not know is skipped rather than guessed.
                continue;
            }
        }
        return sockets;
    }

    private static InetAddress address(String text) {
        String address = text;
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if ("*".equals(address)) {
            address = "0.0.0.0";
        }
        if (address.startsWith("::ffff:") && address.contains(".")) {
            address = address.substring(7);
        }
        return Cidr.literal(address);
    }

    private static List<OwningProcess> processes(String line) {
        List<OwningProcess> processes = new ArrayList<>();
        Matcher matcher = PROCESS.matcher(line);
        while (matcher.find()) {
            processes.add(new OwningProcess(matcher.group(1), Long.parseLong(matcher.group(2))));
        }
        return processes;
    }
}
