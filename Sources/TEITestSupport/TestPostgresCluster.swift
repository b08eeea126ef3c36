import Foundation

/// Three private PostgreSQL 15 servers for scale-out tests, started by `pg.sh cluster`: a
/// coordinator and two shards, each as `TestPostgresServer` makes one (a socket in its own folder,
/// a watchdog that stops it once the test process has ended).
public final class TestPostgresCluster: @unchecked Sendable {
    /// The cluster's folder, the handle pg.sh takes.
    public let folder: String
    /// The coordinator's URL, with the superuser `tei` and its password.
    public let coordinator: String
    /// The shards' URLs.
    public let shards: [String]

    /// The cluster the tests of one process share; started by the first test that asks.
    public static func shared() throws -> TestPostgresCluster {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let sharedCluster { return sharedCluster }
        let started = try TestPostgresCluster()
        sharedCluster = started
        return started
    }

    private static let sharedLock = NSLock()
    private nonisolated(unsafe) static var sharedCluster: TestPostgresCluster?

    /// Starts a cluster of its own; skipped (or failed, under `TEI_REQUIRE_POSTGRES=1`) without
    /// PostgreSQL, as `TestPostgresServer` is.
    public init() throws {
        try TestPostgresServer.requireInstalled()
        folder = try TestPostgresServer.script(["cluster", "--owner", String(ProcessInfo.processInfo.processIdentifier)])
        let urls = try TestPostgresServer.script(["cluster-urls", folder]).split(separator: "\n").map(String.init)
        guard urls.count == 3 else { throw TestPostgresServerError(message: "pg.sh cluster-urls gave \(urls.count) URLs, not 3") }
        coordinator = urls[0]
        shards = Array(urls[1...])
    }

    /// Stops the three servers and removes the cluster's folder.
    public func stop() throws {
        try TestPostgresServer.script(["cluster-stop", folder])
    }
}
