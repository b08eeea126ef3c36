import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIStorage
import TEITestSupport
import XCTest

/// A release found on the server by its content, loaded from files named otherwise than the
/// importer's: `source_file` and the table's sources show this load's names, as a load from the
/// local cache does, while the importer's loads keep theirs.
final class SourceNamesTests: XCTestCase {
    private var workspace: StoreWorkspace!
    private var role = ""

    override func setUpWithError() throws {
        workspace = try StoreWorkspace()
        role = "student_" + UUID().uuidString.prefix(8).lowercased()
    }

    override func tearDown() {
        workspace = nil
        if let admin = try? PostgresConnection(url: PostgresURL(parsing: TestPostgresServer.shared().url)) {
            try? admin.execute("DROP ROLE IF EXISTS \(role)")
        }
    }

    private func sourceFiles(_ table: LoadedTable, on connection: PostgresConnection) throws -> [[SQLValue]] {
        let relation = "\(Database.quote(identifier: table.layout.relation.schema ?? "")).\(Database.quote(identifier: table.layout.relation.name))"
        return try connection.query("SELECT source_file, count(*) FROM \(relation) GROUP BY 1 ORDER BY 1")
    }

    func testALoadOfTheSameContentUnderAnotherNameShowsItsOwnNames() throws {
        let teacher = try workspace.store()
        let imported = try teacher.load(path: workspace.tweetsPath)
        let original = (workspace.tweetsPath as NSString).lastPathComponent
        let rows = Int64(imported.sources.reduce(0) { $0 + $1.rows })
        XCTAssertEqual(try sourceFiles(imported, on: teacher.connection), [[.text(original), .integer(rows)]])

        let mine = workspace.folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        let renamed = mine.appendingPathComponent("my_copy.csv")
        try FileManager.default.copyItem(atPath: workspace.tweetsPath, toPath: renamed.path)
        let student = try workspace.store()
        let table = try student.load(path: renamed.path)
        XCTAssertFalse(table.imported)
        XCTAssertEqual(PostgresStore.releaseSchema(of: table), PostgresStore.releaseSchema(of: imported))
        XCTAssertEqual(table.sources.map(\.path), ["my_copy.csv"])
        XCTAssertEqual(table.sources.map(\.sha256), imported.sources.map(\.sha256))
        XCTAssertEqual(try sourceFiles(table, on: student.connection), [[.text("my_copy.csv"), .integer(rows)]])
        // Every other column reads the release as it is.
        let columns = table.columns.map(\.name).filter { $0 != LoadedTable.sourceFileColumn }.map(Database.quote(identifier:))
        func digest(_ relation: StoredName) throws -> [[SQLValue]] {
            try student.connection.query("""
                SELECT md5(string_agg(row(\(columns.joined(separator: ", ")))::text, '|' ORDER BY "__tei_row"))
                FROM \(Database.quote(identifier: relation.schema ?? "")).\(Database.quote(identifier: relation.name))
                """)
        }
        XCTAssertEqual(try digest(table.layout.relation), try digest(imported.layout.relation))

        // In the same session, a load by the importer's name shows the importer's; the catalogue is unchanged.
        let byOriginal = try student.load(path: workspace.tweetsPath)
        XCTAssertEqual(try sourceFiles(byOriginal, on: student.connection), [[.text(original), .integer(rows)]])
        XCTAssertEqual(try sourceFiles(table, on: student.connection), [[.text("my_copy.csv"), .integer(rows)]])
        XCTAssertEqual(try student.releases().map(\.name), [original])
    }

    /// A student's read-only role binds its names too: in its own temporary schema.
    func testAReadOnlyRoleSeesItsOwnNames() throws {
        let teacher = try workspace.store()
        _ = try teacher.load(path: workspace.tweetsPath)
        try ReadOnlyRole.grant(role: role, password: "pw-\(role)", on: teacher.connection)
        let renamed = workspace.folder.appendingPathComponent("student.csv")
        try FileManager.default.copyItem(atPath: workspace.tweetsPath, toPath: renamed.path)
        let student = try workspace.store(connection: workspace.connect(user: role, password: "pw-\(role)"))
        let table = try student.load(path: renamed.path)
        XCTAssertEqual(try sourceFiles(table, on: student.connection).map { $0.first }, [.text("student.csv")])
    }
}
