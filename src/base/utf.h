/*
 * UTF-8 <-> UTF-16 conversion. Input UTF-8 is read as WTF-8: a three-byte sequence encoding a
 * surrogate (ED A0..BF xx) yields that lone surrogate unit, so lone surrogates survive a round trip
 * through WTF-8. A surrogate pair encoded as two such sequences (CESU-8) decodes to the same pair.
 * Malformed bytes decode to U+FFFD, one per maximal invalid subpart (as the WHATWG decoder does).
 */
#ifndef PETREL_BASE_UTF_H
#define PETREL_BASE_UTF_H

#include "base/common.h"

/* Decodes one code point at s[*pos] (pos < n), advancing *pos; malformed input gives 0xFFFD.
 * Encoded surrogates are returned as the surrogate code point (0xD800..0xDFFF). */
uint32_t pt_utf8_decode(const uint8_t *s, size_t n, size_t *pos);

/* Number of UTF-16 units the UTF-8 text decodes to; *max_unit gets the largest unit (may be NULL). */
size_t pt_utf8_utf16_length(const char *s, size_t n, uint16_t *max_unit);
/* Decodes into out (room for pt_utf8_utf16_length units); returns the count written. */
size_t pt_utf8_to_utf16(const char *s, size_t n, uint16_t *out);
/* Same, narrowed to Latin-1: only valid when max_unit < 256. */
size_t pt_utf8_to_latin1(const char *s, size_t n, uint8_t *out);

/* UTF-16 -> UTF-8. A lone surrogate becomes U+FFFD when wtf8 is false, or its WTF-8 encoding when
 * true (both three bytes). pt_utf16_utf8_length gives the byte count (no NUL). */
size_t pt_utf16_utf8_length(const uint16_t *s, size_t n);
size_t pt_utf16_to_utf8(const uint16_t *s, size_t n, char *out, bool wtf8);
size_t pt_latin1_utf8_length(const uint8_t *s, size_t n);
size_t pt_latin1_to_utf8(const uint8_t *s, size_t n, char *out);

/* Encodes one code point (<= 0x10FFFF, surrogates allowed: WTF-8) into out[4]; returns bytes. */
size_t pt_utf8_encode(uint32_t cp, char *out);

static inline bool pt_is_lead_surrogate(uint32_t u) { return (u & 0xFC00) == 0xD800; }
static inline bool pt_is_trail_surrogate(uint32_t u) { return (u & 0xFC00) == 0xDC00; }
static inline uint32_t pt_combine_surrogates(uint32_t lead, uint32_t trail) {
  return 0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00);
}

#endif
