package org.selfcare.conformance.host.facts;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the ruleset with {@code nft -j list ruleset}, which needs root or CAP_NET_ADMIN.
 */
public final class NftRuleset implements FirewallRuleset {

    @Override
    public JsonNode read() throws FactUnavailableException {
        String output = Commands.output(List.of("nft", "-j", "list", "ruleset"));
        try {
            return JsonMapper.builder().build().readTree(output);
        }
        catch (JacksonException ex) {
            throw new FactUnavailableException("'nft -j list ruleset' printed no valid JSON: "
                    + output.lines().findFirst().orElse("").trim());
        }
    }
}
