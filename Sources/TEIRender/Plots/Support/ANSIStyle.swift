/// ANSI color for text charts: a palette for series and a ramp for heatmap shades.
///
/// Only the marks are colored; labels, axes and notes stay in the terminal's default color so
/// the chart reads the same with color off.
struct ANSIStyle {
    let enabled: Bool

    private static let seriesCodes = ["36", "35", "33", "32", "31", "34"]
    // 256-color blues to yellows, light to dark, for shade levels 1...n.
    private static let rampCodes = ["38;5;153", "38;5;111", "38;5;68", "38;5;30", "38;5;34",
                                    "38;5;142", "38;5;178", "38;5;208", "38;5;196"]

    /// `text` in the color of series number `series`.
    func series(_ text: String, _ series: Int) -> String {
        wrap(text, Self.seriesCodes[series % Self.seriesCodes.count])
    }

    /// `text` in the color of shade `level` out of `levels` (level 0 is blank and uncolored).
    func shade(_ text: String, level: Int, levels: Int) -> String {
        guard level > 0, levels > 1 else { return text }
        let index = (level - 1) * (Self.rampCodes.count - 1) / max(levels - 2, 1)
        return wrap(text, Self.rampCodes[min(index, Self.rampCodes.count - 1)])
    }

    private func wrap(_ text: String, _ code: String) -> String {
        guard enabled, !text.isEmpty, text.contains(where: { $0 != " " }) else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
