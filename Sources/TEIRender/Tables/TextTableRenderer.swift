import TEIStorage

/// The `table` format: aligned columns under a header and a rule, fitted to the terminal.
///
/// - Numbers (int, float, duration) are right-aligned, everything else left-aligned.
/// - Floats are rounded for reading (see `ReadableNumber`).
/// - Null is an empty cell, or a dim `null` when color is on.
/// - Line breaks, tabs and control characters are shown as escapes (see `TerminalText.singleLine(_:ascii:)`), so
///   a row is always one line.
/// - When the terminal fits tables (`TerminalInfo.fitsTables`), too-wide tables cut text cells with
///   `…` and then drop trailing columns (see `ColumnWidthFitter`), noting which:
///   `… 3 more columns: a, b, c`. Otherwise (files and pipes) every cell is whole.
/// - A footer counts the rows (see `RowCountFooter`); `renderParts` gives the rows and the footer
///   apart, so the rows can be shown before their total is counted.
public struct TextTableRenderer: Sendable {
    public var terminal: TerminalInfo

    /// Between two columns.
    static let separator = "  "

    public init(terminal: TerminalInfo) {
        self.terminal = terminal
    }

    /// The text of `table`, without a trailing newline.
    public func render(_ table: ResultTable) -> String {
        let parts = lines(of: table)
        return (parts.rows + parts.footer).joined(separator: "\n")
    }

    /// The text of `table` cut before its footer: the header, rule and rows (nothing when no
    /// column fits), then the footer and the note of dropped columns. `render` joins the two, so
    /// the rows can be shown while their total is counted and the footer printed after.
    public func renderParts(_ table: ResultTable) -> (rows: String?, footer: String) {
        let parts = lines(of: table)
        return (parts.rows.isEmpty ? nil : parts.rows.joined(separator: "\n"), parts.footer.joined(separator: "\n"))
    }

    private func lines(of table: ResultTable) -> (rows: [String], footer: [String]) {
        let columns = table.columns
        let headers = columns.map { TerminalText.singleLine($0.name, ascii: terminal.ascii) }
        let cells = table.rows.map { row in columns.indices.map { cell(row[orNull: $0]) } }
        let measures = columns.indices.map { index in
            ColumnWidthFitter.Measure(
                headerWidth: TerminalText.displayWidth(of: headers[index]),
                valueWidth: cells.reduce(0) { max($0, TerminalText.displayWidth(of: $1[index].text)) },
                isCuttable: Self.isCuttable(columns[index].type)
            )
        }
        let fitter = ColumnWidthFitter(availableWidth: lineWidth, separatorWidth: Self.separator.count)
        let widths = fitter.widths(for: measures)
        let alignments = columns.prefix(widths.count).map { Self.isRightAligned($0.type) }

        var rows: [String] = []
        if !widths.isEmpty {
            rows.append(line(headers.map { Cell(text: $0, style: .bold) }, widths: widths, alignments: alignments))
            let rule = terminal.ascii ? "-" : "─"
            rows.append(widths.map { String(repeating: rule, count: $0) }.joined(separator: Self.separator))
            for row in cells {
                rows.append(line(row, widths: widths, alignments: alignments))
            }
        }
        var footer = [TerminalText.truncate(RowCountFooter.text(of: table), toWidth: lineWidth, ellipsis: ellipsis)]
        if widths.count < columns.count {
            footer.append(droppedColumnsNote(headers[widths.count...]))
        }
        return (rows, footer)
    }

    /// A cell's text before cutting and padding, with the style to show it in.
    struct Cell {
        var text: String
        var style: TerminalStyle?
    }

    private func cell(_ value: Value) -> Cell {
        if value.isNull {
            return terminal.color ? Cell(text: "null", style: .dim) : Cell(text: "", style: nil)
        }
        return Cell(text: TerminalText.singleLine(ReadableNumber.cellText(value), ascii: terminal.ascii), style: nil)
    }

    /// The columns a line may take: unlimited where tables are not fitted.
    private var lineWidth: Int { terminal.fitsTables ? terminal.width : Int.max }

    private var ellipsis: String { terminal.ascii ? "..." : "…" }

    private func line(_ cells: [Cell], widths: [Int], alignments: [Bool]) -> String {
        var parts: [String] = []
        for (index, width) in widths.enumerated() {
            let text = TerminalText.truncate(cells[index].text, toWidth: width, ellipsis: ellipsis)
            let padding = String(repeating: " ", count: max(0, width - TerminalText.displayWidth(of: text)))
            let styled = cells[index].style?.apply(to: text, enabled: terminal.color) ?? text
            parts.append(alignments[index] ? padding + styled : styled + padding)
        }
        var joined = parts.joined(separator: Self.separator)
        while joined.hasSuffix(" ") { joined.removeLast() }
        return joined
    }

    private func droppedColumnsNote(_ names: ArraySlice<String>) -> String {
        let noun = names.count == 1 ? "column" : "columns"
        let note = "\(ellipsis) \(names.count) more \(noun): " + names.joined(separator: ", ")
        return TerminalText.truncate(note, toWidth: lineWidth, ellipsis: ellipsis)
    }

    static func isRightAligned(_ type: ValueType) -> Bool {
        type == .int || type == .float || type == .duration
    }

    static func isCuttable(_ type: ValueType) -> Bool {
        type == .text || type == .list || type == .null
    }
}
