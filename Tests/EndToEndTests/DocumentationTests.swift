import Foundation
import TEITestSupport
import XCTest

/// The documents a newcomer reads must do what they show: every fenced block of them is either run
/// through the `tei` binary and compared with the output it shows, or marked as not runnable.
///
/// A block's info string (the word after the opening fence) says which:
/// - `tei`: tei code, run as `tei -c CODE` from a scratch folder in which `Fixtures`, `docs`,
///   `Examples` and `Stdlib` are the repository's; words after `tei` are options of the run
///   (```` ```tei --ascii ````). It must succeed, and an `output` block right after
///   it (only blank lines between) must be exactly what it prints on standard output.
/// - `tei-error`: tei code that must fail with status 1; the `output` block after it is exactly what
///   it prints on standard error.
/// - `output`: what the block before it prints.
/// - `text`: shown, not run: grammar, REPL transcripts (the REPL tests drive a terminal), sample
///   messages of an imagined script.
/// - `sh`: commands to type in a shell, not run here (the install test runs the README's).
///
/// A block without one of these fails the test, so each new block is a decision. `TEI_RECORD=1`
/// rewrites the `output` blocks with what runs; read the diff before committing it.
final class DocumentationTests: XCTestCase {
    /// The documents, and the terminal width their charts were drawn at.
    static let documents: [(path: String, columns: Int)] = [
        ("README.md", 72), ("docs/language.md", 80), ("docs/plots.md", 72), ("docs/repl.md", 80),
        ("docs/reports.md", 80), ("docs/jupyter.md", 80), ("docs/postgres.md", 80), ("docs/stdlib.md", 80),
        ("Examples/README.md", 80), ("Fixtures/README.md", 80),
    ]

    static let notRun: Set = ["output", "text", "sh"]

    func testEveryBlockIsMarked() throws {
        for document in Self.documents {
            let lines = try Self.lines(of: document.path)
            for block in DocumentExamples.blocks(in: lines) where !DocumentExamples.runnable.contains(block.kind) && !Self.notRun.contains(block.info) {
                XCTFail("\(document.path):\(block.opening + 1): mark the block tei, tei-error, output, text or sh (found '\(block.info)')")
            }
            let paired = Set(DocumentExamples.examples(in: lines).compactMap { $0.output?.opening })
            for block in DocumentExamples.blocks(in: lines) where block.kind == "output" && !paired.contains(block.opening) {
                XCTFail("\(document.path):\(block.opening + 1): an output block must follow a tei or tei-error block")
            }
        }
    }

    func testEveryExampleRunsAndPrintsWhatItShows() throws {
        let (ran, differences) = try Self.runExamples(recording: Self.recording)
        for difference in differences { XCTFail(difference.message) }
        XCTAssertGreaterThan(ran, 50, "the documents should hold many runnable examples")
    }

    /// How an example's run differs from what its document shows: where, the example's code, and what differs.
    struct Difference {
        var place: String
        var code: String
        var message: String
    }

    /// Runs every example of the documents with `environment` added (`TEI_DATABASE_URL` for a
    /// server); returns how many ran and how each that differs from its document does. `recording`
    /// rewrites the output blocks instead.
    static func runExamples(environment: [String: String] = [:], recording: Bool = false) throws -> (ran: Int, differences: [Difference]) {
        let folder = try Self.scratchFolderWithRepositoryLinks()
        defer { try? FileManager.default.removeItem(at: folder) }
        var ran = 0
        var differences: [Difference] = []
        for document in Self.documents {
            var lines = try Self.lines(of: document.path)
            // From the end, so that rewriting an output block leaves the earlier lines in place.
            for example in DocumentExamples.examples(in: lines).reversed() {
                let place = "\(document.path):\(example.code.opening + 1)"
                let result = try TEIProcess.run(["-c", example.code.code] + example.code.arguments, cacheDirectory: TEIBinary.cacheDirectory,
                                                environment: environment.merging(["COLUMNS": String(document.columns)]) { _, new in new },
                                                timeout: 300, workingDirectory: folder)
                ran += 1
                let fails = example.code.kind == "tei-error"
                if result.status != (fails ? 1 : 0) {
                    differences.append(Difference(place: place, code: example.code.code,
                                                  message: "\(place): exit status \(result.status); stderr:\n\(result.standardError)"))
                }
                guard let output = example.output else { continue }
                let printed = fails ? result.standardError : result.standardOutput
                let actual = printed.hasSuffix("\n") ? String(printed.dropLast()) : printed
                if recording {
                    lines.replaceSubrange((output.opening + 1)..<output.closing, with: actual.components(separatedBy: "\n"))
                } else if actual != output.code {
                    differences.append(Difference(place: place, code: example.code.code,
                                                  message: "\(place): the output block differs from what runs:\n\(actual)\n--- shown:\n\(output.code)"))
                }
            }
            if recording {
                try lines.joined(separator: "\n").write(to: Self.url(of: document.path), atomically: true, encoding: .utf8)
            }
        }
        return (ran, differences)
    }

    func testTheExtractorPairsOutputBlocksOnlyWhenAdjacent() {
        let markdown = """
        ```tei
        1 + 1
        ```

        ```output
        2
        ```

        ```tei
        3
        ```
        text between
        ```output
        not paired
        ```
        """
        let examples = DocumentExamples.examples(in: markdown)
        XCTAssertEqual(examples.count, 2)
        XCTAssertEqual(examples[0].code.code, "1 + 1")
        XCTAssertEqual(examples[0].output?.code, "2")
        XCTAssertNil(examples[1].output)
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["TEI_RECORD"] == "1" }

    static func url(of path: String) -> URL { TEIBinary.repositoryRoot.appendingPathComponent(path) }

    static func lines(of path: String) throws -> [String] {
        try String(contentsOf: url(of: path), encoding: .utf8).components(separatedBy: "\n")
    }

    /// A folder to run the examples in: the repository's data folders are there, and whatever an
    /// example saves lands in it rather than in the repository.
    static func scratchFolderWithRepositoryLinks() throws -> URL {
        let folder = try TEIProcess.scratchFolder()
        for name in ["Fixtures", "docs", "Examples", "Stdlib"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name),
                                                       withDestinationURL: TEIBinary.repositoryRoot.appendingPathComponent(name))
        }
        return folder
    }
}
