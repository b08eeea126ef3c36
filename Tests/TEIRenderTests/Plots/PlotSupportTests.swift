import TEIStorage
@testable import TEIRender
import XCTest

/// Display width, number labels and tick choice.
final class PlotSupportTests: XCTestCase {
    func testDisplayWidthCountsWideAndZeroWidthCharacters() {
        XCTAssertEqual(TerminalText.displayWidth(of: "abc"), 3)
        XCTAssertEqual(TerminalText.displayWidth(of: "中国"), 4)
        XCTAssertEqual(TerminalText.displayWidth(of: "e\u{301}"), 1)
        XCTAssertEqual(TerminalText.displayWidth(of: "🇷🇺"), 2)
        XCTAssertEqual(TerminalText.displayWidth(of: "👍🏽"), 2)
        XCTAssertEqual(TerminalText.displayWidth(of: "❤️"), 2)
        XCTAssertEqual(TerminalText.displayWidth(of: "한국어"), 6)
        XCTAssertEqual(TerminalText.displayWidth(of: ""), 0)
    }

    func testTruncationRespectsWideCharacters() {
        XCTAssertEqual("中国中国".truncated(toWidth: 5, ellipsis: "…"), "中国…")
        XCTAssertEqual("abc".truncated(toWidth: 3, ellipsis: "…"), "abc")
        XCTAssertEqual("abcdef".truncated(toWidth: 4, ellipsis: "..."), "a...")
    }

    func testValueLabels() {
        XCTAssertEqual(NumberText.value(1_234_567), "1,234,567")
        XCTAssertEqual(NumberText.value(-1_234), "-1,234")
        XCTAssertEqual(NumberText.value(800.5), "800.5")
        XCTAssertEqual(NumberText.value(2.345), "2.35")
        XCTAssertEqual(NumberText.value(0.001234), "0.00123")
    }

    func testLinearTicksAreRoundNumbers() {
        let made = LinearTicks.make(lower: 0, upper: 12_345, count: 5)
        XCTAssertEqual(made.ticks.map(\.label), ["0", "5k", "10k", "15k"])
        XCTAssertEqual(made.upper, 15_000)
        let small = LinearTicks.make(lower: -0.13, upper: 0.42, count: 5)
        XCTAssertEqual(small.ticks.map(\.label), ["-0.2", "0", "0.2", "0.4", "0.6"])
        for count in 2...12 {
            let step = LinearTicks.step(lower: 0, upper: 987, count: count)
            let mantissa = step / pow(10, floor(log10(step)))
            XCTAssertTrue([1, 2, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(step)")
        }
    }

    func testLogTicksArePowersOfTen() {
        let made = LogTicks.make(lower: 3, upper: 45_000, count: 8)
        XCTAssertEqual(made.ticks.map(\.label), ["1", "10", "100", "1,000", "10k", "100k"])
    }

    func testTimeTicksFallOnCalendarBoundaries() {
        let jan1 = 1_483_228_800.0  // 2017-01-01, a Sunday
        let months = TimeTicks.make(lower: jan1 + 3_600, upper: jan1 + 200 * 86_400, count: 4)
        XCTAssertEqual(months.map(\.label), ["Mar 2017", "May 2017", "Jul 2017"])
        let weeks = TimeTicks.make(lower: jan1, upper: jan1 + 30 * 86_400, count: 5)
        XCTAssertEqual(weeks.map(\.label), ["Jan 2", "Jan 9", "Jan 16", "Jan 23", "Jan 30"], "weeks start on Monday")
        let hours = TimeTicks.make(lower: jan1 + 1_800, upper: jan1 + 86_400, count: 4)
        XCTAssertEqual(hours.map(\.label), ["06:00", "12:00", "18:00", "Jan 2"])
        let years = TimeTicks.make(lower: jan1, upper: jan1 + 6 * 365 * 86_400, count: 4)
        XCTAssertEqual(years.map(\.label), ["2018", "2020", "2022"])
    }

    func testCivilDateRoundTrips() {
        for day in stride(from: Int64(-800_000), to: 800_000, by: 9_973) {
            XCTAssertEqual(CivilDate(dayNumber: day).dayNumber, day)
        }
        XCTAssertEqual(CivilDate(dayNumber: 17_167), CivilDate(year: 2017, month: 1, day: 1))
    }
}
