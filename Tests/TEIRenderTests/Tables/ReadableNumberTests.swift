import XCTest
@testable import TEIRender

final class ReadableNumberTests: XCTestCase {
    func testAtLeastOneHasTwoDecimalsAtMost() {
        XCTAssertEqual(ReadableNumber.format(3.14159), "3.14")
        XCTAssertEqual(ReadableNumber.format(2.5), "2.5")
        XCTAssertEqual(ReadableNumber.format(3), "3.0")
        XCTAssertEqual(ReadableNumber.format(1234.5678), "1234.57")
        XCTAssertEqual(ReadableNumber.format(-1.999), "-2.0")
        XCTAssertEqual(ReadableNumber.format(1.004), "1.0")
    }

    func testBelowOneHasThreeSignificantDigits() {
        XCTAssertEqual(ReadableNumber.format(0.123456), "0.123")
        XCTAssertEqual(ReadableNumber.format(0.000123456), "0.000123")
        XCTAssertEqual(ReadableNumber.format(-0.5), "-0.5")
        XCTAssertEqual(ReadableNumber.format(0.99999), "1.0")
        XCTAssertEqual(ReadableNumber.format(1.23456e-7), "1.23e-07")
    }

    func testSpecialValues() {
        XCTAssertEqual(ReadableNumber.format(0), "0.0")
        XCTAssertEqual(ReadableNumber.format(1.23456e20), "1.23e+20")
        XCTAssertEqual(ReadableNumber.format(.nan), "NaN")
        XCTAssertEqual(ReadableNumber.format(-.infinity), "-inf")
    }

    func testCellTextRoundsOnlyFloats() {
        XCTAssertEqual(ReadableNumber.cellText(.float(0.333333)), "0.333")
        XCTAssertEqual(ReadableNumber.cellText(.int(1_234_567_890_123)), "1234567890123")
        XCTAssertEqual(ReadableNumber.cellText(.duration(90)), "1m 30s")
        XCTAssertEqual(ReadableNumber.cellText(.null), "")
    }
}
