import Foundation
import XCTest

/// `components` and the Stdlib's `groups` and `degrees` through the binary, checked against networkx
/// (from .venv-test) on the same edges: random networks of text and of int accounts, with chains,
/// loops and repeated edges, and co-retweet and co-hashtag networks of the Fixtures.
final class ComponentsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-components-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// `count` edges between `nodes` accounts drawn by a fixed linear congruential generator: about
    /// 0.8 edges per account, so one large component and many small ones, trees and cycles.
    private func randomEdges(nodes: Int, count: Int, seed: UInt64) -> [(Int, Int)] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % nodes
        }
        return (0..<count).map { _ in (next(), next()) }
    }

    func testComponentsAndDegreesAreNetworkx() throws {
        let python = try TestVenvPython.interpreter()
        let edges = randomEdges(nodes: 2_000, count: 1_600, seed: 11)
        try ("a,b\n" + edges.map { "n\($0.0),n\($0.1)\n" }.joined()).write(to: folder.appendingPathComponent("text.csv"), atomically: true, encoding: .utf8)
        try ("a,b\n" + edges.map { "\($0.0 * 7),\($0.1 * 7)\n" }.joined()).write(to: folder.appendingPathComponent("int.csv"), atomically: true, encoding: .utf8)
        let fixtures = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures").path
        let script = """
            import "coordination"
            let text = load "text.csv"
            let numbers = load "int.csv" with (a: int, b: int)
            let retweets = load "\(fixtures)/freedonia_201810_tweets_csv_hashed.csv" | co_retweet_pairs(window = 3650d, min_shared = 1)
            let hashtags = load "\(fixtures)/freedonia_201901_1_tweets_csv_hashed.csv" | co_hashtag_pairs(window = 1h, min_shared = 1)
            save text to "text.json"
            save text | components to "text-components.json"
            save numbers to "int.json"
            save numbers | components to "int-components.json"
            save retweets to "retweets.json"
            save retweets | components to "retweets-components.json"
            save degrees(retweets) to "retweets-degrees.json"
            save hashtags to "hashtags.json"
            save hashtags | components to "hashtags-components.json"
            save degrees(hashtags) to "hashtags-degrees.json"
            """
        try script.write(to: folder.appendingPathComponent("script.tei"), atomically: true, encoding: .utf8)
        let result = try TEIBinary.run(["run", folder.appendingPathComponent("script.tei").path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let checker = TEIBinary.repositoryRoot.appendingPathComponent("Tests/NetworkReadback/components.py").path
        for (network, withDegrees) in [("text", false), ("int", false), ("retweets", true), ("hashtags", true)] {
            let arguments = [checker, "\(network).json", "\(network)-components.json"] + (withDegrees ? ["\(network)-degrees.json"] : [])
            let check = try TestVenvPython.run(python, arguments, in: folder)
            XCTAssertEqual(check.status, 0, check.output)
            XCTAssertEqual(check.output.split(separator: "\n").filter { $0.contains("the same") }.count, withDegrees ? 2 : 1, check.output)
        }
        // The networks are not trivial: several components, one of more than two accounts.
        let components = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("hashtags-components.json"))) as? [[String: Any]] ?? []
        XCTAssertGreaterThan(Set(components.compactMap { $0["component"] as? String }).count, 1)
        XCTAssertGreaterThan(components.first?["size"] as? Int ?? 0, 2)
    }
}
