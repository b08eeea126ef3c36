import ArgumentParser
import Foundation
import TEIStorage

/// `tei status`: which backend a command would use, and for a PostgreSQL server whether it answers.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shows where tei keeps tables: the local SQLite cache, or the PostgreSQL server --db names (after connecting to it)."
    )

    @OptionGroup var backend: BackendOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let server = try backend.server(environment: environment) else {
            print("local SQLite cache (SQLite \(Database.sqliteVersion)) in \(backend.cacheFolder(environment: environment).path)")
            return
        }
        guard let connection = ServerConnection.connect(to: server) else { throw ExitCode(1) }
        print("PostgreSQL \(connection.serverVersion) at \(server.redacted)")
    }
}
