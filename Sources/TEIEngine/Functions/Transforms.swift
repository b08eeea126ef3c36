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

extension Checker {
    /// The error for a step whose arguments do not have the shapes its grammar entry declares:
    /// the parser reads each step by that entry, so this is tei's mistake, reported rather than run.
    func misread(_ step: TransformStep) -> Reported {
        error("tei read '\(step.name.text)' in a shape its checking does not know", at: step.span, hint: "please report this")
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
        FilterTransform.declaration,
        SelectTransform.declaration,
        DeriveTransform.declaration,
        RenameTransform.declaration,
        SortTransform.declaration,
        Transform(name: "take", syntax: "take N | take M..N", summary: "The first N rows, or rows M through N (counting from 1).",
                  example: "tweets | sort -retweet_count | take 10"),
        SampleTransform.declaration,
        Transform(name: "distinct", syntax: "distinct [COLUMN, …]", summary: "Drops repeated rows (of the named columns only, when given), keeping first occurrences.",
                  example: "tweets | distinct tweet_language"),
        Transform(name: "group", syntax: "group [KEY, …] (NAME = AGGREGATE, …) | group KEY, … (STEP | …)",
                  summary: "One row per distinct key, with aggregates computed over each group's rows; or sort, take, filter and derive run on each group's rows; groups come sorted by key.",
                  example: "tweets | group userid (n = count(), first = min(tweet_time))"),
        Transform(name: "join", syntax: "join [inner|left|semi|anti] TABLE on COLUMN, … | on CONDITION",
                  summary: "Combines rows with a second table. `left` keeps unmatched rows; `semi` keeps rows that match, `anti` rows that do not. Clashing names from the right get its name as a suffix.",
                  example: "tweets | join users on userid"),
        Transform(name: "explode", syntax: "explode LIST as NAME", summary: "One row per element of a list (rows with empty lists drop out).",
                  example: "tweets | explode hashtags as tag"),
        Transform(name: "append", syntax: "append TABLE", summary: "The rows of another table after these, columns matched by name.",
                  example: "tweets_2018 | append tweets_2019"),
        CountTransform.declaration,
        DescribeTransform.declaration,
        ComponentsTransform.declaration,
        Transform(name: "plot", syntax: "plot KIND COLUMNS… [by COLUMN] [OPTION = VALUE…] [to \"FILE.svg\"]",
                  summary: "Draws the rows as a chart in the terminal: bar, hist, line, heatmap, spark or scatter.",
                  example: "tweets | group tweet_language (n = count()) | plot bar tweet_language n"),
    ]

    /// The transform called `name`.
    public static func named(_ name: String) -> Transform? { all.first { $0.name == name } }
}
