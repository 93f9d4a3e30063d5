/* Hashing for tables keyed by bytes or code units. Seeded: tables that hostile input can fill
 * (the string table, Maps) use a per-isolate random seed so collisions cannot be precomputed. */
#ifndef PETREL_BASE_HASH_H
#define PETREL_BASE_HASH_H

#include "base/common.h"

/* A 32-bit hash of a sequence of code units. The one-byte and two-byte forms give the same hash
 * for the same code-unit sequence, so a string hashes alike whatever its representation. */
uint32_t pt_hash_latin1(uint32_t seed, const uint8_t *s, size_t n);
uint32_t pt_hash_utf16(uint32_t seed, const uint16_t *s, size_t n);
/* Incremental form of the above: start with pt_hash_begin, add units, finish. */
static inline uint32_t pt_hash_begin(uint32_t seed) { return seed ^ 0x9E3779B9u; }
static inline uint32_t pt_hash_add(uint32_t h, uint32_t unit) {
  h += unit;
  h += h << 10;
  h ^= h >> 6;
  return h;
}
static inline uint32_t pt_hash_finish(uint32_t h) {
  h += h << 3;
  h ^= h >> 11;
  h += h << 15;
  return h;
}
/* Mixes a 64-bit word (pointers, numbers) into a well-distributed 32-bit hash. */
static inline uint32_t pt_hash_u64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return (uint32_t)x;
}
/* Random bits from the OS (getrandom, falling back to time and addresses). */
uint64_t pt_random_seed(void);

#endif
