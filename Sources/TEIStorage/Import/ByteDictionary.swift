import Foundation

/// Assigns dense ids (1, 2, …) to distinct byte strings without allocating per lookup: the
/// importer's dictionary encoding of user ids, languages, clients and whole account records.
///
/// Memory stays bounded: past `byteLimit` of stored keys the dictionary forgets what it has seen
/// and starts over, so a later repeat gets a new id. That only costs compactness (two dictionary
/// rows with the same value), never correctness, which keeps peak memory flat on huge files.
struct ByteDictionary {
    private var slots: [Int: Int32] = [:]
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var ids: [Int64] = []
    private(set) var nextID: Int64 = 1
    /// Whether every distinct key got exactly one id: false once the dictionary has started over.
    private(set) var isExact = true
    let byteLimit: Int

    init(byteLimit: Int = 48 << 20) {
        self.byteLimit = byteLimit
    }

    /// The id of `key`, and whether it was seen for the first time (the caller then stores it).
    mutating func id(for key: UnsafeBufferPointer<UInt8>) -> (id: Int64, isNew: Bool) {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        var slot = hasher.finalize()
        while let entry = slots[slot] {
            let index = Int(entry)
            let stored = offsets[index]..<offsets[index + 1]
            if stored.count == key.count, arena.withUnsafeBufferPointer({ arena in
                memcmp(arena.baseAddress! + stored.lowerBound, key.baseAddress ?? arena.baseAddress!, key.count) == 0
            }) {
                return (ids[index], false)
            }
            slot &+= 1
        }
        if arena.count + key.count > byteLimit {
            slots.removeAll(keepingCapacity: true)
            arena.removeAll(keepingCapacity: true)
            offsets = [0]
            ids.removeAll(keepingCapacity: true)
            isExact = false
        }
        let id = nextID
        nextID += 1
        slots[slot] = Int32(ids.count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        ids.append(id)
        return (id, true)
    }
}
