#!/usr/bin/env python3
"""Compares the nftables rulesets in deploy/nftables with firewall.rules of docs/security-configuration.yaml.

The router must accept exactly the flows of the configuration, each on a rule whose comment is the rule's name.
Each host ruleset must accept exactly the flows that end at its host (input chain) or start there (output
chain). Any other accept rule with an address or port is reported. Prints one line per problem and exits 1 if
there is any.
"""
import ipaddress
import re
import sys
from pathlib import Path

import yaml

root = Path(__file__).resolve().parents[2]
config = yaml.safe_load((root / "docs" / "security-configuration.yaml").read_text())
rulesets = root / "deploy" / "nftables"
host_files = {"front": "front.nft", "portal": "portal.nft", "database": "database.nft"}

networks = {d["name"]: ipaddress.ip_network(d["networks"][0]) for d in config["domains"]}
hosts = {h["name"]: h for h in config["hosts"]}


def as_list(value):
    return value if isinstance(value, list) else [value]


def parse(path):
    """Returns the defines and, per chain, the accept rules with their comment, addresses and ports."""
    text = path.read_text()
    defines = dict(re.findall(r"^define (\w+) = (\S+)", text, re.M))
    chains = {}
    chain = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        started = re.match(r"chain (\w+) \{", line)
        if started:
            chain = started.group(1)
            chains[chain] = []
            continue
        if chain is None or not line.endswith("accept") and "accept comment" not in line:
            continue
        if not re.search(r"ip [sd]addr \$|dport", line) or "@" in line:
            continue
        comment = re.search(r'comment "([^"]+)"', line)

        def addresses(direction):
            found = re.search(r"ip " + direction + r" (\{[^}]*\}|\S+)", line)
            if not found:
                return None
            names = re.findall(r"\$(\w+)", found.group(1))
            return {ipaddress.ip_network(defines[name], strict=False) for name in names}

        ports = re.search(r"tcp dport (\{[^}]*\}|\d+)", line)
        chains[chain].append({
            "name": comment.group(1) if comment else None,
            "saddr": addresses("saddr"),
            "daddr": addresses("daddr"),
            "ports": {int(p) for p in re.findall(r"\d+", ports.group(1))} if ports else set(),
            "text": line,
        })
    return chains


def within(found, domain):
    return found is not None and all(n.subnet_of(networks[domain]) for n in found)


problems = []

# The router: one rule per configuration rule, with the domains' networks and the same ports.
router = parse(rulesets / "router.nft")
by_name = {r["name"]: r for r in router.get("forward", [])}
for rule in config["firewall"]["rules"]:
    found = by_name.pop(rule["name"], None)
    if found is None:
        problems.append(f"router.nft: no forward rule named {rule['name']}")
        continue
    if found["saddr"] != {networks[d] for d in as_list(rule["from"])}:
        problems.append(f"router.nft: {rule['name']} has sources {found['saddr']}, expected {rule['from']}")
    if found["daddr"] != {networks[d] for d in as_list(rule["to"])}:
        problems.append(f"router.nft: {rule['name']} has destinations {found['daddr']}, expected {rule['to']}")
    if found["ports"] != set(rule["ports"]):
        problems.append(f"router.nft: {rule['name']} has ports {sorted(found['ports'])}, expected {rule['ports']}")
for extra in by_name.values():
    problems.append(f"router.nft: forward rule not in the configuration: {extra['text']}")

# The hosts: inbound flows in input, outbound flows in output.
for host_name, file_name in host_files.items():
    domain = hosts[host_name]["domain"]
    chains = parse(rulesets / file_name)
    for chain, side, other in (("input", "to", "from"), ("output", "from", "to")):
        expected = {r["name"]: r for r in config["firewall"]["rules"] if domain in as_list(r[side])}
        for found in chains.get(chain, []):
            rule = expected.pop(found["name"], None)
            if rule is None:
                problems.append(f"{file_name}: {chain} rule not in the configuration: {found['text']}")
                continue
            peer = found["saddr"] if chain == "input" else found["daddr"]
            if not any(within(peer, d) for d in as_list(rule[other])):
                problems.append(f"{file_name}: {rule['name']} reaches {peer}, outside {rule[other]}")
            if found["ports"] != set(rule["ports"]):
                problems.append(f"{file_name}: {rule['name']} has ports {sorted(found['ports'])}, "
                                f"expected {rule['ports']}")
        for missing in expected:
            problems.append(f"{file_name}: no {chain} rule named {missing}")

for problem in problems:
    print(problem)
print(f"rulesets against the configuration: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
