/// Lays tweets out in the columns and encodings of one release format.
struct TweetRowEncoder {
    let format: ReleaseFormat
    let population: Population
    private let columns: [TweetColumn]
    /// The account columns (userid to account_language) sit together in every layout; their quoted
    /// bytes are cached per account, which roughly halves the work per row when streaming.
    private let accountColumns: Range<Int>
    private var accountBytes: [[UInt8]?]

    init(format: ReleaseFormat, population: Population) {
        self.format = format
        self.population = population
        columns = format.tweetColumns
        let first = columns.firstIndex(of: .userID)!
        accountColumns = first..<(columns.firstIndex(of: .accountLanguage)! + 1)
        accountBytes = Array(repeating: nil, count: population.accounts.count)
    }

    func writeHeader(to writer: inout CSVRowWriter) throws {
        try writer.row(columns.map(\.rawValue))
    }

    mutating func write(_ tweet: Tweet, to writer: inout CSVRowWriter) throws {
        let account = population.accounts[tweet.author]
        for (index, column) in columns.enumerated() {
            if index == accountColumns.lowerBound {
                if accountBytes[tweet.author] == nil {
                    accountBytes[tweet.author] = CSVRowWriter.quoted(
                        columns[accountColumns].map { value(of: $0, tweet: tweet, account: account) })
                }
                writer.quotedFields(accountBytes[tweet.author]!)
            } else if !accountColumns.contains(index) {
                writer.field(value(of: column, tweet: tweet, account: account))
            }
        }
        try writer.endRow()
    }

    /// The field values of one row, for callers that damage rows on purpose.
    func fields(of tweet: Tweet) -> [String] {
        let account = population.accounts[tweet.author]
        return columns.map { value(of: $0, tweet: tweet, account: account) }
    }

    private func value(of column: TweetColumn, tweet: Tweet, account: Account) -> String {
        switch column {
        case .tweetID: return String(tweet.tweetID)
        case .userID: return account.userID
        case .userDisplayName: return account.displayName
        case .userScreenName: return account.screenName
        case .userReportedLocation: return account.location
        case .userProfileDescription: return account.profileDescription
        case .userProfileURL: return account.profileURL
        case .followerCount: return String(account.followerCount)
        case .followingCount: return String(account.followingCount)
        case .accountCreationDate: return CivilTime.dateText(ofDay: account.creationDay)
        case .accountLanguage: return account.language
        case .tweetLanguage: return tweet.content.language
        case .tweetText: return tweet.content.text
        case .tweetTime: return CivilTime.minuteText(tweet.minute)
        case .tweetClientName: return tweet.client
        case .inReplyToTweetID: return tweet.inReplyTo.map { String($0.tweetID) } ?? ""
        case .inReplyToUserID: return tweet.inReplyTo?.userID ?? ""
        case .quotedTweetTweetID: return tweet.quotedTweetID.map { String($0) } ?? ""
        case .isRetweet: return tweet.retweetOf == nil ? "false" : "true"
        case .retweetUserID: return tweet.retweetOf?.userID ?? ""
        case .retweetTweetID: return tweet.retweetOf.map { String($0.tweetID) } ?? ""
        case .latitude, .longitude:
            if format == .format2018 { return "" }
            return tweet.geoPresent ? "present" : "absent"
        case .quoteCount: return tweet.counts.map { String($0.quotes) } ?? ""
        case .replyCount: return tweet.counts.map { String($0.replies) } ?? ""
        case .likeCount: return tweet.counts.map { String($0.likes) } ?? ""
        case .retweetCount: return tweet.counts.map { String($0.retweets) } ?? ""
        case .hashtags: return list(tweet.content.hashtags, tweet) { format.listStyle.encode(strings: $0) }
        case .urls: return list(tweet.content.urls, tweet) { format.listStyle.encode(strings: $0) }
        case .userMentions: return list(tweet.content.mentions, tweet) { format.listStyle.encode(ids: $0) }
        case .pollChoices: return tweet.pollChoices
        }
    }

    /// An empty list is `[]` in most rows and `""` in some, as in the archive.
    private func list<Item>(_ items: [Item], _ tweet: Tweet, encode: ([Item]) -> String) -> String {
        items.isEmpty && tweet.emptyListsBlank ? "" : encode(items)
    }
}
