import TEIRender
import TEIStorage

extension SaveFormat {
    /// The format a file name asks for, by its ending (any case); nil when tei does not write it.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        guard let format = Self.allCases.first(where: { format in format.endings.contains { name.hasSuffix($0) } }) else {
            return nil
        }
        self = format
    }

    /// The file name endings of this format.
    public var endings: [String] {
        switch self {
        case .csv: return [".csv"]
        case .tsv: return [".tsv"]
        case .csvGzip: return [".csv.gz"]
        case .json: return [".json"]
        case .jsonLines: return [".jsonl", ".ndjson"]
        }
    }

    /// Whether the rows are gzip-compressed on their way to the file.
    var isCompressed: Bool { self == .csvGzip }

    /// The writer of this format's rows, in the same forms `--format` prints.
    func rowWriter(columns: [Column], sink: DataSink) -> RowWriter {
        switch self {
        case .csv, .csvGzip: return CSVRenderer.Writer(columns: columns, sink: sink)
        case .tsv: return CSVRenderer.Writer(columns: columns, sink: sink, separator: "\t")
        case .json: return JSONRenderer.Writer(columns: columns, sink: sink, style: .array)
        case .jsonLines: return JSONRenderer.Writer(columns: columns, sink: sink, style: .lines)
        }
    }
}
