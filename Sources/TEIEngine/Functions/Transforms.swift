import TEILanguage

/// A pipeline step: how it is written and what it does. One table feeds the checker's
/// suggestions, `:help`, completion and the language reference.
public struct Transform: Sendable {
    public let name: String
    public let syntax: String
    public let summary: String
    public let example: String
    /// The type that checks it, for a transform the parser reads by its `TransformGrammar` entry;
    /// nil for those with a grammar rule and a checking case of their own.
    let checkedBy: (any TransformChecking.Type)?

    init(name: String, syntax: String, summary: String, example: String, checkedBy: (any TransformChecking.Type)? = nil) {
        self.name = name
        self.syntax = syntax
        self.summary = summary
        self.example = example
        self.checkedBy = checkedBy
    }
}

/// A transform as one type: its declaration (with `checkedBy` this type) and the plan it makes of
/// a step its `TransformGrammar` entry read. Adding one is this type in `Transforms/`, its line
/// in `Transforms.all` and its line in `TransformGrammar.all`.
protocol TransformChecking {
    static var declaration: Transform { get }
    /// The plan of `step` over the rows of `input`.
    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation
}

/// Every built-in transform.
public enum Transforms {
    public static let all: [Transform] = [
        Transform(name: "filter", syntax: "filter CONDITION", summary: "Keeps the rows where the condition is true.",
                  example: "tweets | filter tweet_language == \"en\" and not is_retweet"),
        Transform(name: "select", syntax: "select COLUMN | NAME = EXPR | EXPR as NAME, …",
                  summary: "Picks, reorders, renames and computes columns; only these remain.",
                  example: "tweets | select tweetid, who = user_screen_name, len(tweet_text) as chars"),
        Transform(name: "derive", syntax: "derive NAME = EXPR, …", summary: "Adds columns (or replaces same-named ones), keeping the others.",
                  example: "tweets | derive day = bin(tweet_time, 1d), chars = len(tweet_text)"),
        Transform(name: "sort", syntax: "sort [-]EXPR, …", summary: "Orders rows; `-` sorts descending. Stable: ties keep their order.",
                  example: "tweets | sort -like_count, tweetid"),
        Transform(name: "take", syntax: "take N | take M..N", summary: "The first N rows, or rows M through N (counting from 1).",
                  example: "tweets | sort -retweet_count | take 10"),
        Transform(name: "distinct", syntax: "distinct [COLUMN, …]", summary: "Drops repeated rows (of the named columns only, when given), keeping first occurrences.",
                  example: "tweets | distinct tweet_language"),
        Transform(name: "group", syntax: "group [KEY, …] (NAME = AGGREGATE, …)", summary: "One row per distinct key, with aggregates computed over each group's rows; groups come sorted by key.",
                  example: "tweets | group userid (n = count(), first = min(tweet_time))"),
        Transform(name: "join", syntax: "join [inner|left|semi|anti] TABLE on COLUMN, … | on CONDITION",
                  summary: "Combines rows with a second table. `left` keeps unmatched rows; `semi` keeps rows that match, `anti` rows that do not. Clashing names from the right get its name as a suffix.",
                  example: "tweets | join users on userid"),
        Transform(name: "explode", syntax: "explode LIST as NAME", summary: "One row per element of a list (rows with empty lists drop out).",
                  example: "tweets | explode hashtags as tag"),
        Transform(name: "append", syntax: "append TABLE", summary: "The rows of another table with the same columns after these.",
                  example: "tweets_2018 | append tweets_2019"),
        Transform(name: "count", syntax: "count", summary: "The number of rows, as a table with one column n.",
                  example: "tweets | count"),
        Transform(name: "describe", syntax: "describe", summary: "One row per column: its type, non-null and distinct counts, minimum and maximum.",
                  example: "tweets | describe"),
        Rename.declaration,
        Sample.declaration,
        Transform(name: "plot", syntax: "plot KIND COLUMNS… [by COLUMN] [OPTION = VALUE…] [to \"FILE.svg\"]",
                  summary: "Draws the rows as a chart in the terminal: bar, hist, line, heatmap, spark or scatter.",
                  example: "tweets | group tweet_language (n = count()) | plot bar tweet_language n"),
    ]

    /// The transform called `name`.
    public static func named(_ name: String) -> Transform? { all.first { $0.name == name } }
}
