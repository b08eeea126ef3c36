import TEILanguage
import TEIStorage

/// `select ITEM, …`: only the listed columns, in the order listed.
enum SelectTransform: TransformChecking {
    static let declaration = Transform(
        name: "select", syntax: "select COLUMN | NAME = EXPR | EXPR as NAME, …",
        summary: "Picks, reorders, renames and computes columns; only these remain.",
        example: "tweets | select tweetid, who = user_screen_name, len(tweet_text) as chars", checkedBy: SelectTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard case .bindings(let items)? = step.arguments.first else { throw checker.misread(step) }
        let named = try checker.namedExpressions(items, context: ExpressionContext(scope: scope, input: input), what: "column")
        return checker.derived(.project(input, named), columns: named.map { Column($0.name, $0.expression.type) }, from: input)
    }
}
