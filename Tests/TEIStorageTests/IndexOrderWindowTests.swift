import XCTest
@testable import TEIStorage

/// `tei_index_order_window` gives the rows and values of SQLite's own window functions over the
/// same rows, in the index's order, and lets a grouping by its key stream.
final class IndexOrderWindowTests: XCTestCase {
    /// A table laid out as a tweets table's account index holds it: (key, whether the value is
    /// missing, value), the row number last. Ties, missing values, missing keys, a partition of
    /// one row, keys of one number as an integer and a real, and text keys.
    private func database() throws -> Database {
        let database = try Database()
        try database.execute("""
            CREATE TABLE r("row" INTEGER PRIMARY KEY, k, v);
            CREATE INDEX r_k ON r(k, (v IS NULL), v);
            INSERT INTO r("row", k, v) VALUES
              (1, 2, 30), (2, 1, 20), (3, 2, 10), (4, 2, 10), (5, 2, NULL), (6, 1, NULL), (7, NULL, 50),
              (8, NULL, 40), (9, 3, NULL), (10, 3, NULL), (11, 1, 20), (12, 2, 90), (13, NULL, NULL), (14, 4, 70),
              (15, 5, 1), (16, 5.0, 2), (17, 'x', 5), (18, 'x', 4), (19, 'y', 3), (20, 2.5, 8);
            """)
        return database
    }

    private let call = "tei_index_order_window('main', 'r', 'k', 'v', 'row')"

    func testGivesTheValuesOfSQLitesWindowInIndexOrder() throws {
        let database = try database()
        let read = try database.query("SELECT key, value, row, previous, next, position FROM \(call)")
        let window = "(PARTITION BY k ORDER BY v IS NULL, v, \"row\")"
        let expected = try database.query("""
            SELECT k, v, "row", lag(v) OVER \(window), lead(v) OVER \(window), row_number() OVER \(window)
            FROM r ORDER BY k, v IS NULL, v, "row"
            """)
        XCTAssertEqual(read.count, 20)
        XCTAssertEqual(read, expected)
        // Spot checks: the missing keys first, as one partition; tied values in row order; the
        // missing value last in its partition; 5 and 5.0 one partition, as SQL groups them.
        XCTAssertEqual(read.prefix(3).map { $0[2] }, [.integer(8), .integer(7), .integer(13)])
        XCTAssertEqual(read.first { $0[2] == .integer(4) }?[3], .integer(10))
        XCTAssertEqual(read.first { $0[2] == .integer(16) }?[3], .integer(1))
    }

    /// A grouping by the key reads the rows as they come, with no sort; SQLite sorts for any other order.
    func testGroupingByTheKeyStreams() throws {
        let database = try database()
        func details(_ sql: String) throws -> [String] {
            try database.query("EXPLAIN QUERY PLAN " + sql).compactMap { row in
                if case .text(let detail) = row[3] { return detail }
                return nil
            }
        }
        let grouped = "SELECT key, count(*), max(previous) FROM \(call) GROUP BY key"
        let groupedPlan = try details(grouped)
        XCTAssertFalse(groupedPlan.contains { $0.contains("TEMP B-TREE") }, "\(groupedPlan)")
        XCTAssertEqual(try database.query(grouped), try database.query("""
            SELECT k, count(*), max(p) FROM (SELECT k, lag(v) OVER (PARTITION BY k ORDER BY v IS NULL, v, "row") AS p FROM r)
            GROUP BY k ORDER BY k
            """))
        XCTAssertTrue(try details("SELECT key FROM \(call) ORDER BY key DESC").contains { $0.contains("TEMP B-TREE") })
        XCTAssertTrue(try details("SELECT key FROM \(call) ORDER BY key NULLS LAST").contains { $0.contains("TEMP B-TREE") })
    }

    /// Its own reading statement reads the covering index in order, not the table and a sort.
    func testReadsTheIndexInItsOrder() throws {
        let database = try database()
        let plan = try database.query("EXPLAIN QUERY PLAN SELECT t.k, t.v, t.\"row\" FROM \"main\".\"r\" AS t ORDER BY t.k, (t.v IS NULL), t.v, t.\"row\"")
        XCTAssertEqual(plan.map { $0[3] }, [.text("SCAN t USING COVERING INDEX r_k")])
    }

    func testWrongArgumentsAreErrors() throws {
        let database = try database()
        XCTAssertThrowsError(try database.query("SELECT * FROM tei_index_order_window('main', 'nothing', 'k', 'v', 'row')")) { error in
            XCTAssertTrue("\(error)".contains("no such table"), "\(error)")
        }
        XCTAssertThrowsError(try database.query("SELECT * FROM tei_index_order_window('main', 'r', 'k', 'v', 1)")) { error in
            XCTAssertTrue("\(error)".contains("must be a name"), "\(error)")
        }
        XCTAssertThrowsError(try database.query("SELECT * FROM tei_index_order_window('main', 'r')"))
        // A name is an identifier, however it is written.
        XCTAssertThrowsError(try database.query("SELECT * FROM tei_index_order_window('main', 'r', 'k\" FROM r; --', 'v', 'row')")) { error in
            XCTAssertTrue("\(error)".contains("no such column"), "\(error)")
        }
    }

    func testEmptyTableGivesNoRows() throws {
        let database = try database()
        try database.execute("DELETE FROM r")
        XCTAssertEqual(try database.query("SELECT * FROM \(call)").count, 0)
    }
}
