import TEIStorage

/// Which columns of a network's edges and nodes are what, as `save … to "x.gexf"` reads them:
/// - edges: the first column is the source, the second the target (text or int, one type for
///   both); a column named `weight` (int or float) is the edge's weight; every other column is an
///   attribute of the edge;
/// - nodes, when given: the first column is the node's id (of the endpoints' type); a column named
///   `label` is its label; every other column is an attribute of the node.
public struct NetworkLayout: Sendable {
    let weight: NetworkAttribute?
    let edgeAttributes: [NetworkAttribute]
    let label: NetworkAttribute?
    let nodeAttributes: [NetworkAttribute]

    /// The layout of edges (and nodes) with these columns; throws when they cannot make a network.
    public init(edges: [Column], nodes: [Column]?) throws {
        guard edges.count >= 2 else {
            throw NetworkLayoutError(part: .edges, message: "a network's edges need two columns, the source and the target, "
                                         + "but this pipeline has \(edges.count)",
                                     hint: "select the two accounts first, e.g. | select account_a, account_b, weight = shared")
        }
        let (source, target) = (edges[0], edges[1])
        guard Self.endpointTypes.contains(source.type), source.type == target.type else {
            throw NetworkLayoutError(part: .edges, message: "the source and target columns ('\(source.name)' \(source.type.name), "
                                         + "'\(target.name)' \(target.type.name)) must both be text or both int",
                                     hint: "the first two columns name the two ends of each edge; convert one with text(…)")
        }
        let edgeRest = try Self.attributes(edges, from: 2, part: .edges)
        weight = edgeRest.first { $0.name == "weight" }
        if let weight, !weight.type.isNumeric {
            throw NetworkLayoutError(part: .edges, message: "the column 'weight' is \(weight.type.name), but an edge's weight is a number",
                                     hint: "give it another name to keep it as an attribute")
        }
        edgeAttributes = edgeRest.filter { $0.name != "weight" }
        if let nodes {
            guard let id = nodes.first, id.type == source.type else {
                throw NetworkLayoutError(part: .nodes, message: "the first column of the nodes (\(nodes.first.map { "'\($0.name)' \($0.type.name)" } ?? "none")) "
                                             + "must be the accounts the edges connect, of their type (\(source.type.name))",
                                         hint: "put the account column first, e.g. nodes = users | select userid, user_screen_name")
            }
            let nodeRest = try Self.attributes(nodes, from: 1, part: .nodes)
            label = nodeRest.first { $0.name == "label" }
            nodeAttributes = nodeRest.filter { $0.name != "label" }
        } else {
            label = nil
            nodeAttributes = []
        }
    }

    /// The types a node is named by.
    private static let endpointTypes: Set<ValueType> = [.text, .int]

    private static func attributes(_ columns: [Column], from start: Int, part: NetworkLayoutError.Part) throws -> [NetworkAttribute] {
        try columns.indices.dropFirst(start).map { index in
            let column = columns[index]
            guard NetworkAttribute.typeName(of: column.type) != nil else {
                throw NetworkLayoutError(part: part, message: "the column '\(column.name)' is a \(column.type.name), which a network file cannot hold",
                                         hint: "leave it out with select, or explode it first")
            }
            return NetworkAttribute(name: column.name, index: index, type: column.type)
        }
    }
}

/// Why columns cannot make a network: the message and hint the checker reports at the edges' or
/// the nodes' pipeline.
public struct NetworkLayoutError: Error, Sendable {
    public enum Part: Sendable { case edges, nodes }
    public var part: Part
    public var message: String
    public var hint: String
}
