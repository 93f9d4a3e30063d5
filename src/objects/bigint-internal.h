/* Magnitude helpers shared by bigint.c and bigint-arith.c (not for other modules). */
#ifndef PETREL_OBJECTS_BIGINT_INTERNAL_H
#define PETREL_OBJECTS_BIGINT_INTERNAL_H

#include "objects/bigint.h"

/* Digit operations between two polls for termination in the long loops (about a millisecond). */
#define BIGINT_POLL_WORK ((size_t)1 << 20)

/* Digits without leading zeros. */
static inline size_t mag_norm(const uint32_t *d, size_t n) {
  while (n > 0 && d[n - 1] == 0) n--;
  return n;
}
int mag_cmp(const uint32_t *a, size_t an, const uint32_t *b, size_t bn);
/* Divides a[0..n) in place by a small divisor and returns the remainder. */
uint32_t mag_divmod_small(uint32_t *a, size_t n, uint32_t divisor);
/* Throws RangeError "Maximum BigInt size exceeded" and returns VAL_EXCEPTION. */
Value bigint_throw_too_big(Isolate *iso);
/* A malloc that throws the isolate's out-of-memory error on failure. */
void *bigint_scratch(Isolate *iso, size_t digits);

#endif
