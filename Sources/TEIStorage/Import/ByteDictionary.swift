import Foundation

/// Assigns dense ids (1, 2, …) to distinct byte strings: the importer's dictionary encoding of user
/// ids, languages, clients and whole account records. Every distinct key gets exactly one id however
/// many keys there are, so grouping by the id gives the groups of the value (see `DictionaryLayout`).
///
/// Memory stays bounded: the keys met first are held in memory, in an arena indexed by an open
/// addressing table (21 to 38 bytes of bookkeeping a key, no allocation per lookup), until they
/// would take more than `memoryLimit` bytes. The in-memory part then stops growing and the
/// dictionary continues on disk: a key it lacks is looked up in, or added to, a table of the
/// import's scratch database (`DictionarySpill`). The in-memory keys have the ids 1…n and are
/// never looked up on disk, so the common values of a release cost no disk access.
struct ByteDictionary {
    /// Where a key is held in memory, to check a key against it later without a lookup
    /// (`id(for:at:)`).
    struct Location: Equatable {
        /// The key's entry's offset in `arena`, + 1; 0 for `none`.
        fileprivate let offset: UInt32

        /// No key: holds none (`id(for:at:)` is nil).
        static let none = Location(offset: 0)
    }

    /// Per slot, 0 for an empty one, else the key's hash in the high 32 bits and its `Location` in
    /// the low 32 bits; the length is a power of two, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 16)
    /// The keys held in memory in id order, each as its id (four bytes, little-endian), its length
    /// (LEB128) and its bytes: a lookup reads all three from one place, where an array of the keys'
    /// ends beside the arena cost a cache miss more per lookup once a release's account ids
    /// outgrew the CPU's caches (a third of the lookups' time at 9M rows, perf).
    private var arena: [UInt8] = []
    /// How many keys `arena` holds.
    private var count = 0
    private(set) var nextID: Int64 = 1
    let memoryLimit: Int
    /// Where the keys past `memoryLimit` go; its table is made when the first one comes.
    private let spillDatabase: SpillDatabase
    private var spill: DictionarySpill?

    init(memoryLimit: Int, spillingTo spillDatabase: SpillDatabase) {
        // A location is a 32-bit offset.
        self.memoryLimit = min(memoryLimit, Int(UInt32.max) - 1)
        self.spillDatabase = spillDatabase
        // Reserved, not touched: the pages count once written, and the arena never moves, so
        // growing it never holds an old copy and a new one at once.
        arena.reserveCapacity(self.memoryLimit)
    }

    /// Whether some keys are held on disk rather than in memory.
    var hasSpilled: Bool { spill != nil }

    /// The id of `key`, and whether it was seen for the first time (the caller then stores it).
    ///
    /// - Throws: a `SQLiteError` of the scratch database, once the dictionary continues on disk.
    mutating func id(for key: UnsafeBufferPointer<UInt8>) throws -> (id: Int64, isNew: Bool) {
        let found = try entry(for: key)
        return (found.id, found.isNew)
    }

    /// As `id(for:)`, with where the key is held in memory (nil when on disk).
    mutating func entry(for key: UnsafeBufferPointer<UInt8>) throws -> (id: Int64, isNew: Bool, location: Location?) {
        let hash = ByteHash.hash(key) >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry >> 32 == hash {
                let location = Location(offset: UInt32(truncatingIfNeeded: entry))
                if let id = id(for: key, at: location) { return (id, false, location) }
            }
            slot = (slot + 1) & mask
        }
        if let spill {
            let (id, isNew) = try spilled(key, in: spill)
            return (id, isNew, nil)
        }
        guard fitsInMemory(key) else {
            let spill = try spillDatabase.makeSpill()
            self.spill = spill
            let (id, isNew) = try spilled(key, in: spill)
            return (id, isNew, nil)
        }
        let location = Location(offset: UInt32(arena.count + 1))
        let id = nextID
        withUnsafeBytes(of: UInt32(id).littleEndian) { arena.append(contentsOf: $0) }
        var length = key.count
        while length >= 0x80 {
            arena.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        arena.append(UInt8(length))
        arena.append(contentsOf: key)
        count += 1
        slots[slot] = hash << 32 | UInt64(location.offset)
        if count * 2 > slots.count { slots = HashSlots.doubled(slots) }
        nextID += 1
        return (id, true, location)
    }

    /// The id of `key` when it is the key held at `location`, else nil.
    func id(for key: UnsafeBufferPointer<UInt8>, at location: Location) -> Int64? {
        guard location != .none else { return nil }
        return arena.withUnsafeBufferPointer { arena in
            let (id, start, length) = Self.entry(at: Int(location.offset) - 1, in: arena)
            guard length == key.count else { return nil }
            guard length > 0, let base = key.baseAddress else { return id }
            return memcmp(arena.baseAddress! + start, base, length) == 0 ? id : nil
        }
    }

    /// Calls `body` with each key held in memory and its id, in id order: every key, as long as
    /// none went to disk (`hasSpilled`).
    func forEachKey(_ body: (Int64, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try arena.withUnsafeBufferPointer { arena in
            var offset = 0
            while offset < arena.count {
                let (id, start, length) = Self.entry(at: offset, in: arena)
                try body(id, UnsafeBufferPointer(rebasing: arena[start..<start + length]))
                offset = start + length
            }
        }
    }

    /// The id, and the start and length of the bytes, of the key whose entry is at `offset`.
    private static func entry(at offset: Int, in arena: UnsafeBufferPointer<UInt8>) -> (id: Int64, start: Int, length: Int) {
        let id = UInt32(littleEndian: UnsafeRawPointer(arena.baseAddress! + offset).loadUnaligned(as: UInt32.self))
        var position = offset + 4, length = 0, shift = 0
        while true {
            let byte = arena[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            guard byte >= 0x80 else { break }
            shift += 7
        }
        return (Int64(id), position, length)
    }

    /// Whether one more key of this size keeps the in-memory part within `memoryLimit`, counting
    /// its id and length and the larger slot table it may need.
    private func fitsInMemory(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let slotCount = (count + 1) * 2 > slots.count ? slots.count * 2 : slots.count
        let lengthBytes = (Int.bitWidth - key.count.leadingZeroBitCount + 6) / 7
        let entryBytes = MemoryLayout<UInt32>.size + max(lengthBytes, 1) + key.count
        return arena.count + entryBytes + slotCount * MemoryLayout<UInt64>.stride <= memoryLimit
    }

    private mutating func spilled(_ key: UnsafeBufferPointer<UInt8>, in spill: DictionarySpill) throws -> (id: Int64, isNew: Bool) {
        if let id = try spill.id(for: key) { return (id, false) }
        let id = nextID
        try spill.add(key, id: id)
        nextID += 1
        return (id, true)
    }
}
