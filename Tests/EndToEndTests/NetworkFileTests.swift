import Foundation
import XCTest

/// `save EDGES to "x.gexf"` and `"x.graphml"` (with `with nodes = NODES`) through the binary: the files
/// as recorded for a small network with every attribute type, networkx reading back what was saved,
/// and the data errors that stop a save and leave the old file as it was.
final class NetworkFileTests: XCTestCase {
    private var folder: URL!
    private static let golden = TEIBinary.repositoryRoot.appendingPathComponent("Tests/Golden/networks")

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-networks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["small.tei", "edges.csv", "nodes.csv"] {
            try FileManager.default.copyItem(at: Self.golden.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func run(_ script: String) throws -> TEIBinary.Result {
        let url = folder.appendingPathComponent("script.tei")
        try script.write(to: url, atomically: true, encoding: .utf8)
        return try TEIBinary.run(["run", url.path])
    }

    private func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func testTheSmallNetworkIsWrittenAsRecorded() throws {
        let result = try TEIBinary.run(["run", folder.appendingPathComponent("small.tei").path])
        XCTAssertEqual(result.status, 0, result.standardError)
        for name in ["small.gexf", "small.graphml"] {
            XCTAssertTrue(result.standardError.contains("saved 4 rows to \(folder.path)/\(name)"), result.standardError)
            let expected = Self.golden.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["TEI_RECORD"] == "1" {
                try text(name).write(to: expected, atomically: true, encoding: .utf8)
            }
            XCTAssertEqual(try text(name), try String(contentsOf: expected, encoding: .utf8), "\(name) differs from the recorded file")
        }
        XCTAssertTrue(result.standardError.contains("1 node of the edges is not among the rows of the nodes"), result.standardError)
        XCTAssertTrue(result.standardError.contains("1 control character that XML cannot hold was written"), result.standardError)
    }

    /// networkx (from .venv-test, which `./dev test` makes) reads the same nodes, edges, weights and
    /// attributes as tei saved in JSON from the same pipelines.
    func testNetworkxReadsBackWhatWasSaved() throws {
        let python = try TestVenvPython.interpreter()
        let fixtures = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures").path
        let result = try run("""
            import "coordination"
            let tweets = load "\(fixtures)/freedonia_201901_1_tweets_csv_hashed.csv"
            let users = load "\(fixtures)/freedonia_201901_1_users_csv_hashed.csv"
            let pairs = tweets | co_retweet_pairs(window = 1d, min_shared = 1) | select account_a, account_b, weight = shared, first, last
            let accounts = users | select userid, label = user_screen_name, follower_count, account_creation_date, account_language
            save pairs to "co.json"
            save accounts to "accounts.json"
            save pairs to "co.gexf" with nodes = accounts
            save pairs to "co.graphml" with nodes = accounts
            save pairs to "bare.gexf"
            save pairs to "bare.graphml"
            let edges = load "edges.csv" with (first: timestamp, day: date, gap: duration) | select account_a, account_b, weight, first, day, gap, ratio, coordinated, note
            save edges to "small.json"
            save edges to "small.gexf"
            save edges to "small.graphml"
            """)
        XCTAssertEqual(result.status, 0, result.standardError)
        let reader = TEIBinary.repositoryRoot.appendingPathComponent("Tests/NetworkReadback/read_network.py").path
        for (edges, nodes, files) in [("co.json", "accounts.json", ["co.gexf", "co.graphml"]), ("co.json", "-", ["bare.gexf", "bare.graphml"]),
                                      ("small.json", "-", ["small.gexf", "small.graphml"])] {
            let check = try TestVenvPython.run(python, [reader, edges, nodes] + files, in: folder)
            XCTAssertEqual(check.status, 0, check.output)
            XCTAssertEqual(check.output.split(separator: "\n").filter { $0.contains("the same") }.count, 2, check.output)
        }
        XCTAssertFalse(try text("co.json").hasPrefix("[]"), "the Fixtures have co-retweet pairs to check")
    }

    func testANullAccountStopsTheSaveAndKeepsTheOldFile() throws {
        try "old\n".write(to: folder.appendingPathComponent("net.gexf"), atomically: true, encoding: .utf8)
        let result = try run("""
            let edges = load "edges.csv" | select account_a, b = if(account_b == "c3", null, account_b)
            save edges to "net.gexf"
            """)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("edge 2 has no target (null)"), result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: filter out the rows whose first two columns are null"), result.standardError)
        XCTAssertEqual(try text("net.gexf"), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }, [])
    }

    func testANodeListedTwiceStopsTheSave() throws {
        let result = try run("""
            let edges = load "edges.csv" | select account_a, account_b
            let nodes = load "nodes.csv" | select userid
            save edges to "net.graphml" with nodes = nodes | append (nodes | take 1)
            """)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("the nodes list 'a1' twice"), result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("net.graphml").path))
    }
}
