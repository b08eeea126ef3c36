/// The characters a text chart is drawn with: Unicode block and box drawing, or ASCII only.
struct Glyphs {
    /// Left-aligned partial blocks, index `n` filling `n` eighths of a cell (index 8 is full).
    let horizontalEighths: [String]
    /// Bottom-aligned partial blocks, index `n` filling `n` eighths of a cell.
    let verticalEighths: [String]
    /// Full and right-half cells for bars growing leftwards (negative values).
    let leftwardFull: String
    let leftwardHalf: String
    /// Shades from empty to full for heatmaps.
    let ramp: [String]
    /// Levels for sparklines, lowest first.
    let sparkLevels: [String]
    /// One marker per series for point and line cells.
    let markers: [String]
    let verticalLine: String
    let horizontalLine: String
    let yTick: String
    let xTick: String
    let corner: String
    let ellipsis: String
    /// Whether lines and points use braille dots (2×4 per cell) instead of one marker per cell.
    let hasBraille: Bool

    static let unicode = Glyphs(
        horizontalEighths: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        verticalEighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        leftwardFull: "█", leftwardHalf: "▐",
        ramp: [" ", "░", "▒", "▓", "█"],
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        markers: ["●", "×", "+", "○", "■", "▲"],
        verticalLine: "│", horizontalLine: "─", yTick: "┤", xTick: "┬", corner: "└",
        ellipsis: "…", hasBraille: true)

    // ASCII cannot draw fractions of a cell: bars round to whole cells.
    static let ascii = Glyphs(
        horizontalEighths: ["", "", "", "", "#", "#", "#", "#", "#"],
        verticalEighths: [" ", " ", " ", " ", "#", "#", "#", "#", "#"],
        leftwardFull: "#", leftwardHalf: "#",
        ramp: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        sparkLevels: [".", ":", "-", "=", "+", "*", "#", "@"],
        markers: ["*", "+", "o", "x", "#", "@"],
        verticalLine: "|", horizontalLine: "-", yTick: "+", xTick: "+", corner: "+",
        ellipsis: "...", hasBraille: false)

    static func forOptions(_ options: ChartOptions) -> Glyphs { options.ascii ? .ascii : .unicode }

    /// The fewest eighths a bar or column is drawn with when its value is not zero: a bin of 1
    /// beside one of 81 must not look like an empty one. ASCII draws a cell from four eighths.
    var smallestVisibleEighths: Int { horizontalEighths.firstIndex { !$0.isEmpty } ?? 8 }

    /// The marker of series number `index`.
    func marker(_ index: Int) -> String { markers[index % markers.count] }
}
