/*
 * Fixed-capacity unsigned big integers for the exact paths of dtoa.c (see dtoa-bignum.h).
 */
#include "base/dtoa-bignum.h"

static void bn_trim(Bignum *a) {
  while (a->n > 0 && a->d[a->n - 1] == 0) a->n--;
}

static void bn_check(int n) {
  if (PT_UNLIKELY(n > BN_CAP)) PT_FATAL("dtoa bignum overflow (%d limbs)", n);
}

void bn_set_u64(Bignum *a, uint64_t v) {
  a->d[0] = (uint32_t)v;
  a->d[1] = (uint32_t)(v >> 32);
  a->n = 2;
  bn_trim(a);
}

void bn_copy(Bignum *dst, const Bignum *src) {
  dst->n = src->n;
  memcpy(dst->d, src->d, (size_t)src->n * sizeof(uint32_t));
}

bool bn_is_zero(const Bignum *a) { return a->n == 0; }

void bn_mul_small(Bignum *a, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < a->n; i++) {
    uint64_t t = (uint64_t)a->d[i] * m + carry;
    a->d[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry) {
    bn_check(a->n + 1);
    a->d[a->n++] = (uint32_t)carry;
  }
  if (m == 0) a->n = 0;
}

void bn_add_small(Bignum *a, uint32_t m) {
  uint64_t carry = m;
  for (int i = 0; carry && i < a->n; i++) {
    uint64_t t = (uint64_t)a->d[i] + carry;
    a->d[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry) {
    bn_check(a->n + 1);
    a->d[a->n++] = (uint32_t)carry;
  }
}

void bn_mul_pow5(Bignum *a, int k) {
  /* 5^13 is the largest power of five below 2^32. */
  static const uint32_t pow5[14] = {1,       5,        25,        125,        625,
                                    3125,    15625,    78125,     390625,     1953125,
                                    9765625, 48828125, 244140625, 1220703125};
  while (k >= 13) {
    bn_mul_small(a, pow5[13]);
    k -= 13;
  }
  if (k > 0) bn_mul_small(a, pow5[k]);
}

void bn_shl(Bignum *a, int bits) {
  if (a->n == 0 || bits == 0) return;
  int words = bits / 32, rem = bits % 32;
  bn_check(a->n + words + 1);
  a->d[a->n + words] = 0;
  if (rem == 0) {
    for (int i = a->n - 1; i >= 0; i--) a->d[i + words] = a->d[i];
  } else {
    for (int i = a->n - 1; i >= 0; i--) {
      a->d[i + words + 1] |= a->d[i] >> (32 - rem);
      a->d[i + words] = a->d[i] << rem;
    }
  }
  for (int i = 0; i < words; i++) a->d[i] = 0;
  a->n += words + 1;
  bn_trim(a);
}

void bn_mul_pow10(Bignum *a, int k) {
  bn_mul_pow5(a, k);
  bn_shl(a, k);
}

void bn_add(Bignum *a, const Bignum *b) {
  int n = a->n > b->n ? a->n : b->n;
  bn_check(n + 1);
  uint64_t carry = 0;
  for (int i = 0; i < n; i++) {
    uint64_t t = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
    a->d[i] = (uint32_t)t;
    carry = t >> 32;
  }
  a->n = n;
  if (carry) a->d[a->n++] = (uint32_t)carry;
}

void bn_sub(Bignum *a, const Bignum *b) {
  int64_t borrow = 0;
  for (int i = 0; i < a->n; i++) {
    int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
    borrow = t < 0;
    a->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    if (i >= b->n && !borrow) break;
  }
  bn_trim(a);
}

int bn_cmp(const Bignum *a, const Bignum *b) {
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (int i = a->n - 1; i >= 0; i--) {
    if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
  }
  return 0;
}

int bn_cmp_sum(const Bignum *a, const Bignum *b, const Bignum *c) {
  int n = a->n > b->n ? a->n : b->n;
  if (n + 1 < c->n) return -1;
  if (n > c->n) return 1;
  /* Compute a + b into a temporary limb array, then compare. */
  uint32_t sum[BN_CAP + 1];
  uint64_t carry = 0;
  for (int i = 0; i < n; i++) {
    uint64_t t = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
    sum[i] = (uint32_t)t;
    carry = t >> 32;
  }
  int sn = n;
  if (carry) sum[sn++] = (uint32_t)carry;
  if (sn != c->n) return sn < c->n ? -1 : 1;
  for (int i = sn - 1; i >= 0; i--) {
    if (sum[i] != c->d[i]) return sum[i] < c->d[i] ? -1 : 1;
  }
  return 0;
}

uint32_t bn_divmod_small(Bignum *a, uint32_t m) {
  uint64_t rem = 0;
  for (int i = a->n - 1; i >= 0; i--) {
    uint64_t t = (rem << 32) | a->d[i];
    a->d[i] = (uint32_t)(t / m);
    rem = t % m;
  }
  bn_trim(a);
  return (uint32_t)rem;
}

/* The top limbs of a as a double, in units of 2^(32*base). */
static double bn_approx(const Bignum *a, int base) {
  double r = 0;
  int lo = base - 1 < 0 ? 0 : base - 1;
  for (int i = a->n - 1; i >= lo; i--) {
    double scale = 1.0;
    int shift = i - base;
    for (; shift > 0; shift--) scale *= 4294967296.0;
    for (; shift < 0; shift++) scale /= 4294967296.0;
    r += (double)a->d[i] * scale;
  }
  return r;
}

/* a -= q * b; requires q * b <= a. */
static void bn_sub_mul(Bignum *a, const Bignum *b, uint32_t q) {
  uint64_t carry = 0;
  int64_t borrow = 0;
  for (int i = 0; i < a->n; i++) {
    uint64_t p = (i < b->n ? (uint64_t)b->d[i] * q : 0) + carry;
    carry = p >> 32;
    int64_t t = (int64_t)a->d[i] - (int64_t)(uint32_t)p - borrow;
    borrow = t < 0;
    a->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
  }
  bn_trim(a);
}

uint32_t bn_divmod(Bignum *a, const Bignum *b) {
  if (bn_cmp(a, b) < 0) return 0;
  int base = b->n - 1;
  double est = bn_approx(a, base) / bn_approx(b, base);
  uint32_t q = 0;
  if (est >= 2.0) {
    double qe = est * (1.0 - 1e-9) - 1.0; /* an underestimate despite the approximation */
    q = qe >= 4294967295.0 ? 4294967295u : (uint32_t)qe;
    if (q > 0) bn_sub_mul(a, b, q);
  }
  while (bn_cmp(a, b) >= 0) {
    bn_sub(a, b);
    q++;
  }
  return q;
}

int bn_bit_length(const Bignum *a) {
  if (a->n == 0) return 0;
  return 32 * (a->n - 1) + (32 - __builtin_clz(a->d[a->n - 1]));
}
