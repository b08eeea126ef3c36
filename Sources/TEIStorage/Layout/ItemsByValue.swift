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
///
/// A carried dictionary column (the account) also has its value's rank among the dictionary's
/// values, so that `account < partner` compares two integers: the join otherwise decodes the
/// account of every candidate message it seeks (one lookup in the dictionary each, a fifth of
/// co-link's time at a million tweets).
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
    /// Logical name of a carried dictionary column → its column in `table` holding the rank of the
    /// value among the dictionary's values, from 1, in the order SQLite compares text (null for a
    /// null value): two ranks compare as their values do.
    public var ranks: [String: String]

    public init(table: StoredName, valueColumn: String, timeColumn: String, rowColumn: String, positionColumn: String,
                carried: [String: String], ranks: [String: String] = [:]) {
        self.table = table
        self.valueColumn = valueColumn
        self.timeColumn = timeColumn
        self.rowColumn = rowColumn
        self.positionColumn = positionColumn
        self.carried = carried
        self.ranks = ranks
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
    /// The carried dictionary columns: logical name, stored column of `rows` (the code), the
    /// dictionary's table and the copy's column of the value's rank.
    let ranked: [(name: String, stored: String, dictionary: String, rank: String)]

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
        ranked = Self.carriedColumns.compactMap { name in
            guard let index = columns.firstIndex(where: { $0.name == name }), case .dictionary(let n) = storage[index] else { return nil }
            return (name, CacheNames.storedColumn(index), CacheNames.dictionary(n), CacheNames.rankColumn(index))
        }
    }

    /// The statements numbering, in temporary tables that every copy then reads, the values of each
    /// ranked dictionary and the distinct items of each of `lists` lists (`distinctItems(n)`: a query
    /// of one column listing list `n`'s distinct items, such as its rollup), each in SQLite's order of
    /// text from 1. Numbered once here instead of once per copy, and looked up by integer key.
    func rankingSQL(lists: Int, distinctItems: (Int) -> String) -> String {
        let (id, value, rank) = (CacheNames.id, CacheNames.value, CacheNames.rankTableColumn)
        let dictionaries = ranked.map { column in
            """
            CREATE TEMP TABLE \(CacheNames.dictionaryRanks(column.dictionary))(\(id) INTEGER PRIMARY KEY, \(rank) INTEGER NOT NULL);
            INSERT INTO temp.\(CacheNames.dictionaryRanks(column.dictionary)) SELECT \(id), row_number() OVER (ORDER BY \(value)) FROM \(column.dictionary);
            """
        }
        let items = (0..<lists).map { n in
            """
            CREATE TEMP TABLE \(CacheNames.itemRanks(n))(\(value) TEXT PRIMARY KEY, \(rank) INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO temp.\(CacheNames.itemRanks(n)) SELECT \(value), row_number() OVER (ORDER BY \(value)) FROM (\(distinctItems(n)));
            """
        }
        return (dictionaries + items).joined(separator: "\n")
    }

    /// Drops the tables of `rankingSQL`, once every copy is made.
    func dropRankingSQL(lists: Int) -> String {
        (ranked.map { CacheNames.dictionaryRanks($0.dictionary) } + (0..<lists).map(CacheNames.itemRanks))
            .map { "DROP TABLE temp.\($0);" }.joined(separator: "\n")
    }

    /// The statements creating and filling the copy of items table `n`, from `items(n)`, `rows` and
    /// the tables of `rankingSQL` (run once they are complete): inserted in key order, so the table is
    /// written as appended.
    ///
    /// The order is asked of SQLite's sorter as one integer, the item's rank times 2^32 plus the time,
    /// then the row and position: (item, time) packed so. Most items share their value with many others
    /// (a few dozen hashtags at any size), so sorting by the text first compared whole records on
    /// almost every step; one integer is compared in place (measured at a million tweets: 3.0 CPU s for
    /// the three copies, against 4.3 s). A time outside 1970–2106 (or a list of more than 2^31 distinct
    /// items) falls out of that order, which then only makes the insertion slower: the table's key, not
    /// the order of insertion, decides what it holds.
    func createSQL(_ n: Int) -> String {
        let (row, position, value, id, rank) = (CacheNames.row, CacheNames.position, CacheNames.value, CacheNames.id, CacheNames.rankTableColumn)
        let columns = ["\(value) TEXT NOT NULL", "\(time.stored) INTEGER NOT NULL", "\(row) INTEGER NOT NULL", "\(position) INTEGER NOT NULL"]
            + others.map { "\($0.stored) INTEGER" } + ranked.map { "\($0.rank) INTEGER" }
        let selected = ["i.\(value)", "r.\(time.stored)", "i.\(row)", "i.\(position)"] + others.map { "r.\($0.stored)" }
            + ranked.indices.map { "k\($0).\(rank)" }
        let rankJoins = ranked.enumerated().map { k, column in
            " LEFT JOIN temp.\(CacheNames.dictionaryRanks(column.dictionary)) k\(k) ON k\(k).\(id) = r.\(column.stored)"
        }
        return """
            CREATE TABLE \(CacheNames.itemsByValue(n))(\(columns.joined(separator: ", ")), PRIMARY KEY(\(value), \(time.stored), \(row), \(position))) WITHOUT ROWID;
            INSERT INTO \(CacheNames.itemsByValue(n)) SELECT \(selected.joined(separator: ", ")) FROM \(CacheNames.items(n)) i JOIN \(CacheNames.rows) r ON r.\(row) = i.\(row) LEFT JOIN temp.\(CacheNames.itemRanks(n)) v ON v.\(value) = i.\(value)\(rankJoins.joined()) WHERE r.\(time.stored) IS NOT NULL ORDER BY v.\(rank) * 4294967296 + r.\(time.stored), 3, 4;
            """
    }

    /// The layout of the copy of items table `n` attached under `schema`.
    func layout(_ n: Int, schema: String) -> ItemsByValueLayout {
        var carried: [String: String] = [time.name: time.stored]
        for column in others { carried[column.name] = column.stored }
        return ItemsByValueLayout(table: StoredName(schema: schema, name: CacheNames.itemsByValue(n)), valueColumn: CacheNames.value,
                                  timeColumn: time.name, rowColumn: CacheNames.row, positionColumn: CacheNames.position, carried: carried,
                                  ranks: Dictionary(uniqueKeysWithValues: ranked.map { ($0.name, $0.rank) }))
    }
}
