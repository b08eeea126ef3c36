import TEIStorage

/// Queries on the local SQLite cache, through the storage layer's `Database` and `Statement`.
public final class SQLiteBackend: QueryBackend {
    public let database: Database
    public let dialect: SQLDialect = SQLiteDialect()
    public var name: String { "SQLite" }
    public var serverTables: ServerTables? { nil }

    public init(database: Database) {
        self.database = database
    }

    public func start(_ sql: String, parameters: [SQLValue]) throws -> QueryCursor {
        let statement = try database.prepare(sql)
        try statement.bind(parameters)
        return SQLiteCursor(statement)
    }

    public func interrupt() {
        database.interrupt()
    }
}

/// A prepared SQLite statement stepped row by row; finalized when released.
final class SQLiteCursor: QueryCursor {
    private let statement: TEIStorage.Statement

    init(_ statement: TEIStorage.Statement) {
        self.statement = statement
    }

    func step() throws -> Bool { try statement.step() }

    func value(at index: Int) -> SQLValue { statement.value(at: index) }

    func close() { statement.reset() }
}
