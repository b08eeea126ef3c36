/// The SQL spelling of calendar arithmetic on stored times (seconds since 1970, UTC), shared by the
/// query functions (`date`, `hour`, `bin`…) and the cache's index on the day of `tweet_time`:
/// SQLite uses an index on an expression only for a query that writes the same expression.
public enum TimeSQL {
    /// Seconds since midnight of `time` (an SQL expression), correct for times before 1970 too.
    public static func secondOfDay(_ time: String) -> String {
        "(((\(time) % 86400) + 86400) % 86400)"
    }

    /// Midnight (UTC) of the day `time` falls on.
    public static func startOfDay(_ time: String) -> String {
        "(\(time) - \(secondOfDay(time)))"
    }
}
