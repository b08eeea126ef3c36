/// The words a group of accounts tweets with, per `tweet_language` code; the composer builds texts
/// from them. The operation's and the control group's differ; the grammar of a tweet does not.
protocol Vocabulary {
    /// The tweet languages covered, as `tweet_language` codes.
    static var languages: [String] { get }
    static func subjects(_ language: String) -> [String]
    static func predicates(_ language: String) -> [String]
    static func tails(_ language: String) -> [String]
    /// Phrases holding double quotes, so that texts carry embedded quotes.
    static func scareQuotes(_ language: String) -> [String]
    static func hashtags(_ language: String) -> [String]
    static var emoji: [String] { get }
    /// The apps tweets are posted from, common ones listed more than once.
    static var clients: [String] { get }
    /// An expanded URL for a link in a tweet.
    static func url(random: inout SplitMix64) -> String
}
