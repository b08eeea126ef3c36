import Foundation

/// The columns and kind of table a `load` gives, learnt without importing (see `TableStore.peek`).
public struct TableSchema: Sendable, Equatable {
    public var kind: TableKind
    /// The columns in order, `source_file` last as the import adds it.
    public var columns: [Column]
    /// False when a plain CSV's types come from its first rows only: the import, which reads every
    /// row, may find others.
    public var typesAreExact: Bool

    public init(kind: TableKind, columns: [Column], typesAreExact: Bool = true) {
        self.kind = kind
        self.columns = columns
        self.typesAreExact = typesAreExact
    }
}

extension TableStore {
    /// How many rows of a plain CSV `peek` reads to infer its column types. The import infers them
    /// from every row, so a later row may widen a type (an int column with one `n/a` far down is
    /// text); the session then checks the script again against the imported schema, so a small
    /// sample costs a second check now and then, never a wrong answer. A thousand rows of a wide
    /// CSV are read in a few milliseconds, which keeps completion (every Tab press) instant.
    public static let sampledRows = 1_000

    /// The schema `load(path:options:)` would give, learnt without importing or caching anything:
    /// from the table already attached or the metadata of a valid cache file (opened read-only,
    /// never attached, rebuilt or swept), else from the header of a TEI file, else from the header
    /// and the first `sampledRows` rows of a plain CSV. Standard input that is a pipe is copied into
    /// the cache folder, as a load copies it, and kept for the `load` that follows.
    ///
    /// - Throws: the `LoadError` the import would throw for a missing file, a file that is not CSV,
    ///   a bad header, files of mixed kinds or an unknown retyped column.
    public func peek(path: String, options: LoadOptions = LoadOptions()) throws -> TableSchema {
        let files: [URL]
        if let spool = try spoolStandardInput(path) {
            peekedStandardInput[path] = spool
            files = [spool.file]
        } else {
            files = try SourceResolver.files(for: path, recursive: options.recursive)
        }
        let identities = try files.map { try SourceIdentity(file: $0) }
        let key = Self.cacheKey(path: path, options: options)
        if let current = attached[key], current.identities == identities {
            return TableSchema(kind: current.table.kind, columns: current.table.columns)
        }
        if let cached = cachedSchema(key: key, identities: identities) { return cached }
        var inputs: [SourceInput] = []
        let member = FileManager.default.fileExists(atPath: path) ? nil : SourceResolver.zipMember(path)?.1
        for file in files { inputs += try SourceResolver.inputs(in: file, member: member) }
        let importer = Importer(inputs: inputs, options: options, progress: ProgressMeter(totalBytes: 0, handler: nil),
                                cancellation: ImportCancellation())
        let schema = try importer.schema(sampledRows: Self.sampledRows)
        return TableSchema(kind: schema.kind, columns: schema.tableColumns, typesAreExact: schema.typesAreExact)
    }

    /// A copy of standard input when `path` names it as a pipe (see `StandardInputSpool`); a
    /// second one finds standard input read, and says so as a second `load` would.
    private func spoolStandardInput(_ path: String) throws -> StandardInputSpool? {
        guard StandardInputSpool.namesPipedInput(path) else { return nil }
        try createCacheFolder(loading: path)
        return try StandardInputSpool(path: path, cacheDirectory: cacheDirectory)
    }

    /// The schema recorded in the cache file of `key` when it is complete and built from
    /// `identities`; nil otherwise (the load decides what to do with it).
    private func cachedSchema(key: CacheKey, identities: [SourceIdentity]) -> TableSchema? {
        let file = cacheFile(key)
        var info = stat()
        guard stat(file.path, &info) == 0, info.st_size > 0,
              let cache = try? Database(path: Self.readOnlyURI(file), readOnly: true),
              case .integer(let pages)? = (try? cache.query("PRAGMA page_count"))?.first?.first,
              case .integer(let size)? = (try? cache.query("PRAGMA page_size"))?.first?.first, pages * size == Int64(info.st_size),
              let meta = try? CacheMetadata.read(from: cache, schema: "main"),
              meta.formatVersion == CacheMetadata.formatVersion, meta.identities == identities,
              let kind = TableKind(rawValue: meta.kind)
        else { return nil }
        var columns: [Column] = []
        for entry in meta.columns {
            guard let type = ValueType(rawValue: entry.type) else { return nil }
            columns.append(Column(entry.name, type))
        }
        return TableSchema(kind: kind, columns: columns)
    }
}
