import Foundation
import XCTest

/// A private PostgreSQL 15 server for one test run, started by `Tests/Postgres/pg.sh` (initdb into
/// a folder under /tmp, a Unix socket only, as the `postgres` user when the tests run as root).
/// A watchdog of the script stops it when the test process ends, however it ends; `stop()` stops
/// it sooner.
///
/// Without PostgreSQL installed the tests that need a server are skipped, unless
/// `TEI_REQUIRE_POSTGRES=1` (which `./dev test`, and so CI, sets): then they fail.
public final class TestPostgresServer: @unchecked Sendable {
    /// The server's folder, the handle pg.sh takes.
    public let folder: String
    /// The server's URL, with the superuser `tei` and its password.
    public let url: String

    /// The server the tests of one process share; started by the first test that asks.
    public static func shared() throws -> TestPostgresServer {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let sharedServer { return sharedServer }
        let started = try TestPostgresServer()
        sharedServer = started
        return started
    }

    private static let sharedLock = NSLock()
    private nonisolated(unsafe) static var sharedServer: TestPostgresServer?

    /// Starts a server of its own, for a test that stops it.
    public init() throws {
        try Self.requireInstalled()
        folder = try Self.script(["start", "--owner", String(ProcessInfo.processInfo.processIdentifier)])
        url = try Self.script(["url", folder])
    }

    /// Skips the test without PostgreSQL 15 installed, or fails it under `TEI_REQUIRE_POSTGRES=1`.
    public static func requireInstalled() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb") else {
            let message = "PostgreSQL 15 is not installed (Debian's postgresql-15; ./dev test installs it)"
            if ProcessInfo.processInfo.environment["TEI_REQUIRE_POSTGRES"] == "1" {
                throw TestPostgresServerError(message: message)
            }
            throw XCTSkip(message)
        }
    }

    /// The URL of this server with `database` (and the rest kept), e.g. to name one that does not exist.
    public func url(database: String) -> String {
        url.replacingOccurrences(of: "@/postgres?", with: "@/\(database)?")
    }

    /// The URL of this server with another password.
    public func url(password: String) -> String {
        guard let colon = url.range(of: "tei:"), let at = url.range(of: "@/") else { return url }
        return url.replacingCharacters(in: colon.upperBound..<at.lowerBound, with: password)
    }

    /// The password of the superuser `tei`, which no output may show.
    public var password: String {
        guard let colon = url.range(of: "tei:"), let at = url.range(of: "@/") else { return "" }
        return String(url[colon.upperBound..<at.lowerBound])
    }

    /// Stops the server (fast shutdown ends running statements with an error; `immediate` is as a
    /// crash) and removes its folder.
    public func stop(immediate: Bool = false) throws {
        _ = try Self.script(["stop", folder] + (immediate ? ["--immediate"] : []))
    }

    /// Runs pg.sh and returns what it printed, failing with what it said on error.
    @discardableResult
    public static func script(_ arguments: [String]) throws -> String {
        let run = try runScript(arguments)
        guard run.status == 0 else {
            throw TestPostgresServerError(message: "pg.sh \(arguments.first ?? "") failed (status \(run.status)): \(run.errors)")
        }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs pg.sh with `arguments` to its end: its exit status and what it printed on standard
    /// output and error. Spawned and waited for directly: Foundation's `Process.waitUntilExit` at
    /// times never saw pg.sh end (it stayed a zombie) once pg.sh had started its detached watchdog.
    public static func runScript(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-pg-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputPath = folder.appendingPathComponent("stdout").path, errorsPath = folder.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Nothing else of the test process is inherited (closed first, which also leaves the child
        // room to open its streams): the server would keep other tests' pipes open, and start short
        // of file descriptors (PostgreSQL refuses with fewer than 58 free).
        guard let closeFrom = closeFrom else {
            throw TestPostgresServerError(message: "posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or later has it)")
        }
        closeFrom(&actions, 3)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/bin/bash", scriptPath] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestPostgresServerError(message: "cannot run pg.sh: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        // The exit status as the shell gives it; 128 + the signal when a signal ended the script.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, output, errors)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not import.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// `Tests/Postgres/pg.sh` in this repository.
    static let scriptPath: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Postgres/pg.sh").path
}

/// pg.sh could not start or stop a server.
public struct TestPostgresServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
