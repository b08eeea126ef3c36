/// `bin(t, 1d)` of a timestamp or date becomes `date(t)` with the same type: both are midnight
/// (UTC) of `t`'s day, so the values and how they are shown stay the same. One spelling for the
/// day of a time is what lets the cache's index on the day serve both (the dialect spells `date`
/// like that index), and the SQL stage needs no special case for a one-day `bin`.
struct CalendarNormalization: OptimizerPass {
    static let day: Int64 = 86_400

    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation in
            var changed = false
            let node = relation.node.replacingExpressions { expression in
                let normalized = expression.rewritten(Self.normalized)
                if normalized != expression { changed = true }
                return normalized
            }
            return changed ? relation.replacing(node) : relation
        }
    }

    static func normalized(_ expression: PlanExpression) -> PlanExpression {
        guard case .call(.bin, let arguments, let type) = expression, arguments.count == 2,
              arguments[0].type == .timestamp || arguments[0].type == .date,
              case .duration(day)? = arguments[1].literalValue else { return expression }
        return .call(.date, [arguments[0]], type: type)
    }
}
