import TEIStorage

/// GEXF 1.3 (https://gexf.net/schema.html): an undirected, static graph; declared attributes
/// (`n0`… for nodes, `e0`… for edges) typed as `NetworkAttribute` says; the weight as the
/// edge's `weight`; every node labelled (by its `label` column, else by its id).
final class GEXFMarkup: NetworkMarkup {
    private let layout: NetworkLayout
    private var xml = XMLText()

    init(layout: NetworkLayout) {
        self.layout = layout
    }

    var replacedCharacters: Int { xml.replacedCharacters }

    func head() -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
              <meta>
                <creator>tei</creator>
              </meta>
              <graph defaultedgetype="undirected" mode="static">

            """
        text += declarations("node", prefix: "n", layout.nodeAttributes)
        text += declarations("edge", prefix: "e", layout.edgeAttributes)
        return text + "    <nodes>\n"
    }

    private func declarations(_ kind: String, prefix: String, _ attributes: [NetworkAttribute]) -> String {
        guard !attributes.isEmpty else { return "" }
        var text = "    <attributes class=\"\(kind)\" mode=\"static\">\n"
        for (number, attribute) in attributes.enumerated() {
            text += "      <attribute id=\"\(prefix)\(number)\" title=\"\(xml.escaped(attribute.name))\" type=\"\(attribute.typeName)\"/>\n"
        }
        return text + "    </attributes>\n"
    }

    func node(id: String, row: [Value]?) -> String {
        let label = row.flatMap { row in layout.label.flatMap { NetworkAttribute.text(of: row[$0.index]) } } ?? id
        let opening = "      <node id=\"\(xml.escaped(id))\" label=\"\(xml.escaped(label))\""
        return element(opening, closing: "      </node>\n", values: row.map { attributeValues(layout.nodeAttributes, prefix: "n", of: $0) } ?? [])
    }

    func betweenNodesAndEdges() -> String { "    </nodes>\n    <edges>\n" }

    func edge(number: Int, source: String, target: String, row: [Value]) -> String {
        var opening = "      <edge id=\"\(number)\" source=\"\(xml.escaped(source))\" target=\"\(xml.escaped(target))\""
        if let weight = layout.weight, let value = NetworkAttribute.text(of: row[weight.index]) {
            opening += " weight=\"\(value)\""
        }
        return element(opening, closing: "      </edge>\n", values: attributeValues(layout.edgeAttributes, prefix: "e", of: row))
    }

    func tail() -> String { "    </edges>\n  </graph>\n</gexf>\n" }

    /// `<attvalue>` lines of the attributes that have a value in `row`.
    private func attributeValues(_ attributes: [NetworkAttribute], prefix: String, of row: [Value]) -> [String] {
        attributes.enumerated().compactMap { number, attribute in
            NetworkAttribute.text(of: row[attribute.index]).map {
                "          <attvalue for=\"\(prefix)\(number)\" value=\"\(xml.escaped($0))\"/>\n"
            }
        }
    }

    /// A node or an edge: empty when it has no values, else holding them in `<attvalues>`.
    private func element(_ opening: String, closing: String, values: [String]) -> String {
        guard !values.isEmpty else { return opening + "/>\n" }
        return opening + ">\n        <attvalues>\n" + values.joined() + "        </attvalues>\n" + closing
    }
}
