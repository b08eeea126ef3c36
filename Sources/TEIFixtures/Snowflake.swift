/// Twitter's snowflake ids: milliseconds since the Twitter epoch in the high bits, worker and
/// sequence bits in the low 22.
public enum Snowflake {
    /// The Twitter epoch (2010-11-04 01:42:54.657 UTC) in Unix milliseconds.
    public static let epochMilliseconds: Int64 = 1_288_834_974_657

    /// The id of something created at `unixMilliseconds` (after the Twitter epoch) by `workerBits`
    /// (only the low 22 bits are used).
    public static func id(unixMilliseconds: Int64, workerBits: UInt64) -> UInt64 {
        precondition(unixMilliseconds >= epochMilliseconds, "snowflakes start in November 2010")
        return UInt64(unixMilliseconds - epochMilliseconds) << 22 | (workerBits & 0x3F_FFFF)
    }

    /// The Unix milliseconds encoded in a snowflake id.
    public static func unixMilliseconds(of id: UInt64) -> Int64 {
        Int64(id >> 22) + epochMilliseconds
    }

    /// A random snowflake inside minute `minute` (minutes since 1970, UTC).
    static func id(inMinute minute: Int, using random: inout SplitMix64) -> UInt64 {
        let milliseconds = Int64(minute) * 60_000 + Int64(random.below(60_000))
        return id(unixMilliseconds: milliseconds, workerBits: random.next())
    }
}
