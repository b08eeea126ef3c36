import Foundation
import TEIPostgres

/// A database of a test's own on a test server, with the C collation tei requires of a server,
/// so that tests sharing one server never see each other's releases or roles.
public struct ScratchDatabase {
    /// `PREFIX_` and eight hex digits.
    public let name: String
    private let serverURL: String

    /// Creates the database on the server whose superuser URL is `serverURL`.
    public init(prefix: String, on serverURL: String) throws {
        name = prefix + "_" + UUID().uuidString.prefix(8).lowercased()
        self.serverURL = serverURL
        try PostgresConnection(url: PostgresURL(parsing: serverURL))
            .execute("CREATE DATABASE \(name) TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
    }

    /// Drops it even while clients are still connected; a tear-down step, so failures are ignored.
    public func drop() {
        guard let admin = try? PostgresConnection(url: PostgresURL(parsing: serverURL)) else { return }
        try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
