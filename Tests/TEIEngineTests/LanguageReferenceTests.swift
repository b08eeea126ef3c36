import Foundation
import TEIEngine
import TEIStorage
import XCTest

/// Checks that `docs/language.md` covers the whole language; its examples run in `DocumentationTests`.
final class LanguageReferenceTests: XCTestCase {
    static let documentURL = SessionHarness.repositoryRoot.appendingPathComponent("docs/language.md")

    static func loadDocument() throws -> String {
        try String(contentsOf: documentURL, encoding: .utf8)
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

    /// The hint for a function's SQL name must name one of tei's functions.
    func testOtherNamesLeadToFunctions() {
        for (other, name) in FunctionTable.otherNames {
            XCTAssertNotNil(FunctionTable.function(named: name), "\(other) → \(name)")
            XCTAssertNil(FunctionTable.function(named: other), "\(other) is tei's own name")
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
