import TEILanguage
import TEIStorage

/// `describe`: one row per column of the input, with statistics of its values.
enum DescribeTransform: TransformChecking {
    static let declaration = Transform(
        name: "describe", syntax: "describe", summary: "One row per column: its type, non-null and distinct counts, minimum and maximum.",
        example: "tweets | describe", checkedBy: DescribeTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        let columns = [Column("column", .text), Column("type", .text), Column("non_null", .int), Column("nulls", .int),
                       Column("distinct", .int), Column("min", .text), Column("max", .text)]
        return checker.derived(.operator(DescribeOperator(input: input)), columns: columns, from: input)
    }
}
