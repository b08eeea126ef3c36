import TEILanguage
import TEIStorage

/// `count`: one row holding the number of rows, in column `n`.
enum CountTransform: TransformChecking {
    static let declaration = Transform(
        name: "count", syntax: "count", summary: "The number of rows, as a table with one column n.",
        example: "tweets | count", checkedBy: CountTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        checker.derived(.operator(CountOperator(input: input)), columns: [Column("n", .int)], from: input)
    }
}
