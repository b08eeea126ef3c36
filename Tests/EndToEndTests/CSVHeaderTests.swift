import Foundation
import XCTest

/// Plain CSV headers through `tei`: every column a header names reaches its own values, or the
/// load stops with an error naming the columns.
final class CSVHeaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try TEIProcess.scratchFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `text` as `name` in the scratch folder and runs `code` (with `FILE` standing for it).
    private func run(_ text: String, _ code: String, name: String = "data.csv") throws -> TEIBinary.Result {
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return try TEIBinary.run(["--format", "csv", "-c", code.replacingOccurrences(of: "FILE", with: "\"\(file.path)\"")])
    }

    func testNamesWithSpacesAroundThemAreTrimmedAndKeepTheirValues() throws {
        let result = try run(" name , age\nada,36\nbob,41\n", "load FILE | select name, age")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "name,age\nada,36\nbob,41\n")
    }

    func testAnEmptyNameBecomesColumnNWithItsValues() throws {
        let result = try run("name,,score,\nada,x,1,p\nbob,y,2,q\n", "load FILE | select name, column_2, column_4")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "name,column_2,column_4\nada,x,p\nbob,y,q\n")
    }

    func testAColumnNamedRowKeepsItsValues() throws {
        let result = try run("_row,name\n10,ada\n20,bob\n", "load FILE | select _row, name")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "_row,name\n10,ada\n20,bob\n")
    }

    func testNamesDifferingOnlyInCaseAreRefusedNamingBoth() throws {
        let result = try run("a,A\n1,2\n", "load FILE | select A")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("data.csv:1: the column names a and A differ only in case"), result.standardError)
        XCTAssertTrue(result.standardError.contains("rename one of them in the header"), result.standardError)
    }

    func testNamesOfTeisOwnColumnsAreRefused() throws {
        for name in ["__tei_row", "__TEI_code_1", "Source_File"] {
            let result = try run("\(name),b\n1,2\n", "load FILE | count")
            XCTAssertEqual(result.status, 1, name)
            XCTAssertTrue(result.standardError.contains("the column name \(name) is reserved"), result.standardError)
        }
    }

    func testAHeaderNameThatIsNotUTF8IsRefusedWithItsColumn() throws {
        let file = folder.appendingPathComponent("latin1.csv")
        try Data([0x69, 0x64, 0x2C, 0x6E, 0x61, 0x6D, 0xE9, 0x0A, 0x31, 0x2C, 0x78, 0x0A]).write(to: file)
        let result = try TEIBinary.run(["-c", "load \"\(file.path)\" | count"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("latin1.csv:1: the name of column 2 is not valid UTF-8 text"), result.standardError)
    }

    func testConversionWarningsSpeakInTheSingular() throws {
        let result = try run("n\n1\nx\n", "load FILE with (n: int) | count")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("n: 1 value is not an int and became null"), result.standardError)
    }
}
