import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking  // for `Data(contentsOf:)` of the server's request counts
#endif
import XCTest

/// The local HTTP server of the `tei fetch` tests (Tests/FetchServer/fetch_server.py) on 127.0.0.1,
/// on a port the system chooses: Range requests, injected faults, counted requests. No test of
/// `tei fetch` touches the internet.
final class FetchServer {
    /// The folder of served files.
    let folder: URL
    let port: Int
    private let process: Process

    /// Serves `files` (name → bytes), injecting the faults `rules` gives (see fetch_server.py).
    init(files: [String: [UInt8]], rules: [String: [String: Int]] = [:]) throws {
        guard let python = Self.python else { throw XCTSkip("python3 is not installed") }
        folder = try TEIProcess.scratchFolder()
        for (name, bytes) in files {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        let rulesFile = folder.appendingPathComponent("rules.json")
        try JSONSerialization.data(withJSONObject: rules).write(to: rulesFile)
        process = Process()
        process.executableURL = python
        let script = TEIBinary.repositoryRoot.appendingPathComponent("Tests/FetchServer/fetch_server.py")
        process.arguments = [script.path, folder.path, rulesFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            guard !more.isEmpty else { break }
            line.append(more)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            process.terminate()
            throw XCTSkip("the local HTTP server did not start: \(text)")
        }
        self.port = port
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    /// The GET requests served so far, per file name.
    func requests() throws -> [String: Int] {
        let data = try Data(contentsOf: URL(string: url("_requests"))!)
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Int])
        return Dictionary(uniqueKeysWithValues: counts.map { (String($0.key.dropFirst()), $0.value) })
    }

    /// `count` bytes that differ from file to file (a small linear congruential generator).
    static func bytes(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed &* 2_654_435_761 &+ 1
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    private static var python: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
