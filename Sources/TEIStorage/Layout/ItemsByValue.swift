/// A second copy of a tweets table's list items, sorted by (value, tweet time) and carrying the few
/// columns of the tweet that the coordination networks read (`co_link_pairs`, `co_hashtag_pairs`,
/// `co_mention_pairs`): the messages with one item within a time window of a given time are one
/// range of it, read without visiting the tweets' rows. SQLite builds no such index by itself (its
/// automatic indexes serve equalities only), and an index of the items alone would still read
/// each candidate's row to test `is_retweet` and decode the account, which costs as much as the
/// joins it saves (measured on 200,000 tweets: 4 CPU s, as the slot joins).
///
/// The optimizer reads a join's sides from it (`SeekJoinSideByItemValue`). Its key is
/// (value, time, row, position), so it holds only the items of rows whose time is not null: a
/// join that reads it compares the time with the other side's, which no null time passes.
public struct ItemsByValueLayout: Sendable, Equatable {
    public var table: StoredName
    public var valueColumn: String
    /// The logical time column of the table, the second key.
    public var timeColumn: String
    public var rowColumn: String
    public var positionColumn: String
    /// Logical column name → its column in `table`, holding the value as the table's rows store
    /// it (a dictionary column's code). The time column is one of them.
    public var carried: [String: String]

    public init(table: StoredName, valueColumn: String, timeColumn: String, rowColumn: String, positionColumn: String,
                carried: [String: String]) {
        self.table = table
        self.valueColumn = valueColumn
        self.timeColumn = timeColumn
        self.rowColumn = rowColumn
        self.positionColumn = positionColumn
        self.carried = carried
    }
}

/// Which columns a tweets table's items copies carry, decided from its columns as the rest of the
/// `StoragePlan` is: the time (their second key), and the account, the tweet's id and whether it
/// is a retweet, which is what the coordination networks read of the tweet beside the item.
struct ItemsByValuePlan {
    /// The logical time column and its stored column of `rows`.
    let time: (name: String, stored: String)
    /// The other carried columns: logical name and stored column of `rows`.
    let others: [(name: String, stored: String)]

    static let timeColumn = "tweet_time"
    static let carriedColumns = ["userid", "tweetid", "is_retweet"]

    /// The plan of a table of `kind` whose columns are stored by `storage`; nil when it is no
    /// tweets table with a stored time.
    init?(kind: TableKind, columns: [Column], storage: [StoragePlan.Storage]) {
        func stored(_ name: String) -> (name: String, stored: String)? {
            guard let index = columns.firstIndex(where: { $0.name == name }) else { return nil }
            switch storage[index] {
            case .value, .dictionary: return (name, CacheNames.storedColumn(index))
            default: return nil
            }
        }
        guard kind == .teiTweets, let time = stored(Self.timeColumn),
              columns.first(where: { $0.name == Self.timeColumn })?.type == .timestamp else { return nil }
        self.time = time
        others = Self.carriedColumns.compactMap(stored)
    }

    /// The statements creating and filling the copy of items table `n`, from `items(n)` and `rows`
    /// (run once both are complete): inserted in key order, so the table is written as appended.
    func createSQL(_ n: Int) -> String {
        let (row, position, value) = (CacheNames.row, CacheNames.position, CacheNames.value)
        let columns = ["\(value) TEXT NOT NULL", "\(time.stored) INTEGER NOT NULL", "\(row) INTEGER NOT NULL", "\(position) INTEGER NOT NULL"]
            + others.map { "\($0.stored) INTEGER" }
        let selected = ["i.\(value)", "r.\(time.stored)", "i.\(row)", "i.\(position)"] + others.map { "r.\($0.stored)" }
        return """
            CREATE TABLE \(CacheNames.itemsByValue(n))(\(columns.joined(separator: ", ")), PRIMARY KEY(\(value), \(time.stored), \(row), \(position))) WITHOUT ROWID;
            INSERT INTO \(CacheNames.itemsByValue(n)) SELECT \(selected.joined(separator: ", ")) FROM \(CacheNames.items(n)) i JOIN \(CacheNames.rows) r ON r.\(row) = i.\(row) WHERE r.\(time.stored) IS NOT NULL ORDER BY 1, 2, 3, 4;
            """
    }

    /// The layout of the copy of items table `n` attached under `schema`.
    func layout(_ n: Int, schema: String) -> ItemsByValueLayout {
        var carried: [String: String] = [time.name: time.stored]
        for column in others { carried[column.name] = column.stored }
        return ItemsByValueLayout(table: StoredName(schema: schema, name: CacheNames.itemsByValue(n)), valueColumn: CacheNames.value,
                                  timeColumn: time.name, rowColumn: CacheNames.row, positionColumn: CacheNames.position, carried: carried)
    }
}
