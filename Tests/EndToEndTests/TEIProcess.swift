import Foundation
import TEIFixtures
import XCTest

/// A `tei` process started at once and waited for with a deadline, so a hung run fails the test
/// instead of hanging the suite. Runs the built `tei` (or `executable`) from the repository root (or
/// `workingDirectory`) with a private cache folder, no colour, 80 columns and `input` (or nothing)
/// on its standard input.
final class TEIProcess {
    /// When the process was started and when it ended (nil while it runs).
    let started: Date
    var ended: Date? { state.withLock { $0.ended } }

    private let process = Process()
    private let group = DispatchGroup()
    private let state = Locked(Captured())

    private struct Captured {
        var standardOutput = Data()
        var standardError = Data()
        /// When each piece of standard output arrived, and how long the output was then.
        var standardOutputArrivals: [(at: Date, length: Int)] = []
        var ended: Date?
    }

    init(_ arguments: [String], cacheDirectory: URL, input: String? = nil, environment extra: [String: String] = [:],
         executable: URL = TEIBinary.executable, workingDirectory: URL = TEIBinary.repositoryRoot) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        var environment = ProcessInfo.processInfo.environment
        environment["TEI_CACHE_DIR"] = cacheDirectory.path
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "80"
        environment.removeValue(forKey: "LINES")
        // A server named in the developer's environment must not turn every test into a PostgreSQL run.
        environment.removeValue(forKey: "TEI_DATABASE_URL")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
        group.enter()
        process.terminationHandler = { [state, group] _ in
            state.withLock { $0.ended = Date() }
            group.leave()
        }
        started = Date()
        try process.run()
        if let input {
            standardInput.fileHandleForWriting.write(Data(input.utf8))
            try standardInput.fileHandleForWriting.close()
        }
        // Read both pipes as the process writes them, so a large output cannot block it and a
        // test can see what was printed when.
        for (pipe, isError) in [(output, false), (error, true)] {
            group.enter()
            DispatchQueue.global().async { [state, group] in
                while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
                    let arrived = Date()
                    state.withLock { captured in
                        if isError {
                            captured.standardError.append(data)
                        } else {
                            captured.standardOutput.append(data)
                            captured.standardOutputArrivals.append((arrived, captured.standardOutput.count))
                        }
                    }
                }
                group.leave()
            }
        }
    }

    /// Standard output as printed so far.
    var standardOutputSoFar: String {
        state.withLock { String(decoding: $0.standardOutput, as: UTF8.self) }
    }

    /// When standard output first held `text` (nil if it never has so far).
    func whenStandardOutputFirstHeld(_ text: String) -> Date? {
        state.withLock { captured in
            captured.standardOutputArrivals.first { arrival in
                String(decoding: captured.standardOutput.prefix(arrival.length), as: UTF8.self).contains(text)
            }?.at
        }
    }

    /// Sends `signal` (SIGINT for Ctrl-C, SIGKILL for a crash) to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// What the process printed and its status; nil (after killing it) if it has not ended by `deadline`.
    func wait(until deadline: Date) -> TEIBinary.Result? {
        if group.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = group.wait(timeout: .now() + 5)
            return nil
        }
        return state.withLock { captured in
            TEIBinary.Result(status: process.terminationStatus,
                             standardOutput: String(decoding: captured.standardOutput, as: UTF8.self),
                             standardError: String(decoding: captured.standardError, as: UTF8.self))
        }
    }

    /// Runs `tei` to its end, giving up (failing the test) after `timeout` seconds.
    static func run(_ arguments: [String], cacheDirectory: URL, input: String? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 60, executable: URL = TEIBinary.executable,
                    workingDirectory: URL = TEIBinary.repositoryRoot) throws -> TEIBinary.Result {
        let process = try TEIProcess(arguments, cacheDirectory: cacheDirectory, input: input, environment: environment,
                                     executable: executable, workingDirectory: workingDirectory)
        return try XCTUnwrap(process.wait(until: Date().addingTimeInterval(timeout)), "tei did not finish within \(timeout) s")
    }

    /// A new empty folder for one test's sources and cache.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tei-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a synthetic 2019-layout tweets file of `rows` rows.
    static func writeTweets(rows: Int, to url: URL) throws {
        let sink = try FileSink(url: url)
        try FixtureGenerator(seed: 7).writeTweets(of: try ReleaseSpec.stream(rows: rows, format: .format2019), to: sink)
        try sink.close()
    }
}

/// A value shared between threads, read and written only under its lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
