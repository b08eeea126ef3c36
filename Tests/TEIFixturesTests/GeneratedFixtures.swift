import Foundation
import TEIFixtures

/// The committed fixture set, generated once per test run because several tests read it.
enum GeneratedFixtures {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    private static let generated = Result { try FixtureGenerator().committedFiles() }

    static func files() throws -> [FixtureFile] {
        try generated.get()
    }

    static func data(_ path: String) throws -> Data {
        guard let file = try files().first(where: { $0.path == path }) else {
            throw Missing(description: "no generated fixture named \(path)")
        }
        return file.data
    }

    static func table(_ path: String) throws -> (header: [String], rows: [[String: String]]) {
        try RFC4180Reader.table(data(path))
    }

    static let tweetSpecs: [ReleaseSpec] = [.freedonia201810, .freedonia201901, .freedonia202012]
    static let userSpecs: [ReleaseSpec] = [.freedonia201810, .freedonia201901]
}
