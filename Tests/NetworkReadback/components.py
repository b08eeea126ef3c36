"""Checks tei's connected components and degrees against networkx's on the same edges (ComponentsTests).

    components.py EDGES.json COMPONENTS.json [DEGREES.json]

EDGES.json: the edges saved by tei as JSON, the first two keys their ends (an edge with a null end is
no edge), `shared` the weight when DEGREES.json is given. COMPONENTS.json: `edges | components`, one
row per account (account, component, size) in tei's order: the largest components first, then by
component and account, a component named by its smallest account. DEGREES.json: `degrees(edges)`
(account, degree, shared). Prints one line per check; exits 1 if any differs.
"""
import json
import sys

import networkx as nx


def load(path):
    with open(path) as file:
        return json.load(file)


def graph(edges):
    g = nx.Graph()
    for edge in edges:
        source, target = list(edge.values())[:2]
        if source is not None and target is not None:
            g.add_edge(source, target, shared=edge.get("shared"))
    return g


def expected_components(g):
    rows = []
    for members in nx.connected_components(g):
        name = min(members)
        rows += [{"account": account, "component": name, "size": len(members)} for account in members]
    return sorted(rows, key=lambda row: (-row["size"], row["component"], row["account"]))


def expected_degrees(g):
    rows = [{"account": n, "degree": g.degree(n), "shared": g.degree(n, weight="shared")} for n in g.nodes]
    return sorted(rows, key=lambda row: (-row["degree"], -row["shared"], row["account"]))


def compare(what, got, expected):
    if got == expected:
        print(f"{what}: the same ({len(got)} rows)")
        return True
    missing = [row for row in expected if row not in got][:5]
    extra = [row for row in got if row not in expected][:5]
    print(f"{what}: differ ({len(got)} rows from tei, {len(expected)} from networkx); missing {missing}; extra {extra}")
    return False


def main():
    g = graph(load(sys.argv[1]))
    same = compare(f"components of {sys.argv[1]}", load(sys.argv[2]), expected_components(g))
    if len(sys.argv) > 3:
        same = compare(f"degrees of {sys.argv[1]}", load(sys.argv[3]), expected_degrees(g)) and same
    sys.exit(0 if same else 1)


main()
