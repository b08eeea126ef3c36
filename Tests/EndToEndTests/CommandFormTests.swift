import Foundation
import XCTest

/// The forms of the command the docs show: `tei FILE.tei`, and tables that a pipe gets whole.
final class CommandFormTests: XCTestCase {
    func testAScriptFileRunsAsWithRun() throws {
        let script = "Tests/Golden/basics.tei"
        let shorthand = try TEIBinary.run([script, "--format", "csv"])
        let run = try TEIBinary.run(["run", script, "--format", "csv"])
        XCTAssertEqual(shorthand.status, 0, shorthand.standardError)
        XCTAssertEqual(shorthand.standardOutput, run.standardOutput)
        XCTAssertFalse(shorthand.standardOutput.isEmpty)
    }

    func testAMissingScriptFileIsAnErrorOfOne() throws {
        let result = try TEIBinary.run(["no/such/script.tei"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardError, "error: cannot read no/such/script.tei: no such file\n")
    }

    func testSubcommandsInlineCodeAndStandardInputStillWork() throws {
        XCTAssertEqual(try TEIBinary.run(["check", "Tests/Golden/basics.tei"]).status, 0)
        XCTAssertEqual(try TEIBinary.run(["-c", "1 + 2", "--format", "csv"]).standardOutput, "value\n3\n")
        XCTAssertEqual(try TEIBinary.run([], input: "2 + 2\n").standardOutput, "value\n─────\n    4\n1 row\n")
    }

    func testAReportCanBeAskedOfTheShorthand() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("basics.md")
        let result = try TEIBinary.run(["Tests/Golden/basics.tei", "--report", report.path, "--no-timestamp"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(try String(contentsOf: report, encoding: .utf8).contains("basics.tei"))
    }

    /// Hashed ids and long names are whole in a pipe (the tests' standard output is one), however
    /// narrow COLUMNS says the terminal is; `--width` fits them again.
    func testTablesInAPipeAreWholeAndWidthFitsThem() throws {
        let code = "load \"Fixtures/freedonia_201901_1_users_csv_hashed.csv\" | sort userid | select userid, user_display_name, user_profile_description | take 3"
        let whole = try TEIBinary.run(["-c", code], environment: ["COLUMNS": "40"])
        XCTAssertEqual(whole.status, 0, whole.standardError)
        let lines = whole.standardOutput.split(separator: "\n")
        XCTAssertFalse(whole.standardOutput.contains("…"), whole.standardOutput)
        XCTAssertTrue(lines[0].contains("user_profile_description"))
        XCTAssertGreaterThan(lines.map(\.count).max() ?? 0, 80)
        let csv = try TEIBinary.run(["-c", code, "--format", "csv"]).standardOutput.split(separator: "\n")
        let firstId = String(csv[1].prefix { $0 != "," })
        XCTAssertTrue(lines[2].hasPrefix(firstId + " "), "the id is whole: \(lines[2])")

        let fitted = try TEIBinary.run(["-c", code, "--width", "40"])
        XCTAssertEqual(fitted.status, 0, fitted.standardError)
        let fittedLines = fitted.standardOutput.split(separator: "\n")
        XCTAssertTrue(fittedLines.allSatisfy { $0.count <= 40 }, fitted.standardOutput)
        XCTAssertTrue(fitted.standardOutput.contains("…"))
        XCTAssertEqual(try TEIBinary.run(["-c", "1", "--width", "0"]).status, 2)
    }
}
