import TEIStorage

/// The line under a result that says how many rows it has.
///
/// `0 rows`, `1 row`, `9,041,308 rows`; when only some rows are shown,
/// `showing first 20 of 9,041,308 rows`; when counting them took too long,
/// `showing first 20 of more than 10,020 rows`.
public enum RowCountFooter {
    /// The footer of the rows of `table` it shows.
    public static func text(of table: ResultTable) -> String {
        guard table.totalIsExact else {
            return "showing first \(groupingThousands(table.rows.count)) of more than \(groupingThousands(table.totalRows)) rows"
        }
        return text(shown: table.rows.count, total: table.totalRows)
    }

    /// The footer for `shown` rows out of `total`.
    public static func text(shown: Int, total: Int) -> String {
        let noun = total == 1 ? "row" : "rows"
        if shown < total {
            return "showing first \(groupingThousands(shown)) of \(groupingThousands(total)) \(noun)"
        }
        return "\(groupingThousands(total)) \(noun)"
    }

    /// `n` with a comma between groups of three digits, independent of the locale.
    public static func groupingThousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (n < 0 ? "-" : "") + grouped
    }
}
