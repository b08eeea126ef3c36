import Foundation
import XCTest

/// The cache folder is made when a load first needs it: a run that loads nothing never touches it,
/// and one that cannot make it says so in tei's words; a sort that cannot spill to it says why.
final class CacheFolderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try TEIProcess.scratchFolder()
        try "not a folder\n".write(to: folder.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        try "a,b\n1,2\n".write(to: folder.appendingPathComponent("small.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A cache folder no one can make, root included: its parent is a regular file.
    private var unusableCache: URL { folder.appendingPathComponent("file.txt/cache") }

    private func run(_ arguments: [String], cache: URL) throws -> TEIBinary.Result {
        try TEIProcess.run(arguments, cacheDirectory: cache, workingDirectory: folder)
    }

    func testARunThatLoadsNothingNeitherNeedsNorMakesTheCacheFolder() throws {
        let computed = try run(["--format", "csv", "-c", "1 + 1"], cache: unusableCache)
        XCTAssertEqual(computed.status, 0, computed.standardError)
        XCTAssertEqual(computed.standardOutput, "value\n2\n")

        try "let x = 1 + 1\nx\n".write(to: folder.appendingPathComponent("plain.tei"), atomically: true, encoding: .utf8)
        let checked = try run(["check", "plain.tei"], cache: unusableCache)
        XCTAssertEqual(checked.status, 0, checked.standardError)

        let fresh = folder.appendingPathComponent("fresh-cache")
        XCTAssertEqual(try run(["-c", "1 + 1"], cache: fresh).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "nothing loaded, so no cache folder is made")
        XCTAssertEqual(try run(["-c", "load \"small.csv\" | count"], cache: fresh).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh.path), "the first load makes it")
    }

    /// `tei check` reads a file's header and first rows to know its columns, and imports nothing.
    func testCheckImportsNothingYetFindsTypeErrors() throws {
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let cached = { ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".sqlite") } }
        try "load \"small.csv\" | filter a > \"x\"\n".write(to: folder.appendingPathComponent("typo.tei"), atomically: true, encoding: .utf8)
        let checked = try run(["check", "typo.tei"], cache: cache)
        XCTAssertEqual(checked.status, 1)
        XCTAssertTrue(checked.standardError.contains("typo.tei:1:27: error: cannot apply '>' to int and text"), checked.standardError)
        XCTAssertEqual(cached(), [], "check cached nothing")

        try "load \"small.csv\" | filter a > 0 | count\n".write(to: folder.appendingPathComponent("fine.tei"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["check", "fine.tei"], cache: cache).status, 0)
        XCTAssertEqual(cached(), [])
        XCTAssertEqual(try run(["run", "fine.tei"], cache: cache).status, 0)
        XCTAssertEqual(cached().count, 1, "run imports")
    }

    func testALoadThatCannotMakeTheCacheFolderSaysWhichFolderAndWhatToDo() throws {
        let result = try run(["-c", "load \"small.csv\" | count"], cache: unusableCache)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains(
            "error: cannot load small.csv: cannot create the cache folder \(unusableCache.path) to cache this source: "
                + "a part of the path is a file, not a folder"), result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: choose a writable cache folder with --cache-dir or TEI_CACHE_DIR"),
                      result.standardError)
        for raw in ["PRAGMA", "cannot start a session", "NSCocoaErrorDomain", "You don't have"] {
            XCTAssertFalse(result.standardError.contains(raw), result.standardError)
        }
    }

    func testASortThatHitsTheFileSizeLimitInItsTemporaryFilesSaysWhereAndWhatToDo() throws {
        let rows = (0..<300_000).map { "\(($0 * 7_919) % 300_000),row \($0) with some padding text" }.joined(separator: "\n")
        let data = folder.appendingPathComponent("big.csv")
        try ("a,b\n" + rows + "\n").write(to: data, atomically: true, encoding: .utf8)
        // The import writes the cache without the limit; then only the sort's spill files meet it.
        XCTAssertEqual(try TEIBinary.run(["-c", "load \"\(data.path)\" | count"]).status, 0)
        let result = try SafeWriteTests.runLimited(fileSizeBlocks: 200, arguments: ["--format", "csv", "-c", "load \"\(data.path)\" | sort a"])
        XCTAssertEqual(result.status, 1)
        let folder = TEIBinary.cacheDirectory.appendingPathComponent("tmp").path
        XCTAssertTrue(result.standardError.contains("the query could not write the temporary files of its sort in \(folder): "
                                                        + "a file would be larger than the system allows (see `ulimit -f`)"),
                      result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: raise the limit on file sizes"), result.standardError)
        XCTAssertFalse(result.standardError.contains("disk I/O error"), result.standardError)
    }
}
