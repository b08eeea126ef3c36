import TEIStorage

/// A join condition `left.x == right.y` where both columns are loaded values of the same
/// dictionary compares their codes: in an exact dictionary two values are equal exactly when their
/// codes are, and an empty value has neither. The codes are integers an index on the code column
/// serves (see `TEIFormat.tweetIndexes`), so both sides are read in place rather than copied into
/// a temporary table: a table joined with itself on codes is then a join of its rows through the
/// index, which returns the inner side in row order, so the first joined row comes at once.
///
/// When only the right column holds codes (a loaded dictionary column, or a group's key decoded
/// from one) and the left one is any text (the users file's `userid` against the tweets' codes),
/// the left value's code is found through the dictionary's index on its values, once per left
/// row, and the codes are compared: a value the dictionary lacks has no code and matches nothing,
/// as it matched no value. The right side is then looked up by integer code (through its index
/// when read in place) instead of by a text of 64 hex digits: at 9,000,000 tweets the users ×
/// tweet counts join took 2.0 s of CPU by text, 1.0 s by code (Benchmarks/README.md). Only the
/// left side is encoded, since it is the side the database reads once, row by row; where nothing
/// reads the join's row order (under a `group`), it is read in the order of the text looked up
/// (`LookupOrderOperator`), so that the lookups walk the index in order, when the dictionary is large.
struct JoinOnDictionaryCodes: PhysicalPass {
    /// How many values a dictionary holds before its left side is sorted for the lookups. Sorting
    /// pays where random lookups miss the caches: 225,000 users looked up in 219,542 account ids
    /// (a 17 MB index) took 0.31–0.40 s of CPU at random and 0.24 s sorted, the sort included;
    /// with 25,000 ids (a 2 MB index) 25,000 users took the same CPU either way, and 1,000,000
    /// tweets' texts 1.3× more sorted (Benchmarks/README.md).
    static let minimumCodesInLookupOrder = 100_000

    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .join(let kind, var left, var right, let condition, let outputs) = relation.node else { return relation }
            var (bothCoded, rightCoded) = (false, false)
            var lookedUp: String?
            func coded(_ condition: PlanExpression) -> PlanExpression {
                switch condition {
                case .call(.and, let parts, let type):
                    return .call(.and, parts.map(coded), type: type)
                case .call(.equal, let sides, let type) where sides.count == 2:
                    guard let (l, r) = Self.leftAndRight(sides) else { return condition }
                    let a = StoredColumns.origin(of: l, in: left, along: .valuesKept, tables: tables)
                    if let a, case .dictionary(let x) = a.column.encoding,
                       let b = StoredColumns.origin(of: r, in: right, along: .valuesKept, tables: tables),
                       case .dictionary(let y) = b.column.encoding, x.table == y.table {
                        let leftCode: String, rightCode: String
                        (left, leftCode) = stored.carrying(Column(x.codeColumn, .int), tracing: l, into: left)
                        (right, rightCode) = stored.carrying(Column(y.codeColumn, .int), tracing: r, into: right)
                        bothCoded = true
                        return .call(.equal, [.column(leftCode, .int, side: .left), .column(rightCode, .int, side: .right)], type: type)
                    }
                    guard left.column(named: l)?.type == .text, let (coded, dictionary, code) = Self.codes(of: r, in: right, tables: tables, &stored),
                          dictionary.valueIndex != nil else { return condition }
                    right = coded
                    rightCoded = true
                    if (dictionary.codes ?? 0) >= Self.minimumCodesInLookupOrder { lookedUp = lookedUp ?? l }
                    return .call(.equal, [.encode(dictionary, value: .column(l, .text, side: .left)), .column(code, .int, side: .right)], type: type)
                default:
                    return condition
                }
            }
            let onCodes = coded(condition)
            guard bothCoded || rightCoded else { return relation }
            if rightCoded {
                let read = (outputs.map(\.expression) + [onCodes]).flatMap(\.columnsRead).filter { $0.side == .right }.map(\.name)
                right = Self.withoutUnreadDecodedKeys(right, read: Set(read))
            }
            if let lookedUp, relation.rowOrderUnused {
                left = Relation(node: .operator(LookupOrderOperator(input: left, column: lookedUp)), columns: left.columns, sources: left.sources)
            }
            if bothCoded { left.markReadInPlace() }
            if case .aggregate = right.node {} else { right.markReadInPlace() }
            return relation.replacing(.join(kind: kind, left: left, right: right, condition: onCodes, outputs: outputs))
        }
    }

    /// The left and the right column an equality compares, in that order.
    static func leftAndRight(_ sides: [PlanExpression]) -> (String, String)? {
        switch (sides[0], sides[1]) {
        case (.column(let l, .left?, _), .column(let r, .right?, _)), (.column(let r, .right?, _), .column(let l, .left?, _)): return (l, r)
        default: return nil
        }
    }

    /// `relation` without the keys of its grouping that decode another of its keys, a code, when the
    /// join reads none of them (`read`): grouping by the code alone makes the same groups, and the
    /// values the join no longer needs are not looked up once per group (219,542 account ids at
    /// 9,000,000 tweets). Any other relation is returned as it is.
    private static func withoutUnreadDecodedKeys(_ relation: Relation, read: Set<String>) -> Relation {
        guard case .aggregate(let input, let keys, let aggregates) = relation.node else { return relation }
        let codeKeys = Set(keys.compactMap { key -> String? in
            guard case .column(key.name, nil, _) = key.expression else { return nil }
            return key.name
        })
        let unread = Set(keys.compactMap { key -> String? in
            guard !read.contains(key.name), case .decode(_, .column(let code, nil, _)) = key.expression, codeKeys.contains(code) else { return nil }
            return key.name
        })
        guard !unread.isEmpty else { return relation }
        return relation.replacing(.aggregate(input, keys: keys.filter { !unread.contains($0.name) }, aggregates: aggregates),
                                  columns: relation.columns.filter { !unread.contains($0.name) })
    }

    /// `relation` carrying the codes of its column `name`, the dictionary they are codes of, and
    /// the name of the column holding them: a loaded dictionary column's code column, or the code
    /// a group decodes its key `name` from, which the group then also outputs (the same groups:
    /// the key is a function of the code).
    private static func codes(of name: String, in relation: Relation, tables: TableBindings,
                              _ stored: inout StoredColumns) -> (Relation, DictionaryLayout, String)? {
        if case .aggregate(let input, let keys, let aggregates) = relation.node {
            guard let key = keys.first(where: { $0.name == name }), case .decode(let dictionary, .column(let code, nil, _)) = key.expression else {
                return nil
            }
            if relation.column(named: code) != nil { return (relation, dictionary, code) }
            let carried = relation.replacing(.aggregate(input, keys: keys + [NamedExpression(name: code, expression: .column(code, .int))],
                                                        aggregates: aggregates),
                                             columns: Array(relation.columns.prefix(keys.count)) + [Column(code, .int)]
                                                 + relation.columns.dropFirst(keys.count))
            return (carried, dictionary, code)
        }
        guard let origin = StoredColumns.origin(of: name, in: relation, along: .valuesKept, tables: tables),
              case .dictionary(let dictionary) = origin.column.encoding else { return nil }
        let (carried, code) = stored.carrying(Column(dictionary.codeColumn, .int), tracing: name, into: relation)
        return (carried, dictionary, code)
    }
}
