import TEIRender
import XCTest

/// Bar lengths, measured in eighths of a cell, are proportional to the values.
final class BarProportionTests: XCTestCase {
    private static let eighths: [Character: Int] = [
        "▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8,
    ]

    /// The length of the bar on `line`, in eighths of a cell.
    private func barLength(_ line: Substring) -> Int {
        line.reduce(0) { $0 + (Self.eighths[$1] ?? 0) }
    }

    func testLengthsAreProportionalToValues() throws {
        let values: [Double] = [1_000, 750, 500, 333, 125, 10]
        let chart = Chart.bar(BarChart(labels: values.map { "v\(Int($0))" }, values: values))
        let lines = try chart.renderText(ChartOptions(width: 80)).split(separator: "\n")
        let lengths = lines.prefix(values.count).map(barLength)
        XCTAssertGreaterThan(lengths[0], 8 * 20, "the largest bar should use most of the width")
        for (value, length) in zip(values, lengths) {
            let expected = Double(lengths[0]) * value / values[0]
            // Each bar is rounded to the nearest eighth, and so is the reference bar.
            XCTAssertEqual(Double(length), expected, accuracy: 1.0 + value / values[0],
                           "bar for \(value) is \(length) eighths")
        }
    }

    func testPartialCellsUseEighthBlocks() throws {
        let chart = Chart.bar(BarChart(labels: ["a", "b"], values: [80, 1]))
        let lines = try chart.renderText(ChartOptions(width: 60)).split(separator: "\n")
        let small = lines[1]
        XCTAssertFalse(small.contains("█"))
        XCTAssertTrue(small.contains { Self.eighths[$0] != nil }, "a small value still gets a sliver: \(small)")
    }

    func testBarsOnTheLogScaleGrowWithTheLogarithm() throws {
        let chart = Chart.bar(BarChart(labels: ["a", "b", "c"], values: [10, 100, 1_000]))
        let lines = try chart.renderText(ChartOptions(width: 80, scale: .log)).split(separator: "\n")
        let lengths = lines.prefix(3).map(barLength)
        // Each factor of ten adds the same length.
        XCTAssertEqual(Double(lengths[1] - lengths[0]), Double(lengths[2] - lengths[1]), accuracy: 1)
    }

    func testNegativeBarsExtendLeftOfZero() throws {
        let chart = Chart.bar(BarChart(labels: ["up", "down"], values: [20, -20]))
        let lines = try chart.renderText(ChartOptions(width: 60)).split(separator: "\n")
        let upStart = lines[0].firstIndex(of: "█").map { lines[0].distance(from: lines[0].startIndex, to: $0) }
        let downEnd = lines[1].lastIndex(of: "█").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        XCTAssertNotNil(upStart)
        XCTAssertNotNil(downEnd)
        XCTAssertEqual(downEnd! + 1, upStart!, "the negative bar ends where the positive one starts")
        XCTAssertEqual(barLength(lines[0]), barLength(lines[1]), accuracy: 4)
    }
}
