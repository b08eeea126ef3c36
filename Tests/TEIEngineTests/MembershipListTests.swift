import Foundation
import TEIEngine
import XCTest

/// `in` lists and list literals of any length: SQL templates number their arguments `$1`, `$2`, …
/// and `$10` is the tenth, not the first followed by a 0.
final class MembershipListTests: XCTestCase {
    static let lengths = [9, 10, 11, 100]

    func testInListsOfManyItemsAsFilter() throws {
        let harness = try SessionHarness()
        let prelude = ExplodeSideTableTests.prelude
        let ids = try harness.resultRows(prelude + "t | sort tweetid | select tweetid | take 100").map { $0[0] }
        for length in Self.lengths {
            let chosen = ids.prefix(length)
            let all = try harness.resultRows(prelude + "t | filter tweetid in [\(chosen.joined(separator: ", "))] | count")
            XCTAssertEqual(all, [[String(length)]], "\(length) items")
            // Only the last item matches: a misnumbered placeholder would bind another one.
            let decoys = (1..<length).map { "-\($0)" } + [chosen.last!]
            let last = try harness.resultRows(prelude + "t | filter tweetid not in [\(decoys.joined(separator: ", "))] | count")
            let total = try harness.resultRows(prelude + "t | count")[0][0]
            XCTAssertEqual(last, [[String(Int(total)! - 1)]], "\(length) items, only the last one present")
        }
    }

    func testInListsAndListLiteralsOfManyItemsAsValues() throws {
        let harness = try SessionHarness()
        for length in Self.lengths {
            let numbers = (1...length).map(String.init).joined(separator: ", ")
            let texts = (1...length).map { "\"w\($0)\"" }.joined(separator: ", ")
            let (outcome, output) = harness.run("""
                let words = [\(texts)]
                \(length) in [\(numbers)]
                \(length + 1) in [\(numbers)]
                "w\(length)" in words
                len(words)
                words
                """)
            XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
            let shown = output.tables.map { $0.rows.first?.first?.text ?? "" }
            XCTAssertEqual(Array(shown.prefix(4)), ["true", "false", "true", String(length)], "\(length) items")
            let expected = (1...length).map { "w\($0)" }
            XCTAssertEqual(shown.last.map { $0.filter { !" []\"".contains($0) }.split(separator: ",").map(String.init) }, expected)
        }
    }
}
