/// The file formats `save` writes a network in, chosen by the file's ending (any case).
public enum NetworkFormat: CaseIterable, Sendable {
    /// GEXF 1.3, Gephi's own format.
    case gexf
    /// GraphML, which Gephi, networkx, igraph and yEd read.
    case graphml

    /// The format a file name asks for; nil when it is not a network format.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        guard let format = Self.allCases.first(where: { name.hasSuffix($0.ending) }) else { return nil }
        self = format
    }

    /// The file name ending of this format.
    public var ending: String {
        switch self {
        case .gexf: return ".gexf"
        case .graphml: return ".graphml"
        }
    }

    /// The markup this format is written in.
    func markup(_ layout: NetworkLayout) -> NetworkMarkup {
        switch self {
        case .gexf: return GEXFMarkup(layout: layout)
        case .graphml: return GraphMLMarkup(layout: layout)
        }
    }
}
