import TEIStorage

/// Writes a network file from the rows of its edges and then of its nodes, streamed: each edge is
/// written as it comes into a spool on disk (in GEXF the nodes come first, and which accounts the
/// edges name is known only once they are all read), and only the ids of the accounts the edges
/// name are kept in memory.
///
/// Call `edges.begin`, `edges.write` for each edge row, `edges.end`; then, with a node pipeline,
/// the same on `nodes`; then `finish`.
public final class NetworkWriter {
    private let markup: NetworkMarkup
    private let sink: DataSink
    private let spool: SpoolFile
    /// The file as the user named it, for messages.
    private let displayPath: String
    /// The accounts the edges name, in the order they first appear, and as a set.
    private var endpoints: [String] = []
    private var endpointSet: Set<String> = []
    /// The ids of the nodes written so far.
    private var written: Set<String> = []
    private var edgeCount = 0
    private var headWritten = false

    public init(format: NetworkFormat, layout: NetworkLayout, sink: DataSink, spool: SpoolFile, displayPath: String) {
        markup = format.markup(layout)
        self.sink = sink
        self.spool = spool
        self.displayPath = displayPath
    }

    /// Takes the rows of the edge pipeline.
    public var edges: RowWriter { EdgeRows(network: self) }
    /// Takes the rows of the node pipeline.
    public var nodes: RowWriter { NodeRows(network: self) }

    /// What was written, for the message after a save.
    public struct Summary: Sendable {
        public var edges: Int
        /// Accounts of the edges that the node pipeline did not list (written without attributes).
        public var nodesWithoutRow: Int
        /// Characters XML cannot hold, written as U+FFFD.
        public var replacedCharacters: Int
    }

    /// Writes the nodes the node pipeline lacked (all of them without one), the edges, and the end.
    public func finish() throws -> Summary {
        try writeHeadOnce()
        let listed = written.count
        for id in endpoints where !written.contains(id) {
            try sink.write(markup.node(id: id, row: nil))
            written.insert(id)
        }
        try sink.write(markup.betweenNodesAndEdges())
        try spool.copy(into: sink)
        try sink.write(markup.tail())
        return Summary(edges: edgeCount, nodesWithoutRow: written.count - listed,
                       replacedCharacters: markup.replacedCharacters)
    }

    private func writeHeadOnce() throws {
        guard !headWritten else { return }
        headWritten = true
        try sink.write(markup.head())
    }

    fileprivate func addEdge(_ row: [Value]) throws {
        let source = try endpoint(row[0], "source", of: row)
        let target = try endpoint(row[1], "target", of: row)
        for id in [source, target] where endpointSet.insert(id).inserted { endpoints.append(id) }
        try spool.write(markup.edge(number: edgeCount, source: source, target: target, row: row))
        edgeCount += 1
    }

    private func endpoint(_ value: Value, _ end: String, of row: [Value]) throws -> String {
        guard let id = NetworkAttribute.text(of: value) else {
            throw FileWriteError(path: displayPath, reason: "edge \(edgeCount + 1) has no \(end) (null)",
                                 hint: "filter out the rows whose first two columns are null")
        }
        return id
    }

    fileprivate func addNode(_ row: [Value]) throws {
        try writeHeadOnce()
        guard let id = NetworkAttribute.text(of: row[0]) else {
            throw FileWriteError(path: displayPath, reason: "node \(written.count + 1) has no id (null)",
                                 hint: "filter out the rows whose first column is null")
        }
        guard written.insert(id).inserted else {
            throw FileWriteError(path: displayPath, reason: "the nodes list '\(id)' twice",
                                 hint: "a node is one row: group the node pipeline by its first column, or use distinct")
        }
        try sink.write(markup.node(id: id, row: row))
    }
}

/// The edge pipeline's rows, into a network.
private final class EdgeRows: RowWriter {
    let network: NetworkWriter
    init(network: NetworkWriter) { self.network = network }
    func begin() throws {}
    func write(_ row: [Value]) throws { try network.addEdge(row) }
    func end() throws {}
}

/// The node pipeline's rows, into a network.
private final class NodeRows: RowWriter {
    let network: NetworkWriter
    init(network: NetworkWriter) { self.network = network }
    func begin() throws {}
    func write(_ row: [Value]) throws { try network.addNode(row) }
    func end() throws {}
}
