/// The typed schemas of the TEI release files, recognised by their headers and bound by column
/// name (the 2019 releases swap `in_reply_to_userid`/`in_reply_to_tweetid`; the 2020-12 releases
/// drop `poll_choices`).
enum TEIFormat {
    /// The user columns, in release order; shared by tweets and users files.
    static let userColumns: [Column] = [
        Column("userid", .text),
        Column("user_display_name", .text),
        Column("user_screen_name", .text),
        Column("user_reported_location", .text),
        Column("user_profile_description", .text),
        Column("user_profile_url", .text),
        Column("follower_count", .int),
        Column("following_count", .int),
        Column("account_creation_date", .date),
        Column("account_language", .text),
    ]

    /// The tweets columns in the 2018 order, which every loaded tweets table uses.
    static let tweetColumns: [Column] = [Column("tweetid", .int)] + userColumns + [
        Column("tweet_language", .text),
        Column("tweet_text", .text),
        Column("tweet_time", .timestamp),
        Column("tweet_client_name", .text),
        Column("in_reply_to_tweetid", .int),
        Column("in_reply_to_userid", .text),
        Column("quoted_tweet_tweetid", .int),
        Column("is_retweet", .bool),
        Column("retweet_userid", .text),
        Column("retweet_tweetid", .int),
        Column("latitude", .text),
        Column("longitude", .text),
        Column("quote_count", .int),
        Column("reply_count", .int),
        Column("like_count", .int),
        Column("retweet_count", .int),
        Column("hashtags", .list),
        Column("urls", .list),
        Column("user_mentions", .list),
        Column("poll_choices", .text),
    ]

    /// Tweets columns a file may lack (the 2020-12 releases have no `poll_choices`).
    static let optionalTweetColumns: Set<String> = ["poll_choices"]

    /// Columns whose repeated values are stored once, in a dictionary table.
    static let dictionaryColumns: Set<String> = ["tweet_language", "tweet_client_name", "latitude", "longitude"]

    /// Account ids of a tweets file, dictionary-encoded too: a release has a few thousand posting
    /// accounts and a few hundred thousand retweeted or replied-to ones, so the rows store small
    /// integers and questions "per account" group by them (see `DictionaryLayout`).
    static let accountIDColumns: Set<String> = ["userid", "retweet_userid", "in_reply_to_userid"]

    /// The indexes on a tweets table's rows. Each lets SQLite answer a standard question by
    /// reading an index in key order instead of sorting every row: tweets per account (the question
    /// every study of a release starts with, and the join with the users file), tweets per day (the
    /// activity timeline), the language mix of original tweets, and the most retweeted accounts.
    /// The third and fourth start with `is_retweet`, so `filter is_retweet` (or `not is_retweet`)
    /// seeks its half of the index and groups the rest in key order. The ones on `userid` and
    /// `tweet_language` alone also serve a join of the table with itself on that column: SQLite
    /// appends the row number to every index, so the matches of a row come in row order and the
    /// joined rows need no sort (see `SQLGenerator`). The sixth serves co-retweet matching (the
    /// retweets of the same tweet within a time window of each other, by any account): `filter
    /// is_retweet` and the retweeted tweet seek their rows, in time order so that a window is a
    /// range, and the account's code is in the index, so that the join reads no row of the table.
    /// It holds the retweets alone: a query over the original tweets (`filter not is_retweet`)
    /// would otherwise read them through it in time order, which is file order for no table (the
    /// texts of `duplicate_text_clusters` were read about 1.5× slower). The last holds each
    /// account's tweets in tei's time order (missing times last, `IndexKey.missing`), so that a
    /// question about an account's timeline (its first tweets, the time between its consecutive
    /// tweets) seeks or reads them in that order rather than sorting them: on (account, time)
    /// alone, SQLite sorted each account's tweets to put the missing times last (0.16 s of CPU of
    /// the 1.1 s the median gap per account took on the 1M release). A range of an account's times
    /// (a self-join on `userid` within a time window) seeks the account in it and reads the
    /// account's tweets, since the missing flag comes between the two. It does not replace the one
    /// on `userid` alone: through it, the matches of a row in a self-join on `userid` come in
    /// time order, and SQLite sorts them (the first joined row came 0.3 s → 1.9 s later on the 1M
    /// release). It also holds, after the row number that ends its order, the tweet id: each
    /// account's first tweet (its id and time) is then read from the index alone, with no page of
    /// the table's rows per account (about 13 MB more per million rows; the first tweet per account
    /// took about half of its CPU reading those pages). Each costs about 0.3–0.5 s of import per
    /// million rows.
    static let tweetIndexes: [IndexDefinition] = [
        IndexDefinition([.column("userid")]), IndexDefinition([.day("tweet_time")]),
        IndexDefinition([.column("is_retweet"), .column("tweet_language")]), IndexDefinition([.column("is_retweet"), .column("retweet_userid")]),
        IndexDefinition([.column("tweet_language")]),
        IndexDefinition([.column("is_retweet"), .column("retweet_tweetid"), .column("tweet_time"), .column("userid")], onlyWhereTrue: "is_retweet"),
        IndexDefinition([.column("userid"), .missing("tweet_time"), .column("tweet_time")], included: ["tweetid"]),
    ]

    /// An index of a kind of table: its keys, the bool column it holds only the true rows of, and
    /// the columns it holds after the row number (`IndexLayout.included`).
    struct IndexDefinition: Equatable {
        var keys: [IndexKey]
        var onlyWhereTrue: String?
        var included: [String]

        init(_ keys: [IndexKey], onlyWhereTrue: String? = nil, included: [String] = []) {
            self.keys = keys
            self.onlyWhereTrue = onlyWhereTrue
            self.included = included
        }
    }

    /// Long text columns kept out of the main row table, so that scans for aggregates read narrow
    /// rows; a query that uses them pays one primary-key lookup per row.
    static let separateColumns: Set<String> = ["tweet_text"]

    /// What kind of file `header` (column names) belongs to, or nil for any other CSV.
    /// A header that looks like TEI (has `tweetid` and `tweet_text`, or is exactly a users header)
    /// but lacks required columns is reported by `missingColumns`.
    static func kind(of header: [String]) -> TableKind? {
        let names = Set(header)
        if names.contains("tweetid") && names.contains("tweet_text") { return .teiTweets }
        let userNames = Set(userColumns.map(\.name))
        if names == userNames { return .teiUsers }
        return nil
    }

    /// The columns of kind `kind`.
    static func columns(of kind: TableKind) -> [Column] {
        switch kind {
        case .teiTweets: return tweetColumns
        case .teiUsers: return userColumns
        case .generic: return []
        }
    }

    /// Required columns of `kind` missing from `header`.
    static func missingColumns(_ header: [String], kind: TableKind) -> [String] {
        let names = Set(header)
        return columns(of: kind).map(\.name).filter { !names.contains($0) && !optionalTweetColumns.contains($0) }
    }
}
