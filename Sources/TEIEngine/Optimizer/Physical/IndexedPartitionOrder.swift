import TEIStorage

/// A window's rows that an index of their table holds in the window's order: every row of one
/// loaded table, once, sorted by one column alone (so that rows tied on it come in file order, as
/// the index holds them), partitioned by the column the index holds first and ordered by the one
/// it holds after whether that column is missing (`IndexKey.missing`: ascending, missing values
/// last, as tei orders them; a tweets table's account and time, `TEIFormat.tweetIndexes`).
struct IndexedPartitionOrder {
    let table: LoadedTable
    let index: IndexLayout
    /// The scan the rows come from.
    let scan: Relation
    /// The partition column as the index holds it (a dictionary column's code), by its name in the table's relation.
    let key: String
    /// The dictionary of a partition column held by its code: its codes are every value of the column but a missing one.
    let dictionary: DictionaryLayout?
    /// The order column, by its name in the table's relation.
    let order: String

    /// The index order of a window over `input` partitioned by column `partition` and ordered by
    /// `orderKey`, if an index holds it.
    init?(input: Relation, partition: String, order orderKey: PlanSortKey, tables: TableBindings) {
        guard let (scan, sort) = Self.sortedScan(input), [orderKey] == sort.keys, case .column(let time, nil, _) = orderKey.expression,
              let timeOrigin = StoredColumns.origin(of: time, in: input, along: .valuesKept, tables: tables), timeOrigin.column.encoding == .plain,
              StoredColumns.origin(of: time, in: sort.input, along: .valuesKept, tables: tables)?.column.name == timeOrigin.column.name,
              let keyOrigin = StoredColumns.origin(of: partition, in: input, along: .valuesKept, tables: tables)
                  ?? StoredColumns.codeOrigin(of: partition, in: input, along: .valuesKept, tables: tables),
              let index = timeOrigin.table.layout.indexes.first(where: { index in
                  index.onlyWhereTrue == nil && index.keys.starts(with: [.column(keyOrigin.column.name), .missing(timeOrigin.column.name),
                                                                         .column(timeOrigin.column.name)])
              }) else { return nil }
        switch keyOrigin.column.encoding {
        case .plain: (key, dictionary) = (keyOrigin.column.name, nil)
        case .dictionary(let dictionary): (key, self.dictionary) = (dictionary.codeColumn, dictionary)
        default: return nil
        }
        (table, self.index, self.scan, order) = (timeOrigin.table, index, scan, timeOrigin.column.name)
    }

    /// The one partition column and the one order key that every function of a window step shares.
    static func shared(by outputs: [NamedExpression]) -> (partition: String, order: PlanSortKey)? {
        var found: (String, PlanSortKey)?
        for output in outputs {
            guard case .window(_, _, let partition, let order, _) = output.expression,
                  partition.count == 1, case .column(let name, nil, _) = partition[0], order.count == 1 else { return nil }
            if let found, found.0 != name || found.1 != order[0] { return nil }
            found = (name, order[0])
        }
        return found
    }

    /// The scan under a chain of projections and exactly one sort, and that sort (its input and
    /// keys): every row of the table, once, ordered by the sort's keys and then in file order.
    private static func sortedScan(_ relation: Relation) -> (Relation, (input: Relation, keys: [PlanSortKey]))? {
        var sort: (input: Relation, keys: [PlanSortKey])?
        var current = relation
        while true {
            switch current.node {
            case .project(let input, _):
                current = input
            case .sort(let input, let keys) where sort == nil:
                sort = (input, keys)
                current = input
            case .scan:
                return sort.map { (current, $0) }
            default:
                return nil
            }
        }
    }
}
