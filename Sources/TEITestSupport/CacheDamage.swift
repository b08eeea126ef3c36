import Foundation
import TEIStorage

/// Damage as a bad disk or a broken copy leaves it: one page inside a cache file overwritten. Used
/// by the storage, session and command tests of damaged caches; not part of tei itself.
public enum CacheDamage {
    /// Why a file could not be damaged as asked (it is not a cache with a `rows` table).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Overwrites a leaf page of the `rows` table, found by walking down the middle of its b-tree
    /// from its root page, with bytes that are no valid page; returns the page number.
    @discardableResult
    public static func overwriteLeafPageOfRows(in file: URL) throws -> Int {
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
        let handle = try FileHandle(forWritingTo: file)
        try handle.seek(toOffset: UInt64((page - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xEE, count: pageSize))
        try handle.close()
        return page
    }
}
