/// The name of every object tei creates in a cache file, and of the columns it adds to a table:
/// spelled here and nowhere else. The importer creates them, the loader attaches and describes
/// them (`TableLayout`), and the metadata names its table with them; changing one changes the
/// cache format (`CacheMetadata.formatVersion`).
enum CacheNames {
    /// How the columns tei adds to a table begin; no CSV header may name a column so (SQLite
    /// compares names without case), so they never hide a column of the file.
    static let reservedPrefix = "__tei_"
    /// The keyed view's row number column (file order, from 1).
    static let rowNumber = reservedPrefix + "row"
    /// The keyed view's column holding the dictionary codes of logical column number `index`.
    static func code(_ index: Int) -> String { reservedPrefix + "code_\(index)" }

    /// The schema a cache file is attached under: one per cache key, so the names of two loads
    /// never collide.
    static func schema(_ key: CacheKey) -> String { "tei_" + key.rawValue.prefix(16) }

    /// The table of `CacheMetadata`, with a `(name, value)` row per entry.
    static let metadata = "tei_meta"
    /// The `metadata` entry holding the description of the cache.
    static let metadataDescription = "description"

    /// The view of the logical columns plus `rowNumber` and each dictionary column's code.
    static let keyedView = "keyed"
    /// The view of exactly the logical columns.
    static let dataView = "data"
    /// One narrow row per record, keyed by `row`.
    static let rows = "rows"
    /// The account records of a tweets table, referenced by `rows.account`.
    static let accounts = "accounts"
    /// The files the rows came from, referenced by `rows.source`.
    static let sources = "sources"
    /// Dictionary table number `n`, `(id, value)`.
    static func dictionary(_ n: Int) -> String { "dict_\(n)" }
    /// The unique index on the values of dictionary table number `n`.
    static func dictionaryValueIndex(_ n: Int) -> String { "dict_\(n)_value" }
    /// Long text table number `n`, `(row, value)`.
    static func text(_ n: Int) -> String { "text_\(n)" }
    /// List items table number `n`, `(row, position, value)`.
    static func items(_ n: Int) -> String { "items_\(n)" }
    /// The copy of list items table `n` sorted by value and time (`ItemsByValuePlan`).
    static func itemsByValue(_ n: Int) -> String { "items_\(n)_by_value" }
    /// Index number `n` of `TEIFormat.tweetIndexes` on `rows`.
    static func index(_ n: Int) -> String { "rows_index_\(n)" }
    /// Rollup number `n` of `RollupPlan.rollups`: `(dimension(0), …, weight)` or, of a list's
    /// items, `(value, weight)`.
    static func rollup(_ n: Int) -> String { "rollup_\(n)" }
    /// The view of rollup `n` under the logical column names (`RollupLayout.relation`).
    static func rollupView(_ n: Int) -> String { "rollup_\(n)_view" }
    /// The index of rollup `n` by its dictionary code and the rest of its columns (`RollupPlan.indexColumns`).
    static func rollupIndex(_ n: Int) -> String { "rollup_\(n)_by_code" }
    /// Dimension number `i` of a rollup of rows.
    static func dimension(_ i: Int) -> String { "d\(i)" }
    /// The count of a rollup's row, in its table and its view.
    static let weight = reservedPrefix + "weight"

    /// Not in the cache file: the import's temporary table numbering the values of dictionary table
    /// `dictionary` in order (`ItemsByValuePlan.rankingSQL`), `(id, rank)`.
    static func dictionaryRanks(_ dictionary: String) -> String { "tei_\(dictionary)_ranks" }
    /// Not in the cache file: the import's temporary table numbering the distinct items of list `n`
    /// in order, `(value, rank)`.
    static func itemRanks(_ n: Int) -> String { "tei_items_\(n)_ranks" }
    /// The rank column of those temporary tables.
    static let rankTableColumn = "rank"

    /// Not in the cache file: the table of dictionary `n`'s keys past its memory, `(value, id)`, in
    /// the import's scratch database (`SpillDatabase`), which is deleted when the import ends.
    static func spill(_ n: Int) -> String { "spill_\(n)" }

    /// The column of `rows` (or `accounts`) holding logical column number `index`.
    static func storedColumn(_ index: Int) -> String { "c\(index)" }
    /// The column of a copy of list items sorted by value (`ItemsByValuePlan`) holding the rank,
    /// among its dictionary's values, of the value of logical column number `index`.
    static func rankColumn(_ index: Int) -> String { "c\(index)_rank" }
    /// The integer primary key of `accounts`, `sources` and the dictionaries.
    static let id = "id"
    /// The row number of `rows`, and the column of the side tables referring to it.
    static let row = "row"
    /// The position of a list item in its list, from 1.
    static let position = "position"
    /// The text or item of a side table (and of a `metadata` entry).
    static let value = "value"
    /// The name of a `metadata` entry.
    static let name = "name"
    /// The column of `rows` referring to `accounts`.
    static let account = "account"
    /// The column of `rows` referring to `sources`.
    static let source = "source"
}
