import Foundation
import TEIPostgres
import TEIStorage

/// The login roles of students: members of the group `tei_reader`, which may read every release
/// and the catalogue and call tei's functions (installed first, `PostgresFunctions`), and may
/// write, create or drop nothing.
///
/// Every import grants the group read access to its new schema once the group exists, and
/// `grant` grants it on every release imported before, so a role made before or after an import
/// reads it either way. Nothing is granted beyond USAGE and SELECT (and EXECUTE on the `tei`
/// schema's functions, which PostgreSQL grants everyone by default); owning nothing, the role can
/// drop nothing, and PostgreSQL 15 lets nobody but owners create in the `public` schema.
public enum ReadOnlyRole {
    /// The group role holding the read rights.
    public static let group = "tei_reader"

    /// Creates the login role `role` (or updates it: login, a member of the group, the password
    /// when one is given) and grants the group read access to the catalogue and every release.
    /// The password is sent already hashed (SCRAM-SHA-256, computed by libpq), so it appears in no
    /// statement nor server log. One transaction.
    public static func grant(role: String, password: String?, on connection: PostgresConnection) throws {
        let catalogue = ReleaseCatalogue(connection: connection)
        try PostgresFunctions.install(on: connection)
        try connection.execute("BEGIN")
        do {
            if try !catalogue.exists() { try catalogue.create() }
            if try !groupExists(on: connection) {
                try connection.execute("CREATE ROLE \(quote(group)) NOLOGIN")
            }
            let exists = try !connection.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [.text(role)]).isEmpty
            try connection.execute("\(exists ? "ALTER" : "CREATE") ROLE \(quote(role)) LOGIN INHERIT NOCREATEDB NOCREATEROLE")
            try connection.execute("GRANT \(quote(group)) TO \(quote(role))")
            if let password {
                let hashed = try connection.encryptPassword(password, role: role)
                try connection.execute("ALTER ROLE \(quote(role)) PASSWORD \(literal(hashed))")
            }
            let tei = quote(ReleaseCatalogue.schema)
            try connection.execute("""
                GRANT USAGE ON SCHEMA \(tei) TO \(quote(group));
                GRANT SELECT ON ALL TABLES IN SCHEMA \(tei) TO \(quote(group));
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA \(tei) TO \(quote(group))
                """)
            for schema in Set(try catalogue.all().map(\.schema)) {
                try grantRead(schema: schema, on: connection)
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Whether the group exists on the server.
    static func groupExists(on connection: PostgresConnection) throws -> Bool {
        try !connection.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [.text(group)]).isEmpty
    }

    /// Lets the group read the tables and views of `schema`.
    static func grantRead(schema: String, on connection: PostgresConnection) throws {
        try connection.execute("""
            GRANT USAGE ON SCHEMA \(quote(schema)) TO \(quote(group));
            GRANT SELECT ON ALL TABLES IN SCHEMA \(quote(schema)) TO \(quote(group))
            """)
    }

    private static func quote(_ identifier: String) -> String { Database.quote(identifier: identifier) }

    /// A string literal (standard_conforming_strings, on since PostgreSQL 9.1: only quotes double).
    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
