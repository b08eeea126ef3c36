import Foundation
import TEIPostgres
import TEIStorage

/// Makes `load`'s sources available as tables on a PostgreSQL server, each release imported once
/// for everyone who uses the server and recorded in its catalogue (`tei.catalogue`).
///
/// For a `load` path, `load(path:options:)` returns the `LoadedTable` the engine checks and queries:
/// its `layout` names the server's tables (`StoredName.schema` is the release's schema), laid out
/// exactly as in the local SQLite cache (`CacheTables`), its `cacheKey` is `postgres:` and the schema,
/// and `imported` says whether this load copied the release to the server.
///
/// - A path that names local files: their SHA-256 (`ReleaseDigest`) is looked up in the catalogue
///   with the load options that change the table (`variant`); a release already there is used as
///   it is, whatever name it was imported by. Otherwise the files are imported into the local
///   cache as without a server (`TableStore`), then copied to the server in one transaction: COPY
///   of every table into a new schema named after the digest, primary keys and indexes after the
///   data, the views, the catalogue row, `ANALYZE`. An interrupted or failed copy rolls back and
///   leaves nothing on the server. Two clients importing the same release at once serialise on an
///   advisory lock keyed by the digest: the second finds the first's copy and uses it.
/// - A path that names nothing on this machine (a student without the file): the catalogue entry
///   whose name is the path's last component (`catalogueName`), loaded with the same options.
///   Paths differ from machine to machine (the teacher's `/home/ada/data/x.csv`, a student's
///   `data/x.csv`); the file name is what a lesson and a catalogue listing share. Two different
///   releases under that name are an error rather than a guess.
/// - Neither: a `LoadError` that says so, with a hint.
///
/// Server failures are `LoadError`s too, naming the server by its redacted URL. Uses its
/// connection from one thread at a time, except `interruptImport()`.
public final class PostgresStore {
    /// What a load is doing, for a progress display.
    public enum Step: Sendable, Equatable {
        /// Reading the files to compute their SHA-256.
        case digesting(path: String)
        /// Importing the files into the local cache (`TableStore.progressHandler` tells its progress).
        case importing(path: String)
        /// Copying a table of the cache to the server: rows so far (told every `ReleaseCopy.reportEvery` rows).
        case copying(table: String, rows: Int)
        /// A table copied whole.
        case copied(table: String, rows: Int)
        /// Building the primary keys and indexes on the server.
        case indexing
        /// Spreading the tweets over the server's shards (`tei admin shards add`).
        case distributing(shards: Int)
        /// Gathering the server's statistics on the new tables.
        case analyzing
    }

    public let connection: PostgresConnection
    /// The local cache files are imported into before they are copied.
    public let localStore: TableStore
    /// Told each step of a load that reads or imports files.
    public var stepHandler: ((Step) -> Void)?

    private let catalogue: ReleaseCatalogue
    private let cancellation = Cancellation()

    /// The message of a load stopped by `interruptImport()`.
    static let interrupted = LoadError(file: "", message: "interrupted; nothing was copied to the server", isInterruption: true)

    /// Loads onto the server `connection` is connected to, importing local files through a cache in
    /// `cacheDirectory` (the same folder as a session without a server uses).
    public init(connection: PostgresConnection, cacheDirectory: URL) throws {
        self.connection = connection
        localStore = try TableStore(database: Database(), cacheDirectory: cacheDirectory)
        catalogue = ReleaseCatalogue(connection: connection)
    }

    /// The table `path` names (absolute, as `TableStore.load` takes it), on the server.
    ///
    /// - Throws: `LoadError` at `path`: bad input, a name found neither here nor in the catalogue,
    ///   a server that fails or refuses (a read-only role cannot import), an interruption.
    public func load(path: String, options: LoadOptions = LoadOptions()) throws -> LoadedTable {
        cancellation.reset()
        let variant = Self.variant(options, member: Self.zipMember(path))
        let files: [URL]
        do {
            files = try TableStore.sourceFiles(for: path, options: options)
        } catch let missing as LoadError where !FileManager.default.fileExists(atPath: path) {
            return try onServer(path) { try fromCatalogue(path: path, variant: variant, missing: missing) }
        }
        stepHandler?(.digesting(path: path))
        let digests = try files.map(ReleaseDigest.file)
        let sha256 = ReleaseDigest.of(digests: digests)
        // A release found by its content is shown with this load's file names.
        func named(_ table: LoadedTable) throws -> LoadedTable {
            try onServer(path) { try bindingNames(of: table, path: path, files: files, digests: digests, options: options) }
        }
        if let entry = try onServer(path, { try catalogue.entries(sha256: sha256, variant: variant).first }) {
            return try named(entry.table(imported: false))
        }
        try checkCancelled()
        stepHandler?(.importing(path: path))
        let local = try localStore.load(path: path, options: options)
        // Queries read the server's copy: the local cache need not hold one of SQLite's few attachments.
        defer { try? localStore.detach(local) }
        try checkCancelled()
        let table = try onServer(path) {
            try copy(local, path: path, sha256: sha256, variant: variant, showsProgress: options.showsProgress)
        }
        // Another client may have copied it first, from files named otherwise.
        return table.imported ? table : try named(table)
    }

    /// The releases on the server, by name and then newest first.
    public func releases() throws -> [CatalogueEntry] {
        try catalogue.all()
    }

    /// Stops a load running on another thread: the local import at its next chunk, the copy at its
    /// next statement or chunk; the load throws a `LoadError` whose `isInterruption` is true and the
    /// server keeps nothing of it.
    public func interruptImport() {
        cancellation.cancel()
        localStore.interruptImport()
        connection.interrupt()
    }

    /// The load options that change a table, as the catalogue records them: empty for the defaults.
    /// A load of one `member` of a zip reads less than the zip, whose SHA-256 is the release's: the
    /// member is part of the variant, so each member (and the whole zip) is a release of its own.
    public static func variant(_ options: LoadOptions, member: String? = nil) -> String {
        var parts: [String] = []
        if let member { parts.append("member \(member.debugDescription)") }
        if options.lenient { parts.append("lenient") }
        if options.recursive { parts.append("recursive") }
        if let kind = options.kind { parts.append("kind \(kind.rawValue)") }
        for (name, type) in options.columnTypes.sorted(by: { $0.key < $1.key }) {
            parts.append("\(name.debugDescription) as \(type.rawValue)")
        }
        return parts.joined(separator: ", ")
    }

    /// The member a path inside a zip names (`releases/x.zip/inner.csv`: `inner.csv`), whether or
    /// not the zip is on this machine; nil for a path that is a file or folder here.
    static func zipMember(_ path: String) -> String? {
        guard !FileManager.default.fileExists(atPath: path),
              let range = path.range(of: ".zip/", options: [.caseInsensitive, .backwards]) else { return nil }
        let member = String(path[range.upperBound...])
        return member.isEmpty ? nil : member
    }

    /// The name the catalogue records a path by, and finds it by: its last component.
    public static func catalogueName(_ path: String) -> String {
        (path as NSString).lastPathComponent
    }

    /// The schema of the release with `sha256` loaded with `variant`, in this cache format.
    static func schemaName(sha256: String, variant: String) -> String {
        var digest = SHA256()
        Array(["tei-release", String(CacheTables.formatVersion), sha256, variant].joined(separator: "\u{0}").utf8)
            .withUnsafeBytes { digest.update($0) }
        return "tei_" + digest.finalizeHex().prefix(24)
    }

    /// The advisory lock key of importing into `schema` (a hex digest): its first 64 bits.
    static func lockKey(_ schema: String) -> Int64 {
        Int64(bitPattern: UInt64(schema.dropFirst(4).prefix(16), radix: 16) ?? 0)
    }

    // MARK: - Catalogue

    private func fromCatalogue(path: String, variant: String, missing: LoadError) throws -> LoadedTable {
        let name = Self.catalogueName(path)
        let named = try catalogue.entries(named: name)
        let usable = named.filter { $0.variant == variant && $0.format == CacheTables.formatVersion }
        var releases: [CatalogueEntry] = []
        for entry in usable where !releases.contains(where: { $0.schema == entry.schema }) { releases.append(entry) }
        if releases.count == 1 { return releases[0].table(imported: false) }
        let listHint = "`tei admin list --db URL` lists the server's releases; `tei admin import FILE --db URL` adds one"
        if releases.isEmpty {
            let other = named.isEmpty ? "" : " loaded \(variant.isEmpty ? "without options" : "with these options (\(variant))")"
            throw LoadError(file: path, message: "\(missing.message), and the server's catalogue holds no release named \"\(name)\"\(other)",
                            hint: "check the path; \(listHint)")
        }
        let dates = releases.map { "\($0.sha256.prefix(12))… imported \($0.importedAt) UTC" }.joined(separator: "; ")
        throw LoadError(file: path, message: "\(missing.message), and the server's catalogue holds \(releases.count) different releases named \"\(name)\" (\(dates))",
                        hint: "put the file you mean at this path: a local file is matched by its content. \(listHint)")
    }

    // MARK: - Copy

    private func copy(_ local: LoadedTable, path: String, sha256: String, variant: String, showsProgress: Bool) throws -> LoadedTable {
        guard let localSchema = local.layout.relation.schema else {
            throw LoadError(file: path, message: "the local cache of this source has no schema to copy from")
        }
        let tables = try CacheTables(of: local, in: localStore)
        try Self.checkNames(local, tables: tables, path: path)
        try checkCacheHasOnly(tables, schema: localSchema, path: path)
        // The queries of the release call tei's functions: whoever imports installs them (once per
        // version; nothing to do when they are there).
        try PostgresFunctions.install(on: connection)
        try ensureCatalogue()
        let schema = Self.schemaName(sha256: sha256, variant: variant)
        let name = Self.catalogueName(path)
        let distribution = try ReleaseDistribution.of(local.kind, tables: tables, on: connection)
        var committing = false
        try connection.execute("BEGIN")
        do {
            try connection.run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.lockKey(schema))])
            // Another client may have imported it while this one imported locally or waited.
            if var entry = try catalogue.entries(sha256: sha256, variant: variant).first {
                entry.name = name
                try catalogue.record(entry)
                try connection.execute("COMMIT")
                return entry.table(imported: false)
            }
            var copy = ReleaseCopy(tables: tables, local: localStore.database, localSchema: localSchema, connection: connection,
                                   schema: schema, progress: { [weak self] in self?.stepHandler?($0) },
                                   isCancelled: { [cancellation] in cancellation.isCancelled },
                                   distribution: distribution)
            // The copy's progress goes where the local import's does: a bar on a terminal by default.
            copy.progressBar = showsProgress ? localStore.progressHandler : nil
            copy.releaseName = name
            try copy.run()
            try grantToReaders(schema)
            let entry = CatalogueEntry(name: name, sha256: sha256, variant: variant, format: CacheTables.formatVersion, schema: schema,
                                       kind: local.kind, columns: local.columns,
                                       rows: Int64(local.sources.reduce(0) { $0 + $1.rows }), sources: local.sources,
                                       warnings: local.warnings, rollups: tables.rollups.map(\.view), importedAt: "")
            try catalogue.record(entry)
            stepHandler?(.analyzing)
            try copy.analyze()
            try checkCancelled()
            committing = true
            try connection.execute("COMMIT")
            return entry.table(imported: true)
        } catch {
            try? connection.execute("ROLLBACK")
            // A COMMIT that failed may have been done on the server (a connection lost on the way back).
            if !committing { distribution?.abandon(schema: schema) }
            throw error
        }
    }

    /// Creates the catalogue (or adds what an older tei's lacks) in a transaction of its own, so
    /// that a first import does not hold the lock of its creation while it copies.
    private func ensureCatalogue() throws {
        guard try !catalogue.isCurrent() else { return }
        try connection.execute("BEGIN")
        do {
            try catalogue.create()
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Lets the readers' group (`ReadOnlyRole.group`), when it exists, read the new schema.
    private func grantToReaders(_ schema: String) throws {
        guard try ReadOnlyRole.groupExists(on: connection) else { return }
        try ReadOnlyRole.grantRead(schema: schema, on: connection)
    }

    /// PostgreSQL cuts names longer than 63 bytes, which would leave a column that no query finds.
    private static func checkNames(_ table: LoadedTable, tables: CacheTables, path: String) throws {
        if let long = table.columns.first(where: { $0.name.utf8.count > ReleaseCopy.identifierLimit }) {
            throw LoadError(file: path, message: "the column name \"\(long.name.prefix(40))…\" is longer than PostgreSQL's \(ReleaseCopy.identifierLimit) bytes",
                            hint: "rename the column in the CSV header to load it on a server")
        }
    }

    /// A cache holding a table `CacheTables` does not describe would be copied incompletely: a
    /// change of the cache's layout must describe its tables there too.
    private func checkCacheHasOnly(_ tables: CacheTables, schema: String, path: String) throws {
        let rows = try localStore.database.query("SELECT name FROM \(Database.quote(identifier: schema)).sqlite_master WHERE type = 'table'")
        let known = Set(tables.tables.map(\.name) + tables.rollups.map(\.table.name) + tables.itemsByValueTables + [CacheTables.metadataTable])
        for case .text(let name)? in rows.map(\.first) where !known.contains(name) {
            throw LoadError(file: path, message: "the local cache holds a table (\(name)) that tei does not know how to copy to a server",
                            hint: "this is a bug in tei; please report it")
        }
    }

    // MARK: - Errors

    private func checkCancelled() throws {
        if cancellation.isCancelled { throw Self.interrupted }
    }

    /// Runs `body`, turning the server's errors into `LoadError`s at `path`.
    private func onServer<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LoadError {
            if error.isInterruption { throw LoadError(file: path, message: Self.interrupted.message, isInterruption: true) }
            throw error
        } catch let error as PostgresError {
            if error.isInterrupt || cancellation.isCancelled {
                throw LoadError(file: path, message: Self.interrupted.message, isInterruption: true)
            }
            let hint = error.sqlState == "42501"
                ? "this role may only read; whoever manages the server imports releases with `tei admin import FILE --db URL`"
                : error.hint
            throw LoadError(file: path, message: "on the server: \(error.message) (PostgreSQL at \(connection.url.redacted))", hint: hint)
        }
    }
}

/// A flag another thread sets to stop a load.
private final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool { lock.withLock { cancelled } }
    func cancel() { lock.withLock { cancelled = true } }
    func reset() { lock.withLock { cancelled = false } }
}
