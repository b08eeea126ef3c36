import TEIStorage

/// A window partitioned by a loaded column stored as dictionary codes is partitioned by the code,
/// one per distinct value, so that the database sorts the rows into their groups by a whole number
/// rather than by text (an account's hashed id is 44 to 64 characters): the scan reads the code
/// column and the steps between carry it, as for `GroupByDictionaryCode`. The groups are the same
/// and so is every value; the order of the output is the window input's, which the partition does
/// not set.
struct WindowPartitionByCode: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .window(var input, let outputs) = relation.node else { return relation }
            var codes: [String: String] = [:]
            var changed = false
            let coded = outputs.map { output -> NamedExpression in
                guard case .window(let operation, let arguments, let partition, let order, let type) = output.expression else { return output }
                let parts = partition.map { part -> PlanExpression in
                    guard case .column(let name, nil, _) = part else { return part }
                    if let code = codes[name] { return .column(code, .int) }
                    guard let origin = StoredColumns.origin(of: name, in: input, along: .valuesKept, tables: tables),
                          case .dictionary(let dictionary) = origin.column.encoding else { return part }
                    let code: String
                    (input, code) = stored.carrying(Column(dictionary.codeColumn, .int), tracing: name, into: input)
                    codes[name] = code
                    changed = true
                    return .column(code, .int)
                }
                return NamedExpression(name: output.name, expression: .window(operation, arguments, partition: parts, order: order, type: type))
            }
            guard changed else { return relation }
            let columns = input.columns + coded.map { Column($0.name, $0.expression.type) }
            return relation.replacing(.window(input, coded), columns: columns)
        }
    }
}
