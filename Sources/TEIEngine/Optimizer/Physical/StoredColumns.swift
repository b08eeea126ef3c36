import TEIStorage

/// What the physical passes need to know about a column: whether it still holds a loaded table's
/// stored values (passed unchanged, perhaps renamed, through steps that keep each row whole), and
/// how to carry one of the table's physical columns (a row number, a dictionary code) up to a step.
struct StoredColumns {
    /// A column traced back to the loaded table it was read from.
    struct Origin {
        var table: LoadedTable
        var column: ColumnLayout
    }

    /// Which steps a trace passes through.
    enum Path {
        /// Every step that keeps the values of a column: filter, sort, take, window, explode of another
        /// column, projections that pass the column on under any name, semi and anti joins (their
        /// left side), and inner and left joins that output the column of either side (a row of a
        /// left join without a match has no value, and no code either).
        case valuesKept
        /// Steps whose rows are still one or more per loaded row, with the column under its own
        /// name: filter, sort, take, window, explode of another column, projections keeping the name.
        case loadedRows
    }

    /// Where column `name` of `relation` comes from, when `path`'s steps lead to a scan.
    static func origin(of name: String, in relation: Relation, along path: Path, tables: TableBindings) -> Origin? {
        scanned(name, in: relation, along: path, tables: tables).flatMap { table, name in
            table.layout.column(named: name).map { Origin(table: table, column: $0) }
        }
    }

    /// The dictionary column whose codes column `name` of `relation` carries (see `carrying`), when
    /// `path`'s steps lead to a scan.
    static func codeOrigin(of name: String, in relation: Relation, along path: Path, tables: TableBindings) -> Origin? {
        scanned(name, in: relation, along: path, tables: tables).flatMap { table, name in
            table.layout.columns.first { column in
                if case .dictionary(let dictionary) = column.encoding { return dictionary.codeColumn == name }
                return false
            }.map { Origin(table: table, column: $0) }
        }
    }

    /// The table that column `name` of `relation` is read from, and the column's name in it, when
    /// `path`'s steps lead to a scan.
    private static func scanned(_ name: String, in relation: Relation, along path: Path, tables: TableBindings) -> (LoadedTable, String)? {
        var name = name, relation = relation
        while true {
            switch relation.node {
            case .scan(let source):
                return (tables.table(for: source), name)
            case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .window(let input, _):
                relation = input
            case .explode(let input, _, let exploded), .explodeItems(let input, _, _, let exploded):
                guard exploded != name else { return nil }
                relation = input
            case .project(let input, let outputs):
                guard let output = outputs.first(where: { $0.name == name }), case .column(let source, nil, _) = output.expression,
                      path == .valuesKept || source == name else { return nil }
                (name, relation) = (source, input)
            case .join(.semi, let left, _, _, _) where path == .valuesKept, .join(.anti, let left, _, _, _) where path == .valuesKept:
                relation = left
            case .join(.inner, let left, let right, _, let outputs) where path == .valuesKept,
                 .join(.left, let left, let right, _, let outputs) where path == .valuesKept:
                guard let (source, side) = Self.joinedColumn(name, outputs) else { return nil }
                (name, relation) = (source, side == .left ? left : right)
            default:
                return nil
            }
        }
    }

    /// The side and column an inner or left join outputs as `name`, when it outputs one unchanged.
    private static func joinedColumn(_ name: String, _ outputs: [NamedExpression]) -> (String, JoinSide)? {
        guard let output = outputs.first(where: { $0.name == name }), case .column(let source, let side?, _) = output.expression else { return nil }
        return (source, side)
    }

    /// Rebuilt steps, by the step and the name of the column carried into it, so that a relation
    /// two steps read (a table joined with itself) stays one relation once it carries the column.
    private var carried: [Key: Relation] = [:]

    private struct Key: Hashable {
        var relation: ObjectIdentifier
        var column: String
    }

    /// `relation` with the physical column `column` of the table at the end of its chain (see
    /// `origin`) added to every step down to the scan, under the same name.
    mutating func carrying(_ column: Column, into relation: Relation) -> Relation {
        carrying(column, tracing: nil, into: relation).relation
    }

    /// `relation` with the physical column `column` of the table that column `name` comes from
    /// (along `origin`'s `.valuesKept` path) added to every step down to the scan, and the name
    /// it has in `relation`: its own, except that a join outputs it with the side it came from
    /// appended (`_l`, `_r`), since both sides of a table joined with itself have it.
    mutating func carrying(_ column: Column, tracing name: String?, into relation: Relation) -> (relation: Relation, name: String) {
        switch relation.node {
        case .scan:
            if relation.column(named: column.name) != nil { return (relation, column.name) }
            if let done = carried[Key(relation: ObjectIdentifier(relation), column: column.name)] { return (done, column.name) }
            return (remember(relation.replacing(relation.node, columns: relation.columns + [column]), for: relation, column.name), column.name)
        case .project(let input, let outputs):
            let source = name.flatMap { name in outputs.first { $0.name == name } }.flatMap { output -> String? in
                if case .column(let source, nil, _) = output.expression { return source }
                return nil
            }
            let (carriedInput, carriedName) = carrying(column, tracing: source, into: input)
            if relation.column(named: carriedName) != nil { return (relation, carriedName) }
            if let done = carried[Key(relation: ObjectIdentifier(relation), column: carriedName)] { return (done, carriedName) }
            let output = NamedExpression(name: carriedName, expression: .column(carriedName, column.type))
            let result = relation.replacing(.project(carriedInput, outputs + [output]), columns: relation.columns + [Column(carriedName, column.type)])
            return (remember(result, for: relation, carriedName), carriedName)
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .explode(let input, _, _), .explodeItems(let input, _, _, _),
             .window(let input, _):
            let (carriedInput, carriedName) = carrying(column, tracing: name, into: input)
            if relation.column(named: carriedName) != nil { return (relation, carriedName) }
            if let done = carried[Key(relation: ObjectIdentifier(relation), column: carriedName)] { return (done, carriedName) }
            let result = relation.replacing(relation.node.replacingInputs([carriedInput]),
                                            columns: relation.columns + [Column(carriedName, column.type)])
            return (remember(result, for: relation, carriedName), carriedName)
        case .join(let kind, let left, let right, let condition, let outputs):
            let side: JoinSide, source: String?
            if kind == .semi || kind == .anti {
                (side, source) = (.left, name)
            } else {
                guard let name, let (joined, joinedSide) = Self.joinedColumn(name, outputs) else {
                    preconditionFailure("a physical column is carried only along the steps `origin` passes through")
                }
                (side, source) = (joinedSide, joined)
            }
            let (carriedSide, sideName) = carrying(column, tracing: source, into: side == .left ? left : right)
            let carriedName = kind == .semi || kind == .anti ? sideName : sideName + (side == .left ? "_l" : "_r")
            if relation.column(named: carriedName) != nil { return (relation, carriedName) }
            if let done = carried[Key(relation: ObjectIdentifier(relation), column: carriedName)] { return (done, carriedName) }
            let output = NamedExpression(name: carriedName, expression: .column(sideName, column.type, side: side))
            let result = relation.replacing(.join(kind: kind, left: side == .left ? carriedSide : left, right: side == .right ? carriedSide : right,
                                                  condition: condition, outputs: outputs + [output]),
                                            columns: relation.columns + [Column(carriedName, column.type)])
            return (remember(result, for: relation, carriedName), carriedName)
        default:
            preconditionFailure("a physical column is carried only along the steps `origin` passes through")
        }
    }

    private mutating func remember(_ result: Relation, for relation: Relation, _ column: String) -> Relation {
        carried[Key(relation: ObjectIdentifier(relation), column: column)] = result
        return result
    }
}

extension Relation {
    /// Marks this step and the filters, projections and sorts under it down to its table as read
    /// in place: the database reads the table (and its indexes) where the step is used.
    func markReadInPlace() {
        var next: Relation? = self
        while let current = next {
            current.readsInPlace = true
            switch current.node {
            case .filter(let input, _), .project(let input, _), .sort(let input, _): next = input
            default: next = nil
            }
        }
    }
}
