import TEILanguage

/// `sort [-]KEY, …`: the rows in the keys' order, ties in the order they had.
enum SortTransform: TransformChecking {
    static let declaration = Transform(
        name: "sort", syntax: "sort [-]EXPR, …", summary: "Orders rows; `-` sorts descending. Stable: ties keep their order.",
        example: "tweets | sort -like_count, tweetid", checkedBy: SortTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard case .sortKeys(let keys)? = step.arguments.first else { throw checker.misread(step) }
        let typed = try keys.map { key -> PlanSortKey in
            let value = try checker.expression(key.value, in: ExpressionContext(scope: scope, input: input))
            if value.type == .list { throw checker.error("lists cannot be sorted", at: key.value.span, hint: "sort by len(...) instead") }
            return PlanSortKey(value.expression, descending: key.descending)
        }
        return checker.derived(.sort(input, typed), columns: input.columns, from: input)
    }
}
