package org.selfcare.conformance.host.firewall;

/**
 * A chain attached to a netfilter hook, with the verdict for packets no rule decides.
 */
public record BaseChain(String family, String table, String name, String hook, String policy) {

    public String location() {
        return family + " " + table + " " + name;
    }
}
