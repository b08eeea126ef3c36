"""Reads network files back with networkx and checks that they hold the nodes, edges, weights and attributes
of the rows they were saved from (NetworkFileTests).

    read_network.py EDGES.json NODES.json|- FILE.gexf|FILE.graphml...

EDGES.json and NODES.json are the same pipelines saved by tei as JSON: the first two keys of an edge are
its ends, the first key of a node its id. Prints one line per file; exits 1 if any differs.
"""
import json
import sys

import networkx as nx


def load_rows(path):
    if path == "-":
        return None
    with open(path) as file:
        return json.load(file)


def as_written(value):
    """A value as tei writes it into XML: the characters XML 1.0 cannot hold are U+FFFD."""
    if not isinstance(value, str):
        return value
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in value)


def expected_graph(edges, nodes, gexf):
    """{node: attributes} and {frozenset of the ends: attributes} as networkx should read them back."""
    expected_nodes, expected_edges = {}, {}
    for row in nodes or []:
        (id_key, node_id), *rest = row.items()
        attributes = {key: as_written(value) for key, value in rest if value is not None}
        if gexf:
            attributes["label"] = attributes.get("label", as_written(str(node_id)))
        expected_nodes[str(node_id)] = attributes
    for row in edges:
        (_, source), (_, target), *rest = row.items()
        source, target = str(source), str(target)
        for end in (source, target):
            expected_nodes.setdefault(end, {"label": end} if gexf else {})
        attributes = {key: as_written(value) for key, value in rest if value is not None}
        if gexf and "weight" in attributes:
            attributes["weight"] = float(attributes["weight"])  # GEXF weights are doubles
        expected_edges[frozenset((source, target))] = attributes
    return expected_nodes, expected_edges


def read_graph(path):
    graph = nx.read_gexf(path) if path.endswith(".gexf") else nx.read_graphml(path)
    if graph.is_directed() or graph.is_multigraph():
        raise SystemExit(f"{path}: expected an undirected graph without parallel edges, got {type(graph).__name__}")
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    edges = {}
    for source, target, data in graph.edges(data=True):
        edges[frozenset((source, target))] = {key: value for key, value in data.items() if key != "id"}
    return nodes, edges


def differences(kind, expected, actual):
    lines = [f"  {kind} {key!r} missing" for key in expected.keys() - actual.keys()]
    lines += [f"  {kind} {key!r} unexpected" for key in actual.keys() - expected.keys()]
    lines += [f"  {kind} {key!r}: expected {expected[key]!r}, read {actual[key]!r}"
              for key in expected.keys() & actual.keys() if expected[key] != actual[key]]
    return sorted(lines)


def main():
    edges, nodes = load_rows(sys.argv[1]), load_rows(sys.argv[2])
    failed = False
    for path in sys.argv[3:]:
        expected_nodes, expected_edges = expected_graph(edges, nodes, path.endswith(".gexf"))
        actual_nodes, actual_edges = read_graph(path)
        lines = differences("node", expected_nodes, actual_nodes) + differences("edge", expected_edges, actual_edges)
        if lines:
            failed = True
            print(f"{path}: DIFFERENT\n" + "\n".join(lines[:20]))
        else:
            print(f"{path}: the same {len(actual_nodes)} nodes and {len(actual_edges)} edges, with their attributes")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
