package org.selfcare.conformance.host;

import java.util.List;
import java.util.Locale;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.host.document.Cidr;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.document.SecurityConfiguration.Rule;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.firewall.AcceptRule;
import org.selfcare.conformance.host.firewall.BaseChain;
import org.selfcare.conformance.host.firewall.PortRange;
import org.selfcare.conformance.host.firewall.Ruleset;
import org.selfcare.conformance.host.firewall.RulesetParser;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-5: the live nftables ruleset drops by default on the input and forward hooks, accepts every flow the
 * document declares towards this host, and accepts nothing else apart from replies, loopback traffic and the
 * essential ICMP messages of {@link AcceptRule#essentialIcmpOnly()}. A host
 * whose forward chain accepts new connections routes between domains, so the declared flows between domains are
 * checked there too.
 */
final class FirewallCheck implements HostCheck {

    /** Beyond this many ports, an accepted range is reported whole instead of port by port. */
    private static final int MAX_PORTS_PER_RANGE = 1024;

    private final CaseDescription description = CaseCatalog.get("T-1-5");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(HostContext context) {
        Findings findings = new Findings();
        SecurityConfiguration document = context.document();
        if (!"drop".equals(document.firewall().policy())) {
            findings.fail("the document sets firewall.policy to " + document.firewall().policy()
                    + " (" + document.where(document.firewall().line()) + "); a default of drop is required");
        }

        Ruleset ruleset;
        try {
            ruleset = RulesetParser.parse(context.facts().firewall().read());
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("firewall ruleset not read: " + ex.getMessage() + " (nft needs root or "
                    + "CAP_NET_ADMIN)");
            return context.result(description, findings, Verdict.PASS, "");
        }
        catch (IllegalArgumentException ex) {
            findings.inconclusive("firewall ruleset not read: " + ex.getMessage());
            return context.result(description, findings, Verdict.PASS, "");
        }
        ruleset.chains().forEach((chain) -> context.evidence().note("base chain " + chain.location() + " hook "
                + chain.hook() + " policy " + chain.policy()));
        ruleset.accepts().forEach((accept) -> context.evidence().note(accept.hook() + ": " + accept.describe()));

        checkPolicy(ruleset, "input", findings);
        checkPolicy(ruleset, "forward", findings);
        checkInput(document, context.host(), ruleset.accepts("input"), findings);
        checkForward(document, ruleset.accepts("forward"), findings);
        return context.result(description, findings, Verdict.PASS, "the ruleset drops by default and accepts "
                + "exactly the declared flows");
    }

    private static void checkPolicy(Ruleset ruleset, String hook, Findings findings) {
        List<BaseChain> chains = ruleset.chains(hook);
        if (chains.isEmpty()) {
            findings.fail("no filter chain on the " + hook + " hook, so every packet is accepted");
            return;
        }
        // A packet must pass every base chain on a hook, so one chain that drops by default is enough.
        chains.stream().filter((chain) -> "drop".equals(chain.policy().toLowerCase(Locale.ROOT))).findFirst()
                .ifPresentOrElse(
                        (chain) -> findings.pass("the " + hook + " chain " + chain.location() + " has policy drop"),
                        () -> findings.fail("the " + hook + " chain " + chains.get(0).location() + " has policy "
                                + chains.get(0).policy() + "; the document requires drop"));
    }

    private static void checkInput(SecurityConfiguration document, Host host, List<AcceptRule> accepts,
            Findings findings) {
        List<Rule> towardsHost = document.firewall().rules().stream()
                .filter((rule) -> rule.to().contains(host.domain())).toList();
        for (AcceptRule accept : accepts) {
            if (accept.essentialIcmpOnly()) {
                findings.note("input accepts essential ICMP, which opens no port: " + accept.describe());
            }
            else if (!accept.repliesOnly() && !accept.loopbackOnly()) {
                checkDeclared(document, accept, towardsHost, false, findings);
            }
        }
        for (Rule rule : towardsHost) {
            for (int port : rule.ports()) {
                boolean accepted = accepts.stream().anyMatch((accept) -> matches(document, accept, rule, port)
                        && accept.acceptsDestination(host.address()));
                if (accepted) {
                    findings.pass("input accepts " + rule.name() + ": " + rule.protocol() + " " + port + " from "
                            + String.join(", ", rule.from()));
                }
                else {
                    findings.fail("missing firewall rule: " + rule.name() + " allows " + String.join(", ", rule.from())
                            + " to reach " + host.name() + " on " + rule.protocol() + " " + port + ", but the input "
                            + "chain does not accept it");
                }
            }
        }
    }

    private static void checkForward(SecurityConfiguration document, List<AcceptRule> accepts, Findings findings) {
        List<AcceptRule> flows = accepts.stream().filter((accept) -> !accept.repliesOnly() && !accept.loopbackOnly()
                && !accept.essentialIcmpOnly()).toList();
        if (flows.isEmpty()) {
            findings.note("this host forwards no new connections");
            return;
        }
        List<Rule> rules = document.firewall().rules();
        flows.forEach((accept) -> checkDeclared(document, accept, rules, true, findings));
        for (Rule rule : rules) {
            for (int port : rule.ports()) {
                List<Cidr> to = document.networks(rule.to());
                boolean accepted = flows.stream().anyMatch((accept) -> matches(document, accept, rule, port)
                        && (accept.destinations().isEmpty()
                                || accept.destinations().stream().anyMatch((network) -> overlaps(network, to))));
                if (!accepted) {
                    findings.fail("missing firewall rule: " + rule.name() + " allows " + String.join(", ", rule.from())
                            + " to reach " + String.join(", ", rule.to()) + " on " + rule.protocol() + " " + port
                            + ", but the forward chain does not accept it");
                }
            }
        }
    }

    /**
     * Fails an accept that lets through a protocol, port or source that no declared rule allows. On the forward
     * hook the destination must lie in the rule's target domains too.
     */
    private static void checkDeclared(SecurityConfiguration document, AcceptRule accept, List<Rule> rules,
            boolean forward, Findings findings) {
        String hook = forward ? "forward" : "input";
        if (accept.protocols().isEmpty() || accept.ports().isEmpty()) {
            findings.fail(hook + " accepts " + accept.describe() + ", but the document declares only single ports");
            return;
        }
        for (String protocol : accept.protocols()) {
            for (PortRange range : accept.ports()) {
                if (range.last() - range.first() >= MAX_PORTS_PER_RANGE) {
                    findings.fail(hook + " accepts " + protocol + " ports " + range + " (" + accept.describe()
                            + "), which no firewall rule declares");
                    continue;
                }
                for (int port = range.first(); port <= range.last(); port++) {
                    for (Cidr source : accept.sourcesOrAny()) {
                        if (!declared(document, rules, protocol, port, source, accept, forward)) {
                            findings.fail(hook + " accepts " + protocol + " port " + port + " from " + source
                                    + " (" + accept.location() + "), which no firewall rule declares");
                        }
                    }
                }
            }
        }
    }

    private static boolean declared(SecurityConfiguration document, List<Rule> rules, String protocol, int port,
            Cidr source, AcceptRule accept, boolean forward) {
        for (Rule rule : rules) {
            if (!rule.protocol().equals(protocol) || !rule.ports().contains(port)) {
                continue;
            }
            boolean fromDeclared = document.networks(rule.from()).stream().anyMatch((network) -> network.contains(source));
            boolean toDeclared = !forward || (!accept.destinations().isEmpty() && accept.destinations().stream()
                    .allMatch((destination) -> document.networks(rule.to()).stream()
                            .anyMatch((network) -> network.contains(destination))));
            if (fromDeclared && toDeclared) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(SecurityConfiguration document, AcceptRule accept, Rule rule, int port) {
        if (accept.repliesOnly() || accept.loopbackOnly() || !accept.acceptsProtocol(rule.protocol())
                || !accept.acceptsPort(port)) {
            return false;
        }
        List<Cidr> from = document.networks(rule.from());
        return accept.sources().isEmpty() || accept.sources().stream().anyMatch((network) -> overlaps(network, from));
    }

    private static boolean overlaps(Cidr network, List<Cidr> networks) {
        return networks.stream().anyMatch(network::overlaps);
    }
}
