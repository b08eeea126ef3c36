import Foundation
import XCTest

/// The Stdlib's `co_tweet_text` through the binary against the Coordination Network Toolkit's
/// `message_preprocessor` (copied into Tests/NetworkReadback/co_tweet_text.py) on texts made to find
/// where they could differ: case in several scripts, mentions anywhere, every kind of white space.
final class CoTweetTests: XCTestCase {
    func testCoTweetTextIsTheToolkitsNormalisation() throws {
        let python = try TestVenvPython.interpreter()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-co-tweet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let checker = TEIBinary.repositoryRoot.appendingPathComponent("Tests/NetworkReadback/co_tweet_text.py").path
        let written = try TestVenvPython.run(python, [checker, "write", "texts.csv"], in: folder)
        XCTAssertEqual(written.status, 0, written.output)
        let script = """
            import "coordination"
            save load "texts.csv" | select id, normalised = co_tweet_text(text) to "tei.json"
            """
        try script.write(to: folder.appendingPathComponent("script.tei"), atomically: true, encoding: .utf8)
        let result = try TEIBinary.run(["run", folder.appendingPathComponent("script.tei").path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let check = try TestVenvPython.run(python, [checker, "check", "texts.csv", "tei.json"], in: folder)
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("the same normalised text for all"), check.output)
    }
}
