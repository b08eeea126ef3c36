import Foundation
import XCTest

/// Runs the built `tei` command as a user would and captures what it prints.
struct TEIBinary {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The repository's root folder.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `tei` executable built beside the test bundle.
    static var executable: URL {
        // On Linux the bundle is the build folder itself; elsewhere the .xctest bundle inside it.
        let bundle = Bundle(for: GoldenTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("tei") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// A private cache folder per test run, so tests never share or touch the user's cache.
    static let cacheDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tei-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs `tei` with `arguments` from the repository root, feeding `input` to its standard input;
    /// `environment` adds to (or overrides, e.g. `TEI_CACHE_DIR`) the usual test environment.
    static func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        try TEIProcess.run(arguments, cacheDirectory: cacheDirectory, input: input, environment: extra, timeout: 300)
    }
}
