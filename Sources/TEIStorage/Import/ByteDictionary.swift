import Foundation

/// Assigns dense ids (1, 2, …) to distinct byte strings: the importer's dictionary encoding of user
/// ids, languages, clients and whole account records. Every distinct key gets exactly one id however
/// many keys there are, so grouping by the id gives the groups of the value (see `DictionaryLayout`).
///
/// Memory stays bounded: the keys met first are held in memory, in an arena indexed by an open
/// addressing table (20 to 36 bytes of bookkeeping a key, no allocation per lookup), until they
/// would take more than `memoryLimit` bytes. The in-memory part then stops growing and the
/// dictionary continues on disk: a key it lacks is looked up in, or added to, a table of the
/// import's scratch database (`DictionarySpill`). The in-memory keys have the ids 1…n and are
/// never looked up on disk, so the common values of a release cost no disk access.
struct ByteDictionary {
    /// Per slot, 0 for an empty one, else the key's hash in the high 32 bits and its index + 1 in
    /// the low 32 bits; the length is a power of two, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 16)
    private var arena: [UInt8] = []
    /// Key `i` is `arena[ends[i - 1]..<ends[i]]` (`ends[-1]` being 0).
    private var ends: [UInt32] = []
    private(set) var nextID: Int64 = 1
    let memoryLimit: Int
    /// Where the keys past `memoryLimit` go; its table is made when the first one comes.
    private let spillDatabase: SpillDatabase
    private var spill: DictionarySpill?

    init(memoryLimit: Int, spillingTo spillDatabase: SpillDatabase) {
        self.memoryLimit = memoryLimit
        self.spillDatabase = spillDatabase
        // Reserved, not touched: the pages count once written, and the arena never moves, so
        // growing it never holds an old copy and a new one at once.
        arena.reserveCapacity(memoryLimit)
    }

    /// Whether some keys are held on disk rather than in memory.
    var hasSpilled: Bool { spill != nil }

    /// The id of `key`, and whether it was seen for the first time (the caller then stores it).
    ///
    /// - Throws: a `SQLiteError` of the scratch database, once the dictionary continues on disk.
    mutating func id(for key: UnsafeBufferPointer<UInt8>) throws -> (id: Int64, isNew: Bool) {
        let hash = ByteHash.hash(key) >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            let id = entry & 0xFFFF_FFFF
            if entry >> 32 == hash, matches(Int(id) - 1, key) {
                return (Int64(id), false)
            }
            slot = (slot + 1) & mask
        }
        if let spill {
            return try spilled(key, in: spill)
        }
        guard fitsInMemory(key) else {
            let spill = try spillDatabase.makeSpill()
            self.spill = spill
            return try spilled(key, in: spill)
        }
        arena.append(contentsOf: key)
        ends.append(UInt32(arena.count))
        slots[slot] = hash << 32 | UInt64(ends.count)
        if ends.count * 2 > slots.count { slots = HashSlots.doubled(slots) }
        nextID += 1
        return (Int64(ends.count), true)
    }

    /// Calls `body` with each key held in memory and its id, in id order: every key, as long as
    /// none went to disk (`hasSpilled`).
    func forEachKey(_ body: (Int64, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try arena.withUnsafeBufferPointer { arena in
            var start = 0
            for (index, end) in ends.enumerated() {
                try body(Int64(index + 1), UnsafeBufferPointer(rebasing: arena[start..<Int(end)]))
                start = Int(end)
            }
        }
    }

    private func matches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        guard Int(ends[index]) - start == key.count else { return false }
        guard let base = key.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, key.count) == 0 }
    }

    /// Whether one more key of this size keeps the in-memory part within `memoryLimit`, counting
    /// the larger slot table it may need.
    private func fitsInMemory(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let slotCount = (ends.count + 1) * 2 > slots.count ? slots.count * 2 : slots.count
        let bytes = arena.count + key.count + (ends.count + 1) * MemoryLayout<UInt32>.stride + slotCount * MemoryLayout<UInt64>.stride
        return bytes <= memoryLimit
    }

    private mutating func spilled(_ key: UnsafeBufferPointer<UInt8>, in spill: DictionarySpill) throws -> (id: Int64, isNew: Bool) {
        if let id = try spill.id(for: key) { return (id, false) }
        let id = nextID
        try spill.add(key, id: id)
        nextID += 1
        return (id, true)
    }
}
