import TEIStorage

/// Small synthetic results that cover every value type, scripts of several widths and awkward text.
enum SampleResults {
    /// 2017-06-22 16:03 UTC.
    static let timestamp: Int64 = 1_498_147_380
    /// 2017-06-22 00:00 UTC.
    static let day: Int64 = 1_498_089_600

    static let longText = "This synthetic sentence keeps going, repeating itself so that no terminal is wide enough "
        + "to show it whole: it keeps going and going and going until the renderer has to cut it short."

    /// Every type, with null, Cyrillic, Arabic, emoji, CJK, a line break and a long text.
    static let everyType = ResultTable(
        columns: [
            Column("id", .int), Column("handle", .text), Column("text", .text), Column("score", .float),
            Column("created", .timestamp), Column("day", .date), Column("gap", .duration),
            Column("verified", .bool), Column("tags", .list),
        ],
        rows: [
            [.int(1), .text("Иван"), .text("Привет, мир"), .float(3.14159), .timestamp(timestamp),
             .date(day), .duration(90), .bool(true), .list(["a", "b"])],
            [.int(22), .text("مرحبا"), .text("line one\nline two"), .float(0.000123456), .null,
             .null, .duration(86_400 + 7200), .bool(false), .list([])],
            [.int(-333), .text("🙂 emoji"), .text("中文字符"), .float(1234.5), .timestamp(timestamp + 7),
             .date(day - 86_400), .duration(0), .null, .list(["x, y", "say \"hi\""])],
            [.null, .null, .text(longText), .null, .null, .null, .null, .null, .null],
        ]
    )

    /// One text column and one number column.
    static func twoColumns(_ rows: [(String, Int64)], totalRows: Int? = nil) -> ResultTable {
        ResultTable(
            columns: [Column("name", .text), Column("count", .int)],
            rows: rows.map { [.text($0.0), .int($0.1)] },
            totalRows: totalRows
        )
    }
}
