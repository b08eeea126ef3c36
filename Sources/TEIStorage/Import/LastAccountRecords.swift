/// Per code of a tweet's `userid`, where the account record last met with it is held in the record
/// dictionary, so that the importer finds a tweet's record by comparing its key with that one
/// record's (`ByteDictionary.id(for:at:)`) instead of hashing the key and probing the dictionary's
/// table: an account keeps one record over most of its tweets, and at 9M rows the table (26.8 MiB)
/// is out of the CPU's caches.
///
/// It only shortcuts the dictionary: a key that differs from the remembered record's (a changed
/// profile, or a record held on disk) is looked up in the dictionary as before, so every record
/// gets the id the dictionary alone would give it.
struct LastAccountRecords {
    /// The column of a tweets table whose dictionary codes key the records: the tweet's account.
    static let accountIDColumn = "userid"

    /// Codes at or past this are not remembered (their records are found through the dictionary):
    /// 8 MiB at most, where a 9M-tweet release's 225,000 accounts take under 1 MiB.
    static let codeLimit = 2_000_000

    /// Per code, the location of its last record, `.none` for none yet; grown as codes come.
    private var locations: [ByteDictionary.Location] = []

    /// Where the record last remembered for `code` is held, or `.none`.
    func location(of code: Int64) -> ByteDictionary.Location {
        guard code >= 0, code < locations.count else { return .none }
        return locations[Int(code)]
    }

    mutating func remember(_ location: ByteDictionary.Location, for code: Int64) {
        guard code >= 0, code < Self.codeLimit else { return }
        if code >= locations.count {
            let grown = min(max(Int(code) + 1, 2 * locations.count), Self.codeLimit)
            locations += repeatElement(.none, count: grown - locations.count)
        }
        locations[Int(code)] = location
    }
}
