/// The rollups of a table (`RollupLayout`), decided like the rest of its storage from its kind and
/// columns alone: the importer counts by them (`RollupBuilder`), the loader describes them.
///
/// A tweets table has three kinds. Tweets per (hour, language, retweet or not) is a few thousand
/// rows for millions of tweets and answers the activity timelines (per day, per hour of the week,
/// per month), the language mix and the share of retweets. Tweets per (account, retweet or not)
/// holds two rows at most per account and answers tweets per account, with or without retweets;
/// per (retweeted account, retweet or not), the most retweeted accounts.
/// The items of each list column with their number of uses answer the top hashtags, domains and
/// mentioned accounts, grouped by the item or any function of it.
struct RollupPlan {
    /// What a rollup counts.
    enum Source: Equatable {
        /// The table's rows, per the values of these logical columns, each at its grain.
        case rows([Dimension])
        /// The items of list column `column` (a logical column number), which is list number `list`.
        case items(column: Int, list: Int)
    }

    /// A dimension of a rollup of rows: a logical column number and its grain.
    struct Dimension: Equatable {
        var column: Int
        var grain: RollupGrain
    }

    /// A rollup of a kind of table, by logical column names.
    enum Definition {
        case rows([(column: String, grain: RollupGrain)])
        case items(String)
    }

    static let hour: RollupGrain = .seconds(3600)

    static let tweetRollups: [Definition] = [
        .rows([("tweet_time", hour), ("tweet_language", .exact), ("is_retweet", .exact)]),
        .rows([("userid", .exact), ("is_retweet", .exact)]),
        .rows([("retweet_userid", .exact), ("is_retweet", .exact)]),
        .items("hashtags"), .items("urls"), .items("user_mentions"),
    ]

    /// Its position in the table's rollups, which names it.
    var number: Int
    var source: Source

    /// The rollups that `plan`'s columns allow: every dimension a column in the rows table (its
    /// value or its dictionary code), a time grain on a timestamp only.
    static func rollups(of plan: StoragePlan) -> [RollupPlan] {
        guard plan.kind == .teiTweets else { return [] }
        func index(_ name: String) -> Int? { plan.columns.firstIndex { $0.name == name } }
        var rollups: [RollupPlan] = []
        for definition in tweetRollups {
            switch definition {
            case .rows(let named):
                let dimensions = named.compactMap { name, grain -> Dimension? in
                    guard let column = index(name) else { return nil }
                    switch (plan.storage[column], grain) {
                    case (.dictionary, .exact), (.value, .exact): return Dimension(column: column, grain: grain)
                    case (.value, .seconds): return plan.columns[column].type == .timestamp ? Dimension(column: column, grain: grain) : nil
                    default: return nil
                    }
                }
                guard dimensions.count == named.count else { continue }
                rollups.append(RollupPlan(number: rollups.count, source: .rows(dimensions)))
            case .items(let name):
                guard let column = index(name), case .list(let list) = plan.storage[column] else { continue }
                rollups.append(RollupPlan(number: rollups.count, source: .items(column: column, list: list)))
            }
        }
        return rollups
    }

    /// A query of one column listing the distinct items of list number `list` of `plan`'s table, once
    /// the rollups are written: the items of its rollup (a few thousand rows where the items are
    /// millions), or, when no rollup counts the list, of the items table itself.
    static func distinctItemsSQL(of plan: StoragePlan, list: Int) -> String {
        let value = CacheNames.value
        for rollup in rollups(of: plan) {
            if case .items(_, list) = rollup.source { return "SELECT \(value) FROM \(CacheNames.rollup(rollup.number))" }
        }
        return "SELECT DISTINCT \(value) FROM \(CacheNames.items(list))"
    }

    /// The columns of its table: each dimension (a dictionary's code, or the value in the type the
    /// rows store it), then the count; of a list's items, the item and its count.
    func fields(_ plan: StoragePlan) -> [CacheTables.Field] {
        let weight = CacheTables.Field(name: CacheNames.weight, type: .int, notNull: true)
        switch source {
        case .rows(let dimensions):
            return dimensions.enumerated().map { position, dimension in
                let type: ValueType
                if case .dictionary = plan.storage[dimension.column] { type = .int } else { type = plan.columns[dimension.column].type }
                return CacheTables.Field(name: CacheNames.dimension(position), type: type, notNull: false)
            } + [weight]
        case .items:
            return [CacheTables.Field(name: CacheNames.value, type: .text, notNull: true), weight]
        }
    }

    /// The columns of its table's index (`CacheNames.rollupIndex`), when its first dimension is a
    /// dictionary's code: all of them, the code first, so that the index holds the rollup in code
    /// order. A grouping by that code then reads it in order instead of sorting it (SQLite streams
    /// the groups), and a join on the code seeks it. Codes follow the order the importer meets the
    /// values in, which is not the order of any other dimension: the others get none. Not a
    /// `WITHOUT ROWID` table keyed by the dimensions, since a dimension may be NULL (a row without
    /// the value), which SQLite does not allow in such a key.
    func indexColumns(_ plan: StoragePlan) -> [String] {
        guard case .rows(let dimensions) = source, let first = dimensions.first, case .dictionary = plan.storage[first.column] else {
            return []
        }
        return fields(plan).map(\.name)
    }

    /// The columns of the view presenting its dimensions under their logical names (decoding a
    /// dictionary's codes, which it also presents as the keyed view does) and its counts as
    /// `CacheNames.weight`.
    func viewColumns(_ plan: StoragePlan) -> [CacheTables.ViewColumn] {
        var columns: [CacheTables.ViewColumn] = []
        switch source {
        case .rows(let dimensions):
            for (position, dimension) in dimensions.enumerated() {
                let stored = CacheNames.dimension(position)
                let name = plan.columns[dimension.column].name
                if case .dictionary(let n) = plan.storage[dimension.column] {
                    columns.append(.init(name: name, source: .lookup(table: CacheNames.dictionary(n), key: CacheNames.id,
                                                                     value: CacheNames.value, by: stored)))
                    columns.append(.init(name: CacheNames.code(dimension.column), source: .rows(stored)))
                } else {
                    columns.append(.init(name: name, source: .rows(stored)))
                }
            }
        case .items(let column, _):
            columns.append(.init(name: plan.columns[column].name, source: .rows(CacheNames.value)))
        }
        columns.append(.init(name: CacheNames.weight, source: .rows(CacheNames.weight)))
        return columns
    }

    /// The SQL of the view of `viewColumns` in the cache file (SQLite): a dictionary decoded by a
    /// subquery, which SQLite evaluates only for a query that reads the value.
    func viewSelect(_ plan: StoragePlan) -> String {
        let select = viewColumns(plan).map { column -> String in
            let name = Database.quote(identifier: column.name)
            switch column.source {
            case .rows(let stored):
                return "r.\(stored) AS \(name)"
            case .lookup(let table, let key, let value, let by):
                return "(SELECT d.\(value) FROM \(table) d WHERE d.\(key) = r.\(by)) AS \(name)"
            }
        }
        return "SELECT \(select.joined(separator: ", ")) FROM \(CacheNames.rollup(number)) r"
    }

    /// The layout of the rollup of the table attached under `schema`.
    func layout(_ plan: StoragePlan, schema: String) -> RollupLayout {
        let relation = StoredName(schema: schema, name: CacheNames.rollupView(number))
        switch source {
        case .rows(let dimensions):
            return RollupLayout(relation: relation,
                                dimensions: dimensions.map { RollupDimension(column: plan.columns[$0.column].name, grain: $0.grain) },
                                weightColumn: CacheNames.weight)
        case .items(let column, _):
            let name = plan.columns[column].name
            return RollupLayout(relation: relation, dimensions: [RollupDimension(column: name, grain: .exact)], itemsOf: name,
                                weightColumn: CacheNames.weight)
        }
    }
}
