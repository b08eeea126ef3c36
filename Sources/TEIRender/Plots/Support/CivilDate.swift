import TEIStorage

// Chart axes name months and step through them; the calendar arithmetic itself is TEIStorage's.
extension CivilDate {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date `count` months later, on day 1.
    func firstOfMonth(adding count: Int64) -> CivilDate {
        let index = year * 12 + (month - 1) + count
        let (y, m) = index.floorDivided(by: 12)
        return CivilDate(year: y, month: m + 1, day: 1)
    }

    /// `Jun`.
    var monthName: String { Self.monthNames[Int(month - 1)] }
}
