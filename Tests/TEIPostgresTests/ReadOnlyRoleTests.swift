import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIStorage
import TEITestSupport
import XCTest

/// A student's role made by `ReadOnlyRole.grant`: it reads every release, before and after it was
/// made, and the catalogue; it can insert, create and drop nothing.
final class ReadOnlyRoleTests: XCTestCase {
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

    private func assertRefused(_ connection: PostgresConnection, _ sql: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try connection.execute(sql), sql, file: file, line: line) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42501", "\(error)", file: file, line: line)
        }
    }

    func testTheRoleReadsEveryReleaseAndWritesNothing() throws {
        let teacher = try workspace.store()
        let before = try teacher.load(path: workspace.tweetsPath)
        try ReadOnlyRole.grant(role: role, password: "s3cret-pass", on: teacher.connection)
        let after = try teacher.load(path: workspace.usersPath)

        let student = try workspace.connect(user: role, password: "s3cret-pass")
        for table in [before, after] {
            let relation = "\(Database.quote(identifier: table.layout.relation.schema!)).keyed"
            let count = try student.query("SELECT count(*) FROM \(relation)")
            XCTAssertEqual(count, [[.integer(Int64(table.sources[0].rows))]])
            assertRefused(student, "INSERT INTO \(relation.replacingOccurrences(of: ".keyed", with: ".sources")) VALUES (99, 'x')")
            assertRefused(student, "CREATE TABLE \(Database.quote(identifier: table.layout.relation.schema!)).mine (x int)")
            assertRefused(student, "DROP TABLE \(relation.replacingOccurrences(of: ".keyed", with: ".rows")) CASCADE")
        }
        // tei's functions, which the release's queries call, run for the student.
        XCTAssertEqual(try student.query("SELECT tei.tei_lower('ÀB')"), [[.text("àb")]])
        assertRefused(student, "DELETE FROM tei.catalogue")
        assertRefused(student, "CREATE TABLE public.mine (x int)")
        assertRefused(student, "CREATE SCHEMA mine")
        assertRefused(student, "DROP TABLE tei.catalogue")

        // Through the store: the catalogue serves the student; a new release cannot be imported.
        let store = try workspace.store(connection: student)
        let table = try store.load(path: "/elsewhere/" + PostgresStore.catalogueName(workspace.tweetsPath))
        XCTAssertEqual(table.layout, before.layout)
        let own = workspace.file("own.csv")
        try Data("a,b\n1,x\n".utf8).write(to: own)
        XCTAssertThrowsError(try store.load(path: own.path)) { error in
            let failure = error as? LoadError
            XCTAssertTrue(failure?.message.hasPrefix("on the server: permission denied") == true, "\(error)")
            XCTAssertEqual(failure?.hint, "this role may only read; whoever manages the server imports releases with `tei admin import FILE --db URL`")
        }
    }

    func testGrantingAgainChangesThePasswordAndKeepsTheRights() throws {
        let teacher = try workspace.store()
        _ = try teacher.load(path: workspace.tweetsPath)
        try ReadOnlyRole.grant(role: role, password: "first", on: teacher.connection)
        try ReadOnlyRole.grant(role: role, password: "second", on: teacher.connection)
        XCTAssertThrowsError(try workspace.connect(user: role, password: "first"))
        let student = try workspace.connect(user: role, password: "second")
        XCTAssertEqual(try student.query("SELECT count(*) FROM tei.catalogue"), [[.integer(1)]])
        // The clear password reached no statement the server saw.
        let stored = try teacher.connection.query("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [.text(role)])
        guard case .text(let hash)? = stored.first?.first else { return XCTFail("\(stored)") }
        XCTAssertTrue(hash.hasPrefix("SCRAM-SHA-256$"), hash)
    }
}
