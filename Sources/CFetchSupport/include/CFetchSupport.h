#ifndef TEI_CFETCH_SUPPORT_H
#define TEI_CFETCH_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// What `tei fetch` needs below Swift's reach.
///
/// The two digests a Cloud Storage listing gives for an object, for `tei fetch` to check a
/// download against: MD5 (RFC 1321) and CRC32C (Castagnoli). In C, like CSHA256, so that a debug
/// build checks gigabytes at the speed of a release build. Both are incremental: a file is fed
/// in pieces, never held whole in memory.

/// The running state of one MD5. Plain data.
typedef struct {
    uint32_t state[4];
    /// Total bytes given to `tei_md5_update`, for the length field of the padding.
    uint64_t length;
    /// Bytes of an incomplete block, waiting for the next update or the final padding.
    uint8_t buffer[64];
    uint32_t buffered;
} tei_md5_context;

void tei_md5_init(tei_md5_context *context);
void tei_md5_update(tei_md5_context *context, const void *bytes, size_t count);
/// Writes the 16 bytes of the digest.
void tei_md5_final(tei_md5_context *context, uint8_t digest[16]);

/// Extends `crc` (0 to start) over `bytes`: the CRC-32C of everything fed so far, as Cloud
/// Storage computes it (reflected polynomial 0x82F63B78, initial and final value inverted).
uint32_t tei_crc32c_update(uint32_t crc, const void *bytes, size_t count);

/// Renames `from` to `to` unless `to` exists (then -1 with errno EEXIST): `--unpack` puts a
/// folder in place without ever replacing one, which plain rename(2) does when `to` is an empty
/// folder. renameat2 is a GNU extension Swift's Glibc module does not show, hence C.
int tei_rename_no_replace(const char *from, const char *to);

/// Records on a partial download the server's validator (a strong ETag, else the Last-Modified
/// date) of the version its bytes came from, for the resuming request's If-Range; -1 (errno set)
/// where the file system keeps no extended attributes, and then resuming goes without.
int tei_set_validator(int descriptor, const char *value);

/// Copies the recorded validator into `buffer` (not terminated) and returns its length; -1 when
/// there is none.
long tei_get_validator(int descriptor, char *buffer, size_t size);

#endif
