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
        for name in ["__tei_row", "__TEI_code_1"] {
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

    func testASavedResultLoadsBackWithItsOwnSourceFileValues() throws {
        let original = folder.appendingPathComponent("n.csv")
        try Data("a,b\n1,x\n2,y\n".utf8).write(to: original)
        let saved = folder.appendingPathComponent("rt.csv")
        let save = try TEIBinary.run(["-c", "save load \"\(original.path)\" to \"\(saved.path)\""])
        XCTAssertEqual(save.status, 0, save.standardError)
        let result = try TEIBinary.run(["--format", "csv", "-c", "load \"\(saved.path)\""])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "a,b,source_file\n1,x,n.csv\n2,y,n.csv\n")
    }

    func testASavedTweetsFileLoadsBackWithItsOwnSourceFileValues() throws {
        let tweets = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_202012_tweets_csv_hashed.csv")
        let saved = folder.appendingPathComponent("tw.csv")
        let save = try TEIBinary.run(["-c", "save load \"\(tweets.path)\" | take 2 to \"\(saved.path)\""])
        XCTAssertEqual(save.status, 0, save.standardError)
        let result = try TEIBinary.run(["--format", "csv", "-c", "load tweets \"\(saved.path)\" | select source_file"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "source_file\n" + String(repeating: "freedonia_202012_tweets_csv_hashed.csv\n", count: 2))
    }

    func testAnEmptyNameThatWouldClashIsRefusedAsSuch() throws {
        let result = try run("column_2,,x\n1,2,3\n", "load FILE | count")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("data.csv:1: column 2 has no name and would be named column_2, which another column of the header is named"),
                      result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: name column 2 in the header"), result.standardError)
    }

    func testTooManyColumnsAreNamedAsSuch() throws {
        let header = (1...2500).map { "c\($0)" }.joined(separator: ",")
        let row = Array(repeating: "1", count: 2500).joined(separator: ",")
        let result = try run(header + "\n" + row + "\n", "load FILE | count")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("data.csv:1: the file has 2500 columns, more than tei can hold (at most 1990)"), result.standardError)
        XCTAssertFalse(result.standardError.contains("cache folder"), result.standardError)
    }

    func testTheWidestFileTeiHoldsLoads() throws {
        let header = (1...1990).map { "c\($0)" }.joined(separator: ",")
        let row = Array(repeating: "1", count: 1990).joined(separator: ",")
        let result = try run(header + "\n" + row + "\n", "load FILE | select c1990")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "c1990\n1\n")
    }

    // MARK: - Inferred types keep every digit

    func testIdsBeyondSixtyFourBitsMakeATextColumnNotFloats() throws {
        let result = try run("id,n\n877919995476496385,1\n877919995476496386,2\n18446744073709551615,3\n",
                             "load FILE | group id (k = count()) | sort id")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "id,k\n18446744073709551615,1\n877919995476496385,1\n877919995476496386,1\n")
    }

    func testALongIdBesideADecimalMakesTextButShortIntsBecomeFloat() throws {
        let long = try run("id\n877919995476496385\n1.5\n", "load FILE | select id")
        XCTAssertEqual(long.status, 0, long.standardError)
        XCTAssertEqual(long.standardOutput, "id\n877919995476496385\n1.5\n")
        let short = try run("x\n2\n1.5\n", "load FILE | select x")
        XCTAssertEqual(short.status, 0, short.standardError)
        XCTAssertEqual(short.standardOutput, "x\n2.0\n1.5\n")
    }

    // MARK: - Text without commas

    func testTextWithNoCommaIsAOneColumnCSVAndACommaLaterIsRefused() throws {
        let notes = try run("# Notes\nsome words\n", "load FILE")
        XCTAssertEqual(notes.status, 0, notes.standardError)
        XCTAssertEqual(notes.standardOutput, "# Notes,source_file\nsome words,data.csv\n")
        let markdown = try run("# Notes\nsome, words\n", "load FILE | count")
        XCTAssertEqual(markdown.status, 1)
        XCTAssertTrue(markdown.standardError.contains("data.csv:2: this is not a CSV file: its first line has no comma, but this line has 2 fields"),
                      markdown.standardError)
    }
}
