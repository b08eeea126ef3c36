import TEIStorage

/// What tests write SQL by hand with: the names of a `TableLayout`, quoted for SQLite. Not part of
/// tei itself (there, only the SQL stage quotes names).
extension StoredName {
    /// `"schema"."name"`, ready to put after `FROM`.
    public var quoted: String {
        (schema.map { Database.quote(identifier: $0) + "." } ?? "") + Database.quote(identifier: name)
    }
}

extension LoadedTable {
    /// The relation of `layout`, quoted.
    public var relationSQL: String { layout.relation.quoted }

    /// The items table of list column `name`, or nil when it is not stored as a list.
    public func items(of name: String) -> ItemsLayout? {
        guard case .list(let items)? = layout.column(named: name)?.encoding else { return nil }
        return items
    }

    /// The exact dictionary of column `name`, or nil when it has none.
    public func dictionary(of name: String) -> DictionaryLayout? {
        guard case .dictionary(let dictionary)? = layout.column(named: name)?.encoding else { return nil }
        return dictionary
    }

    /// The columns with an exact dictionary.
    public var dictionaryColumns: Set<String> {
        Set(layout.columns.compactMap { if case .dictionary = $0.encoding { return $0.name } else { return nil } })
    }
}
