import Foundation
import XCTest
@testable import TEIStorage

/// The text of times, dates and whole floats is written without Foundation's formatter; it must be
/// what printf's formats wrote before, for every year a time can hold (before 1970, before year
/// 1000, years with a minus sign) and for signed zero.
final class ValueTextTests: XCTestCase {
    func testTimesAndDatesAreWrittenAsPrintfWroteThem() {
        let day: Int64 = 86_400
        var seconds: [Int64] = [0, 1, 59, 60, 3_599, 3_600, 86_399, -1, -60, -86_400, -86_401, 1_498_147_387, 1_498_147_380]
        // Days from year -2000 to 12000, each at a time with and without seconds.
        for days in stride(from: Int64(-1_450_000), through: Int64(3_700_000), by: 9_973) {
            seconds += [days * day, days * day + 3_723, days * day + 45_240]
        }
        for value in seconds {
            let (days, rest) = value.floorDivided(by: 86_400)
            let date = CivilDate(dayNumber: days)
            let dayText = String(format: "%04lld-%02lld-%02lld", date.year, date.month, date.day)
            let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60)
            let time = s == 0 ? String(format: "%02lld:%02lld", h, m) : String(format: "%02lld:%02lld:%02lld", h, m, s)
            XCTAssertEqual(Value.timestamp(value).text, dayText + " " + time, "\(value)")
            XCTAssertEqual(Value.date(days * day).text, dayText, "\(value)")
        }
    }

    func testWholeFloatsKeepOneDecimalAndTheirSign() {
        for value in [0.0, -0.0, 1, -1, 3, -250, 1e14, -1e14, 999_999_999_999_999, -999_999_999_999_999] {
            XCTAssertEqual(Value.float(value).text, String(format: "%.1f", value), "\(value)")
        }
        XCTAssertEqual(Value.float(2.5).text, "2.5")
        XCTAssertEqual(Value.float(2.5e16).text, "2.5e+16")
    }

    func testZeroPaddingCountsTheSignAsPrintfDoes() {
        XCTAssertEqual(Value.zeroPadded(-5, width: 4), "-005")
        XCTAssertEqual(Value.zeroPadded(12_345, width: 4), "12345")
        XCTAssertEqual(Value.zeroPadded(7, width: 2), "07")
        XCTAssertEqual(Value.zeroPadded(Int64.min, width: 2), String(Int64.min))
    }
}
