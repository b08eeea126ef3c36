import TEILanguage
import TEIStorage

extension Checker {
    /// `group KEYS (STEP | …)`: the steps run on each group's rows as if it were a table of its own
    /// (a `take` keeps the first rows of each group, a window function sees its group's rows); the
    /// rows stay rows, groups sorted by their keys, each in the order its steps gave it.
    func groupSteps(keys: [Binding], steps: [Step], over input: Relation, scope: Scope) throws -> Relation {
        var partition: [PlanExpression] = []
        for key in keys {
            guard key.name == nil, case .name(let name, nil) = key.value, let column = input.column(named: name.text) else {
                if key.name == nil, case .name(let name, nil) = key.value {
                    throw error("unknown column '\(name.text)'", at: name.span, hint: Suggestion.hint(for: name.text, among: input.columns.map(\.name)))
                }
                throw error("the keys of a group with steps are columns", at: key.value.span,
                            hint: "derive the key first: derive day = date(tweet_time) | group day (…)")
            }
            guard column.type != .list else {
                throw error("cannot group by a list", at: key.value.span, hint: "explode it first: explode hashtags as tag | group tag (…)")
            }
            partition.append(.column(column.name, column.type))
        }
        let outer = groupPartition
        groupPartition = partition
        defer { groupPartition = outer }
        var relation = input
        for step in steps {
            relation = try groupStep(step, over: relation, keys: Set(partition.flatMap(\.columnsRead).map(\.name)), scope: scope)
        }
        guard !partition.isEmpty else { return relation }
        return derived(.sort(relation, partition.map { PlanSortKey($0, descending: false) }), columns: relation.columns, from: relation)
    }

    private func groupStep(_ step: Step, over input: Relation, keys: Set<String>, scope: Scope) throws -> Relation {
        switch step {
        case .take(let from, let to, _):
            let last = try constantInt(to, scope: scope, what: "take")
            var first = 1
            if let from {
                first = try constantInt(from, scope: scope, what: "take")
                guard first >= 1 else { throw error("rows are counted from 1", at: from.span, hint: "take 1..10 is the first ten rows") }
                guard last >= first - 1 else { throw error("take \(first)..\(last) is an empty range", at: to.span) }
            } else {
                guard last >= 0 else { throw error("take needs a count of 0 or more", at: to.span) }
            }
            // Each row's place in its group, in the group's order (the rows' order when no sort gave one).
            let place = PlanExpression.window(.rowNumber, [], partition: groupPartition, order: input.sortKeysInForce ?? [], type: .int)
            let (numbered, column) = computingWindows(place, over: input)
            var kept = PlanExpression.call(.lessOrEqual, [column, .literal(.int(Int64(last)))], type: .bool)
            if first > 1 {
                kept = .call(.and, [.call(.greaterOrEqual, [column, .literal(.int(Int64(first)))], type: .bool), kept], type: .bool)
            }
            let filtered = derived(.filter(numbered, kept), columns: numbered.columns, from: numbered)
            let outputs = input.columns.map { NamedExpression(name: $0.name, expression: .column($0.name, $0.type)) }
            return derived(.project(filtered, outputs), columns: input.columns, from: filtered)

        case .transform(let transform) where ["sort", "filter", "derive"].contains(transform.name.text):
            if transform.name.text == "derive", case .bindings(let items)? = transform.arguments.first,
               let replaced = items.first(where: { $0.name.map { keys.contains($0.text) } ?? false }), let name = replaced.name {
                throw error("derive cannot replace the group key '\(name.text)' inside its group", at: name.span,
                            hint: "give the new column another name")
            }
            return try apply(step, to: input, scope: scope)

        default:
            throw error("this step does not run per group", at: step.span,
                        hint: "inside group KEYS ( … ) use sort, take, filter and derive; put other steps after the group's ')'")
        }
    }
}
