import TEIStorage

/// `group` by a loaded column stored as dictionary codes groups by the code, one per distinct
/// value, and decodes each group's key once instead of every row's value: the scan reads the code
/// column, the steps between carry it, and the key becomes `decode(dictionary, code)`. A column a
/// join passes on unchanged from either side keeps its code.
struct GroupByDictionaryCode: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .aggregate(var input, let keys, let aggregates) = relation.node else { return relation }
            var changed = false
            let coded = keys.map { key -> NamedExpression in
                guard case .column(let name, nil, _) = key.expression,
                      let origin = StoredColumns.origin(of: name, in: input, along: .valuesKept, tables: tables),
                      case .dictionary(let dictionary) = origin.column.encoding else { return key }
                let code: String
                (input, code) = stored.carrying(Column(dictionary.codeColumn, .int), tracing: name, into: input)
                changed = true
                return NamedExpression(name: key.name, expression: .decode(dictionary, code: .column(code, .int)))
            }
            return changed ? relation.replacing(.aggregate(input, keys: coded, aggregates: aggregates)) : relation
        }
    }
}
