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

    /// Serves `files` (path → bytes; `BUCKET/NAME` for the objects of a bucket listing), injecting
    /// the faults `rules` gives (see fetch_server.py).
    init(files: [String: [UInt8]], rules: [String: [String: Any]] = [:]) throws {
        guard let python = Self.python else { throw XCTSkip("python3 is not installed") }
        folder = try TEIProcess.scratchFolder()
        for (name, bytes) in files {
            try Self.write(bytes, as: name, in: folder)
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

    /// The server's address: what `--listing-url` and `--download-url` take to list its buckets.
    var address: String { "http://127.0.0.1:\(port)" }

    /// Replaces (or adds) a served file, with a new modification time, hence a new ETag.
    func write(_ bytes: [UInt8], as name: String) throws {
        try Self.write(bytes, as: name, in: folder)
    }

    private static func write(_ bytes: [UInt8], as name: String, in folder: URL) throws {
        let file = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// The body bytes of files the server has sent so far.
    func bytesSent() throws -> Int {
        let data = try Data(contentsOf: URL(string: url("_bytes"))!)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) as? Int)
    }

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

    /// The bytes of a zip archive made by Python's zipfile (written apart from tei's reader), of
    /// `entries` in order: a file with `bytes`, a folder when the name ends in `/`, or a symbolic link
    /// to `link`. Names are written as given, `../evil` included.
    static func zip(_ entries: [(name: String, bytes: [UInt8]?, link: String?)]) throws -> [UInt8] {
        guard let python else { throw XCTSkip("python3 is not installed") }
        let script = """
        import io, json, sys, zipfile
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data, link in json.load(sys.stdin):
                info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
                if link is not None:
                    info.create_system = 3
                    info.external_attr = 0o120777 << 16
                    archive.writestr(info, link)
                elif name.endswith("/"):
                    info.external_attr = 0o40755 << 16 | 0x10
                    archive.writestr(info, b"")
                else:
                    info.external_attr = 0o100644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, bytes(data))
        sys.stdout.buffer.write(out.getvalue())
        """
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let json: [[Any]] = entries.map { entry in
            [entry.name, entry.bytes.map { $0.map(Int.init) as Any } ?? NSNull(), entry.link.map { $0 as Any } ?? NSNull()]
        }
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: json))
        try input.fileHandleForWriting.close()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python could not make the zip")
        return [UInt8](bytes)
    }

    private static var python: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
