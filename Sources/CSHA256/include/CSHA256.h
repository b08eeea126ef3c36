#ifndef TEI_CSHA256_H
#define TEI_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Incremental SHA-256 (FIPS 180-4). Written in C so the compression function can use the x86
/// SHA extensions, which Swift cannot reach without global compiler flags.

/// Which compression function a context uses.
typedef enum {
    /// The SHA extensions when this CPU has them, else the portable code.
    TEI_SHA256_AUTOMATIC = 0,
    /// Always the portable C code (tests compare it with the hardware path).
    TEI_SHA256_PORTABLE = 1,
    /// The SHA extensions; `tei_sha256_init_using` refuses it when the CPU lacks them.
    TEI_SHA256_HARDWARE = 2
} tei_sha256_engine;

/// The running state of one digest. Plain data: copying it forks the digest.
typedef struct {
    uint32_t state[8];
    /// Total bytes given to `tei_sha256_update`, for the length field of the padding.
    uint64_t length;
    /// Bytes of an incomplete block, waiting for the next update or the final padding.
    uint8_t buffer[64];
    uint32_t buffered;
    /// Nonzero when the context compresses with the SHA extensions.
    uint32_t hardware;
} tei_sha256_context;

/// Starts a digest with the fastest compression function this CPU has.
void tei_sha256_init(tei_sha256_context *context);

/// Starts a digest with the given engine. Returns 0, leaving the context unusable, only when
/// TEI_SHA256_HARDWARE is asked for and the CPU (or the build's architecture) lacks it; else 1.
int tei_sha256_init_using(tei_sha256_context *context, tei_sha256_engine engine);

/// Whether this CPU has the x86 SHA extensions (always 0 on other architectures).
int tei_sha256_hardware_available(void);

/// Adds `count` bytes; any split of a message over calls gives the same digest.
void tei_sha256_update(tei_sha256_context *context, const void *bytes, size_t count);

/// Pads the message and writes the 32-byte digest. The context must be initialised again
/// before further use.
void tei_sha256_final(tei_sha256_context *context, uint8_t digest[32]);

#endif
