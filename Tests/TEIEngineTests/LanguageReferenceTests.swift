import Foundation
import TEIEngine
import TEIStorage
import XCTest

/// Runs every example of `docs/language.md` and checks that the reference covers the whole language.
final class LanguageReferenceTests: XCTestCase {
    /// A fenced block of the reference, and the `output` block right after it, if any.
    struct Example {
        var info: String
        var code: String
        var line: Int
        var expectedOutput: String?
    }

    static let documentURL = SessionHarness.repositoryRoot.appendingPathComponent("docs/language.md")

    static func loadDocument() throws -> String {
        try String(contentsOf: documentURL, encoding: .utf8)
    }

    /// The fenced blocks of a Markdown text, pairing each with an immediately following `output` block.
    static func examples(in markdown: String) -> [Example] {
        let lines = markdown.components(separatedBy: "\n")
        var blocks: [(info: String, body: String, line: Int, end: Int)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```") else { index += 1; continue }
            let info = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            var body: [String] = []
            var cursor = index + 1
            while cursor < lines.count, lines[cursor] != "```" {
                body.append(lines[cursor])
                cursor += 1
            }
            blocks.append((info, body.joined(separator: "\n"), index + 1, cursor))
            index = cursor + 1
        }
        var examples: [Example] = []
        for (position, block) in blocks.enumerated() where block.info == "tei" || block.info == "tei-error" {
            var example = Example(info: block.info, code: block.body, line: block.line)
            if position + 1 < blocks.count, blocks[position + 1].info == "output" {
                // "Immediately": only blank lines may stand between the two blocks.
                let between = lines[(block.end + 1)..<(blocks[position + 1].line - 1)]
                if between.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    example.expectedOutput = blocks[position + 1].body
                }
            }
            examples.append(example)
        }
        return examples
    }

    func testEveryExampleRunsAndPrintsItsOutput() throws {
        let examples = Self.examples(in: try Self.loadDocument())
        XCTAssertGreaterThan(examples.count, 30, "the reference should have many runnable examples")
        XCTAssertGreaterThan(examples.filter { $0.expectedOutput != nil }.count, 25)
        for example in examples {
            let harness = try SessionHarness()
            let (outcome, output) = harness.run(example.code)
            let place = "docs/language.md:\(example.line)"
            if example.info == "tei" {
                XCTAssertEqual(outcome, .success, "\(place): \(output.standardError.joined(separator: "\n"))")
                XCTAssertTrue(output.errors.isEmpty, "\(place) reported errors")
                if let expected = example.expectedOutput {
                    XCTAssertEqual(output.printed, expected, "\(place): the output block differs from what runs")
                }
            } else {
                XCTAssertNotEqual(outcome, .success, "\(place): a tei-error example must fail")
                if let expected = example.expectedOutput {
                    XCTAssertEqual(SessionHarness.commandStandardError(outcome, output), expected,
                                   "\(place): the diagnostics differ from the output block")
                }
            }
        }
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
        let examples = Self.examples(in: markdown)
        XCTAssertEqual(examples.count, 2)
        XCTAssertEqual(examples[0].code, "1 + 1")
        XCTAssertEqual(examples[0].expectedOutput, "2")
        XCTAssertNil(examples[1].expectedOutput)
    }

    func testEveryFunctionIsDocumented() throws {
        let document = try Self.loadDocument()
        let tableRows = document.components(separatedBy: "\n").filter { $0.hasPrefix("|") }
        for function in FunctionTable.all {
            let inTable = tableRows.contains { $0.contains("`\(function.name)(") }
            let asHeading = document.contains("\n### \(function.name)\n")
            XCTAssertTrue(inTable || asHeading, "function \(function.name) is missing from docs/language.md")
            XCTAssertTrue(document.contains(function.example.replacingOccurrences(of: "|", with: "\\|")),
                          "the example of \(function.name) is missing from docs/language.md")
        }
    }

    func testEveryTransformIsDocumented() throws {
        let document = try Self.loadDocument()
        for transform in Transforms.all {
            XCTAssertTrue(document.contains("\n### \(transform.name)\n"), "transform \(transform.name) has no section")
            XCTAssertTrue(document.contains("| `\(transform.name)` |"), "transform \(transform.name) is not in the table")
        }
    }

    /// Tables the examples of the function and transform tables refer to.
    static let prelude = """
    let tweets = load "docs/data/tweets.csv"
    let users = load "docs/data/users.csv"

    """

    func testEveryScalarFunctionExampleIsTrue() throws {
        let harness = try SessionHarness()
        for function in FunctionTable.all where !function.example.contains("|") {
            let (outcome, output) = harness.run(function.example)
            XCTAssertEqual(outcome, .success, "\(function.name): \(output.standardError.joined(separator: "\n"))")
            XCTAssertEqual(output.tables.count, 1, function.name)
            XCTAssertEqual(output.tables.first?.rows, [[.bool(true)]], "the example of \(function.name) is not true: \(function.example)")
        }
    }

    func testEveryPipelineFunctionExampleChecks() throws {
        let harness = try SessionHarness()
        let pipelines = FunctionTable.all.filter { $0.example.contains("|") }
        XCTAssertFalse(pipelines.isEmpty)
        for function in pipelines {
            let (outcome, output) = harness.run(Self.prelude + function.example)
            XCTAssertEqual(outcome, .success, "\(function.name): \(output.standardError.joined(separator: "\n"))")
        }
    }

    /// Transform examples that cannot run here, and why.
    static let skippedTransformExamples: [String: String] = [
        "append": "its example appends tweets_2019 to tweets_2018, two releases docs/data does not hold",
    ]

    func testEveryTransformExampleRuns() throws {
        let harness = try SessionHarness()
        for transform in Transforms.all where Self.skippedTransformExamples[transform.name] == nil {
            let (outcome, output) = harness.run(Self.prelude + transform.example)
            // Builds without charts say so; that is the one failure a plot example may have.
            if transform.name == "plot", output.errors.map(\.message) == ["plot is not available in this build"] { continue }
            XCTAssertEqual(outcome, .success, "\(transform.name): \(output.standardError.joined(separator: "\n"))")
        }
    }
}
