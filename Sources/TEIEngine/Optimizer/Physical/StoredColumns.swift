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
        /// Every step that keeps the values of a column and the rows it came with: filter, sort,
        /// take, explode of another column, semi and anti joins (their left side), and projections
        /// that pass the column on under any name.
        case valuesKept
        /// Steps whose rows are still one or more per loaded row, with the column under its own
        /// name: filter, sort, take, explode of another column, projections keeping the name.
        case loadedRows
    }

    /// Where column `name` of `relation` comes from, when `path`'s steps lead to a scan.
    static func origin(of name: String, in relation: Relation, along path: Path, tables: TableBindings) -> Origin? {
        var name = name, relation = relation
        while true {
            switch relation.node {
            case .scan(let source):
                let table = tables.table(for: source)
                return table.layout.column(named: name).map { Origin(table: table, column: $0) }
            case .filter(let input, _), .sort(let input, _), .limit(let input, _, _):
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
            default:
                return nil
            }
        }
    }

    /// Rebuilt steps, by the step and the column carried into it, so that a relation two steps
    /// read (a table joined with itself) stays one relation once it carries the column.
    private var carried: [Key: Relation] = [:]

    private struct Key: Hashable {
        var relation: ObjectIdentifier
        var column: String
    }

    /// `relation` with the physical column `column` of the table at the end of its chain (see
    /// `origin`) added to every step down to the scan, under the same name.
    mutating func carrying(_ column: Column, into relation: Relation) -> Relation {
        if relation.column(named: column.name) != nil { return relation }
        let key = Key(relation: ObjectIdentifier(relation), column: column.name)
        if let done = carried[key] { return done }
        let columns = relation.columns + [column]
        let result: Relation
        switch relation.node {
        case .scan:
            result = relation.replacing(relation.node, columns: columns)
        case .project(let input, let outputs):
            let output = NamedExpression(name: column.name, expression: .column(column.name, column.type))
            result = relation.replacing(.project(carrying(column, into: input), outputs + [output]), columns: columns)
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .explode(let input, _, _), .explodeItems(let input, _, _, _):
            result = relation.replacing(relation.node.replacingInputs([carrying(column, into: input)]), columns: columns)
        case .join(let kind, let left, let right, let condition, let outputs) where kind == .semi || kind == .anti:
            let output = NamedExpression(name: column.name, expression: .column(column.name, column.type, side: .left))
            result = relation.replacing(.join(kind: kind, left: carrying(column, into: left), right: right, condition: condition,
                                              outputs: outputs + [output]), columns: columns)
        default:
            preconditionFailure("a physical column is carried only along the steps `origin` passes through")
        }
        carried[key] = result
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
