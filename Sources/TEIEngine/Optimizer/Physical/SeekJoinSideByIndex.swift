import TEIStorage

/// The right side of a join is read in place, not copied into a temporary table, when an index of
/// its table starts with columns that the join's equalities with the left side (and the side's own
/// filters, `column == constant`) all bind: SQLite then seeks the index once per left row instead of
/// materializing the side and building an automatic index on it. `filter is_retweet` and `join … on
/// retweet_tweetid == rt` seek the index on (is_retweet, retweet_tweetid, …), and a time window
/// written as a range (`TimeWindowRanges`) narrows the seek on the next key.
struct SeekJoinSideByIndex: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .join(let kind, _, let right, let condition, _) = relation.node, kind == .inner || kind == .left,
                  !right.readsInPlace else { return relation }
            guard let filters = Self.filtersDownToScan(right) else { return relation }
            let joined = Self.boundByLeft(condition).compactMap {
                StoredColumns.origin(of: $0, in: right, along: .valuesKept, tables: tables)
            }
            // The chain ends at one scan: every origin is in its table.
            guard let table = joined.first?.table else { return relation }
            let bound = Set(joined.filter(\.isStoredAsRead).map(\.column.name))
            let constants = filters.flatMap { input, condition in
                Self.comparedToConstants(condition).compactMap { name, value in
                    StoredColumns.origin(of: name, in: input, along: .valuesKept, tables: tables).map { ($0, value) }
                }
            }.filter { $0.0.isStoredAsRead }
            let filtered = Set(constants.map(\.0.column.name))
            let kept = Set(constants.filter { $0.1 == .bool(true) }.map(\.0.column.name))
            if table.layout.indexes.contains(where: { index in
                index.onlyWhereTrue.map(kept.contains) != false && Self.seeks(index, joined: bound, filtered: filtered)
            }) {
                right.markReadInPlace()
            }
            return relation
        }
    }

    /// Whether `index`'s leading keys are all bound by equality, at least one of them by the join.
    private static func seeks(_ index: IndexLayout, joined: Set<String>, filtered: Set<String>) -> Bool {
        var usesJoin = false
        for key in index.keys {
            guard case .column(let name) = key, joined.contains(name) || filtered.contains(name) else { break }
            usesJoin = usesJoin || joined.contains(name)
        }
        return usesJoin
    }

    /// The right columns the condition's `and`-ed parts set equal to a left column.
    private static func boundByLeft(_ condition: PlanExpression) -> [String] {
        condition.conjuncts.compactMap { part in
            guard case .call(.equal, let sides, _) = part, sides.count == 2 else { return nil }
            return JoinOnDictionaryCodes.leftAndRight(sides)?.1
        }
    }

    /// The filters (their input and condition) of `relation`'s chain of filters, projections and
    /// sorts, when the chain ends at a scan: the steps a read in place leaves to the database.
    private static func filtersDownToScan(_ relation: Relation) -> [(Relation, PlanExpression)]? {
        var filters: [(Relation, PlanExpression)] = []
        var current = relation
        while true {
            switch current.node {
            case .scan: return filters
            case .filter(let input, let condition):
                filters.append((input, condition))
                current = input
            case .project(let input, _), .sort(let input, _): current = input
            default: return nil
            }
        }
    }

    /// The columns that the condition's `and`-ed parts compare equal to a constant, and the constant.
    private static func comparedToConstants(_ condition: PlanExpression) -> [(String, Value)] {
        condition.conjuncts.compactMap { part in
            guard case .call(.equal, let sides, _) = part, sides.count == 2 else { return nil }
            switch (sides[0], sides[1]) {
            case (.column(let name, nil, _), .literal(let value, _)), (.literal(let value, _), .column(let name, nil, _)): return (name, value)
            default: return nil
            }
        }
    }
}

private extension StoredColumns.Origin {
    /// Whether the table stores the column's values as they are read, so that an index on it
    /// serves a comparison of values (an index on a dictionary column holds codes).
    var isStoredAsRead: Bool { column.encoding == .plain }
}
