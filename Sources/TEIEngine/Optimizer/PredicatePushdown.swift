/// A filter moves below the steps it commutes with, so fewer rows reach them: below `sort`; below
/// a `project` of no window when it reads only columns the projection passes through; below
/// `explode` when it does not read the exploded column; into both sides of `append`; below
/// `group` for the parts that read only grouping keys passed through; and the parts that read
/// only one side of a join into that side (the left one only, for a left, semi or anti join).
/// Adjacent filters become one, their parts `and`-ed in order. A filter never moves below `take`,
/// `distinct`, a window, `count` or `describe`, whose rows depend on the rows they get, nor into
/// a relation another step reads too.
struct PredicatePushdown: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation, shared in
            guard case .filter(let input, let condition) = relation.node else { return relation }
            let result = Pushing(shared: shared).filtered(input, condition.conjuncts)
            if relation.label != nil { result.label = relation.label }
            return result
        }
    }

    private struct Pushing {
        let shared: Set<ObjectIdentifier>

        /// The rows of `input` for which every part holds, in `input`'s order, with each part moved
        /// as far down as it goes; the parts that stay are one filter over what they stay above.
        func filtered(_ input: Relation, _ parts: [PlanExpression]) -> Relation {
            guard !parts.isEmpty else { return input }
            let movable = parts.filter(\.isRowWise)
            // The SQL stage writes no filter of the one row a pipeline without a table computes on.
            guard !shared.contains(ObjectIdentifier(input)), !movable.isEmpty, !input.node.inputs.contains(where: \.isSingleRow) else {
                return filter(input, parts)
            }
            switch input.node {
            case .filter(let next, let condition):
                return filtered(next, condition.conjuncts + parts)

            case .sort(let next, let keys):
                return input.replacing(.sort(filtered(next, parts), keys))

            case .project(let next, let outputs) where outputs.allSatisfy(\.expression.isRowWise):
                let passedThrough = Dictionary(outputs.compactMap { output -> (String, PlanExpression)? in
                    guard case .column(_, nil, _) = output.expression else { return nil }
                    return (output.name, output.expression)
                }, uniquingKeysWith: { first, _ in first })
                return moving(parts, below: input, renaming: { name, side in side == nil ? passedThrough[name] : nil }) { moved in
                    .project(filtered(next, moved), outputs)
                }

            case .explode(let next, let list, let name):
                return moving(parts, below: input, renaming: { column, side in
                    column == name || side != nil ? nil : next.column(named: column).map { .column($0.name, $0.type) }
                }) { moved in
                    .explode(filtered(next, moved), list: list, name: name)
                }

            case .append(let first, let second):
                // Only columns of the same type on both sides, so each part computes as it did.
                let sameType = { (name: String, side: JoinSide?) -> PlanExpression? in
                    guard side == nil, let column = input.column(named: name), first.column(named: name)?.type == column.type,
                          second.column(named: name)?.type == column.type else { return nil }
                    return .column(name, column.type)
                }
                return moving(parts, below: input, renaming: sameType) { moved in
                    .append(filtered(first, moved), filtered(second, moved))
                }

            case .aggregate(let next, let keys, let aggregates) where !keys.isEmpty:
                // With no key, `group` makes one row even of no rows, which a filter below would not remove.
                let keyColumns = Dictionary(keys.compactMap { key -> (String, PlanExpression)? in
                    guard case .column(_, nil, _) = key.expression else { return nil }
                    return (key.name, key.expression)
                }, uniquingKeysWith: { first, _ in first })
                return moving(parts, below: input, renaming: { name, side in side == nil ? keyColumns[name] : nil }) { moved in
                    .aggregate(filtered(next, moved), keys: keys, aggregates: aggregates)
                }

            case .join(let kind, let left, let right, let condition, let outputs):
                return intoJoin(parts, input, kind: kind, left: left, right: right, condition: condition, outputs: outputs)

            default:
                return filter(input, parts)
            }
        }

        /// Moves the parts that `renaming` can rewrite (every column they read has a replacement
        /// below `step`) into the step `rebuilt` makes of them; the rest stay above it.
        private func moving(_ parts: [PlanExpression], below step: Relation,
                            renaming: (String, JoinSide?) -> PlanExpression?, rebuilt: ([PlanExpression]) -> PlanNode) -> Relation {
            var moved: [PlanExpression] = [], staying: [PlanExpression] = []
            for part in parts {
                if part.isRowWise, let renamed = part.replacingColumns(renaming) { moved.append(renamed) } else { staying.append(part) }
            }
            guard !moved.isEmpty else { return filter(step, parts) }
            return filter(step.replacing(rebuilt(moved)), staying)
        }

        private func intoJoin(_ parts: [PlanExpression], _ join: Relation, kind: JoinKindPlan, left: Relation, right: Relation,
                              condition: PlanExpression, outputs: [NamedExpression]) -> Relation {
            // A semi or anti join's rows are its left input's, columns and all.
            if kind == .semi || kind == .anti {
                return moving(parts, below: join, renaming: { name, side in
                    side == nil ? left.column(named: name).map { .column($0.name, $0.type) } : nil
                }) { moved in
                    .join(kind: kind, left: filtered(left, moved), right: right, condition: condition, outputs: outputs)
                }
            }
            func from(_ wanted: JoinSide) -> (String, JoinSide?) -> PlanExpression? {
                return { name, side in
                    guard side == nil, let output = outputs.first(where: { $0.name == name }),
                          case .column(let source, wanted?, let type) = output.expression else { return nil }
                    return .column(source, type)
                }
            }
            var toLeft: [PlanExpression] = [], toRight: [PlanExpression] = [], staying: [PlanExpression] = []
            for part in parts {
                if part.isRowWise, let renamed = part.replacingColumns(from(.left)) {
                    toLeft.append(renamed)
                } else if kind == .inner, part.isRowWise, let renamed = part.replacingColumns(from(.right)) {
                    // A left join keeps left rows with no match, so a condition on the right stays above it.
                    toRight.append(renamed)
                } else {
                    staying.append(part)
                }
            }
            guard !toLeft.isEmpty || !toRight.isEmpty else { return filter(join, parts) }
            let node = PlanNode.join(kind: kind, left: filtered(left, toLeft), right: filtered(right, toRight), condition: condition,
                                     outputs: outputs)
            return filter(join.replacing(node), staying)
        }

        /// `input`'s rows for which every part holds (`input` itself when there is none).
        private func filter(_ input: Relation, _ parts: [PlanExpression]) -> Relation {
            guard !parts.isEmpty else { return input }
            return Relation(node: .filter(input, .conjunction(parts)), columns: input.columns, sources: input.sources)
        }
    }
}
