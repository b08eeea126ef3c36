import ArgumentParser
import Foundation
import TEIEngine

/// `tei kernel …`: runs `tei-kernel`, installed beside tei, which speaks Jupyter's protocol over
/// ZeroMQ. A separate program keeps libzmq a requirement of the kernel only.
struct Kernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs tei as a Jupyter kernel (`tei kernel install` writes its kernelspec).",
        discussion: "Runs tei-kernel, installed beside tei by ./dev install; it needs libzmq (Debian: libzmq5). `tei kernel --help` lists its options."
    )

    @Argument(parsing: .captureForPassthrough, help: "The arguments of tei-kernel: --connection-file FILE, or install [--user | --prefix P].")
    var arguments: [String] = []

    func run() throws {
        let program = StandardLibrary.executable.deletingLastPathComponent().appendingPathComponent("tei-kernel")
        let argv = [program.path] + arguments
        let cArguments = argv.map { strdup($0) } + [nil]
        execv(program.path, cArguments)
        // execv returns only when it failed.
        let reason = errno == ENOENT ? "it is not installed there (./dev install installs it beside tei)" : String(cString: strerror(errno))
        FileHandle.standardError.write(Data("error: cannot run \(program.path): \(reason)\n".utf8))
        throw ExitCode(1)
    }
}
