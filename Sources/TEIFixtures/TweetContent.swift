/// The text of a tweet and the entities the archive lists for it.
struct TweetContent {
    var text: String
    var language: String
    var hashtags: [String] = []
    var urls: [String] = []
    var mentions: [UInt64] = []
}
