import CCacheChecksum
import CSQLite

/// Cache files keep a checksum in every page (the C target CCacheChecksum, a SQLite VFS shim), so
/// damage inside a file reads as an error (`SQLiteError.isCorruption`) rather than as other rows.
///
/// A cache is created through the VFS with its pages' last `reserveBytes` bytes reserved, and
/// attached through it; every whole page read is checked. Checking costs one pass over each page
/// read from disk (see Benchmarks/README.md for the measured ratio).
enum PageChecksums {
    /// The name of the VFS, registered with SQLite the first time it is asked for.
    static let vfsName: String = {
        let rc = tei_checksum_vfs_register()
        precondition(rc == SQLITE_OK, "cannot register the cache checksum VFS (SQLite code \(rc))")
        return TEI_CHECKSUM_VFS_NAME
    }()

    /// Bytes at the end of every page that hold its checksum.
    static let reserveBytes = Int32(TEI_CHECKSUM_BYTES)

    /// Reserves room for the checksums in `database`, a new empty file opened through `vfsName`;
    /// call after setting the page size and before the first table.
    static func reserveSpace(in database: Database) throws {
        var reserve = reserveBytes
        let rc = sqlite3_file_control(database.handle, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        var current: Int32 = -1
        sqlite3_file_control(database.handle, "main", SQLITE_FCNTL_RESERVE_BYTES, &current)
        guard rc == SQLITE_OK, current == reserveBytes else {
            throw SQLiteError(code: rc == SQLITE_OK ? SQLITE_ERROR : rc,
                              message: "cannot reserve \(reserveBytes) bytes per page for checksums")
        }
    }
}
