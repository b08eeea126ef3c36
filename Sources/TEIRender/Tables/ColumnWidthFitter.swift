/// Chooses column widths so that a table's lines fit the terminal without wrapping.
///
/// Each column starts at its natural width (widest of header and cells, at most the whole line).
/// When the line is too long, the widest text columns lose a column at a time down to
/// `textFloor`; then other columns give up header width down to the width of their values. When
/// that is still too long, trailing columns are dropped, and the fit starts over for the rest. A
/// single remaining column that is still too wide is cut to the line.
struct ColumnWidthFitter {
    /// What the fitter needs to know about a column.
    struct Measure: Equatable {
        /// Display width of the header.
        var headerWidth: Int
        /// Display width of the widest cell.
        var valueWidth: Int
        /// Whether cells may be cut (text and lists) rather than only the header.
        var isCuttable: Bool
    }

    /// Narrowest width a text column is cut to before columns are dropped.
    static let textFloor = 8
    /// Narrowest width another column's header is cut to, when its values are narrower still.
    static let headerFloor = 4

    var availableWidth: Int
    var separatorWidth: Int

    /// Widths for the leading columns that fit; columns past the returned count are dropped.
    func widths(for columns: [Measure]) -> [Int] {
        guard !columns.isEmpty else { return [] }
        for count in stride(from: columns.count, through: 1, by: -1) {
            if let widths = fitting(Array(columns.prefix(count))) { return widths }
        }
        return [availableWidth]
    }

    private func fitting(_ columns: [Measure]) -> [Int]? {
        let budget = availableWidth - separatorWidth * (columns.count - 1)
        guard budget >= columns.count else { return nil }
        var widths = columns.map { min(max($0.headerWidth, $0.valueWidth, 1), availableWidth) }
        var excess = widths.reduce(0, +) - budget
        let textFloors = columns.map { $0.isCuttable ? Self.textFloor : Int.max }
        shrink(&widths, toward: textFloors, excess: &excess)
        let headerFloors = columns.map { $0.isCuttable ? Self.textFloor : max($0.valueWidth, Self.headerFloor) }
        shrink(&widths, toward: headerFloors, excess: &excess)
        return excess <= 0 ? widths : nil
    }

    /// Takes one column at a time from the widest column still above its floor.
    private func shrink(_ widths: inout [Int], toward floors: [Int], excess: inout Int) {
        while excess > 0 {
            var widest: Int?
            for index in widths.indices where widths[index] > floors[index] {
                if widest.map({ widths[index] > widths[$0] }) ?? true { widest = index }
            }
            guard let index = widest else { return }
            widths[index] -= 1
            excess -= 1
        }
    }
}
