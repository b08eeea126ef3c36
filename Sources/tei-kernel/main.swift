import ArgumentParser
import Foundation
import TEIEngine
import TEIKernel
import TEIPostgres
import TEIREPL
import TEIStorage

/// `tei-kernel`, which `tei kernel` runs: tei as a Jupyter kernel, and the kernelspec that names
/// it. A program of its own so that only the kernel needs libzmq.
@main
struct TeiKernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tei kernel",
        abstract: "Runs tei as a Jupyter kernel, or installs the kernelspec that lets Jupyter start it.",
        discussion: "Needs libzmq (Debian: libzmq5). Jupyter runs `tei kernel --connection-file FILE` itself once the kernelspec is installed.",
        subcommands: [Serve.self, Install.self],
        defaultSubcommand: Serve.self
    )

    /// Parses the command line; a usage error exits with status 2, as for tei.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success { TeiKernel.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// `tei kernel --connection-file FILE`: serves Jupyter's channels until it is shut down.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serves the channels of a connection file (what Jupyter runs).")

    @Option(help: ArgumentHelp("The connection file Jupyter wrote: ports, transport and signing key.", valueName: "file"))
    var connectionFile: String

    @Option(help: ArgumentHelp("The most rows a table shows; the rest are counted (as tei's --max-rows).", valueName: "n"))
    var maxRows = 100

    func validate() throws {
        guard maxRows > 0 else { throw ValidationError("--max-rows needs a positive number") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var options = SessionOptions(cacheDirectory: TableStore.defaultCacheDirectory(environment: environment))
        options.libraryDirectories = StandardLibrary.directories(environment: environment)
        let server: KernelServer
        do {
            // A server that TEI_DATABASE_URL names, as for `tei`: connected to first, never replaced by the local cache.
            let database = environment["TEI_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            let backend = try database.map { try PostgresBackend.connecting(to: try PostgresURL(parsing: $0)) }
            server = try KernelServer(connection: try ConnectionInfo(contentsOf: URL(fileURLWithPath: connectionFile)),
                                      options: options, maxRows: maxRows, backend: backend)
        } catch {
            FileHandle.standardError.write(Data("tei-kernel: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        // Ctrl-C (Jupyter's other way to interrupt) stops the running cell; SIGTERM and SIGHUP stop the kernel.
        let signals = InterruptForwarder { signal in
            if signal == SIGINT { server.interrupt() } else { server.requestStop() }
        }
        server.run()
        signals?.cancel()
    }
}

/// `tei kernel install`: writes the kernelspec.
struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Installs the kernelspec, so `jupyter kernelspec list` shows tei.",
        discussion: "Without options it goes in your Jupyter data folder (as --user)."
    )

    @Flag(help: "Installs into your Jupyter data folder (~/.local/share/jupyter, or JUPYTER_DATA_DIR).")
    var user = false

    @Option(help: ArgumentHelp("Installs into PREFIX/share/jupyter instead (a virtual environment's folder, say).", valueName: "prefix"))
    var prefix: String?

    func validate() throws {
        if user, prefix != nil { throw ValidationError("--user and --prefix name different places; give one") }
    }

    func run() throws {
        // The spec starts the `tei` beside this program, which runs it again as `tei kernel`.
        let tei = StandardLibrary.executable.deletingLastPathComponent().appendingPathComponent("tei")
        do {
            let folder = try KernelSpec(teiExecutable: tei).install(at: prefix.map { .prefix($0) } ?? .user)
            FileHandle.standardError.write(Data("installed the tei kernelspec in \(folder.path)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
