import Foundation

/// Runs the programs the build made (and the test venv's Python) as a user would.
enum BuiltProgram {
    /// The built `tei`, beside this test bundle (and `tei-kernel` beside it).
    static var tei: URL {
        let bundle = Bundle(for: KernelClientTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("tei") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `program` in `folder` with `environment` added; its exit status and everything it
    /// printed (both streams), or nil when it is not there or ran past `timeout` seconds.
    static func run(_ program: URL, _ arguments: [String], in folder: URL, timeout: TimeInterval = 60,
                    environment extra: [String: String] = [:]) throws -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: program.path) else { return nil }
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tei-kernel-client-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        try handle.close()
        let output = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, output)
    }
}
