import Foundation

/// How a `load` should read its source.
public struct LoadOptions: Sendable, Hashable {
    /// Skip malformed rows (reporting how many and where) instead of failing the load.
    ///
    /// Lenient mode skips a row with the wrong number of fields, a row whose value does not parse
    /// as its TEI column's type, and a last record whose quote never closes (a truncated file);
    /// `LoadedTable.warnings` then says how many rows were skipped and where the first five were
    /// (`file:line: reason`); a row with text after a closing quote is skipped up to its line end.
    /// It does not skip what leaves no trustworthy table: a bad header, a missing required column,
    /// an empty file, a file that is not CSV, or a damaged zip or gzip file. A lenient load has its
    /// own cache, separate from a strict one.
    public var lenient: Bool = false
    /// For a folder or glob: also the files of subfolders (by default only those directly in it).
    public var recursive: Bool = false
    /// Only the files of this kind (`.teiTweets` or `.teiUsers`), for a release folder or zip that
    /// holds tweets and users side by side; nil loads every file, which must then be of one kind.
    public var kind: TableKind?
    /// Column types chosen by the script, overriding the inferred or TEI schema types.
    public var columnTypes: [String: ValueType] = [:]
    /// Draw a progress bar on standard error while importing (only when it is a terminal).
    public var showsProgress: Bool = true

    public init(lenient: Bool = false, recursive: Bool = false, kind: TableKind? = nil,
                columnTypes: [String: ValueType] = [:], showsProgress: Bool = true) {
        self.lenient = lenient
        self.recursive = recursive
        self.kind = kind
        self.columnTypes = columnTypes
        self.showsProgress = showsProgress
    }
}

/// What kind of table a loaded source turned out to be.
public enum TableKind: String, Sendable {
    /// A TEI tweets file (2018, 2019 or 2020-12 layout).
    case teiTweets = "tei tweets"
    /// A TEI users file.
    case teiUsers = "tei users"
    /// Any other CSV, typed by inference.
    case generic = "csv"
}

/// One file that went into a loaded table, as the provenance of a result.
public struct SourceFile: Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var sha256: String
    public var rows: Int

    public init(path: String, size: Int64, sha256: String, rows: Int) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.rows = rows
    }
}

/// Which cache file a table was loaded from: the identity of a loaded table within its session
/// (reloading an unchanged source, or rebuilding a damaged cache, gives a table with the same key).
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}

/// A table that `load` made available on the session's connection.
public struct LoadedTable: Sendable {
    /// The cache file the table was attached from.
    public var cacheKey: CacheKey
    /// Where and how the rows are stored: the relation to read, each column's encoding, the indexes.
    public var layout: TableLayout
    /// The columns, in order, typed and encoded as `ValueType` documents.
    public var columns: [Column] { layout.columns.map { Column($0.name, $0.type) } }
    public var kind: TableKind
    /// The files the rows came from.
    public var sources: [SourceFile]
    /// Warnings for the user (bad rows skipped, invalid UTF-8 replaced, NUL bytes dropped…).
    public var warnings: [String]
    /// Whether this load imported its sources (false when a valid cache was reused).
    public var imported: Bool
    /// Whether this load found the cache file damaged and imported the sources again (the caller
    /// warns with `TableStore.damagedCacheWarning`).
    public var replacedDamagedCache = false

    /// How the columns tei adds to a table begin; no CSV header may name a column so (SQLite
    /// compares names without case), so they never hide a column of the file.
    public static let reservedPrefix = CacheNames.reservedPrefix
    /// The last column of every loaded table: the file each row came from. A file whose header
    /// has its own `source_file` column (as `save` writes) keeps it as data instead, so a saved
    /// result loads back with the same values.
    public static let sourceFileColumn = "source_file"

    /// Whether `name` is the `source_file` column (SQLite compares names without case).
    static func isSourceFileColumn(_ name: String) -> Bool { name.lowercased() == sourceFileColumn }

    public init(cacheKey: CacheKey, layout: TableLayout, kind: TableKind, sources: [SourceFile], warnings: [String] = [],
                imported: Bool = false) {
        self.cacheKey = cacheKey
        self.layout = layout
        self.kind = kind
        self.sources = sources
        self.warnings = warnings
        self.imported = imported
    }
}

/// Why a load failed: the file, the line when known, what was wrong, and a hint.
public struct LoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public var hint: String?
    /// Whether the load stopped because `TableStore.interruptImport()` asked it to (Ctrl-C), not
    /// because of its input.
    public var isInterruption: Bool

    public init(file: String, line: Int? = nil, message: String, hint: String? = nil, isInterruption: Bool = false) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
        self.isInterruption = isInterruption
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
