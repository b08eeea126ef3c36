import TEIStorage

/// The `markdown` format: a GitHub-flavored table, then a blank line and the row count.
///
/// Cells read like the `table` format (floats rounded, null empty) but are never cut. Numeric
/// columns are right-aligned (`---:`). Cells are padded so the source lines up too, up to
/// `maximumPaddedWidth` columns: a longer cell sticks out rather than widening every row. Inside a cell,
/// line breaks become `<br>`, other controls are escaped as in the `table` format, and the backslash,
/// `|` and the characters that start inline markup (`` ` * _ [ < ~ & ``) are backslash-escaped,
/// so a cell shows its text literally.
public struct MarkdownRenderer: Sendable {
    /// Cells are padded to the widest cell of their column, but no wider than this.
    public static let maximumPaddedWidth = 40

    public init() {}

    /// The text of `table`, without a trailing newline.
    public func render(_ table: ResultTable) -> String {
        let footer = RowCountFooter.text(of: table)
        guard !table.columns.isEmpty else { return footer }
        let headers = table.columns.map { Self.escape($0.name) }
        let rows = table.rows.map { row in
            table.columns.indices.map { Self.escape(ReadableNumber.cellText(row[orNull: $0])) }
        }
        let rightAligned = table.columns.map { TextTableRenderer.isRightAligned($0.type) }
        let widths = table.columns.indices.map { index in
            let widest = rows.reduce(TerminalText.displayWidth(of: headers[index])) {
                max($0, TerminalText.displayWidth(of: $1[index]))
            }
            return min(max(3, widest), Self.maximumPaddedWidth)
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { TerminalText.pad(cells[$0], toWidth: widths[$0], alignRight: rightAligned[$0]) }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let delimiter = widths.indices.map { index in
            rightAligned[index]
                ? String(repeating: "-", count: widths[index] - 1) + ":"
                : String(repeating: "-", count: widths[index])
        }
        let lines = [line(headers), line(delimiter)] + rows.map(line)
        return lines.joined(separator: "\n") + "\n\n" + footer
    }

    /// `text` safe inside one table cell.
    public static func escape(_ text: String) -> String {
        var result = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCarriageReturn:
                continue
            case "\n", "\r", "\u{2028}", "\u{2029}":
                result += "<br>"
            case "\\", "|", "`", "*", "_", "[", "<", "~", "&":
                result += "\\" + String(scalar)
            default:
                result += TerminalText.singleLine(String(scalar), ascii: false)
            }
        }
        return result
    }
}
