extension SQLGenerator.Builder {
    /// One row per distinct key, ordered by the keys. A key the optimizer decodes from a dictionary
    /// code groups by the code (one per value), so it is decoded once per group, not once per row.
    mutating func aggregate(_ relation: Relation, _ input: Relation, keys: [NamedExpression],
                            aggregates: [NamedExpression]) -> SQLGenerator.Emitted {
        let from = emit(input)
        var columns: [String] = []
        var groupBy: [String] = []
        for (index, key) in keys.enumerated() {
            columns.append(output(key.expression, as: key.name))
            if case .decode(_, let code) = key.expression {
                groupBy.append(render(code))
            } else if case .column = key.expression, groupBy.contains(render(key.expression)) {
                // The code of a key decoded from it, which a join compares (`JoinOnDictionaryCodes`):
                // grouping by it twice would make SQLite sort rather than read the code's index.
                continue
            } else {
                groupBy.append(String(index + 1))
            }
        }
        for item in aggregates { columns.append(output(item.expression, as: item.name)) }
        var sql = "SELECT \(columns.joined(separator: ", ")) FROM \(from.name)"
        if !keys.isEmpty { sql += " GROUP BY " + groupBy.joined(separator: ", ") }
        return add(relation, sql, order: keys.map { ($0.name, false) })
    }
}
