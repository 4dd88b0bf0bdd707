package org.selfcare.conformance.host.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.selfcare.conformance.host.document.Cidr;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON of {@code nft -j list ruleset} (libnftables-json(5)) into the base chains of the input and
 * forward hooks and the accept paths through them. It follows jumps and gotos into regular chains, resolves named
 * sets and reads verdict maps. A negated match ({@code !=}) is read as no condition, so an accept is never taken
 * for narrower than it is.
 */
public final class RulesetParser {

    private static final Set<String> HOOKS = Set.of("input", "forward");

    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet");

    private static final int MAX_JUMP_DEPTH = 16;

    private final Map<String, List<JsonNode>> rulesByChain = new HashMap<>();

    private final Map<String, JsonNode> sets = new HashMap<>();

    private final List<AcceptRule> accepts = new ArrayList<>();

    private RulesetParser() {
    }

    /**
     * @throws IllegalArgumentException when the JSON has no {@code nftables} array
     */
    public static Ruleset parse(JsonNode root) {
        JsonNode items = (root == null) ? null : root.get("nftables");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("the ruleset JSON has no 'nftables' array");
        }
        return new RulesetParser().read(items);
    }

    private Ruleset read(JsonNode items) {
        List<BaseChain> chains = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.has("chain")) {
                JsonNode chain = item.get("chain");
                String hook = chain.path("hook").asString("");
                if (HOOKS.contains(hook) && FAMILIES.contains(chain.path("family").asString())
                        && "filter".equals(chain.path("type").asString("filter"))) {
                    chains.add(new BaseChain(chain.path("family").asString(), chain.path("table").asString(),
                            chain.path("name").asString(), hook, chain.path("policy").asString("accept")));
                }
            }
            else if (item.has("rule")) {
                JsonNode rule = item.get("rule");
                rulesByChain.computeIfAbsent(key(rule, rule.path("chain").asString()), (key) -> new ArrayList<>())
                        .add(rule);
            }
            else if (item.has("set")) {
                JsonNode set = item.get("set");
                sets.put(key(set, set.path("name").asString()), set.path("elem"));
            }
        }
        for (BaseChain chain : chains) {
            walk(chain.hook(), chain.family(), chain.table(), chain.name(), new Conditions(), 0);
        }
        return new Ruleset(chains, accepts);
    }

    private void walk(String hook, String family, String table, String chain, Conditions inherited, int depth) {
        if (depth > MAX_JUMP_DEPTH) {
            return;
        }
        for (JsonNode rule : rulesByChain.getOrDefault(family + " " + table + " " + chain, List.of())) {
            Conditions conditions = inherited.copy();
            String location = family + " " + table + " " + chain + " handle " + rule.path("handle").asString("?");
            for (JsonNode statement : rule.path("expr")) {
                if (statement.has("match")) {
                    match(statement.get("match"), conditions, family, table);
                }
                else if (statement.has("accept")) {
                    accepts.add(conditions.accept(hook, location));
                }
                else if (statement.has("jump") || statement.has("goto")) {
                    JsonNode target = statement.has("jump") ? statement.get("jump") : statement.get("goto");
                    walk(hook, family, table, target.path("target").asString(), conditions, depth + 1);
                }
                else if (statement.has("vmap")) {
                    verdictMap(statement.get("vmap"), conditions, hook, location, family, table, depth);
                }
            }
        }
    }

    private void match(JsonNode match, Conditions conditions, String family, String table) {
        boolean negated = "!=".equals(match.path("op").asString("=="));
        JsonNode left = match.path("left");
        JsonNode right = resolve(match.path("right"), family, table);
        if (negated) {
            // A negated match still narrows the rule, but reading it as no condition keeps accepts at their
            // widest, which is the safe side for a check that looks for too much.
            return;
        }
        applyCondition(left, values(right), conditions);
    }

    private void verdictMap(JsonNode vmap, Conditions conditions, String hook, String location, String family,
            String table, int depth) {
        JsonNode data = resolve(vmap.path("data"), family, table);
        for (JsonNode element : elements(data)) {
            JsonNode key = element.isArray() ? element.get(0) : element.path("key");
            JsonNode verdict = element.isArray() ? element.get(1) : element.path("data");
            if (key == null || verdict == null) {
                continue;
            }
            Conditions branch = conditions.copy();
            applyCondition(vmap.path("key"), values(key), branch);
            if (verdict.has("accept")) {
                accepts.add(branch.accept(hook, location));
            }
            else if (verdict.has("jump") || verdict.has("goto")) {
                JsonNode target = verdict.has("jump") ? verdict.get("jump") : verdict.get("goto");
                walk(hook, family, table, target.path("target").asString(), branch, depth + 1);
            }
        }
    }

    private static void applyCondition(JsonNode left, List<JsonNode> values, Conditions conditions) {
        JsonNode payload = left.path("payload");
        String meta = left.path("meta").path("key").asString("");
        String ct = left.path("ct").path("key").asString("");
        String protocol = payload.path("protocol").asString("");
        String field = payload.path("field").asString("");
        if (("ip".equals(protocol) || "ip6".equals(protocol)) && ("saddr".equals(field) || "daddr".equals(field))) {
            List<Cidr> networks = networks(values);
            if ("saddr".equals(field)) {
                conditions.sources = networks;
            }
            else {
                conditions.destinations = networks;
            }
        }
        else if ("type".equals(field) && ("icmp".equals(protocol) || "icmpv6".equals(protocol))) {
            conditions.protocols = Set.of("icmp".equals(protocol) ? "icmp" : "ipv6-icmp");
            Set<String> types = new LinkedHashSet<>();
            values.forEach((value) -> types.add(value.asString()));
            conditions.icmpTypes = types;
        }
        else if ("dport".equals(field) && Set.of("tcp", "udp", "th", "sctp").contains(protocol)) {
            if (!"th".equals(protocol)) {
                conditions.protocols = Set.of(protocol);
            }
            conditions.ports = ports(values);
        }
        else if ("l4proto".equals(meta) || ("ip".equals(protocol) && "protocol".equals(field))
                || ("ip6".equals(protocol) && "nexthdr".equals(field))) {
            Set<String> protocols = new LinkedHashSet<>();
            values.forEach((value) -> protocols.add(value.asString()));
            conditions.protocols = protocols;
        }
        else if (("iifname".equals(meta) || "iif".equals(meta)) && values.size() == 1
                && "lo".equals(values.get(0).asString())) {
            conditions.loopbackOnly = true;
        }
        else if ("state".equals(ct)) {
            Set<String> states = new LinkedHashSet<>();
            values.forEach((value) -> states.add(value.asString()));
            conditions.states = states;
        }
    }

    /**
     * Replaces a reference to a named set, such as {@code @admin_networks}, by the set's elements.
     */
    private JsonNode resolve(JsonNode value, String family, String table) {
        if (value.isString() && value.asString().startsWith("@")) {
            JsonNode set = sets.get(family + " " + table + " " + value.asString().substring(1));
            if (set != null) {
                return set;
            }
        }
        return value;
    }

    private static List<JsonNode> values(JsonNode right) {
        return elements(right);
    }

    private static List<JsonNode> elements(JsonNode value) {
        List<JsonNode> elements = new ArrayList<>();
        JsonNode list = value.has("set") ? value.get("set") : value;
        if (list.isArray()) {
            list.forEach((element) -> elements.add(element.has("elem") ? element.get("elem").path("val") : element));
        }
        else {
            elements.add(list);
        }
        return elements;
    }

    private static List<PortRange> ports(List<JsonNode> values) {
        List<PortRange> ports = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.has("range")) {
                ports.add(new PortRange(value.get("range").get(0).asInt(), value.get("range").get(1).asInt()));
            }
            else if (value.isNumber()) {
                ports.add(PortRange.of(value.asInt()));
            }
            else {
                // A service name nft could not print as a number: read it as every port, the widest choice.
                return List.of();
            }
        }
        return ports;
    }

    private static List<Cidr> networks(List<JsonNode> values) {
        List<Cidr> networks = new ArrayList<>();
        for (JsonNode value : values) {
            try {
                if (value.has("prefix")) {
                    JsonNode prefix = value.get("prefix");
                    networks.add(Cidr.parse(prefix.path("addr").asString() + "/" + prefix.path("len").asInt()));
                }
                else if (value.has("range")) {
                    networks.add(covering(Cidr.parse(value.get("range").get(0).asString()),
                            Cidr.parse(value.get("range").get(1).asString())));
                }
                else {
                    networks.add(Cidr.parse(value.asString()));
                }
            }
            catch (IllegalArgumentException ex) {
                // An address the kit cannot read: read the rule as accepting every source, the widest choice.
                return List.of();
            }
        }
        return networks;
    }

    /**
     * Returns the smallest network holding both addresses, so an address range is never read as narrower.
     */
    private static Cidr covering(Cidr first, Cidr last) {
        int length = first.prefixLength();
        Cidr candidate = new Cidr(first.network(), length);
        while (length > 0 && !candidate.contains(last.network())) {
            length--;
            candidate = new Cidr(first.network(), length);
        }
        return candidate;
    }

    private static String key(JsonNode node, String name) {
        return node.path("family").asString() + " " + node.path("table").asString() + " " + name;
    }

    /**
     * The conditions collected on the way to a verdict.
     */
    private static final class Conditions {

        private Set<String> protocols = Set.of();

        private List<PortRange> ports = List.of();

        private List<Cidr> sources = List.of();

        private List<Cidr> destinations = List.of();

        private boolean loopbackOnly;

        private Set<String> states = Set.of();

        private Set<String> icmpTypes = Set.of();

        Conditions copy() {
            Conditions copy = new Conditions();
            copy.protocols = protocols;
            copy.ports = ports;
            copy.sources = sources;
            copy.destinations = destinations;
            copy.loopbackOnly = loopbackOnly;
            copy.states = states;
            copy.icmpTypes = icmpTypes;
            return copy;
        }

        AcceptRule accept(String hook, String location) {
            return new AcceptRule(hook, Set.copyOf(protocols), List.copyOf(ports), List.copyOf(sources),
                    List.copyOf(destinations), loopbackOnly, new LinkedHashSet<>(states), new LinkedHashSet<>(icmpTypes),
                    location);
        }
    }
}
