/// What one synthetic release contains: its name, layout, size, the period its tweets span and
/// whose accounts they are.
public struct ReleaseSpec: Sendable, Equatable {
    /// The archive-style file name stem, e.g. `freedonia_201810`.
    public var baseName: String
    public var format: ReleaseFormat
    public var tweetCount: Int
    public var accountCount: Int
    /// First and last day (days since 1970) on which the operation tweets.
    public var firstTweetDay: Int
    public var lastTweetDay: Int
    /// Whether the tweets file ends with an extra empty line, as some archive files do.
    public var endsWithEmptyLine: Bool
    /// An operation (and which) or a control group of ordinary accounts.
    public var kind: ReleaseKind

    /// Creates a spec; counts must be positive and the period non-empty.
    public init(baseName: String, format: ReleaseFormat, tweetCount: Int, accountCount: Int,
                firstTweetDay: Int, lastTweetDay: Int, endsWithEmptyLine: Bool = false,
                kind: ReleaseKind = .operation(.freedonia)) throws {
        guard tweetCount >= 0 else { throw FixtureError.invalidArgument("tweet count must not be negative") }
        guard accountCount >= 1 else { throw FixtureError.invalidArgument("need at least one account") }
        guard lastTweetDay - firstTweetDay >= 28 else {
            throw FixtureError.invalidArgument("the tweet period must span at least four weeks")
        }
        guard firstTweetDay > CivilTime.day(year: 2011, month: 1, day: 1) else {
            throw FixtureError.invalidArgument("tweets must come after the 2010 start of snowflake ids")
        }
        self.init(checkedBaseName: baseName, format: format, tweetCount: tweetCount, accountCount: accountCount,
                  firstTweetDay: firstTweetDay, lastTweetDay: lastTweetDay, endsWithEmptyLine: endsWithEmptyLine,
                  kind: kind)
    }

    /// Memberwise, for specs already known to be valid (the committed releases).
    init(checkedBaseName baseName: String, format: ReleaseFormat, tweetCount: Int, accountCount: Int,
         firstTweetDay: Int, lastTweetDay: Int, endsWithEmptyLine: Bool = false,
         kind: ReleaseKind = .operation(.freedonia)) {
        self.kind = kind
        self.baseName = baseName
        self.format = format
        self.tweetCount = tweetCount
        self.accountCount = accountCount
        self.firstTweetDay = firstTweetDay
        self.lastTweetDay = lastTweetDay
        self.endsWithEmptyLine = endsWithEmptyLine
    }

    /// `<base>_tweets_csv_hashed.csv`, as the archive names it; a control group, which Twitter never
    /// released, is `<base>_tweets.csv`.
    public var tweetsFileName: String { baseName + (kind == .control ? "_tweets.csv" : "_tweets_csv_hashed.csv") }
    /// `<base>_users_csv_hashed.csv`, as the archive names it (a control group's `<base>_users.csv`).
    public var usersFileName: String { baseName + (kind == .control ? "_users.csv" : "_users_csv_hashed.csv") }

    /// The operation's names and habits; nil for a control group.
    var cast: OperationCast? {
        if case .operation(let cast) = kind { return cast }
        return nil
    }

    /// A spec for a large benchmark file: `rows` tweets, by `rows / 40` accounts (at least 60)
    /// unless `accounts` is given, over 2016–2018.
    public static func stream(rows: Int, accounts: Int? = nil, format: ReleaseFormat) throws -> ReleaseSpec {
        guard rows >= 0 else { throw FixtureError.invalidArgument("rows must not be negative") }
        if let accounts, accounts < 1 { throw FixtureError.invalidArgument("accounts must be positive") }
        return try ReleaseSpec(baseName: "freedonia_stream", format: format, tweetCount: rows,
                               accountCount: accounts ?? max(60, rows / 40),
                               firstTweetDay: CivilTime.day(year: 2016, month: 1, day: 1),
                               lastTweetDay: CivilTime.day(year: 2018, month: 12, day: 31))
    }
}
