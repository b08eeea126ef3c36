import Foundation
import TEIFixtures
import TEIStorage

/// Damage as a bad disk or a broken copy leaves it: one page inside a cache file overwritten, or
/// damage of a random kind at a random place. Used by the storage, session and command tests of
/// damaged caches; not part of tei itself.
public enum CacheDamage {
    /// Damage done at a random place of a file.
    public enum Kind: String, CaseIterable, Sendable {
        /// A 4 KiB block (at a multiple of 4 KiB) overwritten with random bytes: a lost disk block.
        case randomBlock = "4 KiB block"
        /// One bit flipped.
        case bitFlip = "one bit"
        /// 16 random bytes written at a random offset.
        case randomBytes = "16 bytes"
    }

    /// Does damage of `kind` somewhere in `file`, the same for the same `seed`, changing at least
    /// one byte and never the file's size; returns where, for a failing test's message.
    @discardableResult
    public static func damage(_ file: URL, _ kind: Kind, seed: UInt64) throws -> String {
        var generator = SplitMix64(seed: seed)
        var bytes = [UInt8](try Data(contentsOf: file))
        let original = bytes
        func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let offset: Int
        switch kind {
        case .randomBlock:
            let block = 4096
            offset = Int.random(in: 0..<bytes.count / block, using: &generator) * block
            repeat { bytes.replaceSubrange(offset..<offset + block, with: randomBytes(block)) } while bytes == original
        case .bitFlip:
            offset = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[offset] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        case .randomBytes:
            offset = Int.random(in: 0...bytes.count - 16, using: &generator)
            repeat { bytes.replaceSubrange(offset..<offset + 16, with: randomBytes(16)) } while bytes == original
        }
        try write(Data(bytes), at: 0, in: file)
        return "\(kind.rawValue) at byte \(offset) of \(bytes.count)"
    }

    /// Why a file could not be damaged as asked (it is not a cache with a `rows` table).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Overwrites a leaf page of the `rows` table, found by walking down the middle of its b-tree
    /// from its root page, with bytes that are no valid page; returns the page number.
    @discardableResult
    public static func overwriteLeafPageOfRows(in file: URL) throws -> Int {
        let (page, pageSize) = try leafPageOfRows(in: file)
        try write(Data(repeating: 0xEE, count: pageSize), at: (page - 1) * pageSize, in: file)
        return page
    }

    /// Flips the lowest bit of the last byte of a row's record on a leaf page of the `rows` table
    /// (the row inserted first on that page; its cell ends where the page's reserved bytes begin):
    /// one column of one row gets another value and the page still parses. Returns the page number.
    @discardableResult
    public static func flipBitInRowOfRows(in file: URL) throws -> Int {
        let (page, pageSize) = try leafPageOfRows(in: file)
        let bytes = [UInt8](try Data(contentsOf: file))
        // Byte 20 of the header: how many bytes at the end of each page are reserved.
        let offset = page * pageSize - Int(bytes[20]) - 1
        try write(Data([bytes[offset] ^ 1]), at: offset, in: file)
        return page
    }

    /// A leaf page of the `rows` table, found by walking down the middle of its b-tree from its
    /// root page, and the file's page size.
    private static func leafPageOfRows(in file: URL) throws -> (page: Int, pageSize: Int) {
        let database = try Database(path: file.path, readOnly: true)
        guard case .integer(let rootPage)? = try database.query("SELECT rootpage FROM sqlite_schema WHERE name = 'rows'").first?.first,
              case .integer(let size)? = try database.query("PRAGMA page_size").first?.first
        else { throw Failure(description: "\(file.path) has no rows table") }
        let pageSize = Int(size)
        let bytes = [UInt8](try Data(contentsOf: file))
        func integer(at offset: Int, width: Int) -> Int { bytes[offset..<offset + width].reduce(0) { $0 << 8 | Int($1) } }
        var page = Int(rootPage)
        // 0x05 is an interior table page: two bytes of cell count at 3, cell pointers from 12, each
        // cell starting with the child's page number.
        while bytes[(page - 1) * pageSize] == 0x05 {
            let start = (page - 1) * pageSize
            let cells = integer(at: start + 3, width: 2)
            let cell = integer(at: start + 12 + 2 * (cells / 2), width: 2)
            page = integer(at: start + cell, width: 4)
        }
        guard bytes[(page - 1) * pageSize] == 0x0d else { throw Failure(description: "page \(page) is not a table leaf page") }
        return (page, pageSize)
    }

    private static func write(_ data: Data, at offset: Int, in file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: data)
        try handle.close()
    }
}
