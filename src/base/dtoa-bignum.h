/*
 * A small fixed-capacity unsigned big integer for exact number <-> string conversion.
 * Private to src/base/dtoa*.c. Capacity covers every case the converters produce
 * (about 2^5000: 800 decimal digits times 5^1124 times a 2^1100 balance); exceeding it is an
 * engine bug, so it aborts.
 */
#ifndef PETREL_BASE_DTOA_BIGNUM_H
#define PETREL_BASE_DTOA_BIGNUM_H

#include "base/common.h"

#define BN_CAP 180 /* 32-bit limbs */

typedef struct Bignum {
  int n;                 /* used limbs; no leading zero limbs; 0 means the value 0 */
  uint32_t d[BN_CAP];    /* little-endian */
} Bignum;

void bn_set_u64(Bignum *a, uint64_t v);
void bn_copy(Bignum *dst, const Bignum *src);
bool bn_is_zero(const Bignum *a);
void bn_mul_small(Bignum *a, uint32_t m);
void bn_add_small(Bignum *a, uint32_t m);
void bn_mul_pow5(Bignum *a, int k);
void bn_shl(Bignum *a, int bits);
void bn_mul_pow10(Bignum *a, int k);
void bn_add(Bignum *a, const Bignum *b); /* a += b */
void bn_sub(Bignum *a, const Bignum *b); /* a -= b, requires a >= b */
int bn_cmp(const Bignum *a, const Bignum *b);
int bn_cmp_sum(const Bignum *a, const Bignum *b, const Bignum *c); /* sign of (a + b) - c */
uint32_t bn_divmod_small(Bignum *a, uint32_t m); /* a /= m, returns remainder */
/* The quotient floor(a / b) when it is known to be < 2^32, and a becomes a mod b. */
uint32_t bn_divmod(Bignum *a, const Bignum *b);
int bn_bit_length(const Bignum *a);

#endif
