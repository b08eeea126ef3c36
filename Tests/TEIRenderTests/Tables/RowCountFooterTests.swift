import XCTest
@testable import TEIRender

final class RowCountFooterTests: XCTestCase {
    func testWording() {
        XCTAssertEqual(RowCountFooter.text(shown: 0, total: 0), "0 rows")
        XCTAssertEqual(RowCountFooter.text(shown: 1, total: 1), "1 row")
        XCTAssertEqual(RowCountFooter.text(shown: 3, total: 3), "3 rows")
        XCTAssertEqual(RowCountFooter.text(shown: 9_041_308, total: 9_041_308), "9,041,308 rows")
    }

    func testTruncatedResults() {
        XCTAssertEqual(RowCountFooter.text(shown: 20, total: 9_041_308), "showing first 20 of 9,041,308 rows")
        XCTAssertEqual(RowCountFooter.text(shown: 1_000, total: 1_001), "showing first 1,000 of 1,001 rows")
        XCTAssertEqual(RowCountFooter.text(shown: 0, total: 1), "showing first 0 of 1 row")
    }

    func testThousandsGrouping() {
        XCTAssertEqual(RowCountFooter.groupingThousands(0), "0")
        XCTAssertEqual(RowCountFooter.groupingThousands(999), "999")
        XCTAssertEqual(RowCountFooter.groupingThousands(1_000), "1,000")
        XCTAssertEqual(RowCountFooter.groupingThousands(123_456), "123,456")
        XCTAssertEqual(RowCountFooter.groupingThousands(-1_234_567), "-1,234,567")
    }
}
