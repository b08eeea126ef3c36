import Foundation
import TEILanguage
import TEIRender
import TEIStorage

/// Settings of a session.
public struct SessionOptions {
    /// Where imported tables are cached.
    public var cacheDirectory: URL
    /// Shown results fetch at most this many rows (and count the rest); nil fetches all.
    public var previewRows: Int?
    /// Folders searched by `import` after the script's own folder (the shipped Stdlib).
    public var libraryDirectories: [URL] = []
    /// `--param name=value` overrides.
    public var parameters: [String: String] = [:]
    /// Whether imports draw a progress bar on standard error.
    public var showsProgress = true
    /// How long counting the rows past a preview may take before the total is given as "more
    /// than N rows"; nil counts exactly however long it takes (`--count`).
    public var countingTime: TimeInterval? = 1
    /// How many connections a query may run on at once (`Parallelism.standard`: one per core,
    /// or `TEI_THREADS`), and the smallest table a query splits.
    public var parallelism = Parallelism.standard()

    public init(cacheDirectory: URL, previewRows: Int? = nil) {
        self.cacheDirectory = cacheDirectory
        self.previewRows = previewRows
    }
}

/// How running some source ended.
public enum RunOutcome: Equatable {
    /// Everything ran.
    case success
    /// Errors were found before anything ran (syntax, names, types, loads); nothing ran.
    case checkFailed
    /// A statement failed while running; the statements before it ran.
    case runFailed
    /// The user interrupted a query.
    case interrupted
}

/// A tei session: the sources it has read, the names they defined, and the database their
/// tables live in. A script is one session; the REPL keeps one across cells.
public final class Session {
    public let sources = SourceMap()
    /// The local SQLite cache's connection, where imports go first whatever the backend.
    public let database: Database
    /// Where queries run: the local cache, or a server.
    public let backend: QueryBackend
    public let checker: Checker
    public var options: SessionOptions
    let loader: StoreLoader
    /// The relation of the last result shown, so the REPL can bind it to `_`.
    public private(set) var lastShown: Relation?
    /// Whether the load stage of the last check stopped because an import was interrupted (Ctrl-C).
    private var importWasInterrupted = false
    /// Runs the ranges of split groupings on connections of their own.
    private let rangeRunner = RangeRunner()

    /// A session whose queries run on the local SQLite cache, or on the backend `makeBackend`
    /// makes over the local cache's store (a server, whose loads import local files there first).
    public init(options: SessionOptions, backend makeBackend: BackendMaker? = nil) throws {
        self.options = options
        database = try Database()
        // GROUP BY and ORDER BY sort in SQLite, in runs as large as the main database's page cache
        // (the in-memory one; attached caches keep their own). Small runs stay in the CPU's cache
        // and a second core merges them: a million-row grouping sorts about 25% faster than with
        // the default 2 MB on one core.
        try database.useCoresForSorting()
        try database.execute("PRAGMA cache_size = -500")
        let store = try TableStore(database: database, cacheDirectory: options.cacheDirectory)
        backend = try makeBackend?(store) ?? SQLiteBackend(database: database)
        loader = StoreLoader(store: store, server: backend.serverTables, showsProgress: options.showsProgress)
        checker = Checker(sources: sources, schemas: loader)
        checker.libraryDirectories = options.libraryDirectories
        checker.parameterOverrides = options.parameters
    }

    /// Large sorts spill to temporary files: they go in the cache folder, which the user chose for
    /// big files, rather than `/var/tmp` (the setting is SQLite's, for the whole process). Set after
    /// the first load has made the cache folder (only queries on loaded tables sort much); nil, and
    /// sorts keep SQLite's folder, when the `tmp` folder cannot be made.
    static func putTemporaryFiles(under cacheDirectory: URL, of database: Database) -> URL? {
        let folder = temporaryFolder(cacheDirectory)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard (try? database.execute("PRAGMA temp_store_directory = '\(folder.path.replacingOccurrences(of: "'", with: "''"))'")) != nil else {
            return nil
        }
        return folder
    }

    /// Where SQLite writes the temporary files of large sorts.
    static func temporaryFolder(_ cacheDirectory: URL) -> URL {
        cacheDirectory.appendingPathComponent("tmp", isDirectory: true)
    }

    /// The folder large sorts spill into, for messages.
    private var sortFolder: String {
        loader.temporaryFolder.map { checker.displayPath($0) } ?? "the system's temporary folder ($TMPDIR or /var/tmp)"
    }

    /// Adds source text to the session, returning its index for spans. `baseDirectory` is where its
    /// relative paths resolve (a script's folder; the working directory for `-c`, stdin and the REPL).
    public func addSource(name: String, text: String, baseDirectory: URL, firstLine: Int = 1) -> Int {
        let index = sources.add(Source(name: name, text: text, firstLine: firstLine))
        checker.setBaseDirectory(baseDirectory, forSource: index)
        return index
    }

    /// Checks source `index` completely and imports the tables it loads, then runs it statement by
    /// statement, sending every result and diagnostic to `output`. A source with errors reports all
    /// it can find and runs nothing. `checkOnly` checks without importing or running anything.
    @discardableResult
    public func run(sourceIndex index: Int, output: SessionOutput, checkOnly: Bool = false,
                    reportUnusedParameters: Bool = true) -> RunOutcome {
        guard let statements = check(sourceIndex: index, output: output, reportUnusedParameters: reportUnusedParameters,
                                     importing: !checkOnly) else {
            return importWasInterrupted ? .interrupted : .checkFailed
        }
        if checkOnly { return .success }
        output.willRun(statements)
        for statement in statements {
            do {
                try execute(statement, output: output)
            } catch let failure where failure.isQueryInterrupt {
                output.emit(.diagnostic(.error("interrupted", at: statement.span)))
                return .interrupted
            } catch let failure as SQLiteError where failure.isDiskFull {
                output.emit(.diagnostic(.error("the disk is full: the query needed room in \(sortFolder) to sort its rows", at: statement.span,
                                               hint: "free some space there, or point --cache-dir at a disk with room")))
                return .runFailed
            } catch let failure as SQLiteError where failure.isWriteFailure {
                output.emit(.diagnostic(.error("the query could not write the temporary files of its sort in \(sortFolder): "
                                                   + "a file would be larger than the system allows (see `ulimit -f`), or the disk failed",
                                               at: statement.span,
                                               hint: "raise the limit on file sizes (`ulimit -f`), or point --cache-dir at another disk")))
                return .runFailed
            } catch let failure as SQLiteError where failure.isIntegerOverflow {
                output.emit(.diagnostic(.integerOverflow("a whole number computed here", at: statement.span)))
                return .runFailed
            } catch let failure as SQLiteError {
                output.emit(.diagnostic(.error("query failed: \(failure.message)", at: statement.span,
                                               hint: "run `explain` on this pipeline to see the SQL")))
                return .runFailed
            } catch let failure as QueryFailure {
                output.emit(.diagnostic(diagnostic(failure, at: statement.span)))
                return .runFailed
            } catch let failure as FileWriteError where failure.isClosedPipe {
                // The reader of standard output is gone (`tei … | head -1`): nothing more to show.
                return .success
            } catch let failure as FileWriteError {
                output.emit(.diagnostic(.error(failure.description, at: statement.span, hint: failure.hint)))
                return .runFailed
            } catch let failure as LoadError {
                // A damaged cache that could not be repaired: name the file and say what to do.
                output.emit(.diagnostic(.error(failure.description, at: statement.span, hint: failure.hint)))
                return .runFailed
            } catch {
                output.emit(.diagnostic(.error("\(error)", at: statement.span)))
                return .runFailed
            }
        }
        return .success
    }

    /// Parses and checks source `index`, then, when `importing`, runs the load stage (`importTables`);
    /// nil when there were errors (all of them sent to `output`, in source order).
    ///
    /// The checker sees a plain CSV's types as its first rows show them (`TableStore.peek`); when the
    /// import, which reads every row, finds other types, the source is checked again against the
    /// imported schema, so no statement runs on columns it was not checked against. A check that
    /// fails imports only such CSVs, whose full types may be what it needs; other tables wait
    /// until the script checks.
    public func check(sourceIndex index: Int, output: SessionOutput, reportUnusedParameters: Bool = true,
                      importing: Bool = true) -> [CheckedStatement]? {
        let (program, syntaxErrors) = Parser.parse(sources[index], index: index)
        func checked() -> [CheckedStatement] {
            checker.clearDiagnostics()
            let statements = checker.check(program)
            if reportUnusedParameters { checker.checkUnusedOverrides() }
            return statements
        }
        func hasErrors(_ diagnostics: [Diagnostic]) -> Bool { diagnostics.contains { $0.severity == .error } }
        var statements = checked()
        var found = syntaxErrors + checker.diagnostics
        var loadDiagnostics: [Diagnostic] = []
        var imported: Set<LoadRequest> = []
        importWasInterrupted = false
        // Each turn imports tables not imported yet, so it ends.
        while importing, !hasErrors(syntaxErrors + loadDiagnostics), !importWasInterrupted {
            let failed = hasErrors(found)
            let pending = (checker.tableSources + unboundSources(of: statements))
                .filter { !imported.contains($0.request) && (!failed || !$0.typesAreExact) }
            guard !pending.isEmpty else { break }
            let loads = importTables(pending)
            imported.formUnion(pending.map(\.request))
            loadDiagnostics += loads.diagnostics
            importWasInterrupted = loads.interrupted
            guard loads.changedSchema, !hasErrors(loads.diagnostics) else { break }
            statements = checked()
            found = syntaxErrors + checker.diagnostics
        }
        found += loadDiagnostics
        if importing, !hasErrors(found) { found += staleScans(in: statements) }
        if !found.contains(where: { $0.severity == .error }) { found += sizeLimitDiagnostics(statements) }
        let diagnostics = found.sorted { ($0.span?.source ?? 0, $0.span?.start ?? 0) < ($1.span?.source ?? 0, $1.span?.start ?? 0) }
        for diagnostic in diagnostics { output.emit(.diagnostic(diagnostic)) }
        return diagnostics.contains { $0.severity == .error } ? nil : statements
    }

    /// Runs one checked statement.
    public func execute(_ statement: CheckedStatement, output: SessionOutput) throws {
        // Warnings of a running query (a damaged cache re-imported) go where load warnings go.
        let warn = { (message: String) in output.emit(.diagnostic(.warning(message, at: statement.span))) }
        switch statement {
        case .show(let relation, let span):
            if let writer = output.rowWriter(columns: relation.columns) {
                _ = try stream(relation, into: writer, warning: warn)
                lastShown = relation
            } else {
                try show(relation, at: span, output: output, warning: warn)
            }
        case .explain(let relation, let span):
            output.emit(.explain(sql: compile(relation).explanation, span: span))
        case .save(let relation, let url, let format, let span):
            var rows = 0
            try fileWriter(url).write { file in
                let sink: DataSink = format.isCompressed ? try GzipSink(file) : file
                rows = try stream(relation, into: format.rowWriter(columns: relation.columns, sink: sink), warning: warn)
                try sink.finish()
            }
            output.emit(.saved(path: checker.displayPath(url), rows: rows, span: span))
        case .saveNetwork(let network, let span):
            try saveNetwork(network, at: span, output: output, warning: warn)
        case .plot(let relation, let request, let span):
            let table = try fetch(relation, limit: nil, warning: warn)
            if let url = request.svgPath {
                let plotted = ChartBuilder.build(table, request: request)
                try fileWriter(url).write(try plotted.chart.renderSVG(plotted.svgOptions))
            }
            output.emit(.plot(request, table, span: span))
        case .definition(let name, let span):
            output.emit(.defined(name: name, span: span))
        }
    }

    /// Writes a network file: the edges' rows into a spool beside it as they are stepped, then the
    /// nodes (the node pipeline's rows, then the edges' accounts it did not list), then the edges.
    private func saveNetwork(_ network: NetworkSave, at span: Span, output: SessionOutput, warning: (String) -> Void) throws {
        let displayPath = checker.displayPath(network.url)
        var summary: NetworkWriter.Summary?
        try fileWriter(network.url).write { file in
            let spool = try SpoolFile(besideFileAt: network.url, displayPath: displayPath)
            let writer = NetworkWriter(format: network.format, layout: network.layout, sink: file, spool: spool,
                                       displayPath: displayPath)
            _ = try stream(network.edges, into: writer.edges, warning: warning)
            if let nodes = network.nodes { _ = try stream(nodes, into: writer.nodes, warning: warning) }
            summary = try writer.finish()
        }
        guard let summary else { return }
        if network.nodes != nil, summary.nodesWithoutRow > 0 {
            let accounts = summary.nodesWithoutRow == 1 ? "1 node of the edges is" : "\(summary.nodesWithoutRow) nodes of the edges are"
            warning("\(accounts) not among the rows of the nodes: written to \(displayPath) without attributes")
        }
        if summary.replacedCharacters > 0 {
            warning("\(summary.replacedCharacters) control character\(summary.replacedCharacters == 1 ? "" : "s") that XML cannot hold "
                    + "\(summary.replacedCharacters == 1 ? "was" : "were") written to \(displayPath) as U+FFFD")
        }
        output.emit(.saved(path: displayPath, rows: summary.edges, span: span))
    }

    /// The error a query's failure on a server gives, at the statement that ran it.
    private func diagnostic(_ failure: QueryFailure, at span: Span) -> Diagnostic {
        switch failure.kind {
        case .integerOverflow: return .integerOverflow("a whole number computed here", at: span)
        case .interrupted: return .error("interrupted", at: span)
        case .connectionLost: return .error(failure.message, at: span, hint: failure.hint)
        case .failed:
            return .error("query failed: \(failure.message)", at: span, hint: failure.hint ?? "run `explain` on this pipeline to see the SQL")
        }
    }

    /// The statement computing `relation` for the session's backend, over the tables the load stage bound for it.
    public func compile(_ relation: Relation) -> CompiledQuery {
        QueryCompiler.compile(relation, tables: loader.tables, dialect: backend.dialect, parallelism: parallelism)
    }

    /// Ranges of rows run on connections of the local cache of their own, so a server's queries
    /// stay one statement each: the server plans its own parallel workers.
    private var parallelism: Parallelism {
        backend.serverTables == nil ? options.parallelism : .serial
    }

    /// Runs `body` (which runs `query`'s statement) once the partial results of `query`'s ranges
    /// are in place, when the optimizer split it; they are dropped when `body` has finished.
    private func withPartialResults<Result>(of query: CompiledQuery, _ body: () throws -> Result) throws -> Result {
        guard let ranges = query.ranges else { return try body() }
        defer { try? database.execute(ranges.dropPartials) }
        try rangeRunner.run(ranges, on: database) { try loader.store.openReader(of: ranges.table) }
        return try body()
    }

    /// Fetches a shown relation's preview and total. A total that takes a while to count comes as a
    /// `.preview` first, then the `.result`; when Ctrl-C stops the count, the preview's rows stand
    /// under the rows seen so far as a lower bound before the interrupt is reported.
    private func show(_ relation: Relation, at span: Span, output: SessionOutput, warning: (String) -> Void) throws {
        var preview: ResultTable?
        do {
            let table = try fetch(relation, limit: options.previewRows, warning: warning) { table in
                preview = table
                output.emit(.preview(table, span: span))
            }
            lastShown = relation
            output.emit(.result(table, span: span))
        } catch let failure where failure.isQueryInterrupt {
            if let preview {
                lastShown = relation
                output.emit(.result(preview, span: span))
            }
            throw failure
        }
    }

    /// A writer for a file the session writes (`save`, a chart's SVG): it spares every file a
    /// `load` of the session read.
    public func fileWriter(_ url: URL) -> SafeFileWriter {
        SafeFileWriter(destination: url, displayPath: checker.displayPath(url), protectedFiles: filesRead)
    }

    /// Runs a relation's query and decodes its rows; with a limit, decodes only the first `limit`
    /// rows and steps through the rest to count them, so the query runs once. When the count
    /// takes a `COUNT(*)`, `preview` gets the rows first, with the rows seen so far as a lower bound.
    ///
    /// A query that finds a cache file it reads damaged (attaching reads only the header and
    /// metadata pages; a page's checksum is checked when it is read) has that cache imported again, tells
    /// `warning` so, and runs once more; a second failure throws a `LoadError` naming the cache file.
    /// Met after the preview went out, the run stops with a `LoadError` rather than showing it twice.
    public func fetch(_ relation: Relation, limit: Int?, warning: (String) -> Void = { _ in },
                      preview: (ResultTable) -> Void = { _ in }) throws -> ResultTable {
        let query = compile(relation)
        var previewed = false
        return try repairingDamagedCache(reading: relation.sources.compactMap(loadedTable), warning: warning, {
            try fetch(query, limit: limit) { table in
                previewed = true
                preview(table)
            }
        }, shownAlready: { previewed })
    }

    /// Runs a relation's query and hands its rows to `writer` as SQLite steps them, in bounded memory;
    /// returns how many rows there were. `writer.begin` is called once the first step succeeds.
    ///
    /// A damaged cache met before anything was written is imported again and the query rerun, as
    /// in `fetch`. Met after rows were written, it is imported again too, but the run stops with a
    /// `LoadError` naming the cache file rather than writing rows twice.
    public func stream(_ relation: Relation, into writer: RowWriter, warning: (String) -> Void = { _ in }) throws -> Int {
        let query = compile(relation)
        var began = false
        return try repairingDamagedCache(reading: relation.sources.compactMap(loadedTable), warning: warning, {
            try withPartialResults(of: query) {
                let statement = try backend.start(query.sql, parameters: query.parameters)
                defer { statement.close() }
                let types = query.columns.map(\.type)
                var rows = 0
                while try statement.step() {
                    if !began { try writer.begin(); began = true }
                    try writer.write(types.enumerated().map { Value(statement.value(at: $0.offset), as: $0.element) })
                    rows += 1
                }
                if !began { try writer.begin(); began = true }
                try writer.end()
                return rows
            }
        }, shownAlready: { began })
    }

    /// Imports again the damaged caches among `sources` (the tables a plan reads), telling
    /// `warning`; returns the tables read, each once (none: the damage is not in a cache).
    private func rebuildDamagedCaches(of sources: [LoadedTable], warning: (String) -> Void) throws -> [LoadedTable] {
        var read: [LoadedTable] = []
        for table in sources where loader.store.cacheFile(of: table) != nil && !read.contains(where: { $0.cacheKey == table.cacheKey }) {
            read.append(table)
        }
        // With several caches, rebuild only the damaged ones; quick_check reads them whole,
        // which is affordable on this path. If it finds none (damage it does not see), rebuild all.
        let damaged = read.count == 1 ? read : read.filter { !loader.store.cacheIsIntact($0) }
        for table in damaged.isEmpty ? read : damaged {
            try loader.rebuild(table)
            warning(TableStore.damagedCacheWarning(source: describeSources(of: table)))
        }
        return read
    }

    /// Runs `attempt`; when it meets a damaged cache among `sources`, imports that cache again,
    /// tells `warning`, and runs `attempt` once more, unless `attempt` had shown rows already: then
    /// it throws a `LoadError` saying the output is incomplete rather than showing rows twice.
    private func repairingDamagedCache<Result>(reading sources: [LoadedTable], warning: (String) -> Void,
                                               _ attempt: () throws -> Result,
                                               shownAlready: () -> Bool = { false }) throws -> Result {
        do {
            return try attempt()
        } catch let failure as SQLiteError where failure.isCorruption {
            let read = try rebuildDamagedCaches(of: sources, warning: warning)
            guard !read.isEmpty else { throw failure }
            guard !shownAlready() else {
                throw LoadError(file: read.compactMap { loader.store.cacheFile(of: $0) }.map(\.path).joined(separator: ", "),
                                message: "the cache was found damaged after rows were written, so the output is incomplete",
                                hint: "run again: the cache has been imported again")
            }
            do {
                return try attempt()
            } catch let again as SQLiteError where again.isCorruption {
                let file = read.compactMap { loader.store.cacheFile(of: $0) }.map(\.path).joined(separator: ", ")
                throw LoadError(file: file, message: "the cache is still damaged after importing it again: \(again.message)",
                                hint: TableStore.damagedCacheHint(options.cacheDirectory))
            }
        }
    }

    /// Runs a compiled query once. The statement is finalized when this returns or throws, so a
    /// damaged cache it read can be detached afterwards.
    ///
    /// Past `limit` rows the total is counted by stepping on, for up to `countedByStepping` rows:
    /// that finishes a grouped result without running its grouping again. A longer result is
    /// counted by a `COUNT(*)` of the query instead, which SQLite answers without computing the
    /// columns of every row (stepping through a million loaded rows would decode all of them).
    /// That count gets `options.countingTime` (when not nil); past it the total is the
    /// rows seen so far, marked as a lower bound. Before it starts, `preview` gets the rows with
    /// that lower bound, so they can be shown while the count runs.
    private func fetch(_ query: CompiledQuery, limit: Int?, preview: (ResultTable) -> Void) throws -> ResultTable {
        try withPartialResults(of: query) { try fetchMerged(query, limit: limit, preview: preview) }
    }

    /// `fetch` of a query whose ranges, if any, have run.
    private func fetchMerged(_ query: CompiledQuery, limit: Int?, preview: (ResultTable) -> Void) throws -> ResultTable {
        let statement = try backend.start(query.sql, parameters: query.parameters)
        defer { statement.close() }
        var rows: [[Value]] = []
        let types = query.columns.map(\.type)
        while try statement.step() {
            if let limit, rows.count >= limit {
                var total = rows.count + 1
                while total <= rows.count + Self.countedByStepping {
                    guard try statement.step() else {
                        return ResultTable(columns: query.columns, rows: rows, totalRows: total)
                    }
                    total += 1
                }
                // A server runs one statement at a time: this one stops before the count starts.
                statement.close()
                var lowerBound = ResultTable(columns: query.columns, rows: rows, totalRows: total - 1)
                lowerBound.totalIsExact = false
                preview(lowerBound)
                guard let counted = try count(query) else { return lowerBound }
                return ResultTable(columns: query.columns, rows: rows, totalRows: counted)
            }
            rows.append(types.enumerated().map { Value(statement.value(at: $0.offset), as: $0.element) })
        }
        return ResultTable(columns: query.columns, rows: rows)
    }

    /// How many rows past a preview are counted by stepping before `count` takes over.
    private static let countedByStepping = 10_000

    /// The rows of `query`, or nil when counting them took longer than `options.countingTime`.
    private func count(_ query: CompiledQuery) throws -> Int? {
        let deadline = options.countingTime.map { QueryDeadline(after: $0, backend: backend) }
        let counting: QueryCursor
        do {
            counting = try backend.start(query.countSQL, parameters: query.parameters)
            defer { counting.close() }
            _ = try counting.step()
            deadline?.finish()
            if case .integer(let n) = counting.value(at: 0) { return Int(n) }
            return 0
        } catch let failure where failure.isQueryInterrupt {
            guard deadline?.finish() == true else { throw failure }
            return nil
        }
    }

    /// The path a table was loaded from, as the user sees it (relative to the working folder).
    private func describeSources(of table: LoadedTable) -> String {
        loader.store.loadedPath(of: table).map { checker.displayPath(URL(fileURLWithPath: $0)) } ?? table.layout.relation.description
    }

    /// Interrupts the query or the import running now (from a signal handler's queue). Either may
    /// be about to start rather than running; callers repeat the request until the run ends.
    public func interrupt() {
        backend.interrupt()
        rangeRunner.interrupt()
        loader.store.interruptImport()
        loader.server?.interruptImport()
    }

    /// Receives the progress of imports a few times a second (while `options.showsProgress`); by
    /// default it draws a bar on standard error when that is a terminal. The Jupyter kernel sends
    /// it to the notebook instead.
    public var importProgressHandler: ((ImportProgress) -> Void)? {
        get { loader.store.progressHandler }
        set { loader.store.progressHandler = newValue }
    }

    /// Every file on disk a `load` of the session read: what no file the session writes may replace.
    public var filesRead: [URL] { loader.store.filesRead + (loader.server?.filesRead ?? []) }

    /// The tables the load stage imported, by what their loads ask for: what the optimizer and the
    /// SQL stage read for each scan.
    public var tables: TableBindings { loader.tables }

    /// The table the load stage imported for `source`; nil before the load stage ran for it.
    public func loadedTable(for source: TableSource) -> LoadedTable? {
        loader.tables[source.request]
    }

    /// Every table `load` made available so far, in the order first loaded: the provenance of results.
    public var loadedTables: [LoadedTable] { loader.loaded }
}

/// Adapts the storage layer's `TableStore` to the checker's `TableSchemas` (peeking) and to the
/// load stage (importing).
final class StoreLoader: TableSchemas {
    let store: TableStore
    /// Where tables are bound when queries run on a server; nil binds the local cache's.
    let server: ServerTables?
    let showsProgress: Bool
    /// The tables loaded so far, each once, for `Session.loadedTables`.
    private(set) var loaded: [LoadedTable] = []
    /// The table each request last gave: what the SQL generator reads.
    private(set) var tables = TableBindings()
    /// Where large sorts spill, once the first load has made the cache folder (nil: SQLite's folder).
    private(set) var temporaryFolder: URL?
    private var hasPlacedTemporaryFiles = false

    init(store: TableStore, server: ServerTables?, showsProgress: Bool) {
        self.store = store
        self.server = server
        self.showsProgress = showsProgress
    }

    /// The columns of a table this session imported (a later import finding the file changed
    /// makes the session check again), else what `TableStore.peek` learns without importing.
    func schema(of request: LoadRequest) throws -> TableSchema {
        if let table = tables[request] { return TableSchema(kind: table.kind, columns: table.columns) }
        if let server { return try server.peek(path: request.path, options: request.options) }
        return try store.peek(path: request.path, options: request.options)
    }

    /// Imports (or attaches the cache of) the table `request` names and binds it for the SQL generator.
    func load(_ request: LoadRequest) throws -> LoadedTable {
        var options = request.options
        options.showsProgress = showsProgress
        let table = try server?.load(path: request.path, options: options) ?? store.load(path: request.path, options: options)
        if !hasPlacedTemporaryFiles {
            hasPlacedTemporaryFiles = true
            temporaryFolder = Session.putTemporaryFiles(under: store.cacheDirectory, of: store.database)
        }
        if !loaded.contains(where: { $0.cacheKey == table.cacheKey }) { loaded.append(table) }
        tables[request] = table
        return table
    }

    /// Imports a damaged cache again, keeping `loaded` (the provenance of results) current.
    func rebuild(_ table: LoadedTable) throws {
        let fresh = try store.rebuild(table)
        if let index = loaded.firstIndex(where: { $0.cacheKey == fresh.cacheKey }) { loaded[index] = fresh }
    }
}
