/// Habits from SQL, Python and pandas that tei writes another way: what a newcomer types and what
/// tei says instead. Read only on error paths (the lexer's, the parser's and the checker's), so a
/// habit never changes what a valid script means.
public enum LanguageHabits {
    /// What tei says for a step word of another language.
    public struct Step: Sendable {
        /// tei's transform.
        public let tei: String
        /// The message, naming the tei way.
        public let message: String
        /// An example of the tei way.
        public let example: String
    }

    /// Step words of other languages that name a tei transform.
    public static let steps: [String: Step] = [
        "where": Step(tei: "filter", message: "use 'filter' to keep rows", example: "filter like_count > 10"),
        "query": Step(tei: "filter", message: "use 'filter' to keep rows", example: "filter like_count > 10"),
        "limit": Step(tei: "take", message: "use 'take N' to keep the first N rows", example: "take 10"),
        "head": Step(tei: "take", message: "use 'take N' to keep the first N rows", example: "take 10"),
        "order": Step(tei: "sort", message: "use 'sort' to order rows", example: "sort like_count (sort -like_count for largest first)"),
        "orderby": Step(tei: "sort", message: "use 'sort' to order rows", example: "sort like_count (sort -like_count for largest first)"),
        "groupby": Step(tei: "group", message: "use 'group' with the aggregates in parentheses", example: "group userid (n = count())"),
        "merge": Step(tei: "join", message: "use 'join' to combine tables", example: "join users on userid"),
        "union": Step(tei: "append", message: "use 'append' to stack tables", example: "append other_table"),
        "concat": Step(tei: "append", message: "use 'append' to stack tables", example: "append other_table"),
        "assign": Step(tei: "derive", message: "use 'derive' to add columns", example: "derive likes = like_count + 1"),
        "mutate": Step(tei: "derive", message: "use 'derive' to add columns", example: "derive likes = like_count + 1"),
    ]

    /// The habit of writing a step word of another language, as an error at `span`; the hint is
    /// the step written the tei way when `rest` (what followed the word) is given.
    public static func step(_ word: String, at span: Span, rest: String = "") -> Diagnostic? {
        steps[word.lowercased()].map { .error("\($0.message), not '\(word)'", at: span, hint: rest.isEmpty ? $0.example : "\($0.tei) \(rest)") }
    }

    /// What the lexer says for characters other languages use as operators or quotes; nil for
    /// any other character.
    static func symbol(_ text: String) -> String? {
        switch text {
        case "&&", "&": return "use 'and' to combine conditions, not '\(text)'"
        case "||": return "use 'or' to combine conditions, not '||'"
        case "!": return "use 'not' to negate a condition, not '!'"
        default: return nil
        }
    }
}
