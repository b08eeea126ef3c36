import ArgumentParser
import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIREPL
import TEIRender
import TEIStorage

/// `tei admin`: what whoever manages a shared PostgreSQL server does once for a class or a lab.
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manages releases on a PostgreSQL server: import them once, list them, let students read them, spread them over shards.",
        discussion: """
        Every subcommand needs a server: --db URL, or $\(BackendOptions.environmentVariable).
        Exit status: 0 success, 1 an error (a file that cannot be imported, a server that fails or refuses), 2 a usage error.
        """,
        subcommands: [AdminImport.self, AdminList.self, AdminGrantRead.self, AdminShards.self]
    )

    /// The server `--db` or the environment names; none is a usage error.
    static func server(_ backend: BackendOptions) throws -> PostgresURL {
        guard let server = try backend.server() else {
            throw ValidationError("tei admin needs a PostgreSQL server: --db URL, or \(BackendOptions.environmentVariable)")
        }
        return server
    }

    /// A connection to `server`, or exit 1 after saying why there is none.
    static func connect(_ server: PostgresURL) throws -> PostgresConnection {
        do {
            return try PostgresConnection(url: server)
        } catch let error as PostgresError {
            report(error)
            throw ExitCode(1)
        }
    }

    /// The releases on the server the options name, over a connection of their own.
    static func store(_ backend: BackendOptions) throws -> PostgresStore {
        try PostgresStore(connection: connect(server(backend)),
                          cacheDirectory: backend.cacheFolder(environment: ProcessInfo.processInfo.environment))
    }

    static func report(_ error: PostgresError) {
        Console.standardError("error: \(error)" + (error.hint.map { "\nhint: \($0)" } ?? ""))
    }

    static func report(_ error: LoadError) {
        Console.standardError("error: \(error)" + (error.hint.map { "\nhint: \($0)" } ?? ""))
    }
}

/// `tei admin import FILE… --db URL`: each file imported onto the server once.
struct AdminImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Imports releases onto the server once (a file already there, under any name, is not copied again).",
        discussion: """
        Each FILE (a CSV, .csv.gz, .zip or folder, as `load` takes it) is imported into the local cache, then \
        copied to the server in one transaction and recorded in its catalogue under its file name and SHA-256. \
        Progress goes to standard error, a line per release to standard output.
        """
    )

    @Argument(help: ArgumentHelp("The files or folders to import.", valueName: "file"))
    var files: [String]

    @OptionGroup var backend: BackendOptions

    func validate() throws {
        _ = try Admin.server(backend)
    }

    func run() throws {
        let store = try Admin.store(backend)
        let forwarder = InterruptForwarder { _ in store.interruptImport() }
        defer { forwarder?.cancel() }
        var failed = false
        for file in files {
            let path = URL(fileURLWithPath: (file as NSString).expandingTildeInPath).standardizedFileURL.path
            // On a terminal a line clears the progress bar first, which redraws below it.
            let clear = TerminalProgressBar.standardErrorIsTerminal ? "\r\u{1B}[K" : ""
            store.stepHandler = { step in Self.describe(step).map { Console.standardError("\(clear)\(file): \($0)") } }
            do {
                // A file that is not here is an error, not a name to look up in the catalogue.
                _ = try TableStore.sourceFiles(for: path)
                let table = try store.load(path: path, options: LoadOptions(showsProgress: true))
                let rows = table.sources.reduce(0) { $0 + $1.rows }
                let schema = PostgresStore.releaseSchema(of: table)
                print("\(file): \(table.imported ? "imported" : "already on the server") as \(schema) (\(rows) rows, \(table.kind.rawValue))")
                for warning in table.warnings { Console.standardError("warning: \(file): \(warning)") }
            } catch let error as LoadError where error.isInterruption {
                Console.standardError("interrupted: \(file) was not imported; the server keeps nothing of it")
                throw ExitCode(128 + (forwarder?.endingSignal ?? SIGINT))
            } catch let error as LoadError {
                Admin.report(error)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// A step as a line of progress, or nil for one not worth a line: a table's copy is told every
    /// million rows and at its end.
    static func describe(_ step: PostgresStore.Step) -> String? {
        switch step {
        case .digesting: return "computing its SHA-256"
        case .importing: return "importing into the local cache (unless it is cached there)"
        case .copying(let table, let rows): return rows % 1_000_000 == 0 ? "copying \(table): \(rows) rows so far" : nil
        case .copied(let table, let rows): return "copied \(table): \(rows) rows"
        case .indexing: return "building the keys and indexes"
        case .distributing(let shards): return "spreading its tweets over \(shards) shards by account"
        case .analyzing: return "gathering statistics"
        }
    }
}

/// `tei admin list --db URL`: the server's catalogue.
struct AdminList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the releases on the server: name, rows, kind, when imported, SHA-256, schema, load options."
    )

    @OptionGroup var backend: BackendOptions

    func validate() throws {
        _ = try Admin.server(backend)
    }

    func run() throws {
        let store = try Admin.store(backend)
        let releases: [CatalogueEntry]
        do {
            releases = try store.releases()
        } catch let error as PostgresError {
            Admin.report(error)
            throw ExitCode(1)
        } catch let error as LoadError {
            Admin.report(error)
            throw ExitCode(1)
        }
        let table = ResultTable(
            columns: [Column("name", .text), Column("rows", .int), Column("kind", .text), Column("imported_utc", .text),
                      Column("sha256", .text), Column("schema", .text), Column("options", .text)],
            rows: releases.map { release in
                [.text(release.name), .int(release.rows), .text(release.kind.rawValue), .text(release.importedAt),
                 .text(release.sha256), .text(release.schema), release.variant.isEmpty ? .null : .text(release.variant)]
            })
        print(TextTableRenderer(terminal: TerminalInfo.detect(for: STDOUT_FILENO)).render(table))
    }
}

/// `tei admin grant-read ROLE --db URL`: a login role for students that reads and writes nothing.
struct AdminGrantRead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant-read",
        abstract: "Creates or updates a login role that can read every release on the server and write nothing.",
        discussion: """
        The role joins the group \(ReadOnlyRole.group), which every release imported before or after may be read by. \
        Its password, when given, is read from a file's first line (- for standard input), hashed by libpq and never printed.
        """
    )

    @Argument(help: ArgumentHelp("The role (user name) students connect as.", valueName: "role"))
    var role: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("A file whose first line is the role's new password (- reads standard input).",
                                                                    valueName: "file"))
    var passwordFile: String?

    @OptionGroup var backend: BackendOptions

    func validate() throws {
        _ = try Admin.server(backend)
        guard !role.isEmpty, role.utf8.count <= 63 else {
            throw ValidationError("the role's name must be 1 to 63 bytes long")
        }
    }

    func run() throws {
        let server = try Admin.server(backend)
        let password = try readPassword()
        let connection = try Admin.connect(server)
        do {
            try ReadOnlyRole.grant(role: role, password: password, on: connection)
        } catch let error as PostgresError {
            Admin.report(error)
            throw ExitCode(1)
        } catch let error as LoadError {
            Admin.report(error)
            throw ExitCode(1)
        }
        print("role \(role) can log in and read every release on \(server.redacted)\(password == nil ? " (its password is unchanged)" : "")")
    }

    /// The first line of `--password-file`, or nil when it is not given.
    private func readPassword() throws -> String? {
        guard let passwordFile else { return nil }
        let data: Data?
        if passwordFile == "-" {
            data = try? FileHandle.standardInput.readToEnd()
        } else {
            data = FileManager.default.contents(atPath: (passwordFile as NSString).expandingTildeInPath)
        }
        guard let data else {
            throw ValidationError("--password-file: cannot read \(passwordFile)")
        }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        guard !password.isEmpty else { throw ValidationError("--password-file: the first line (the password) is empty") }
        return password
    }
}
