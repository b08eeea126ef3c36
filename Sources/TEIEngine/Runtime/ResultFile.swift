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

    /// The writer of this format's rows: the writer `--format` prints with (TSV is CSV with tabs).
    func rowWriter(columns: [Column], sink: DataSink) -> RowWriter {
        let printed: OutputFormat
        switch self {
        case .tsv: return CSVRenderer.Writer(columns: columns, sink: sink, separator: "\t")
        case .csv, .csvGzip: printed = .csv
        case .json: printed = .json
        case .jsonLines: printed = .jsonl
        }
        // Every format a file can be saved in is one that `--format` streams.
        return printed.rowWriter(columns: columns, sink: sink)!
    }
}
