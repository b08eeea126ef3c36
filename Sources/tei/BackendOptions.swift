import ArgumentParser
import Foundation
import TEIPostgres
import TEIStorage

/// `--db URL` and `--cache-dir DIR`: where tables live, on a PostgreSQL server or in the local
/// SQLite cache. Shared by every way of running tei code and by `tei status`.
struct BackendOptions: ParsableArguments {
    /// The options below that take a value (see `Tei.scriptShorthand`).
    static let optionsTakingValues: Set<String> = ["--db", "--cache-dir"]
    /// The environment variable that names a server when `--db` does not.
    static let environmentVariable = "TEI_DATABASE_URL"

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "A PostgreSQL server to use instead of the local SQLite cache (default: $TEI_DATABASE_URL): postgres://user:password@host:port/database, or ?host=/socket/folder. Running scripts on it is not available yet.",
        valueName: "url"))
    var database: String?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where imported tables are cached (default: $TEI_CACHE_DIR, else $XDG_CACHE_HOME/tei or ~/.cache/tei).", valueName: "dir"))
    var cacheDirectory: String?

    func validate() throws {
        _ = try server()
    }

    /// The server `--db` or `TEI_DATABASE_URL` names (an empty value names none), or nil for the
    /// local SQLite cache. A value that is not a PostgreSQL URL is a usage error that never quotes it.
    func server(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresURL? {
        let (text, origin) = database.map { ($0, "--db") }
            ?? (environment[Self.environmentVariable] ?? "", Self.environmentVariable)
        guard !text.isEmpty else { return nil }
        do {
            return try PostgresURL(parsing: text)
        } catch let error as PostgresURLError {
            throw ValidationError("\(origin): \(error)")
        }
    }

    /// Nil when tei code runs on the local cache; otherwise the exit status of refusing to run it
    /// on the server (`ServerConnection.refuseToRun`), never a silent run on the local cache.
    func refusalOnServer() -> Int32? {
        do {
            guard let server = try server() else { return nil }
            return ServerConnection.refuseToRun(on: server)
        } catch {
            Console.standardError("error: \(error)")
            return 2
        }
    }

    /// The local cache folder: `--cache-dir`, else the default for `environment`.
    func cacheFolder(environment: [String: String]) -> URL {
        cacheDirectory.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
            ?? TableStore.defaultCacheDirectory(environment: environment)
    }
}

/// What tei says and does when a command names a PostgreSQL server.
enum ServerConnection {
    /// Connects to `url`, so that a wrong password or a server that is down is reported as such,
    /// then refuses to run: the SQL dialect for PostgreSQL is not built yet, and running the
    /// script on the local cache instead would answer a question the user did not ask.
    static func refuseToRun(on url: PostgresURL) -> Int32 {
        guard let version = connect(to: url) else { return 1 }
        Console.standardError("""
            error: running tei code on PostgreSQL is not available yet; nothing was run (PostgreSQL \(version) at \(url.redacted) answered)
            hint: what works now: without --db and \(BackendOptions.environmentVariable), tei runs on the local SQLite cache; `tei status --db URL` checks a server's connection
            """)
        return 1
    }

    /// The server's version, or nil after reporting why it cannot be reached.
    static func connect(to url: PostgresURL) -> String? {
        do {
            return try PostgresConnection(url: url).serverVersion
        } catch let error as PostgresError {
            Console.standardError("error: \(error)" + (error.hint.map { "\nhint: \($0)" } ?? ""))
            return nil
        } catch {
            Console.standardError("error: cannot connect to PostgreSQL at \(url.redacted)")
            return nil
        }
    }
}
