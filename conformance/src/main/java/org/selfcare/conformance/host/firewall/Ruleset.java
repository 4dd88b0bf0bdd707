package org.selfcare.conformance.host.firewall;

import java.util.List;

/**
 * The parts of an nftables ruleset the firewall checks read: the filter base chains on the input and forward
 * hooks, and every way a packet can be accepted there.
 */
public record Ruleset(List<BaseChain> chains, List<AcceptRule> accepts) {

    public List<BaseChain> chains(String hook) {
        return chains.stream().filter((chain) -> chain.hook().equals(hook)).toList();
    }

    public List<AcceptRule> accepts(String hook) {
        return accepts.stream().filter((accept) -> accept.hook().equals(hook)).toList();
    }
}
