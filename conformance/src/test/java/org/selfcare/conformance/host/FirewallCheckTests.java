package org.selfcare.conformance.host;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.host.firewall.AcceptRule;
import org.selfcare.conformance.host.firewall.Ruleset;
import org.selfcare.conformance.host.firewall.RulesetParser;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FirewallCheckTests {

    @TempDir
    Path root;

    @Test
    void declaredRulesetPasses() {
        CaseResult result = TestHost.portal(root).run(new FirewallCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).contains("PASS: input accepts staff-to-console: tcp 8444 from management");
    }

    @Test
    void extraAcceptFails() {
        TestHost host = TestHost.portal(root);
        host.ruleset = "portal-extra-accept";

        CaseResult result = host.run(new FirewallCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("input accepts tcp port 8080 from 0.0.0.0/0 (inet filter input handle "
                + "10), which no firewall rule declares");
    }

    @Test
    void missingRuleFails() {
        TestHost host = TestHost.portal(root);
        host.ruleset = "portal-missing-rule";

        CaseResult result = host.run(new FirewallCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("missing firewall rule: staff-to-console allows management to reach "
                + "portal on tcp 8444, but the input chain does not accept it");
    }

    @Test
    void acceptPolicyFails() {
        TestHost host = TestHost.portal(root);
        host.ruleset = "portal-accept-policy";

        CaseResult result = host.run(new FirewallCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the input chain inet filter input has policy accept; the document "
                + "requires drop");
    }

    @Test
    void acceptBehindJumpFails() {
        TestHost host = TestHost.portal(root);
        host.ruleset = "router-jump";

        CaseResult result = host.run(new FirewallCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.findings()).contains("FAIL: input accepts tcp port 5432 from 10.70.1.0/24 (inet filter "
                + "from_dmz handle 9), which no firewall rule declares");
    }

    @Test
    void deployedRulesetPassesWithEssentialIcmp() {
        TestHost host = TestHost.portal(root);
        host.ruleset = "portal-deployed";

        CaseResult result = host.run(new FirewallCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).contains("NOTE: input accepts essential ICMP, which opens no port: icmp type "
                + "{echo-request} from any source accept (inet selfcare_host input handle 10)");
    }

    @Test
    void icmpRedirectAcceptFails() {
        Ruleset ruleset = deployedRuleset("\"echo-request\"", "\"redirect\"");

        AcceptRule icmp = ruleset.accepts("input").stream().filter((accept) -> accept.protocols().contains("icmp"))
                .findFirst().orElseThrow();

        assertThat(icmp.icmpTypes()).containsExactly("redirect");
        assertThat(icmp.essentialIcmpOnly()).isFalse();
    }

    @Test
    void everyIcmpTypeIsNotEssential() {
        Ruleset ruleset = deployedRuleset("\"field\": \"type\"", "\"field\": \"code\"");

        assertThat(ruleset.accepts("input")).filteredOn((accept) -> accept.protocols().isEmpty()
                && accept.sources().isEmpty() && !accept.repliesOnly() && !accept.loopbackOnly()).isNotEmpty()
                .noneMatch(AcceptRule::essentialIcmpOnly);
    }

    @Test
    void essentialIcmpTypesParsed() {
        Ruleset ruleset = deployedRuleset("", "");

        assertThat(ruleset.accepts("input")).filteredOn(AcceptRule::essentialIcmpOnly).hasSize(3)
                .anyMatch((accept) -> accept.icmpTypes().contains("packet-too-big"));
    }

    private static Ruleset deployedRuleset(String original, String replacement) {
        String json = TestHost.resource("nft/portal-deployed.json");
        return RulesetParser.parse(JsonMapper.builder().build()
                .readTree(original.isEmpty() ? json : json.replace(original, replacement)));
    }

    @Test
    void parserFollowsJumpsAndVerdictMaps() {
        Ruleset ruleset = RulesetParser.parse(JsonMapper.builder().build()
                .readTree(TestHost.resource("nft/router-jump.json")));

        assertThat(ruleset.accepts("input")).extracting(AcceptRule::describe).containsExactly(
                "ct state established any protocol any port from any source accept (inet filter input handle 5)",
                "ct state related any protocol any port from any source accept (inet filter input handle 5)",
                "iifname lo any protocol any port from any source accept (inet filter input handle 6)",
                "tcp dport {8443} saddr {10.70.1.0/24} accept (inet filter from_dmz handle 8)",
                "tcp dport {5432} saddr {10.70.1.0/24} accept (inet filter from_dmz handle 9)");
        assertThat(ruleset.accepts("input").get(0).repliesOnly()).isTrue();
    }

    @Test
    void unreadableRulesetIsInconclusive() {
        TestHost host = TestHost.portal(root);
        CaseResult result = new FirewallCheck().run(new HostContext(host.document(),
                host.document().host("portal").orElseThrow(), withFirewall(host, () -> {
                    throw new org.selfcare.conformance.host.facts.FactUnavailableException(
                            "'nft -j list ruleset' failed with exit code 1: Operation not permitted");
                })));

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).contains("Operation not permitted").contains("CAP_NET_ADMIN");
    }

    private static org.selfcare.conformance.host.facts.HostFacts withFirewall(TestHost host,
            org.selfcare.conformance.host.facts.FirewallRuleset firewall) {
        org.selfcare.conformance.host.facts.HostFacts facts = host.facts();
        return new org.selfcare.conformance.host.facts.HostFacts(facts.sockets(), facts.units(), facts.processes(), firewall,
                facts.database(), facts.files(), facts.reachability(), facts.localAddresses(), facts.sbom(),
                facts.clock());
    }
}
