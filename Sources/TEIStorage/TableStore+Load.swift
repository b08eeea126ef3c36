import Foundation

/// Makes CSV sources available as tables on a session's connection, importing each source once
/// into a typed SQLite cache file and attaching that file on later loads.
///
/// One cache file per load identity (the path as written, lenient mode and the script's column
/// types) lives in `cacheDirectory` as `<key>.sqlite`. It is reused while every source file keeps
/// the identity recorded in it (path, size, modification time, fingerprint); otherwise it is
/// rebuilt. Builds are all-or-nothing: a build writes `<key>.sqlite.tmp-…`, then renames it over
/// `<key>.sqlite`, under an exclusive `flock` on `<key>.lock`, so two processes loading the same
/// source never both import it and neither sees a half-built file. A temporary file left by a
/// crash or Ctrl-C is never trusted and is deleted by the next build of that key.
///
/// Every page of a cache file carries a checksum (`PageChecksums`), checked whenever the page is
/// read. A cache file found damaged when attached (not SQLite, shorter than its own page count
/// says, no metadata, a bad checksum in a page attaching reads) is imported again and the table
/// says so (`LoadedTable.replacedDamagedCache`). Damage in a page that only a query reads makes
/// that query fail with `SQLiteError.isCorruption`, and the caller asks `rebuild`.
public final class TableStore {
    /// The session's connection, which cache files are attached to.
    public let database: Database
    /// Where cache files live.
    public let cacheDirectory: URL
    /// Receives import progress a few times a second. By default it draws a bar on standard error
    /// when that is a terminal and does nothing otherwise; `LoadOptions.showsProgress` turns it off
    /// for one load.
    public var progressHandler: ((ImportProgress) -> Void)?
    /// How many databases the connection may attach (SQLite's compile-time maximum).
    public let attachLimit: Int
    /// How much memory an import's dictionaries hold before they continue on disk; tests set it
    /// low to take the on-disk path with small files.
    var dictionaryMemory = TableBuilder.DictionaryMemory.standard
    /// How many keys an import's rollups count in memory before they are computed from the stored
    /// rows; tests set it low to take that path with small files.
    var rollupBudget = RollupBuilder.Budget.standard

    struct Attached {
        var identities: [SourceIdentity]
        var table: LoadedTable
    }

    private let cancellation = ImportCancellation()

    /// Cache key → what this session has attached under `CacheNames.schema`.
    private(set) var attached: [CacheKey: Attached] = [:]

    /// Standard input copied by `peek`, by path, for the `load` that follows (a pipe is read once).
    var peekedStandardInput: [String: StandardInputSpool] = [:]

    /// Cache key → the path and options it was loaded with, so `rebuild` can import it again.
    private var loadRequests: [CacheKey: (path: String, options: LoadOptions)] = [:]

    /// Every file on disk a load of this store read (a zip, not its members), so writes spare them.
    public private(set) var filesRead: [URL] = []

    /// Uses `cacheDirectory` for the cache files of `database`'s loads; the first load creates it, so
    /// a session that loads nothing never touches it.
    public init(database: Database, cacheDirectory: URL) throws {
        self.database = database
        self.cacheDirectory = cacheDirectory
        attachLimit = database.raiseAttachedDatabaseLimit()
        if TerminalProgressBar.standardErrorIsTerminal {
            let bar = TerminalProgressBar()
            progressHandler = { bar.draw($0) }
        }
    }

    deinit {
        for spool in peekedStandardInput.values { spool.remove() }
    }

    /// The cache folder the lead decided on: `TEI_CACHE_DIR` if set, else `$XDG_CACHE_HOME/tei`,
    /// else `~/.cache/tei`. (`--cache-dir` wins over all of them; the caller applies it.)
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment["TEI_CACHE_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("tei", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent("tei", isDirectory: true)
    }

    /// Makes the CSV source at `path` (a file, `.csv.gz`, `.zip`, folder or glob; absolute) available
    /// on `database`, importing it unless a valid cache exists.
    ///
    /// - Throws: `LoadError` naming the file (and line) for bad input or an unusable cache folder.
    public func load(path: String, options: LoadOptions = LoadOptions()) throws -> LoadedTable {
        try createCacheFolder(loading: path)
        let spool = try peekedStandardInput.removeValue(forKey: path) ?? StandardInputSpool(path: path, cacheDirectory: cacheDirectory)
        defer { spool?.remove() }
        let files = try spool.map { [$0.file] } ?? SourceResolver.files(for: path, recursive: options.recursive)
        filesRead += files.filter { !filesRead.contains($0) }
        let identities = try files.map { try SourceIdentity(file: $0) }
        let key = Self.cacheKey(path: path, options: options)
        loadRequests[key] = (path, options)
        if let current = attached[key] {
            if current.identities == identities { return current.table }
            try detach(key)
        }
        var foundDamage = false
        func validCache() throws -> LoadedTable? {
            switch try attachCache(key: key, identities: identities) {
            case .valid(let table): return table
            case .damaged: foundDamage = true
            case .absent: break
            }
            return nil
        }
        if let table = try validCache() { return table }

        let lock = try lockCache(key, loading: path)
        defer { withExtendedLifetime(lock) {} }
        // Another process may have built it while this one waited for the lock.
        if let table = try validCache() { return table }
        try build(path: path, key: key, files: files, identities: identities, options: options)
        guard case .valid(var table) = try attachCache(key: key, identities: identities) else {
            throw LoadError(file: cacheFile(key).path, message: "the cache just built cannot be read back",
                            hint: "check the free space and permissions of the cache folder")
        }
        table.imported = true
        attached[key]?.table.imported = true
        table.replacedDamagedCache = foundDamage
        return table
    }

    /// Stops an import running on another thread at its next chunk (its `load` throws a
    /// `LoadError` and caches nothing). Safe to call from a signal handler's queue; a later `load`
    /// runs normally.
    public func interruptImport() {
        cancellation.cancel()
    }

    // MARK: - Cache files

    static func cacheKey(path: String, options: LoadOptions) -> CacheKey {
        var digest = SHA256()
        let types = options.columnTypes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
        let text = ["tei-cache", String(CacheMetadata.formatVersion), (path as NSString).standardizingPath,
                    options.lenient ? "lenient" : "strict", options.recursive ? "recursive" : "flat",
                    options.kind?.rawValue ?? "any kind"] + types
        digest.update(Array(text.joined(separator: "\u{0}").utf8))
        return CacheKey(String(digest.finalizeHex().prefix(32)))
    }

    /// Makes the cache folder if missing; when it cannot, says which source needed it.
    func createCacheFolder(loading path: String) throws {
        do {
            _ = try MissingFolders(creating: cacheDirectory.path)
        } catch let failure as MissingFolders.Failure {
            throw LoadError(file: path, message: "cannot create the cache folder \(cacheDirectory.path) to cache this source: "
                                + FileWriteError.explain(failure.code).reason,
                            hint: "choose a writable cache folder with --cache-dir or TEI_CACHE_DIR")
        }
    }

    func cacheFile(_ key: CacheKey) -> URL { cacheDirectory.appendingPathComponent(key.rawValue + ".sqlite") }

    /// Takes the lock of `key`'s cache; when it cannot, says which source cannot be cached and why.
    private func lockCache(_ key: CacheKey, loading path: String) throws -> FileLock {
        do {
            return try FileLock(cacheDirectory.appendingPathComponent(key.rawValue + ".lock"))
        } catch let failure as FileLock.Failure {
            throw LoadError(file: path, message: "cannot cache this source: the cache folder \(cacheDirectory.path) "
                                + "cannot be written (\(failure.reason))",
                            hint: "choose a writable cache folder with --cache-dir or TEI_CACHE_DIR")
        }
    }

    /// What `attachCache` found.
    private enum CacheLookup {
        /// Attached: the cache file is intact as far as attaching reads it, and matches the sources.
        case valid(LoadedTable)
        /// No cache file, or one built from other versions of the sources; nothing is attached.
        case absent
        /// A cache file no build leaves (empty, shorter than its pages, not SQLite, no metadata,
        /// a page with a bad checksum); nothing is attached.
        case damaged
    }

    /// Attaches the cache of `key` and returns its table when it exists, is intact and matches
    /// `identities`; otherwise leaves nothing attached and says whether the file was damaged.
    private func attachCache(key: CacheKey, identities: [SourceIdentity]) throws -> CacheLookup {
        let file = cacheFile(key)
        var info = stat()
        guard stat(file.path, &info) == 0 else { return .absent }
        // A build renames only complete files into place.
        guard info.st_size > 0 else { return .damaged }
        let schema = CacheNames.schema(key)
        let quoted = Database.quote(identifier: schema)
        do {
            try database.run("ATTACH DATABASE ?1 AS \(quoted)", [.text(Self.readOnlyURI(file))])
        } catch let error as SQLiteError {
            if error.message.contains("too many attached") {
                throw LoadError(file: identities.first?.path ?? "", message:
                    "too many tables loaded at once (SQLite allows \(attachLimit) attached caches per session)",
                    hint: "load fewer sources, or combine files of one kind with a folder or glob in one load")
            }
            return error.isCorruption ? .damaged : .absent
        }
        do {
            try database.execute("PRAGMA \(quoted).cache_size = -\(Self.attachedCacheKiB)")
            let pageCount = try database.query("PRAGMA \(quoted).page_count")
            let pageSize = try database.query("PRAGMA \(quoted).page_size")
            guard case .integer(let pages)? = pageCount.first?.first, case .integer(let size)? = pageSize.first?.first,
                  pages * size == Int64(info.st_size),
                  let meta = try CacheMetadata.read(from: database, schema: schema)
            else {
                try? database.execute("DETACH DATABASE \(quoted)")
                return .damaged
            }
            guard meta.formatVersion == CacheMetadata.formatVersion, meta.identities == identities,
                  let kind = TableKind(rawValue: meta.kind)
            else {
                try? database.execute("DETACH DATABASE \(quoted)")
                return .absent
            }
            let columns = try meta.columns.map { entry -> Column in
                guard let type = ValueType(rawValue: entry.type) else { throw SQLiteError(code: 0, message: "bad type") }
                return Column(entry.name, type)
            }
            // The plan describes the file; one that disagrees with what the file recorded was
            // built by another plan (a change that forgot `formatVersion`) and is built again.
            let plan = StoragePlan(kind: kind, columns: columns)
            guard plan.itemsTables == meta.listItems, plan.codes == meta.codes else {
                try? database.execute("DETACH DATABASE \(quoted)")
                return .absent
            }
            // Touch the view so a damaged schema shows up here rather than in the first query.
            _ = try database.query("SELECT * FROM \(quoted).\(Database.quote(identifier: CacheNames.dataView)) LIMIT 0")
            let table = LoadedTable(
                cacheKey: key,
                layout: try plan.layout(schema: schema).countingCodes(in: database),
                kind: kind,
                sources: meta.files.map { SourceFile(path: $0.path, size: $0.size, sha256: $0.sha256, rows: $0.rows) },
                warnings: meta.warnings)
            attached[key] = Attached(identities: identities, table: table)
            return .valid(table)
        } catch {
            try? database.execute("DETACH DATABASE \(quoted)")
            return (error as? SQLiteError)?.isCorruption == true ? .damaged : .absent
        }
    }

    func detach(_ key: CacheKey) throws {
        attached[key] = nil
        try database.execute("DETACH DATABASE \(Database.quote(identifier: CacheNames.schema(key)))")
    }

    /// The page cache of an attached cache file, in KiB, which SQLite fills only as pages are read.
    /// A join that looks values up in a dictionary's index visits its pages at random: at
    /// 9,000,000 tweets, looking the 225,000 account ids of the users file up, SQLite's default
    /// 2 MB read pages from the file again and again (0.6 s of system time); 16 MB read each about
    /// once (0.2 s), for 30 MB more peak memory; 64 MB gained nothing more and took 100 MB
    /// (Benchmarks/README.md, "q8 at 9M: the rollup by code").
    static let attachedCacheKiB = 16_384

    /// `file:` URI that opens `file` read-only and immutable: a cache file is never changed after
    /// it is renamed into place (a rebuild is a new file), so SQLite may skip locking it. It is
    /// read through the VFS that checks each page's checksum.
    static func readOnlyURI(_ file: URL) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let path = file.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? file.path
        return "file:\(path)?mode=ro&immutable=1&vfs=\(PageChecksums.vfsName)"
    }

    /// Imports the sources into a temporary file and renames it over the cache file of `key`.
    /// Runs under the key's lock, so any temporary file of this key is a leftover.
    private func build(path: String, key: CacheKey, files: [URL], identities: [SourceIdentity], options: LoadOptions) throws {
        let fileManager = FileManager.default
        let prefix = key.rawValue + LeftoverSweeper.temporaryMarker
        LeftoverSweeper.sweep(cacheDirectory, skipping: key.rawValue)
        for leftover in (try? fileManager.contentsOfDirectory(atPath: cacheDirectory.path)) ?? [] where leftover.hasPrefix(prefix) {
            try? fileManager.removeItem(at: cacheDirectory.appendingPathComponent(leftover))
        }
        let temporary = cacheDirectory.appendingPathComponent(prefix + "\(getpid())-\(UUID().uuidString.prefix(8))")
        defer { try? fileManager.removeItem(at: temporary) }

        cancellation.reset()
        let inputs = try Self.inputs(for: path, files: files)
        let handler = options.showsProgress ? progressHandler : nil
        let meter = ProgressMeter(totalBytes: inputs.reduce(0) { $0 + $1.progressSize }, handler: handler)
        do {
            let importer = Importer(inputs: inputs, options: options, progress: meter, cancellation: cancellation,
                                    dictionaryMemory: dictionaryMemory, rollupBudget: rollupBudget)
            let rows = try Self.importSources(importer, identities: identities, into: temporary)
            meter.finish(rows: rows)
        } catch let error as LoadError {
            meter.finish(rows: 0)
            throw error
        } catch {
            // SQLite failing to write the cache (disk full, read-only folder…), not bad input.
            meter.finish(rows: 0)
            throw LoadError(file: path, message: "cannot cache this source in \(cacheDirectory.path): \((error as? SQLiteError)?.message ?? "\(error)")",
                            hint: "check the free space and permissions of the cache folder, or choose another with --cache-dir")
        }
        try Self.synchronize(temporary)
        guard rename(temporary.path, cacheFile(key).path) == 0 else {
            throw LoadError(file: cacheFile(key).path, message: "cannot move the new cache into place: \(String(cString: strerror(errno)))")
        }
        try? Self.synchronize(cacheDirectory)
    }

    /// Runs the import into a new database file at `file` and closes it; returns the rows imported.
    private static func importSources(_ importer: Importer, identities: [SourceIdentity], into file: URL) throws -> Int64 {
        let cache = try Database(path: file.path, vfs: PageChecksums.vfsName)
        // The file is private until renamed into place, so durability during the build buys
        // nothing: no journal, no syncs, one exclusive lock. Every insert appends to its b-tree,
        // so a 16 MiB page cache imports as fast as 64 MiB did, with 50 MB less peak memory.
        try cache.execute("""
            PRAGMA page_size = 8192; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -16384; PRAGMA temp_store = FILE;
            """)
        try PageChecksums.reserveSpace(in: cache)
        let result = try cache.transaction { () throws -> Importer.Result in
            let result = try importer.run(into: cache)
            try CacheMetadata(
                formatVersion: CacheMetadata.formatVersion, identities: identities, kind: result.kind.rawValue,
                columns: result.columns.map { .init(name: $0.name, type: $0.type.rawValue) },
                files: result.files.map { .init(path: $0.path, size: $0.size, sha256: $0.sha256, rows: $0.rows) },
                warnings: result.warnings, listItems: result.itemsTables, codes: result.codes
            ).write(to: cache)
            return result
        }
        return Int64(result.files.reduce(0) { $0 + $1.rows })
    }

    /// Flushes a file (or folder entry) to disk, so a rename never exposes unwritten pages.
    private static func synchronize(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw LoadError(file: url.path, message: "cannot open the new cache to flush it") }
        defer { close(descriptor) }
        fsync(descriptor)
    }
}

// MARK: - Damaged caches

extension TableStore {
    /// The path `table` was loaded from (as given to `load`), or nil when this store did not load it.
    public func loadedPath(of table: LoadedTable) -> String? {
        attachedKey(of: table).flatMap { loadRequests[$0]?.path }
    }

    /// The cache file attached for `table`, or nil when `table` is not attached by this store.
    public func cacheFile(of table: LoadedTable) -> URL? {
        attachedKey(of: table).map(cacheFile)
    }

    /// Whether SQLite's `quick_check` finds the cache of `table` intact. It reads the whole file,
    /// so it is only for telling which cache a failed query found damaged, never for every load.
    public func cacheIsIntact(_ table: LoadedTable) -> Bool {
        guard let key = attachedKey(of: table) else { return false }
        let rows = try? database.query("PRAGMA \(Database.quote(identifier: CacheNames.schema(key))).quick_check(1)")
        return rows?.first?.first == .text("ok")
    }

    /// Replaces the cache of `table`, which a query found damaged (attaching reads only a few
    /// pages, so damage in the others is found by the query that reads them), by a new import of
    /// the same sources.
    ///
    /// Detaches the cache, deletes the file under the key's lock (unless another process already
    /// replaced it while this one waited: a file renamed into place is a complete build), imports
    /// again and attaches the result under the same schema name, so SQL compiled against `table`
    /// stays valid. No statement may be running on the cache when this is called.
    ///
    /// - Throws: `LoadError` naming the cache file when the sources cannot be imported again
    ///   (deleted, unreadable, changed shape) or the cache folder cannot be written.
    public func rebuild(_ table: LoadedTable) throws -> LoadedTable {
        guard let key = attachedKey(of: table), let request = loadRequests[key] else {
            throw LoadError(file: table.layout.relation.description, message: "this table is not attached by this session")
        }
        let file = cacheFile(key)
        do {
            let damaged = Self.fileIdentity(file)
            try detach(key)
            let lock = try lockCache(key, loading: request.path)
            defer { withExtendedLifetime(lock) {} }
            if let damaged, Self.fileIdentity(file) == damaged, unlink(file.path) != 0, errno != ENOENT {
                throw LoadError(file: file.path, message: "cannot delete the damaged cache: \(String(cString: strerror(errno)))")
            }
            let files = try SourceResolver.files(for: request.path, recursive: request.options.recursive)
            let identities = try files.map { try SourceIdentity(file: $0) }
            var fresh: LoadedTable
            if case .valid(let rebuilt) = try attachCache(key: key, identities: identities) {
                fresh = rebuilt
            } else {
                try build(path: request.path, key: key, files: files, identities: identities, options: request.options)
                guard case .valid(let built) = try attachCache(key: key, identities: identities) else {
                    throw LoadError(file: file.path, message: "the cache just built cannot be read back")
                }
                fresh = built
                fresh.imported = true
                attached[key]?.table.imported = true
            }
            // A source edited since the first load may have other columns than the compiled SQL reads.
            guard fresh.columns == table.columns else {
                throw LoadError(file: request.path, message: "changed since it was loaded",
                                hint: "run the script again")
            }
            return fresh
        } catch let failure as LoadError where failure.file == file.path {
            throw LoadError(file: file.path, message: "the cache is damaged and cannot be rebuilt: \(failure.message)",
                            hint: failure.hint ?? Self.damagedCacheHint(cacheDirectory))
        } catch {
            let reason = (error as? LoadError)?.description ?? "\(error)"
            throw LoadError(file: file.path, message: "the cache is damaged and cannot be rebuilt: \(reason)",
                            hint: (error as? LoadError)?.hint ?? Self.damagedCacheHint(cacheDirectory))
        }
    }

    /// The warning for a cache found damaged and imported again; `source` is the loaded path as the
    /// user sees it.
    public static func damagedCacheWarning(source: String) -> String {
        "the cache of \(source) was damaged; re-imported"
    }

    /// What to tell a user whose cache cannot be repaired automatically.
    public static func damagedCacheHint(_ cacheDirectory: URL) -> String {
        "delete the cache folder \(cacheDirectory.path) (or choose another with --cache-dir) and run again"
    }

    private func attachedKey(of table: LoadedTable) -> CacheKey? {
        attached[table.cacheKey] == nil ? nil : table.cacheKey
    }

    /// Device and inode of `file`, to tell whether a path still names the same file.
    private static func fileIdentity(_ file: URL) -> [UInt64]? {
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}

extension TableLayout {
    /// The layout with the number of codes of each dictionary, its largest code (codes have no
    /// gaps), which a seek on the table's primary key finds at once.
    func countingCodes(in database: Database) throws -> TableLayout {
        var counted = self
        for (index, column) in columns.enumerated() {
            guard case .dictionary(var dictionary) = column.encoding else { continue }
            let table = (dictionary.table.schema.map { Database.quote(identifier: $0) + "." } ?? "") + Database.quote(identifier: dictionary.table.name)
            let largest = try database.query("SELECT max(\(Database.quote(identifier: dictionary.idColumn))) FROM \(table)")
            if case .integer(let codes)? = largest.first?.first { dictionary.codes = Int(codes) } else { dictionary.codes = 0 }
            counted.columns[index].encoding = .dictionary(dictionary)
        }
        return counted
    }
}
