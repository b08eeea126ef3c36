import Foundation
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// The scale-out recipe (`PostgresScaleOut`) on three real servers (`pg.sh cluster`): a table
/// hash-partitioned by account into postgres_fdw foreign tables on two shards answers grouped
/// aggregates as the table did, with the aggregation done on the shards.
final class PostgresScaleOutTests: XCTestCase {
    func testGroupedAggregatesRunOnTheShardsWithTheSameAnswers() throws {
        let cluster = try TestPostgresCluster()
        defer { try? cluster.stop() }
        let shards = try cluster.shards.map(PostgresURL.init(parsing:))
        let coordinator = try PostgresConnection(url: PostgresURL(parsing: cluster.coordinator))
        try PostgresFunctions.install(on: coordinator)
        try coordinator.execute("""
            CREATE SCHEMA "release 1";
            CREATE TABLE "release 1".tweets (userid text, tweet_time bigint, like_count bigint, tweet_language text);
            CREATE INDEX tweets_by_time ON "release 1".tweets (tweet_time)
            """)
        let rows = 6000
        try coordinator.copyIn(#"COPY "release 1".tweets FROM STDIN"#) { copy in
            for row in 0..<rows {
                let account = String(repeating: String(format: "%02x", (row * 7) % 97), count: 32)
                let language: SQLValue = row % 11 == 0 ? .null : .text(["en", "ru", "ar", "fa", "es"][row % 5])
                try copy.write([.text(account), .integer(Int64(1_400_000_000 + row * 3_600 - 500_000 * (row % 3))),
                                .integer(Int64(row % 13 == 0 ? -1 : row % 50)), language])
            }
        }
        try coordinator.execute(#"CREATE TABLE "release 1".reference AS SELECT * FROM "release 1".tweets"#)

        let attached = try PostgresScaleOut.attach(shards: shards, to: coordinator)
        XCTAssertEqual(attached.map(\.server), ["tei_shard_1", "tei_shard_2"])
        XCTAssertEqual(try PostgresScaleOut.shards(on: coordinator), attached)
        XCTAssertEqual(attached.map(\.url.redacted), shards.map(\.redacted))
        XCTAssertThrowsError(try PostgresScaleOut.distribute(schema: "release 1", table: "no such table", key: "userid", over: attached, on: coordinator)) { error in
            XCTAssertEqual("\(error)", "there is no table release 1.no such table to distribute")
        }
        try PostgresScaleOut.distribute(schema: "release 1", table: "tweets", key: "userid", over: attached, on: coordinator)

        var onShards: [Int64] = []
        for shard in shards {
            let connection = try PostgresConnection(url: shard)
            guard case .integer(let count)? = try connection.query(#"SELECT count(*) FROM "release 1".tweets"#).first?.first else {
                return XCTFail("no count from a shard")
            }
            onShards.append(count)
            XCTAssertEqual(try connection.query(#"SELECT indexname FROM pg_indexes WHERE schemaname = 'release 1'"#), [[.text("tweets_by_time")]])
        }
        XCTAssertEqual(onShards.reduce(0, +), Int64(rows))
        XCTAssertTrue(onShards.allSatisfy { $0 > 0 }, "each shard holds some of the rows: \(onShards)")

        let byAccount = """
            SELECT userid, count(*), sum(like_count), min(tweet_time), max(tweet_time), count(DISTINCT tweet_language), avg(like_count)
            FROM "release 1".TABLE GROUP BY userid ORDER BY userid
            """
        let questions = [
            byAccount,
            #"SELECT tweet_language, count(*), sum(like_count) FROM "release 1".TABLE GROUP BY tweet_language ORDER BY tweet_language"#,
            #"SELECT userid, tei.tei_collect_distinct(tweet_language), tei.tei_percentile(like_count, 0.9) FROM "release 1".TABLE GROUP BY userid ORDER BY userid"#,
            #"SELECT tei.tei_bin_months(tweet_time, 3) AS quarter, count(*) FROM "release 1".TABLE WHERE like_count > 10 GROUP BY quarter ORDER BY quarter"#,
        ]
        for question in questions {
            let distributed = try coordinator.query(question.replacingOccurrences(of: "TABLE", with: "tweets"))
            XCTAssertFalse(distributed.isEmpty)
            XCTAssertEqual(distributed, try coordinator.query(question.replacingOccurrences(of: "TABLE", with: "reference")), question)
        }

        let plan = try coordinator.query("EXPLAIN (VERBOSE) " + byAccount.replacingOccurrences(of: "TABLE", with: "tweets"))
            .compactMap { row -> String? in if case .text(let line)? = row.first { return line } else { return nil } }
            .joined(separator: "\n")
        XCTAssertEqual(plan.components(separatedBy: "Async Foreign Scan").count - 1, 2, plan)
        let remote = plan.split(separator: "\n").filter { $0.contains("Remote SQL:") }
        XCTAssertEqual(remote.count, 2, plan)
        XCTAssertTrue(remote.allSatisfy { $0.contains("count(") && $0.contains("GROUP BY") }, "each shard groups its own rows:\n\(plan)")
    }
}
