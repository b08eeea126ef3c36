import Foundation
import XCTest

/// Two real `tei` processes importing one source into one cache folder at the same moment: the
/// cache's flock and atomic rename must give both the whole table and leave one cache file.
final class ConcurrentProcessTests: XCTestCase {
    func testTwoProcessesLoadingOneFileAtOnceBothGetTheTable() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = 40_000
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: rows, to: source)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)

        let code = "load \"\(source.path)\" | count"
        // Both start before either is waited for, so both find the cache folder empty.
        let processes = try (0..<2).map { _ in try TEIProcess(["--format", "csv", "-c", code], cacheDirectory: cache) }
        let deadline = Date().addingTimeInterval(60)
        let results = try processes.map { try XCTUnwrap($0.wait(until: deadline), "tei did not finish within 60 s") }
        for result in results {
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertEqual(result.standardOutput, "n\n\(rows)\n")
            XCTAssertEqual(result.standardError, "")
        }
        // The race only happened if each process started before the other ended.
        let (first, second) = (processes[0], processes[1])
        XCTAssertLessThan(second.started, try XCTUnwrap(first.ended), "the processes ran at the same time")
        XCTAssertLessThan(first.started, try XCTUnwrap(second.ended), "the processes ran at the same time")

        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        XCTAssertEqual(files.filter { $0.hasSuffix(".sqlite") }.count, 1, "\(files)")
        XCTAssertEqual(files.filter { $0.contains(".tmp-") }, [])
    }
}
