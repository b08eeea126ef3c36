import TEIFixtures
import XCTest
@testable import TEIStorage

/// `CacheTables` describes exactly the tables, columns, views and indexes the importer puts in a
/// cache file, so a copy made from it (the PostgreSQL store's) misses nothing and adds nothing.
final class CacheTablesTests: XCTestCase {
    private var workspace: Workspace!
    private var store: TableStore!

    override func setUpWithError() throws {
        workspace = try Workspace()
        store = try workspace.store()
    }

    private func names(_ sql: String) throws -> [String] {
        try store.database.query(sql).compactMap { row in
            if case .text(let name)? = row.first { return name }
            return nil
        }
    }

    private func assertDescribes(_ path: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let table = try store.load(path: path.path)
        defer { try? store.detach(table) }
        let tables = try CacheTables(of: table, in: store)
        let schema = Database.quote(identifier: try XCTUnwrap(table.layout.relation.schema))
        let stored = try names("SELECT name FROM \(schema).sqlite_master WHERE type = 'table' AND name <> 'tei_meta' ORDER BY name")
        // The items sorted by value are named apart: a copy leaves them out.
        let rollupTables = tables.rollups.map(\.table)
        XCTAssertEqual(((tables.tables + rollupTables).map(\.name) + tables.itemsByValueTables).sorted(), stored, path.lastPathComponent,
                       file: file, line: line)
        for described in tables.tables + rollupTables {
            let columns = try names("SELECT name FROM pragma_table_info('\(described.name)', \(schema.replacingOccurrences(of: "\"", with: "'")))")
            XCTAssertEqual(described.columns.map(\.name), columns, described.name, file: file, line: line)
        }
        let keyed = try names("SELECT name FROM pragma_table_info('\(tables.keyedView)', \(schema.replacingOccurrences(of: "\"", with: "'")))")
        XCTAssertEqual(tables.keyedColumns.map(\.name), keyed, file: file, line: line)
        let data = try names("SELECT name FROM pragma_table_info('\(tables.dataView)', \(schema.replacingOccurrences(of: "\"", with: "'")))")
        XCTAssertEqual(tables.dataColumns, data, file: file, line: line)
        for rollup in tables.rollups {
            let columns = try names("SELECT name FROM pragma_table_info('\(rollup.view)', \(schema.replacingOccurrences(of: "\"", with: "'")))")
            XCTAssertEqual(rollup.viewColumns.map(\.name), columns, rollup.view, file: file, line: line)
        }
        XCTAssertEqual(tables.rollups.map(\.view), table.layout.rollups.map(\.relation.name), file: file, line: line)
        let indexes = try names("SELECT name FROM \(schema).sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        // So are the indexes on the dictionaries' values and the rollups' codes.
        XCTAssertEqual((tables.indexes.map(\.name) + tables.valueIndexes + tables.rollupIndexes).sorted(), indexes, file: file, line: line)
        XCTAssertEqual(tables.indexes.map(\.name), table.layout.indexes.map(\.name.name), file: file, line: line)
    }

    func testItDescribesTheCacheOfEveryKindOfTable() throws {
        for file in try FixtureGenerator().committedFiles() where !file.path.hasPrefix("malformed/") && !file.path.hasSuffix(".zip") {
            try assertDescribes(try workspace.write(file.path, file.data))
        }
        // A plain CSV with its own source_file column, last, and one without.
        try assertDescribes(try workspace.write("own.csv", "a,b,source_file\n1,x,here\n"))
        try assertDescribes(try workspace.write("plain.csv", "a,b\n1,\"[\"\"x\"\"]\"\n"))
    }
}
