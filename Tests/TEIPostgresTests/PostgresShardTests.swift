@testable import TEIPostgres
import XCTest

/// A shard's URL is kept on the coordinator as a foreign server's options and a user mapping's,
/// and read back from them as the URL it was (tei's default connect timeout aside), for a TCP
/// host list and for a socket folder alike.
final class PostgresShardTests: XCTestCase {
    func testAShardsURLIsReadBackFromTheOptionsItWasRegisteredWith() throws {
        let urls = [
            "postgres://tei:s%40cret@shard1.lab.example.org:6543/tei?sslmode=require",
            "postgres://tei@h1:5433,[::1]:5434/archive",
            "postgres://tei:pw@/postgres?host=/tmp/tei-pg.abc",
            "postgres://reader@/tei?host=/run/postgresql&port=5433&connect_timeout=3",
        ]
        for text in urls {
            let url = try PostgresURL(parsing: text)
            let (server, mapping) = PostgresScaleOut.options(of: url)
            XCTAssertFalse(server.contains { $0.key == "password" || $0.key == "user" }, "the sign-in is the mapping's: \(text)")
            let shard = try PostgresShard(server: "tei_shard_3", serverOptions: server.map { "\($0.key)=\($0.value)" },
                                          mappingOptions: mapping.map { "\($0.key)=\($0.value)" })
            XCTAssertEqual(shard.url, url, text)
            XCTAssertEqual(shard.url.password, url.password)
        }
    }

    func testWithoutTheMappingTheURLHasNoSignIn() throws {
        let url = try PostgresURL(parsing: "postgres://tei:pw@shard1/tei")
        let shard = try PostgresShard(server: "tei_shard_1", serverOptions: PostgresScaleOut.options(of: url).server.map { "\($0.key)=\($0.value)" },
                                      mappingOptions: [])
        XCTAssertEqual(shard.url.redacted, "postgres://shard1/tei")
    }
}
