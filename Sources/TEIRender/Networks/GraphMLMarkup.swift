import TEIStorage

/// GraphML (http://graphml.graphdrawing.org/specification.html): an undirected graph; one `<key>`
/// per attribute (`n0`… for nodes, `e0`… for edges, the weight among them as `weight`), typed as
/// `NetworkAttribute` says; a node's `label` column is an attribute like the others.
final class GraphMLMarkup: NetworkMarkup {
    private let layout: NetworkLayout
    private let nodeAttributes: [NetworkAttribute]
    private let edgeAttributes: [NetworkAttribute]
    private var xml = XMLText()

    init(layout: NetworkLayout) {
        self.layout = layout
        // In GraphML the label and the weight are attributes like any other, in column order.
        nodeAttributes = ([layout.label].compactMap { $0 } + layout.nodeAttributes).sorted { $0.index < $1.index }
        edgeAttributes = ([layout.weight].compactMap { $0 } + layout.edgeAttributes).sorted { $0.index < $1.index }
    }

    var replacedCharacters: Int { xml.replacedCharacters }

    func head() -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for (number, attribute) in nodeAttributes.enumerated() {
            text += key("n\(number)", for: "node", attribute)
        }
        for (number, attribute) in edgeAttributes.enumerated() {
            text += key("e\(number)", for: "edge", attribute)
        }
        return text + "  <graph id=\"G\" edgedefault=\"undirected\">\n"
    }

    private func key(_ id: String, for kind: String, _ attribute: NetworkAttribute) -> String {
        "  <key id=\"\(id)\" for=\"\(kind)\" attr.name=\"\(xml.escaped(attribute.name))\" attr.type=\"\(attribute.typeName)\"/>\n"
    }

    func node(id: String, row: [Value]?) -> String {
        element("    <node id=\"\(xml.escaped(id))\"", closing: "    </node>\n",
                values: row.map { data(nodeAttributes, prefix: "n", of: $0) } ?? [])
    }

    func betweenNodesAndEdges() -> String { "" }

    func edge(number: Int, source: String, target: String, row: [Value]) -> String {
        element("    <edge id=\"\(number)\" source=\"\(xml.escaped(source))\" target=\"\(xml.escaped(target))\"",
                closing: "    </edge>\n", values: data(edgeAttributes, prefix: "e", of: row))
    }

    func tail() -> String { "  </graph>\n</graphml>\n" }

    /// `<data>` lines of the attributes that have a value in `row`.
    private func data(_ attributes: [NetworkAttribute], prefix: String, of row: [Value]) -> [String] {
        attributes.enumerated().compactMap { number, attribute in
            NetworkAttribute.text(of: row[attribute.index]).map { "      <data key=\"\(prefix)\(number)\">\(xml.escaped($0))</data>\n" }
        }
    }

    private func element(_ opening: String, closing: String, values: [String]) -> String {
        guard !values.isEmpty else { return opening + "/>\n" }
        return opening + ">\n" + values.joined() + closing
    }
}
