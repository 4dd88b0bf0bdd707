package org.selfcare.conformance.host.document;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in prefix notation, such as {@code 10.70.2.0/24}. A plain address is a network of one.
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** Every IPv4 address, which a firewall rule without a source address matches. */
    public static final Cidr ANY_IPV4 = parse("0.0.0.0/0");

    /**
     * Parses {@code address/length} or a plain address, without name lookups.
     *
     * @throws IllegalArgumentException when the text is no IP address or the length is out of range
     */
    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress address = literal(parts[0]);
        int bits = address.getAddress().length * 8;
        int length = bits;
        if (parts.length == 2) {
            try {
                length = Integer.parseInt(parts[1]);
            }
            catch (NumberFormatException ex) {
                length = -1;
            }
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length; use 0 to " + bits);
            }
        }
        return new Cidr(address, length);
    }

    /**
     * Parses an IP address literal. Unlike {@link InetAddress#getByName}, it never asks DNS.
     *
     * @throws IllegalArgumentException when the text is no IP address
     */
    public static InetAddress literal(String text) {
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!LITERAL.matcher(value).matches() || (!value.contains(":") && value.split("\\.", -1).length != 4)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(value);
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int bits = base.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, base).and(mask));
    }

    /**
     * Returns whether every address of {@code other} lies in this network.
     */
    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
