import ArgumentParser
import Foundation
import TEIEngine
import TEIPostgres
import TEIPostgresStore
import TEIStorage

/// `--db URL` and `--cache-dir DIR`: where tables live, on a PostgreSQL server or in the local
/// SQLite cache. Shared by every way of running tei code and by `tei status`.
struct BackendOptions: ParsableArguments {
    /// The options below that take a value (see `Tei.scriptShorthand`).
    static let optionsTakingValues: Set<String> = ["--db", "--cache-dir"]
    /// The environment variable that names a server when `--db` does not.
    static let environmentVariable = "TEI_DATABASE_URL"

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "A PostgreSQL server to use instead of the local SQLite cache (default: $TEI_DATABASE_URL): postgres://user:password@host:port/database, or ?host=/socket/folder.",
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

    /// A session whose queries run where these options say: on the local SQLite cache, or on the
    /// server `--db` or `TEI_DATABASE_URL` names, connected to first, so that a wrong password or
    /// a server that is down is reported before anything runs (and never answered from the local
    /// cache instead). `.failure` holds the exit status, after the reason was reported.
    func startSession(_ options: SessionOptions) -> Result<Session, ExitCode> {
        let server: PostgresURL?
        do {
            server = try self.server()
        } catch {
            Console.standardError("error: \(error)")
            return .failure(ExitCode(2))
        }
        do {
            return .success(try Session(options: options, backend: try server.map(PostgresBackend.connecting)))
        } catch let error as PostgresError {
            ServerConnection.report(error)
        } catch let failure as QueryFailure {
            Console.standardError("error: \(failure.message)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
        } catch {
            Console.standardError("error: cannot start a session: \(error)")
        }
        return .failure(ExitCode(1))
    }

    /// The local cache folder: `--cache-dir`, else the default for `environment`.
    func cacheFolder(environment: [String: String]) -> URL {
        cacheDirectory.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
            ?? TableStore.defaultCacheDirectory(environment: environment)
    }
}

/// What tei says when a command names a PostgreSQL server.
enum ServerConnection {
    /// A connection to `url`, or nil after reporting why it cannot be reached.
    static func connect(to url: PostgresURL) -> PostgresConnection? {
        do {
            return try PostgresConnection(url: url)
        } catch let error as PostgresError {
            report(error)
        } catch {
            Console.standardError("error: cannot connect to PostgreSQL at \(url.redacted)")
        }
        return nil
    }

    /// Reports a connection's error (which names the server by its redacted URL) and its hint.
    static func report(_ error: PostgresError) {
        Console.standardError("error: \(error)" + (error.hint.map { "\nhint: \($0)" } ?? ""))
    }
}
