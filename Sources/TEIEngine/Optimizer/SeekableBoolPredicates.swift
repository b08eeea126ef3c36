/// A bool column as a filter's condition (or one of its `and`-ed parts) becomes `column == true`,
/// and `not column` becomes `column == false`. A bool column holds true, false or null, so the
/// rows are the same; but a comparison with a constant is what an index on the column can seek:
/// `filter is_retweet` reads only its half of the indexes that start with `is_retweet`.
struct SeekableBoolPredicates: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation in
            guard case .filter(let input, let condition) = relation.node else { return relation }
            let seekable = Self.seekable(condition)
            return seekable == condition ? relation : relation.replacing(.filter(input, seekable))
        }
    }

    static func seekable(_ condition: PlanExpression) -> PlanExpression {
        switch condition {
        case .column(_, _, .bool):
            return .call(.equal, [condition, .literal(.bool(true))], type: .bool)
        case .call(.not, let operands, _) where operands.count == 1 && Self.isBoolColumn(operands[0]):
            return .call(.equal, [operands[0], .literal(.bool(false))], type: .bool)
        case .call(.and, let parts, let type):
            return .call(.and, parts.map(seekable), type: type)
        default:
            return condition
        }
    }

    private static func isBoolColumn(_ expression: PlanExpression) -> Bool {
        if case .column(_, _, .bool) = expression { return true }
        return false
    }
}
