/// The three layouts in which Twitter published TEI tweets files.
public enum ReleaseFormat: String, CaseIterable, Sendable {
    /// The 2018 releases: 31 columns, 64-hex hashes, `[a, b]` lists, empty geo fields.
    case format2018 = "2018"
    /// The 2019 to 2020 releases: reply pair swapped (userid first), Python-repr lists,
    /// base64 hashes, `absent`/`present` geo fields.
    case format2019 = "2019"
    /// The releases from December 2020 on: as 2019 but without `poll_choices` (30 columns).
    case format2020December = "2020-12"

    /// The columns of a tweets file, in file order.
    public var tweetColumns: [TweetColumn] {
        var columns = TweetColumn.allCases
        if self != .format2018 {
            let replyTweet = columns.firstIndex(of: .inReplyToTweetID)!
            columns.swapAt(replyTweet, replyTweet + 1)
        }
        if self == .format2020December {
            columns.removeAll { $0 == .pollChoices }
        }
        return columns
    }

    /// The columns of a users file, the same in every release.
    public var userColumns: [UserColumn] { UserColumn.allCases }

    /// How list columns (hashtags, urls, user_mentions) are written.
    public var listStyle: ListStyle {
        self == .format2018 ? .bracketed : .pythonRepr
    }

    /// How hashed account ids look.
    public var hashStyle: HashStyle {
        self == .format2018 ? .hex64 : .base64WithoutSlashes
    }
}

/// A column of a TEI tweets file; the raw value is the header name.
public enum TweetColumn: String, CaseIterable, Sendable {
    case tweetID = "tweetid"
    case userID = "userid"
    case userDisplayName = "user_display_name"
    case userScreenName = "user_screen_name"
    case userReportedLocation = "user_reported_location"
    case userProfileDescription = "user_profile_description"
    case userProfileURL = "user_profile_url"
    case followerCount = "follower_count"
    case followingCount = "following_count"
    case accountCreationDate = "account_creation_date"
    case accountLanguage = "account_language"
    case tweetLanguage = "tweet_language"
    case tweetText = "tweet_text"
    case tweetTime = "tweet_time"
    case tweetClientName = "tweet_client_name"
    case inReplyToTweetID = "in_reply_to_tweetid"
    case inReplyToUserID = "in_reply_to_userid"
    case quotedTweetTweetID = "quoted_tweet_tweetid"
    case isRetweet = "is_retweet"
    case retweetUserID = "retweet_userid"
    case retweetTweetID = "retweet_tweetid"
    case latitude
    case longitude
    case quoteCount = "quote_count"
    case replyCount = "reply_count"
    case likeCount = "like_count"
    case retweetCount = "retweet_count"
    case hashtags
    case urls
    case userMentions = "user_mentions"
    case pollChoices = "poll_choices"
}

/// A column of a TEI users file; the raw value is the header name.
public enum UserColumn: String, CaseIterable, Sendable {
    case userID = "userid"
    case userDisplayName = "user_display_name"
    case userScreenName = "user_screen_name"
    case userReportedLocation = "user_reported_location"
    case userProfileDescription = "user_profile_description"
    case userProfileURL = "user_profile_url"
    case followerCount = "follower_count"
    case followingCount = "following_count"
    case accountCreationDate = "account_creation_date"
    case accountLanguage = "account_language"
}
