/// One generated tweet, before it is laid out in a release's columns.
struct Tweet {
    var tweetID: UInt64
    var author: Int
    var minute: Int
    var content: TweetContent
    var client: String
    var inReplyTo: (userID: String, tweetID: UInt64)?
    var quotedTweetID: UInt64?
    var retweetOf: (userID: String, tweetID: UInt64)?
    var geoPresent: Bool
    /// quote, reply, like and retweet counts; nil when the archive left them empty.
    var counts: (quotes: Int, replies: Int, likes: Int, retweets: Int)?
    /// Write empty lists as `""` rather than `[]`; both occur in the same file.
    var emptyListsBlank: Bool
    var pollChoices: String
}
