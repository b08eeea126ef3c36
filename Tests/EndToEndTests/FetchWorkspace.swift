import Foundation
import TEIStorage
import XCTest

/// A scratch folder for one `tei fetch` test, with what its assertions read: files, partial files,
/// the record, digests.
final class FetchWorkspace {
    let root: URL

    init() throws {
        root = try TEIProcess.scratchFolder()
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    func fetch(_ arguments: [String], environment: [String: String] = [:]) throws -> TEIBinary.Result {
        try TEIBinary.run(["fetch"] + arguments, environment: environment)
    }

    func contents(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(name)).map { [UInt8]($0) }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// The names in `folder` that tei fetch leaves only while a download or an unpacking is unfinished.
    func unfinished(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(folder))
            .filter { $0.hasSuffix(".tei-fetch-partial") || $0.contains(".tei-unpack-") }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        var digest = SHA256()
        bytes.withUnsafeBytes { digest.update($0) }
        return digest.finalizeHex()
    }
}
