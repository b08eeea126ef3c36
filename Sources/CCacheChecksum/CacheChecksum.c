#include "CacheChecksum.h"

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

/// An open file of this VFS: the file of the VFS underneath follows it in the same allocation.
typedef struct {
    sqlite3_file base;
} ChecksumFile;

static sqlite3_vfs *underlying_vfs(sqlite3_vfs *vfs) { return (sqlite3_vfs *)vfs->pAppData; }

static sqlite3_file *underlying_file(sqlite3_file *file) { return (sqlite3_file *)((ChecksumFile *)file + 1); }

static uint32_t load_little_endian(const unsigned char *bytes) {
    return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
}

static void store_little_endian(uint32_t value, unsigned char *bytes) {
    bytes[0] = (unsigned char)value;
    bytes[1] = (unsigned char)(value >> 8);
    bytes[2] = (unsigned char)(value >> 16);
    bytes[3] = (unsigned char)(value >> 24);
}

/// The checksum of one page (all but its last TEI_CHECKSUM_BYTES): cksumvfs's two running 32-bit
/// sums, which cost about one memory pass. A change of one word changes the two sums by
/// consecutive Fibonacci multiples of the change, which are never both zero modulo 2^32, so every
/// one-bit flip is caught. The sums start from the page number mixed with constants: the pair
/// never returns to (0, 0), so an all-zero page fails, and a page copied to another place fails.
static void page_checksum(const unsigned char *page, int size, sqlite3_int64 page_number, unsigned char *checksum) {
    uint32_t first = 0x9e3779b9u ^ (uint32_t)page_number;
    uint32_t second = 0x7f4a7c15u ^ (uint32_t)((uint64_t)page_number >> 32);
    const unsigned char *end = page + size - TEI_CHECKSUM_BYTES;
    for (const unsigned char *word = page; word < end; word += 8) {
        first += load_little_endian(word) + second;
        second += load_little_endian(word + 4) + first;
    }
    store_little_endian(first, checksum);
    store_little_endian(second, checksum + 4);
}

/// Whether a read or write of `amount` bytes at `offset` is one whole page: SQLite reads and writes
/// pages (a power of two from 512 to 65536 bytes, at a multiple of their size) and otherwise only
/// parts of the first page's 100-byte header, which the whole first page's checksum covers.
static int is_whole_page(int amount, sqlite3_int64 offset) {
    return amount >= 512 && amount <= 65536 && (amount & (amount - 1)) == 0 && offset % amount == 0;
}

static int checksum_close(sqlite3_file *file) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods ? inner->pMethods->xClose(inner) : SQLITE_OK;
}

static int checksum_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    sqlite3_file *inner = underlying_file(file);
    int rc = inner->pMethods->xRead(inner, buffer, amount, offset);
    // A short read is a page past the end, which SQLite reads as zeros: nothing was stored there.
    if (rc != SQLITE_OK || !is_whole_page(amount, offset)) return rc;
    unsigned char expected[TEI_CHECKSUM_BYTES];
    page_checksum(buffer, amount, offset / amount + 1, expected);
    if (memcmp(expected, (unsigned char *)buffer + amount - TEI_CHECKSUM_BYTES, TEI_CHECKSUM_BYTES) != 0) {
        sqlite3_log(SQLITE_IOERR_DATA, "checksum mismatch on page %lld", (long long)(offset / amount + 1));
        return SQLITE_IOERR_DATA;
    }
    return SQLITE_OK;
}

static int checksum_write(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    sqlite3_file *inner = underlying_file(file);
    if (is_whole_page(amount, offset)) {
        unsigned char *page = (unsigned char *)buffer;
        // Without the reserved bytes the checksum would overwrite the page's own content: refuse
        // a database created without them rather than damage it.
        if (offset == 0 && page[20] != TEI_CHECKSUM_BYTES) return SQLITE_IOERR_WRITE;
        // The reserved bytes belong to this VFS; SQLite leaves them alone in its page buffers.
        page_checksum(page, amount, offset / amount + 1, page + amount - TEI_CHECKSUM_BYTES);
    }
    return inner->pMethods->xWrite(inner, buffer, amount, offset);
}

static int checksum_truncate(sqlite3_file *file, sqlite3_int64 size) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xTruncate(inner, size);
}

static int checksum_sync(sqlite3_file *file, int flags) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xSync(inner, flags);
}

static int checksum_file_size(sqlite3_file *file, sqlite3_int64 *size) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xFileSize(inner, size);
}

static int checksum_lock(sqlite3_file *file, int level) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xLock(inner, level);
}

static int checksum_unlock(sqlite3_file *file, int level) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xUnlock(inner, level);
}

static int checksum_check_reserved_lock(sqlite3_file *file, int *result) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xCheckReservedLock(inner, result);
}

static int checksum_file_control(sqlite3_file *file, int op, void *argument) {
    sqlite3_file *inner = underlying_file(file);
    if (op == SQLITE_FCNTL_VFSNAME) {
        int rc = inner->pMethods->xFileControl(inner, op, argument);
        if (rc == SQLITE_OK) {
            char **name = (char **)argument;
            char *combined = sqlite3_mprintf(TEI_CHECKSUM_VFS_NAME "/%z", *name);
            if (!combined) return SQLITE_NOMEM;
            *name = combined;
        }
        return rc;
    }
    return inner->pMethods->xFileControl(inner, op, argument);
}

static int checksum_sector_size(sqlite3_file *file) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xSectorSize(inner);
}

static int checksum_device_characteristics(sqlite3_file *file) {
    sqlite3_file *inner = underlying_file(file);
    return inner->pMethods->xDeviceCharacteristics(inner);
}

static int checksum_shm_map(sqlite3_file *file, int region, int size, int extend, void volatile **memory) {
    sqlite3_file *inner = underlying_file(file);
    if (inner->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return inner->pMethods->xShmMap(inner, region, size, extend, memory);
}

static int checksum_shm_lock(sqlite3_file *file, int offset, int count, int flags) {
    sqlite3_file *inner = underlying_file(file);
    if (inner->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return inner->pMethods->xShmLock(inner, offset, count, flags);
}

static void checksum_shm_barrier(sqlite3_file *file) {
    sqlite3_file *inner = underlying_file(file);
    if (inner->pMethods->iVersion >= 2) inner->pMethods->xShmBarrier(inner);
}

static int checksum_shm_unmap(sqlite3_file *file, int delete_flag) {
    sqlite3_file *inner = underlying_file(file);
    if (inner->pMethods->iVersion < 2) return SQLITE_OK;
    return inner->pMethods->xShmUnmap(inner, delete_flag);
}

/// Memory-mapped pages would bypass `checksum_read`: refusing every fetch makes SQLite read.
static int checksum_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **page) {
    (void)file; (void)offset; (void)amount;
    *page = 0;
    return SQLITE_OK;
}

static int checksum_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    (void)file; (void)offset; (void)page;
    return SQLITE_OK;
}

/// Version 3, with shared memory passed on when the file underneath has it and fetch refused.
static const sqlite3_io_methods checksum_methods = {
    3,
    checksum_close,
    checksum_read,
    checksum_write,
    checksum_truncate,
    checksum_sync,
    checksum_file_size,
    checksum_lock,
    checksum_unlock,
    checksum_check_reserved_lock,
    checksum_file_control,
    checksum_sector_size,
    checksum_device_characteristics,
    checksum_shm_map,
    checksum_shm_lock,
    checksum_shm_barrier,
    checksum_shm_unmap,
    checksum_fetch,
    checksum_unfetch,
};

static int checksum_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags) {
    sqlite3_vfs *inner_vfs = underlying_vfs(vfs);
    // Journals and temporary files keep no checksums: open them as the VFS underneath would, in
    // the same allocation, so SQLite calls its methods directly.
    if ((flags & SQLITE_OPEN_MAIN_DB) == 0) return inner_vfs->xOpen(inner_vfs, name, file, flags, out_flags);
    memset(file, 0, sizeof(ChecksumFile));
    sqlite3_file *inner = underlying_file(file);
    int rc = inner_vfs->xOpen(inner_vfs, name, inner, flags, out_flags);
    if (inner->pMethods) file->pMethods = &checksum_methods;
    return rc;
}

static int checksum_delete(sqlite3_vfs *vfs, const char *name, int sync_directory) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xDelete(inner, name, sync_directory);
}

static int checksum_access(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xAccess(inner, name, flags, result);
}

static int checksum_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *output) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xFullPathname(inner, name, size, output);
}

static void *checksum_dl_open(sqlite3_vfs *vfs, const char *path) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xDlOpen(inner, path);
}

static void checksum_dl_error(sqlite3_vfs *vfs, int size, char *message) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    inner->xDlError(inner, size, message);
}

static void (*checksum_dl_sym(sqlite3_vfs *vfs, void *library, const char *symbol))(void) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xDlSym(inner, library, symbol);
}

static void checksum_dl_close(sqlite3_vfs *vfs, void *library) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    inner->xDlClose(inner, library);
}

static int checksum_randomness(sqlite3_vfs *vfs, int size, char *output) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xRandomness(inner, size, output);
}

static int checksum_sleep(sqlite3_vfs *vfs, int microseconds) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xSleep(inner, microseconds);
}

static int checksum_current_time(sqlite3_vfs *vfs, double *time) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xCurrentTime(inner, time);
}

static int checksum_get_last_error(sqlite3_vfs *vfs, int size, char *message) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    return inner->xGetLastError ? inner->xGetLastError(inner, size, message) : 0;
}

static int checksum_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *time) {
    sqlite3_vfs *inner = underlying_vfs(vfs);
    if (inner->iVersion >= 2 && inner->xCurrentTimeInt64) return inner->xCurrentTimeInt64(inner, time);
    double days;
    int rc = inner->xCurrentTime(inner, &days);
    *time = (sqlite3_int64)(days * 86400000.0);
    return rc;
}

static sqlite3_vfs checksum_vfs = {
    2,                       /* iVersion: no xSetSystemCall; the VFS underneath keeps its own */
    0,                       /* szOsFile, set when registering */
    1024,                    /* mxPathname, set when registering */
    0,                       /* pNext */
    TEI_CHECKSUM_VFS_NAME,
    0,                       /* pAppData: the VFS underneath */
    checksum_open,
    checksum_delete,
    checksum_access,
    checksum_full_pathname,
    checksum_dl_open,
    checksum_dl_error,
    checksum_dl_sym,
    checksum_dl_close,
    checksum_randomness,
    checksum_sleep,
    checksum_current_time,
    checksum_get_last_error,
    checksum_current_time_int64,
    0, 0, 0,
};

int tei_checksum_vfs_register(void) {
    if (sqlite3_vfs_find(TEI_CHECKSUM_VFS_NAME)) return SQLITE_OK;
    sqlite3_vfs *inner = sqlite3_vfs_find(0);
    if (!inner) return SQLITE_ERROR;
    checksum_vfs.pAppData = inner;
    checksum_vfs.szOsFile = (int)sizeof(ChecksumFile) + inner->szOsFile;
    checksum_vfs.mxPathname = inner->mxPathname;
    return sqlite3_vfs_register(&checksum_vfs, 0);
}
