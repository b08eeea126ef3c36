import TEILanguage

/// `filter CONDITION`: the rows for which the condition is true.
enum FilterTransform: TransformChecking {
    static let declaration = Transform(
        name: "filter", syntax: "filter CONDITION", summary: "Keeps the rows where the condition is true.",
        example: "tweets | filter tweet_language == \"en\" and not is_retweet", checkedBy: FilterTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard case .expression(let condition)? = step.arguments.first else { throw checker.misread(step) }
        let typed = try checker.expression(condition, in: ExpressionContext(scope: scope, input: input))
        guard typed.type == .bool || typed.type == .null else {
            throw checker.error("filter needs a condition (true or false), found \(typed.type.name)", at: condition.span,
                                hint: typed.type == .text ? "compare it: filter tweet_language == \"en\"" : nil)
        }
        return checker.derived(.filter(input, typed.expression), columns: input.columns, from: input)
    }
}
