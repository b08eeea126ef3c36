import Foundation
import XCTest

/// `save`, chart SVGs and `--report` never lose a user's data: each case of issue 11 through the binary.
final class SafeWriteTests: XCTestCase {
    private var folder: URL!
    private let source = "a,b\n1,x\n2,y\n3,z\n"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-safe-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try source.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func save(to name: String, pipeline: String = "load \"data.csv\"") throws -> TEIBinary.Result {
        let script = folder.appendingPathComponent("save.tei")
        try "save \(pipeline) to \"\(name)\"\n".write(to: script, atomically: true, encoding: .utf8)
        return try TEIBinary.run(["run", script.path])
    }

    /// The names in the folder, temporary files included.
    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    private func assertNoLeftovers(file: StaticString = #filePath, line: UInt = #line) throws {
        let leftovers = try entries().filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind", file: file, line: line)
    }

    private func assertToldInTeiWords(_ result: TEIBinary.Result, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, file: file, line: line)
        XCTAssertTrue(result.standardError.contains(reason), result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.contains("hint:"), result.standardError, file: file, line: line)
        for foundation in ["NSCocoaErrorDomain", "Code=", "Error Domain", "NSError"] {
            XCTAssertFalse(result.standardError.contains(foundation), result.standardError, file: file, line: line)
        }
        XCTAssertFalse(result.standardError.contains("saved"), result.standardError, file: file, line: line)
    }

    func testSavingOverAFolderKeepsTheFolderAndEverythingInIt() throws {
        try FileManager.default.createDirectory(atPath: path("x.csv"), withIntermediateDirectories: true)
        try "precious".write(toFile: path("x.csv/notes.txt"), atomically: true, encoding: .utf8)
        let result = try save(to: "x.csv")
        assertToldInTeiWords(result, "x.csv: it is a folder")
        XCTAssertEqual(try String(contentsOfFile: path("x.csv/notes.txt"), encoding: .utf8), "precious")
        try assertNoLeftovers()
    }

    func testSavingTwiceToOneFileReplacesItBothTimes() throws {
        try "old content\n".write(toFile: path("out.csv"), atomically: true, encoding: .utf8)
        for limit in [3, 1] {
            let result = try save(to: "out.csv", pipeline: "load \"data.csv\" | take \(limit)")
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertTrue(result.standardError.contains("saved \(limit) row"), result.standardError)
            let lines = try String(contentsOfFile: path("out.csv"), encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.count, limit + 1, "a header and \(limit) rows")
        }
        try assertNoLeftovers()
    }

    func testSavingKeepsThePermissionsOfTheFileItReplaces() throws {
        try "old\n".write(toFile: path("out.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path("out.csv"))
        XCTAssertEqual(try save(to: "out.csv").status, 0)
        let permissions = try FileManager.default.attributesOfItem(atPath: path("out.csv"))[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o640)
    }

    func testSavingOverTheLoadedSourceIsRefusedAndKeepsIt() throws {
        let result = try save(to: "data.csv")
        assertToldInTeiWords(result, "data.csv: a `load` in this run reads it")
        XCTAssertEqual(try String(contentsOfFile: path("data.csv"), encoding: .utf8), source)
        // Another spelling of the same file, a hard link, is the same source.
        try FileManager.default.linkItem(atPath: path("data.csv"), toPath: path("same.csv"))
        assertToldInTeiWords(try save(to: "same.csv"), "a `load` in this run reads it")
        XCTAssertEqual(try String(contentsOfFile: path("data.csv"), encoding: .utf8), source)
        try assertNoLeftovers()
    }

    func testSavingOverAZipThatWasLoadedIsRefused() throws {
        let zip = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1.zip")
        try FileManager.default.copyItem(at: zip, to: folder.appendingPathComponent("release.zip"))
        let before = try Data(contentsOf: folder.appendingPathComponent("release.zip"))
        // The members of a zip are read from the zip: a link to it, named as the target, is refused.
        try FileManager.default.createSymbolicLink(atPath: path("alias.csv"), withDestinationPath: "release.zip")
        let linked = try save(to: "alias.csv", pipeline: "load \"release.zip/freedonia_201901_1_users_csv_hashed.csv\"")
        assertToldInTeiWords(linked, "a `load` in this run reads it")
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("release.zip")), before)
    }

    func testSavingToASymbolicLinkWritesItsTargetAndKeepsTheLink() throws {
        try "old\n".write(toFile: path("target.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: "target.csv")
        let result = try save(to: "link.csv")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.csv")), "target.csv")
        XCTAssertTrue(try String(contentsOfFile: path("target.csv"), encoding: .utf8).hasPrefix("a,b,source_file\n1,x,"))
        try assertNoLeftovers()
    }

    func testAFileSizeLimitStopsTheSaveCleanlyAndKeepsTheOldFile() throws {
        // A big enough result, built first without the limit (the cache import writes files too).
        let rows = (1...20_000).map { "\($0),row number \($0) with some padding text" }.joined(separator: "\n")
        try ("a,b\n" + rows + "\n").write(toFile: path("data.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try save(to: "warm.csv").status, 0)
        try "old content\n".write(toFile: path("out.csv"), atomically: true, encoding: .utf8)
        try "save load \"data.csv\" to \"out.csv\"\n".write(toFile: path("save.tei"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path("warm.csv"))
        // `ulimit -f 64`: files may grow to 64 KiB; the save needs about 1 MB and fails with EFBIG.
        let result = try Self.runLimited(fileSizeBlocks: 64, arguments: ["run", path("save.tei")])
        assertToldInTeiWords(result, "out.csv: the file would be larger than the system allows")
        XCTAssertEqual(try String(contentsOfFile: path("out.csv"), encoding: .utf8), "old content\n")
        try assertNoLeftovers()
    }

    func testAFailedSaveRemovesTheFoldersItMadeAndNothingElse() throws {
        let rows = (1...20_000).map { "\($0),row number \($0) with some padding text" }.joined(separator: "\n")
        try ("a,b\n" + rows + "\n").write(toFile: path("data.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try save(to: "warm.csv").status, 0)
        try FileManager.default.createDirectory(atPath: path("kept"), withIntermediateDirectories: true)
        try "save load \"data.csv\" to \"kept/nd1/nd2/out.csv\"\n".write(toFile: path("save.tei"), atomically: true, encoding: .utf8)
        let result = try Self.runLimited(fileSizeBlocks: 64, arguments: ["run", path("save.tei")])
        assertToldInTeiWords(result, "the file would be larger than the system allows")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("kept")), "a folder the user had stays")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("kept/nd1")), "the folders the save made are gone")
    }

    func testATargetEndingInASlashIsRefusedAsAFolder() throws {
        let result = try save(to: "new.csv/")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("'new.csv/' names a folder: it ends in `/`"), result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: name a file"), result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("new.csv")))
    }

    func testAFullDiskOnStandardOutputIsAnErrorInTeiWords() throws {
        let result = try Self.runLimited(fileSizeBlocks: nil, arguments: ["-c", "load \"\(path("data.csv"))\"", "--format", "csv"],
                                         standardOutput: "/dev/full")
        assertToldInTeiWords(result, "cannot write standard output: the disk is full")
        XCTAssertEqual(result.standardError.components(separatedBy: "the disk is full").count, 2, "said once")
    }

    func testAChartAndAReportNeverReplaceAFolder() throws {
        try FileManager.default.createDirectory(atPath: path("chart.svg/inner"), withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("plot.tei")
        try "load \"data.csv\" | plot bar b a to \"chart.svg\"\n".write(to: script, atomically: true, encoding: .utf8)
        let plotted = try TEIBinary.run(["run", script.path])
        assertToldInTeiWords(plotted, "chart.svg: it is a folder")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("chart.svg/inner")))

        try FileManager.default.createDirectory(atPath: path("report.md/inner"), withIntermediateDirectories: true)
        try "load \"data.csv\" | count\n".write(toFile: path("save.tei"), atomically: true, encoding: .utf8)
        let reported = try TEIBinary.run(["run", folder.appendingPathComponent("save.tei").path, "--report", path("report.md")])
        XCTAssertEqual(reported.status, 1)
        XCTAssertTrue(reported.standardError.contains("it is a folder"), reported.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("report.md/inner")))
        try assertNoLeftovers()
    }

    /// Runs `tei` through bash with `ulimit -f` (in 1 KiB blocks) and standard output sent to a file.
    static func runLimited(fileSizeBlocks: Int?, arguments: [String], standardOutput: String = "/dev/null") throws -> TEIBinary.Result {
        let quoted = ([TEIBinary.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let limit = fileSizeBlocks.map { "ulimit -f \($0); " } ?? ""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", limit + "exec " + quoted.joined(separator: " ") + " > " + standardOutput]
        var environment = ProcessInfo.processInfo.environment
        environment["TEI_CACHE_DIR"] = TEIBinary.cacheDirectory.path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let error = Pipe()
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return TEIBinary.Result(status: process.terminationStatus, standardOutput: "", standardError: String(decoding: data, as: UTF8.self))
    }
}
