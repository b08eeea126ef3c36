/// What the numbers on a continuous axis mean, which decides its ticks and labels.
public enum AxisKind: String, Sendable, Hashable {
    /// Plain numbers: ticks at 1, 2 or 5 × 10^k.
    case number
    /// Unix seconds (UTC): ticks at calendar boundaries (hours, days, weeks, months, years).
    case time
}
