import TEILanguage
import TEIStorage

/// `components`: the connected components of a network given as its edges (`ComponentsOperator`).
enum ComponentsTransform: TransformChecking {
    static let declaration = Transform(
        name: "components", syntax: "components",
        summary: "The connected components of a network whose rows are its edges (the first two columns their ends): one row per account, with its component (the smallest account in it) and size.",
        example: "tweets | filter is_retweet | select userid, retweet_userid | components", checkedBy: ComponentsTransform.self)

    /// The types an account is named by, as in a network file.
    private static let endTypes: Set<ValueType> = [.text, .int]

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard input.columns.count >= 2 else {
            throw checker.error("components needs edges: two columns naming the accounts at their ends, but this pipeline has \(input.columns.count)",
                                at: step.span, hint: "select the two accounts first, e.g. | select account_a, account_b | components")
        }
        let (first, second) = (input.columns[0], input.columns[1])
        guard endTypes.contains(first.type), first.type == second.type else {
            throw checker.error("components needs the first two columns ('\(first.name)' \(first.type.name), '\(second.name)' \(second.type.name)) "
                                + "to be both text or both int", at: step.span,
                                hint: "the first two columns name the two ends of each edge; convert one with text(…)")
        }
        let columns = [Column("account", first.type), Column("component", first.type), Column("size", .int)]
        return checker.derived(.operator(ComponentsOperator(input: input)), columns: columns, from: input)
    }
}
