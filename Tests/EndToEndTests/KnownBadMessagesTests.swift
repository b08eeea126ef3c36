import Foundation
import XCTest

/// The files of `Tests/KnownBad/`: known bad inputs, each with the exact message it must get
/// through `tei` (see the format at the top of each file).
final class KnownBadMessagesTests: XCTestCase {
    static let folder = TEIBinary.repositoryRoot.appendingPathComponent("Tests/KnownBad")

    /// One known bad input and the standard error it must produce.
    struct Entry {
        var code: String
        var message: String
    }

    /// The comment lines before the first entry, and the entries.
    static func parse(_ text: String) -> (header: [String], entries: [Entry]) {
        var header: [String] = []
        var entries: [Entry] = []
        var lines: [String] = []
        func finish() {
            if !lines.isEmpty { entries[entries.count - 1].message = lines.joined(separator: "\n") + "\n" }
            lines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("> ") {
                finish()
                entries.append(Entry(code: String(line.dropFirst(2)), message: ""))
            } else if entries.isEmpty {
                header.append(line)
            } else if line.isEmpty {
                finish()
            } else if !(lines.isEmpty && line.hasPrefix("#")) {
                lines.append(line)
            }
        }
        finish()
        return (header, entries)
    }

    static func render(header: [String], entries: [Entry]) -> String {
        let body = entries.map { "> \($0.code)\n\($0.message)" }.joined(separator: "\n")
        let comments = header.reversed().drop(while: \.isEmpty).reversed()
        return comments.joined(separator: "\n") + "\n\n" + body
    }

    func testEveryKnownBadInputGetsItsMessage() throws {
        let recording = ProcessInfo.processInfo.environment["TEI_RECORD"] == "1"
        let files = try FileManager.default.contentsOfDirectory(at: Self.folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
        XCTAssertFalse(files.isEmpty, "Tests/KnownBad should hold entries")
        for file in files {
            var (header, entries) = Self.parse(try String(contentsOf: file, encoding: .utf8))
            XCTAssertFalse(entries.isEmpty, "\(file.lastPathComponent) has no entries")
            for (index, entry) in entries.enumerated() {
                let result = try TEIBinary.run(["-c", entry.code])
                XCTAssertEqual(result.status, 1, "\(entry.code): a known bad input must fail")
                XCTAssertEqual(result.standardOutput, "", entry.code)
                if recording {
                    entries[index].message = result.standardError
                } else {
                    XCTAssertEqual(result.standardError, entry.message, "\(file.lastPathComponent): \(entry.code)")
                }
            }
            if recording {
                try Self.render(header: header, entries: entries).write(to: file, atomically: true, encoding: .utf8)
            }
        }
    }
}
