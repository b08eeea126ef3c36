import Foundation
import TEIFixtures
import TEIPostgres
import TEIPostgresStore
import TEIStorage
import TEITestSupport
import XCTest

/// A database of its own on the tests' shared server (catalogues are per database), a folder with
/// the synthetic 2018-10 release, and a cache folder per store: each store is another client.
final class StoreWorkspace {
    let server: TestPostgresServer
    let database: String
    let folder: URL
    private var stores: [PostgresStore] = []

    init() throws {
        server = try TestPostgresServer.shared()
        database = "tei_store_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try PostgresConnection(url: PostgresURL(parsing: server.url))
        try admin.execute("CREATE DATABASE \(database) TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let generator = FixtureGenerator()
        try generator.tweetsData(of: .freedonia201810).write(to: file(ReleaseSpec.freedonia201810.tweetsFileName))
        try generator.usersData(of: .freedonia201810).write(to: file(ReleaseSpec.freedonia201810.usersFileName))
    }

    deinit {
        stores.removeAll()
        try? FileManager.default.removeItem(at: folder)
        if let admin = try? PostgresConnection(url: PostgresURL(parsing: server.url)) {
            try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
    }

    var url: String { server.url(database: database) }
    var tweetsPath: String { file(ReleaseSpec.freedonia201810.tweetsFileName).path }
    var usersPath: String { file(ReleaseSpec.freedonia201810.usersFileName).path }

    func file(_ name: String) -> URL { folder.appendingPathComponent("data").appendingPathComponent(name) }

    /// A connection to the test database, as the superuser or as `user`.
    func connect(user: String? = nil, password: String? = nil) throws -> PostgresConnection {
        var text = url
        if let user, let password {
            text = text.replacingOccurrences(of: "tei:\(server.password)@", with: "\(user):\(password)@")
        }
        return try PostgresConnection(url: PostgresURL(parsing: text))
    }

    /// A new client: its own connection and its own local cache folder.
    func store(connection: PostgresConnection? = nil) throws -> PostgresStore {
        let cache = folder.appendingPathComponent("cache-\(stores.count)")
        let store = try PostgresStore(connection: connection ?? connect(), cacheDirectory: cache)
        stores.append(store)
        return store
    }
}
