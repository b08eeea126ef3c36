import TEIStorage

/// The text of one network file format, piece by piece, in the order the file holds them: the
/// head (declarations of the attributes), the nodes, then the edges.
protocol NetworkMarkup: AnyObject {
    /// Characters XML cannot hold that were written as U+FFFD so far.
    var replacedCharacters: Int { get }
    /// Everything before the first node.
    func head() -> String
    /// A node; `row` is the node pipeline's row, or nil for an endpoint the node pipeline lacks.
    func node(id: String, row: [Value]?) -> String
    /// Between the last node and the first edge.
    func betweenNodesAndEdges() -> String
    /// The edge of a row of the edge pipeline, the `number`th (from 0).
    func edge(number: Int, source: String, target: String, row: [Value]) -> String
    /// Everything after the last edge.
    func tail() -> String
}
