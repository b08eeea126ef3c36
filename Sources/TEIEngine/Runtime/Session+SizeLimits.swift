import TEILanguage
import TEIStorage

extension Session {
    /// Errors for statements that SQLite would refuse for their size (see
    /// `Database.sizeLimitError(preparing:)`), found by preparing each statement's SQL without
    /// running it: `check` reports them, and a script does not stop half-way through its run.
    ///
    /// A table the load stage has not imported (`tei check` imports nothing) is read as an empty
    /// stand-in with its checked columns: SQLite's limits depend on the statement's shape, not on rows.
    /// A server has other limits, which it reports when the statement runs.
    func sizeLimitDiagnostics(_ statements: [CheckedStatement]) -> [Diagnostic] {
        guard backend is SQLiteBackend else { return [] }
        var tables = loader.tables
        let queries: [(Relation, Span)] = statements.flatMap { statement -> [(Relation, Span)] in
            switch statement {
            case .show(let shown, let at), .save(let shown, _, _, let at), .plot(let shown, _, let at): return [(shown, at)]
            case .saveNetwork(let network, let at): return network.relations.map { ($0, at) }
            case .explain, .definition: return []
            }
        }
        return queries.compactMap { relation, span in
            for source in relation.sources where tables[source.request] == nil { tables[source.request] = standIn(for: source) }
            guard let failure = database.sizeLimitError(preparing: QueryCompiler.compile(relation, tables: tables).sql) else { return nil }
            let (reason, hint) = Self.explain(failure.message)
            return .error("this statement is too large for SQLite: \(reason)", at: span, hint: hint)
        }
    }

    /// An empty temporary view with the columns `source` was checked against, as a table of plain columns.
    private func standIn(for source: TableSource) -> LoadedTable? {
        let name = StoredName(schema: "temp", name: LoadedTable.reservedPrefix + "unloaded_\(UInt(bitPattern: source.request.hashValue))")
        let columns = source.columns.map { "NULL AS \(Database.quote(identifier: $0.name))" }.joined(separator: ", ")
        let view = "CREATE TEMP VIEW IF NOT EXISTS \(Database.quote(identifier: name.name)) AS SELECT \(columns.isEmpty ? "1" : columns) WHERE 0"
        guard (try? database.execute(view)) != nil else { return nil }
        return LoadedTable(cacheKey: CacheKey(name.name),
                           layout: TableLayout(relation: name, rowNumber: nil,
                                               columns: source.columns.map { ColumnLayout(name: $0.name, type: $0.type) }),
                           kind: .generic, sources: [])
    }

    private static func explain(_ message: String) -> (reason: String, hint: String) {
        if message.contains("parser stack overflow") || message.contains("Expression tree is too large") {
            return ("its expressions nest too deeply", "compute parts of a long expression in earlier steps with derive, or in a let")
        }
        if message.contains("too many columns") {
            return ("it has more than 2000 columns", "select the columns you need")
        }
        if message.contains("compound SELECT") {
            return ("it combines more than 500 parts", "describe or append fewer columns or tables at once")
        }
        if message.contains("FROM clause") || message.contains("64 tables") {
            return ("it joins more than 64 tables", "join fewer tables in one pipeline; save a part and load it")
        }
        if message.contains("SQL variables") {
            return ("it has more than 32766 text values", "put the values in a file, load it and join it")
        }
        if message.contains("arguments on function") {
            return ("a list or a call has more than 127 items", "to look for many values write x in [...], which has no such limit")
        }
        return ("it is longer than 1 GB", "split it into smaller statements")
    }
}
