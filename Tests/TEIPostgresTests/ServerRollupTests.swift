import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIStorage
import TEITestSupport
import XCTest

/// The rollups of a release on a server: copied with it, recorded in the catalogue, named by the
/// layout as in the local cache; a release copied before rollups were copied still loads, without.
final class ServerRollupTests: XCTestCase {
    private var workspace: StoreWorkspace!

    override func setUpWithError() throws {
        workspace = try StoreWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    /// Every rollup view on the server holds the local cache's rows, and the layout names them all.
    func testACopyHoldsTheRollupsOfTheLocalCache() throws {
        let store = try workspace.store()
        let table = try store.load(path: workspace.tweetsPath)
        let local = try store.localStore.load(path: workspace.tweetsPath)
        XCTAssertFalse(local.layout.rollups.isEmpty)
        XCTAssertEqual(table.layout.rollups.map(\.relation.name), local.layout.rollups.map(\.relation.name))
        XCTAssertEqual(table.layout.rollups.map(\.dimensions), local.layout.rollups.map(\.dimensions))
        for (server, cache) in zip(table.layout.rollups, local.layout.rollups) {
            XCTAssertEqual(server.relation.schema, table.layout.relation.schema)
            let serverRows = sorted(try store.connection.query("SELECT * FROM \(quote(server.relation))"))
            let cacheRows = sorted(try store.localStore.database.query("SELECT * FROM \(quote(cache.relation))"))
            XCTAssertGreaterThan(serverRows.count, 1, server.relation.name)
            XCTAssertEqual(serverRows, cacheRows, server.relation.name)
        }
        // A later load (another client, by digest) finds them in the catalogue.
        let again = try workspace.store().load(path: workspace.tweetsPath)
        XCTAssertEqual(again.layout.rollups, table.layout.rollups)
        // A users table has none.
        XCTAssertEqual(try store.load(path: workspace.usersPath).layout.rollups, [])
    }

    /// A catalogue written before rollups were copied (no `rollups` column) is read as releases
    /// without rollups; the next import adds the column and records its own.
    func testAReleaseCopiedBeforeRollupsLoadsWithout() throws {
        let admin = try workspace.connect()
        let first = try workspace.store().load(path: workspace.tweetsPath)
        XCTAssertFalse(first.layout.rollups.isEmpty)
        // As an older tei left it: no column, and the release's schema without rollup tables.
        for rollup in first.layout.rollups {
            try admin.execute("DROP VIEW \(quote(rollup.relation))")
        }
        try admin.execute("ALTER TABLE tei.catalogue DROP COLUMN rollups")

        let student = try workspace.store()
        let old = try student.load(path: workspace.tweetsPath)
        XCTAssertFalse(old.imported)
        XCTAssertEqual(old.layout.rollups, [])
        XCTAssertEqual(old.layout.relation, first.layout.relation)
        XCTAssertEqual(try student.releases().map(\.rollups), [[]])

        let users = try student.load(path: workspace.usersPath)
        XCTAssertTrue(users.imported)
        XCTAssertEqual(try student.releases().map(\.rollups), [[], []])
        XCTAssertEqual(try workspace.store().load(path: workspace.tweetsPath).layout.rollups, [])
    }

    private func sorted(_ rows: [[SQLValue]]) -> [[SQLValue]] {
        rows.sorted { "\($0)" < "\($1)" }
    }

    private func quote(_ name: StoredName) -> String {
        "\(Database.quote(identifier: name.schema ?? "")).\(Database.quote(identifier: name.name))"
    }
}
