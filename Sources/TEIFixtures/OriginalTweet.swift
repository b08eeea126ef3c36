/// A tweet outside the file that operation accounts retweet.
struct OriginalTweet {
    let tweetID: UInt64
    let minute: Int
    let userID: String
    let handle: String
    let numericUserID: UInt64
    let content: TweetContent
}
