extension String {
    /// The string with control characters (newlines, tabs, escapes) replaced by spaces, so a
    /// label cannot break a chart's lines or inject terminal sequences.
    var sanitizedLabel: String {
        String(String.UnicodeScalarView(unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
    }

    /// The string cut to at most `width` columns, ending in `ellipsis` when cut.
    ///
    /// Unlike `TerminalText.truncate`, a width too small for the ellipsis gives dots, so a chart
    /// column never comes out empty.
    func truncated(toWidth width: Int, ellipsis: String) -> String {
        if TerminalText.displayWidth(of: self) <= width { return self }
        let room = width - TerminalText.displayWidth(of: ellipsis)
        guard room >= 0 else { return String(repeating: ".", count: max(width, 0)) }
        var used = 0
        var kept = ""
        for character in self {
            let w = TerminalText.displayWidth(of: character)
            if used + w > room { break }
            used += w
            kept.append(character)
        }
        return kept + ellipsis
    }

    /// The string padded with spaces on the right to `width` columns.
    func padded(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - TerminalText.displayWidth(of: self)))
    }

    /// The string padded with spaces on the left to `width` columns.
    func leftPadded(toWidth width: Int) -> String {
        String(repeating: " ", count: max(0, width - TerminalText.displayWidth(of: self))) + self
    }
}
