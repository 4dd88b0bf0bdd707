package org.selfcare.conformance.host.facts;

import tools.jackson.databind.JsonNode;

/**
 * The live nftables ruleset in the JSON form of {@code nft -j list ruleset}.
 */
public interface FirewallRuleset {

    JsonNode read() throws FactUnavailableException;
}
