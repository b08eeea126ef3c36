import TEIStorage

/// tei's SQL functions on a PostgreSQL server: every function tei registers on SQLite
/// (`tei_add` … `tei_join_text`, and the `regexp` and `median` that tei's SQLite dialect calls),
/// with the same names, arguments and answers, in schema `tei` (`tei.tei_lower(x)`). See
/// `PostgresFunctionsSQL` for each function, and docs/postgres.md ("Functions and where the
/// engines differ") for what tei does where the two engines differ.
public enum PostgresFunctions {
    /// The version of the functions this tei installs; raised whenever their SQL changes, so that
    /// a server with older functions gets these, and an older tei does not replace newer ones.
    public static let version = 2

    /// The advisory lock that keeps two clients from installing at once (`tei` in ASCII).
    static let lockKey: Int64 = 0x7465_6900

    /// Makes schema `tei` and the functions in it, unless the server has this version already:
    /// in one transaction (all or nothing), under an advisory lock. Needs the ICU collation
    /// `und-x-icu` (Debian's and most builds of PostgreSQL have ICU), which case mapping and
    /// regular expressions use for text outside ASCII.
    public static func install(on connection: PostgresConnection) throws {
        try connection.execute("BEGIN")
        do {
            try installInTransaction(on: connection)
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private static func installInTransaction(on connection: PostgresConnection) throws {
        try connection.run("SELECT pg_advisory_xact_lock($1)", [.integer(lockKey)])
        try connection.execute("""
            CREATE SCHEMA IF NOT EXISTS tei;
            CREATE TABLE IF NOT EXISTS tei.function_version (version integer NOT NULL)
            """)
        let installed = try connection.query("SELECT max(version) FROM tei.function_version")
        if case .integer(let found)? = installed.first?.first {
            if found == Int64(version) { return }
            if found > Int64(version) {
                throw PostgresError(kind: .usage, message: "the server's tei functions are version \(found), newer than this tei's (\(version)); use a newer tei",
                                    server: connection.url.redacted)
            }
        }
        let icu = try connection.query("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
        guard !icu.isEmpty else {
            throw PostgresError(kind: .usage, message: "this PostgreSQL was built without ICU (it has no collation \"und-x-icu\"), which tei's functions need for text outside ASCII",
                                server: connection.url.redacted)
        }
        for statement in PostgresFunctionsSQL.statements {
            try connection.execute(statement)
        }
        try connection.execute("DELETE FROM tei.function_version")
        try connection.run("INSERT INTO tei.function_version (version) VALUES ($1)", [.integer(Int64(version))])
    }
}
