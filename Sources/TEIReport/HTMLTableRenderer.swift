import TEIRender
import TEIStorage

/// A result table as an HTML `<table>` with a caption counting its rows; numbers right-aligned.
public struct HTMLTableRenderer {
    public init() {}

    public func render(_ table: ResultTable) -> String {
        let footer = HTMLText.escape(RowCountFooter.text(of: table))
        guard !table.columns.isEmpty else { return "<p class=\"rows\">\(footer)</p>" }
        let numeric = table.columns.map { [.int, .float, .duration].contains($0.type) }
        func cellClass(_ index: Int) -> String { numeric[index] ? " class=\"num\"" : "" }
        var html = "<div class=\"table\"><table>\n<thead><tr>"
        for (index, column) in table.columns.enumerated() {
            html += "<th\(cellClass(index))>\(HTMLText.escape(column.name))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for index in table.columns.indices {
                let value = index < row.count ? row[index] : .null
                let classes = numeric[index] ? " class=\"num\"" : (value.isNull ? " class=\"null\"" : "")
                html += "<td\(classes)>\(HTMLText.escape(ReadableNumber.cellText(value)))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n<p class=\"rows\">\(footer)</p>"
        return html
    }
}
