#include "CSHA256.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define TEI_SHA256_X86 1
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t initial_state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

// MARK: - Portable compression

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    uint32_t w[64];
    for (; blocks > 0; blocks--, data += 64) {
        for (int i = 0; i < 16; i++) w[i] = load_be32(data + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
            uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

// MARK: - SHA extensions

#ifdef TEI_SHA256_X86

// The target attribute enables the intrinsics for this function only, so the package needs no
// -msha flag and the binary still runs on CPUs without the extensions (it is never called there).
__attribute__((target("sha,sse4.1")))
static void compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Bytes of each 32-bit word reversed: the message is big-endian.
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // sha256rnds2 keeps the working variables as {A,B,E,F} and {C,D,G,H}, high lane first.
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);       // D C B A
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]);    // H G F E
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                              // C D A B
    state1 = _mm_shuffle_epi32(state1, 0x1B);                        // E F G H
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                // A B E F
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                     // C D G H

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef = state0, cdgh = state1;
        __m128i m0, m1, m2, m3, msg;

// Four rounds with message words `w` (already expanded) and constants K[4i..4i+3]: each
// sha256rnds2 does two rounds on the low two lanes of its third operand.
#define ROUNDS4(w, i)                                                                   \
        msg = _mm_add_epi32((w), _mm_loadu_si128((const __m128i *)&K[4 * (i)]));        \
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                            \
        msg = _mm_shuffle_epi32(msg, 0x0E);                                             \
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg);

// W[t..t+3] from the previous sixteen words, replacing the oldest group `a` (b, c, d follow
// it in order): msg1 adds sigma0, the alignr supplies W[t-7..t-4], msg2 adds sigma1.
#define SCHEDULE(a, b, c, d)                                                            \
        a = _mm_sha256msg2_epu32(                                                       \
            _mm_add_epi32(_mm_sha256msg1_epu32(a, b), _mm_alignr_epi8(d, c, 4)), d);

        m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteswap);
        m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteswap);
        m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteswap);
        m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteswap);

        ROUNDS4(m0, 0)  ROUNDS4(m1, 1)  ROUNDS4(m2, 2)  ROUNDS4(m3, 3)
        SCHEDULE(m0, m1, m2, m3) ROUNDS4(m0, 4)
        SCHEDULE(m1, m2, m3, m0) ROUNDS4(m1, 5)
        SCHEDULE(m2, m3, m0, m1) ROUNDS4(m2, 6)
        SCHEDULE(m3, m0, m1, m2) ROUNDS4(m3, 7)
        SCHEDULE(m0, m1, m2, m3) ROUNDS4(m0, 8)
        SCHEDULE(m1, m2, m3, m0) ROUNDS4(m1, 9)
        SCHEDULE(m2, m3, m0, m1) ROUNDS4(m2, 10)
        SCHEDULE(m3, m0, m1, m2) ROUNDS4(m3, 11)
        SCHEDULE(m0, m1, m2, m3) ROUNDS4(m0, 12)
        SCHEDULE(m1, m2, m3, m0) ROUNDS4(m1, 13)
        SCHEDULE(m2, m3, m0, m1) ROUNDS4(m2, 14)
        SCHEDULE(m3, m0, m1, m2) ROUNDS4(m3, 15)
#undef ROUNDS4
#undef SCHEDULE

        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }

    // Back from {A,B,E,F}/{C,D,G,H} to A..H in memory order.
    tmp = _mm_shuffle_epi32(state0, 0x1B);                           // F E B A
    state1 = _mm_shuffle_epi32(state1, 0xB1);                        // D C H G
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);                     // D C B A
    state1 = _mm_alignr_epi8(state1, tmp, 8);                        // H G F E
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

#endif

// MARK: - Incremental API

int tei_sha256_hardware_available(void) {
#ifdef TEI_SHA256_X86
    // The sha256rnds2 path also uses SSSE3/SSE4.1 shuffles; every CPU with SHA has them, but
    // checking costs nothing.
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
#else
    return 0;
#endif
}

static void compress(tei_sha256_context *context, const uint8_t *data, size_t blocks) {
#ifdef TEI_SHA256_X86
    if (context->hardware) {
        compress_shani(context->state, data, blocks);
        return;
    }
#endif
    compress_portable(context->state, data, blocks);
}

int tei_sha256_init_using(tei_sha256_context *context, tei_sha256_engine engine) {
    memcpy(context->state, initial_state, sizeof initial_state);
    context->length = 0;
    context->buffered = 0;
    switch (engine) {
    case TEI_SHA256_PORTABLE:
        context->hardware = 0;
        return 1;
    case TEI_SHA256_HARDWARE:
        context->hardware = (uint32_t)tei_sha256_hardware_available();
        return (int)context->hardware;
    case TEI_SHA256_AUTOMATIC:
    default:
        context->hardware = (uint32_t)tei_sha256_hardware_available();
        return 1;
    }
}

void tei_sha256_init(tei_sha256_context *context) {
    tei_sha256_init_using(context, TEI_SHA256_AUTOMATIC);
}

void tei_sha256_update(tei_sha256_context *context, const void *bytes, size_t count) {
    const uint8_t *data = bytes;
    context->length += count;
    if (context->buffered > 0) {
        size_t take = 64 - context->buffered;
        if (take > count) take = count;
        memcpy(context->buffer + context->buffered, data, take);
        context->buffered += (uint32_t)take;
        data += take;
        count -= take;
        if (context->buffered < 64) return;
        compress(context, context->buffer, 1);
        context->buffered = 0;
    }
    // Whole blocks straight from the caller's memory, in one call so the hardware path keeps
    // its state in registers across blocks.
    size_t blocks = count / 64;
    if (blocks > 0) {
        compress(context, data, blocks);
        data += blocks * 64;
        count -= blocks * 64;
    }
    if (count > 0) {
        memcpy(context->buffer, data, count);
        context->buffered = (uint32_t)count;
    }
}

void tei_sha256_final(tei_sha256_context *context, uint8_t digest[32]) {
    uint64_t bits = context->length * 8;
    uint32_t used = context->buffered;
    context->buffer[used++] = 0x80;
    if (used > 56) {
        memset(context->buffer + used, 0, 64 - used);
        compress(context, context->buffer, 1);
        used = 0;
    }
    memset(context->buffer + used, 0, 56 - used);
    for (int i = 0; i < 8; i++) context->buffer[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    compress(context, context->buffer, 1);
    context->buffered = 0;
    for (int i = 0; i < 8; i++) {
        digest[4 * i + 0] = (uint8_t)(context->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(context->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(context->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)(context->state[i]);
    }
}
