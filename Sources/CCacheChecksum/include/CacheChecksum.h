#ifndef TEI_CACHE_CHECKSUM_H
#define TEI_CACHE_CHECKSUM_H

/// A SQLite VFS shim that keeps a checksum of every page of a cache file in the page's last
/// `TEI_CHECKSUM_BYTES` bytes (reserved with `SQLITE_FCNTL_RESERVE_BYTES` before the first table):
/// written on every whole-page write, verified on every whole-page read. A page whose checksum
/// does not match reads as `SQLITE_IOERR_DATA`, so damage inside a cache file (a bad disk, a
/// broken copy) is an error rather than a wrong answer. The idea is SQLite's cksumvfs; unlike it,
/// every page of a file opened through this VFS must carry a checksum (a byte flipped in the
/// header cannot turn checking off), and the checksum is seeded with the page number (a page
/// copied to the wrong place or zeroed does not verify).

/// The name the VFS is registered under; open or attach with `vfs=` this name.
#define TEI_CHECKSUM_VFS_NAME "tei-checksum"

/// Bytes reserved at the end of every page for its checksum.
#define TEI_CHECKSUM_BYTES 8

/// Registers the VFS (not as the default) over the default VFS; returns an SQLite result code.
/// Call once, before the first open that names it.
int tei_checksum_vfs_register(void);

#endif
