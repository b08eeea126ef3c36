import XCTest
@testable import TEIRender

final class ColumnWidthFitterTests: XCTestCase {
    private typealias Measure = ColumnWidthFitter.Measure

    private func text(_ width: Int, header: Int = 4) -> Measure {
        Measure(headerWidth: header, valueWidth: width, isCuttable: true)
    }

    private func number(_ width: Int, header: Int = 4) -> Measure {
        Measure(headerWidth: header, valueWidth: width, isCuttable: false)
    }

    func testNaturalWidthsWhenTheyFit() {
        let fitter = ColumnWidthFitter(availableWidth: 40, separatorWidth: 2)
        XCTAssertEqual(fitter.widths(for: [number(3), text(10), number(6, header: 9)]), [4, 10, 9])
    }

    func testWidestTextColumnShrinksFirst() {
        let fitter = ColumnWidthFitter(availableWidth: 40, separatorWidth: 2)
        // 5 + 30 + 12 + two separators = 51: 11 too many, all taken from the 30.
        XCTAssertEqual(fitter.widths(for: [number(5), text(30), text(12)]), [5, 19, 12])
        // 5 + 30 + 25 + 4 = 64: 24 too many; the two text columns end level, 31 between them.
        XCTAssertEqual(fitter.widths(for: [number(5), text(30), text(25)]), [5, 15, 16])
    }

    func testNumberHeadersShrinkAfterText() {
        let fitter = ColumnWidthFitter(availableWidth: 30, separatorWidth: 2)
        // Text floors at 8; then the long number header gives way down to its values.
        XCTAssertEqual(fitter.widths(for: [text(40), number(5, header: 24)]), [8, 20])
    }

    func testTrailingColumnsDropWhenShrinkingIsNotEnough() {
        let fitter = ColumnWidthFitter(availableWidth: 30, separatorWidth: 2)
        let widths = fitter.widths(for: [number(10), number(10), number(10), text(50)])
        XCTAssertEqual(widths, [10, 10], "the fourth and then the third column go")
    }

    func testOneTooWideColumnIsCutToTheLine() {
        let fitter = ColumnWidthFitter(availableWidth: 12, separatorWidth: 2)
        XCTAssertEqual(fitter.widths(for: [number(19), text(5)]), [12])
        XCTAssertEqual(fitter.widths(for: []), [])
    }

    func testFitNeverExceedsTheLine() {
        let columns = [number(4), text(300), number(19, header: 7), text(9), text(120), number(8)]
        for available in 1...200 {
            let widths = ColumnWidthFitter(availableWidth: available, separatorWidth: 2).widths(for: columns)
            XCTAssertFalse(widths.isEmpty)
            XCTAssertLessThanOrEqual(widths.reduce(0, +) + 2 * (widths.count - 1), available, "at \(available)")
        }
    }
}
