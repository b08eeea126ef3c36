import Foundation
import XCTest

/// What `--format` and `save` write, read back by Python's own `json`, `csv` and `gzip` modules:
/// the files other tools read must parse exactly.
final class OutputFormatTests: XCTestCase {
    private var folder: URL!
    /// Ids past 2^53 that a double would round: 877919995476496385 reads as …400 in JavaScript.
    private let source = "tweetid,user_id,count,name\n877919995476496385,7,9007199254740993,\"tab\there, \"\"quoted\"\"\"\n5,8,-9007199254740993,plain\n"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try source.write(to: folder.appendingPathComponent("ids.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var pipeline: String { "load \"\(folder.appendingPathComponent("ids.csv").path)\" | select tweetid, user_id, count, name" }

    /// What `python3 -c code` prints with the file at `path` as its argument; skips without python3.
    private func python(_ code: String, _ path: String) throws -> String {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("python3 is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", code, path]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(decoding: complaint, as: UTF8.self))
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    private func save(as name: String) throws -> String {
        let result = try TEIBinary.run(["-c", "save \(pipeline) to \"\(folder.appendingPathComponent(name).path)\""])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("saved 2 rows"), result.standardError)
        return folder.appendingPathComponent(name).path
    }

    private let readJSON = "import json,sys; print(repr(json.load(open(sys.argv[1]))))"
    private let readJSONLines = "import json,sys; print(repr([json.loads(l) for l in open(sys.argv[1])]))"
    private let expectedObjects = "[{'tweetid': '877919995476496385', 'user_id': '7', 'count': '9007199254740993', 'name': 'tab\\there, \"quoted\"'}, "
        + "{'tweetid': '5', 'user_id': '8', 'count': '-9007199254740993', 'name': 'plain'}]"
    private let expectedRecords = "[['tweetid', 'user_id', 'count', 'name'], ['877919995476496385', '7', '9007199254740993', 'tab\\there, \"quoted\"'], "
        + "['5', '8', '-9007199254740993', 'plain']]"

    func testJSONKeepsIdsAndLargeIntegersExactAsStrings() throws {
        XCTAssertEqual(try python(readJSON, try save(as: "out.json")), expectedObjects)
        let small = try TEIBinary.run(["-c", "load \"\(folder.appendingPathComponent("ids.csv").path)\" | select count | take 0", "--format", "json"])
        XCTAssertEqual(small.standardOutput, "[]\n")
    }

    func testSmallIntegersOutsideIdColumnsStayNumbers() throws {
        let result = try TEIBinary.run(["-c", "1 + 2", "--format", "json"])
        XCTAssertEqual(result.standardOutput, "[\n  {\"value\": 3}\n]\n")
    }

    func testJSONLinesHasOneObjectPerRow() throws {
        XCTAssertEqual(try python(readJSONLines, try save(as: "out.jsonl")), expectedObjects)
        XCTAssertEqual(try python(readJSONLines, try save(as: "out.ndjson")), expectedObjects)
        let printed = try TEIBinary.run(["-c", pipeline + "\n" + pipeline + " | take 1", "--format", "jsonl"])
        XCTAssertEqual(printed.standardOutput.split(separator: "\n").count, 3, printed.standardOutput)
    }

    func testCSVTSVAndGzippedCSVReadBackExactly() throws {
        XCTAssertEqual(try python("import csv,sys; print(repr(list(csv.reader(open(sys.argv[1], newline='')))))",
                                  try save(as: "out.csv")), expectedRecords)
        XCTAssertEqual(try python("import csv,sys; print(repr(list(csv.reader(open(sys.argv[1], newline=''), delimiter='\\t'))))",
                                  try save(as: "out.tsv")), expectedRecords)
        XCTAssertEqual(try python("import csv,gzip,sys; print(repr(list(csv.reader(gzip.open(sys.argv[1], 'rt', newline='')))))",
                                  try save(as: "out.csv.gz")), expectedRecords)
    }

    func testAnUnknownEndingNamesTheFormatsSaveWrites() throws {
        let result = try TEIBinary.run(["-c", "save \(pipeline) to \"out.xlsx\""])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("end the file name with .csv, .tsv, .csv.gz, .json, .jsonl, .ndjson, .gexf or .graphml"),
                      result.standardError)
    }

    func testSeveralResultsMakeOneJSONDocument() throws {
        let script = pipeline + "\nexplain " + pipeline + "\n" + pipeline + " | take 1"
        let result = try TEIBinary.run(["-c", script, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let path = folder.appendingPathComponent("printed.json")
        try result.standardOutput.write(to: path, atomically: true, encoding: .utf8)
        let shapes = "import json,sys; d = json.load(open(sys.argv[1])); print([type(x).__name__ + str(len(x) if isinstance(x, list) else '') for x in d])"
        XCTAssertEqual(try python(shapes, path.path), "['list2', 'str', 'list1']")
    }

    func testAFailingRunStillPrintsOneJSONDocument() throws {
        // sum(tweetid) overflows: the second result fails while it runs, after the first printed.
        let tweets = "load \"Fixtures/freedonia_201901_1_tweets_csv_hashed.csv\""
        let script = pipeline + "\n" + tweets + " | group (total = sum(tweetid))\n" + pipeline
        let result = try TEIBinary.run(["-c", script, "--format", "json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("integer overflow"), result.standardError)
        let path = folder.appendingPathComponent("printed.json")
        try result.standardOutput.write(to: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try python("import json,sys; print(len(json.load(open(sys.argv[1]))))", path.path), "1",
                       "the first result; the failed one leaves no trace")
    }
}

/// Rows stream: a reader that stops early ends the run at once and quietly; the table format
/// counts exactly with `--count`.
final class StreamingOutputTests: XCTestCase {
    private let join = "let t = load \"Fixtures/freedonia_201901_1_tweets_csv_hashed.csv\"\nt | join t on tweet_language | select tweetid, tweetid_t"

    func testAReaderThatStopsEarlyEndsTheRunQuietly() throws {
        let quoted = "'" + join.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.currentDirectoryURL = TEIBinary.repositoryRoot
        // pipefail: the status is tei's, which SIGPIPE ends (141) once `head` has its line.
        process.arguments = ["-c", "set -o pipefail; '\(TEIBinary.executable.path)' --format csv -c \(quoted) | head -2"]
        var environment = ProcessInfo.processInfo.environment
        environment["TEI_CACHE_DIR"] = TEIBinary.cacheDirectory.path
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(printed.split(separator: "\n").first, "tweetid,tweetid_t")
        XCTAssertEqual(printed.split(separator: "\n").count, 2)
        XCTAssertEqual(complaint, "", "no message when the reader goes away")
        XCTAssertEqual(process.terminationStatus, 128 + SIGPIPE)
    }

    func testCountFlagGivesTheExactTotal() throws {
        let result = try TEIBinary.run(["-c", join, "--count", "--max-rows", "2"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasSuffix("showing first 2 of 1,016,652 rows\n"), result.standardOutput)
    }
}
