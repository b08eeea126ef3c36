import Foundation
import XCTest

/// Ctrl-C and a crash in the middle of an import, in a real `tei` process: neither may leave a
/// cache that a later run would trust, and the next run imports the whole file. And Ctrl-C in the
/// middle of a long query ends the script with status 130 at once.
final class ImportInterruptionTests: XCTestCase {
    private let rows = 60_000

    /// Starts `tei` loading a fresh file and returns once its import has begun (its temporary cache
    /// file exists), with the folders to inspect.
    private func startImport() throws -> (process: TEIProcess, folder: URL, cache: URL, code: String) {
        let folder = try TEIProcess.scratchFolder()
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: rows, to: source)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let code = "load \"\(source.path)\" | count"
        let process = try TEIProcess(["--format", "csv", "-c", code], cacheDirectory: cache)
        let deadline = Date().addingTimeInterval(30)
        while try !cacheFiles(cache).contains(where: { $0.contains(".tmp-") }) {
            guard Date() < deadline else {
                _ = process.wait(until: Date())
                throw XCTSkip("the import never started a temporary cache file within 30 s")
            }
            usleep(2_000)
        }
        return (process, folder, cache, code)
    }

    private func cacheFiles(_ cache: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.path)
    }

    func testCtrlCStopsTheImportWithStatus130AndCachesNothing() throws {
        let (process, folder, cache, code) = try startImport()
        defer { try? FileManager.default.removeItem(at: folder) }
        process.send(SIGINT)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not stop within 30 s of Ctrl-C")
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertTrue(result.standardError.contains("the import was interrupted"), result.standardError)
        XCTAssertTrue(result.standardError.contains("nothing was cached"), result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertEqual(try cacheFiles(cache).filter { $0.hasSuffix(".sqlite") || $0.contains(".tmp-") }, [])

        let again = try TEIProcess.run(["--format", "csv", "-c", code], cacheDirectory: cache)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertEqual(again.standardOutput, "n\n\(rows)\n")
    }

    func testACrashMidImportLeavesNothingTrustedAndTheNextRunImportsAgain() throws {
        let (process, folder, cache, code) = try startImport()
        defer { try? FileManager.default.removeItem(at: folder) }
        process.send(SIGKILL)
        _ = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not die")
        let left = try cacheFiles(cache)
        XCTAssertEqual(left.filter { $0.hasSuffix(".sqlite") }, [], "no cache file was renamed into place")
        XCTAssertEqual(left.filter { $0.contains(".tmp-") }.count, 1, "\(left)")

        let again = try TEIProcess.run(["--format", "csv", "-c", code], cacheDirectory: cache)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertEqual(again.standardOutput, "n\n\(rows)\n")
        let after = try cacheFiles(cache)
        XCTAssertEqual(after.filter { $0.hasSuffix(".sqlite") }.count, 1, "\(after)")
        XCTAssertEqual(after.filter { $0.contains(".tmp-") }, [], "the leftover of the crash is removed")
    }

    func testACrashedImportOfAFileNeverLoadedAgainLeavesNoTemporaryFileAfterTheNextImport() throws {
        let (process, folder, cache, _) = try startImport()
        defer { try? FileManager.default.removeItem(at: folder) }
        process.send(SIGKILL)
        _ = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not die")
        XCTAssertEqual(try cacheFiles(cache).filter { $0.contains(".tmp-") }.count, 1)

        let other = folder.appendingPathComponent("other.csv")
        try Data("a,b\n1,2\n".utf8).write(to: other)
        let result = try TEIProcess.run(["--format", "csv", "-c", "load \"\(other.path)\" | count"], cacheDirectory: cache)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "n\n1\n")
        XCTAssertEqual(try cacheFiles(cache).filter { $0.contains(".tmp-") }, [], "the dead import's temporary file is removed")
    }

    func testCtrlCStopsALongQueryWithStatus130() throws {
        let (process, folder, cache, code) = try startImport()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try XCTUnwrap(process.wait(until: Date().addingTimeInterval(60))).status, 0, "the import completes")
        // Every pair of tweets that agree on is_retweet: about two billion rows to count.
        let load = code.replacingOccurrences(of: " | count", with: "")
        let query = try TEIProcess(["--format", "csv", "-c", "let t = \(load)\nt | join t on is_retweet | count"], cacheDirectory: cache)
        Thread.sleep(forTimeInterval: 1)
        query.send(SIGINT)
        let result = try XCTUnwrap(query.wait(until: Date().addingTimeInterval(30)), "tei did not stop within 30 s of Ctrl-C")
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertTrue(result.standardError.contains("interrupted"), result.standardError)
        XCTAssertEqual(result.standardOutput, "")
    }
}
