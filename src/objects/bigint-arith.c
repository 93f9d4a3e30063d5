/*
 * BigInt arithmetic (ECMA-262 6.1.6.2): schoolbook addition, subtraction and multiplication,
 * Knuth's algorithm D for division, square-and-multiply exponentiation, shifts, and the bitwise
 * operators with two's-complement semantics for negative operands.
 *
 * Work happens on malloc'd digit buffers (magnitudes, least significant digit first); only the
 * final result becomes a heap object, through bigint_from_digits, which normalizes it.
 */
#include "objects/bigint-internal.h"

#include <stdlib.h>
#include <string.h>

#define DIGITS(v) (bigint_ptr(v)->digits)
#define LEN(v) ((size_t)bigint_ptr(v)->length)
#define NEG(v) (bigint_ptr(v)->negative != 0)

static Value make_zero(Isolate *iso) { return bigint_from_digits(iso, false, NULL, 0); }

/* r[0..max(an,bn)] = a + b */
static void mag_add(uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn) {
  if (an < bn) {
    const uint32_t *t = a;
    a = b, b = t;
    size_t tn = an;
    an = bn, bn = tn;
  }
  uint64_t carry = 0;
  for (size_t i = 0; i < an; i++) {
    uint64_t s = (uint64_t)a[i] + (i < bn ? b[i] : 0) + carry;
    r[i] = (uint32_t)s;
    carry = s >> 32;
  }
  r[an] = (uint32_t)carry;
}

/* r[0..an) = a - b, requires a >= b */
static void mag_sub(uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn) {
  int64_t borrow = 0;
  for (size_t i = 0; i < an; i++) {
    int64_t d = (int64_t)a[i] - (i < bn ? (int64_t)b[i] : 0) - borrow;
    borrow = d < 0;
    r[i] = (uint32_t)(d + (borrow ? ((int64_t)1 << 32) : 0));
  }
}

/* r[0..an+bn) = a * b; r must not alias the operands. Polls for termination on long products,
 * returning -1 with the exception pending when execution must stop. */
static int mag_mul(Isolate *iso, uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn) {
  memset(r, 0, (an + bn) * sizeof(uint32_t));
  size_t work = 0;
  for (size_t i = 0; i < an; i++) {
    if ((work += bn) >= BIGINT_POLL_WORK) {
      work = 0;
      if (!isolate_poll(iso)) return -1;
    }
    uint64_t carry = 0, ai = a[i];
    if (ai == 0) continue;
    for (size_t j = 0; j < bn; j++) {
      uint64_t t = ai * b[j] + r[i + j] + carry;
      r[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    r[i + bn] = (uint32_t)carry;
  }
  return 0;
}

uint32_t mag_divmod_small(uint32_t *a, size_t n, uint32_t divisor) {
  uint64_t rem = 0;
  for (size_t i = n; i-- > 0;) {
    uint64_t cur = (rem << 32) | a[i];
    a[i] = (uint32_t)(cur / divisor);
    rem = cur % divisor;
  }
  return (uint32_t)rem;
}

/*
 * Knuth, TAOCP vol. 2, 4.3.1, algorithm D. a has an digits, b has bn >= 2 digits with
 * b[bn-1] != 0 and an >= bn. q gets an-bn+1 digits, r (may be NULL) gets bn digits.
 * Returns -1 when out of memory (with the error pending).
 */
static int mag_divmod(Isolate *iso, const uint32_t *a, size_t an, const uint32_t *b, size_t bn, uint32_t *q,
                      uint32_t *r) {
  uint32_t *un = bigint_scratch(iso, an + 1), *vn = bigint_scratch(iso, bn);
  if (!un || !vn) {
    free(un);
    free(vn);
    return -1;
  }
  int s = __builtin_clz(b[bn - 1]); /* normalize so the divisor's top bit is set */
  for (size_t i = bn - 1; i > 0; i--) vn[i] = (b[i] << s) | (s ? b[i - 1] >> (32 - s) : 0);
  vn[0] = b[0] << s;
  un[an] = s ? a[an - 1] >> (32 - s) : 0;
  for (size_t i = an - 1; i > 0; i--) un[i] = (a[i] << s) | (s ? a[i - 1] >> (32 - s) : 0);
  un[0] = a[0] << s;
  const uint64_t base = (uint64_t)1 << 32;
  size_t work = 0;
  for (size_t j = an - bn + 1; j-- > 0;) {
    if ((work += bn) >= BIGINT_POLL_WORK) {
      work = 0;
      if (!isolate_poll(iso)) {
        free(un);
        free(vn);
        return -1;
      }
    }
    uint64_t num = ((uint64_t)un[j + bn] << 32) | un[j + bn - 1];
    uint64_t qhat = num / vn[bn - 1], rhat = num % vn[bn - 1];
    while (qhat >= base || qhat * vn[bn - 2] > ((rhat << 32) | un[j + bn - 2])) {
      qhat--;
      rhat += vn[bn - 1];
      if (rhat >= base) break;
    }
    /* un[j..j+bn] -= qhat * vn */
    int64_t k = 0, t;
    for (size_t i = 0; i < bn; i++) {
      uint64_t p = qhat * vn[i];
      t = (int64_t)un[i + j] - k - (int64_t)(p & 0xffffffffu);
      un[i + j] = (uint32_t)t;
      k = (int64_t)(p >> 32) - (t >> 32);
    }
    t = (int64_t)un[j + bn] - k;
    un[j + bn] = (uint32_t)t;
    if (t < 0) { /* qhat was one too large: add the divisor back */
      qhat--;
      uint64_t c = 0;
      for (size_t i = 0; i < bn; i++) {
        uint64_t u = (uint64_t)un[i + j] + vn[i] + c;
        un[i + j] = (uint32_t)u;
        c = u >> 32;
      }
      un[j + bn] += (uint32_t)c;
    }
    q[j] = (uint32_t)qhat;
  }
  if (r) {
    for (size_t i = 0; i < bn; i++) r[i] = (un[i] >> s) | (s ? un[i + 1] << (32 - s) : 0);
  }
  free(un);
  free(vn);
  return 0;
}

/* ---- signed helpers -------------------------------------------------------------------------- */

/* a + b where b's sign is given explicitly (so subtraction is an addition of the negation). */
static Value add_signed(Isolate *iso, const uint32_t *a, size_t an, bool aneg, const uint32_t *b, size_t bn,
                        bool bneg) {
  size_t n = (an > bn ? an : bn) + 1;
  uint32_t *r = bigint_scratch(iso, n);
  if (!r) return VAL_EXCEPTION;
  bool neg;
  if (aneg == bneg) {
    mag_add(r, a, an, b, bn);
    neg = aneg;
  } else if (mag_cmp(a, an, b, bn) >= 0) {
    mag_sub(r, a, an, b, bn);
    neg = aneg;
  } else {
    mag_sub(r, b, bn, a, an);
    neg = bneg;
  }
  Value v = bigint_from_digits(iso, neg, r, n);
  free(r);
  return v;
}

Value bigint_negate(Isolate *iso, Value x) {
  if (bigint_is_zero(x)) return x;
  return bigint_from_digits(iso, !NEG(x), DIGITS(x), LEN(x));
}

Value bigint_add(Isolate *iso, Value a, Value b) {
  return add_signed(iso, DIGITS(a), LEN(a), NEG(a), DIGITS(b), LEN(b), NEG(b));
}

Value bigint_sub(Isolate *iso, Value a, Value b) {
  return add_signed(iso, DIGITS(a), LEN(a), NEG(a), DIGITS(b), LEN(b), !NEG(b));
}

Value bigint_add_small(Isolate *iso, Value a, int32_t delta) {
  uint32_t d = delta < 0 ? (uint32_t)(-(int64_t)delta) : (uint32_t)delta;
  return add_signed(iso, DIGITS(a), LEN(a), NEG(a), &d, 1, delta < 0);
}

Value bigint_bitwise_not(Isolate *iso, Value x) {
  /* ~x == -x - 1 */
  uint32_t one = 1;
  return add_signed(iso, DIGITS(x), LEN(x), !NEG(x), &one, 1, true);
}

Value bigint_mul(Isolate *iso, Value a, Value b) {
  size_t an = LEN(a), bn = LEN(b);
  if (an == 0 || bn == 0) return make_zero(iso);
  if (an + bn > BIGINT_MAX_DIGITS + 1) return bigint_throw_too_big(iso);
  uint32_t *r = bigint_scratch(iso, an + bn);
  if (!r) return VAL_EXCEPTION;
  if (mag_mul(iso, r, DIGITS(a), an, DIGITS(b), bn) < 0) {
    free(r);
    return VAL_EXCEPTION;
  }
  Value v = bigint_from_digits(iso, NEG(a) != NEG(b), r, an + bn);
  free(r);
  return v;
}

/* Truncating division: want_rem selects the remainder (sign of a) over the quotient. */
static Value divide(Isolate *iso, Value a, Value b, bool want_rem) {
  size_t an = LEN(a), bn = LEN(b);
  if (bn == 0) return rt_throw_range_error(iso, "Division by zero");
  if (mag_cmp(DIGITS(a), an, DIGITS(b), bn) < 0) return want_rem ? a : make_zero(iso);
  uint32_t *q = bigint_scratch(iso, an);
  if (!q) return VAL_EXCEPTION;
  uint32_t *r = NULL;
  size_t rn = 0;
  if (bn == 1) {
    memcpy(q, DIGITS(a), an * sizeof(uint32_t));
    uint32_t rem = mag_divmod_small(q, an, DIGITS(b)[0]);
    r = bigint_scratch(iso, 1);
    if (!r) {
      free(q);
      return VAL_EXCEPTION;
    }
    r[0] = rem;
    rn = 1;
  } else {
    r = bigint_scratch(iso, bn);
    if (!r || mag_divmod(iso, DIGITS(a), an, DIGITS(b), bn, q, r) < 0) {
      free(q);
      free(r);
      return VAL_EXCEPTION;
    }
    rn = bn;
  }
  Value v = want_rem ? bigint_from_digits(iso, NEG(a), r, rn) : bigint_from_digits(iso, NEG(a) != NEG(b), q, an);
  free(q);
  free(r);
  return v;
}

Value bigint_div(Isolate *iso, Value a, Value b) { return divide(iso, a, b, false); }
Value bigint_rem(Isolate *iso, Value a, Value b) { return divide(iso, a, b, true); }

/* A left shift of a magnitude by n bits into a fresh BigInt. */
static Value shift_left_mag(Isolate *iso, const uint32_t *d, size_t len, bool neg, uint64_t n) {
  if (len == 0) return make_zero(iso);
  if (n > BIGINT_MAX_BITS) return bigint_throw_too_big(iso);
  size_t words = (size_t)(n / 32);
  int bits = (int)(n % 32);
  size_t rn = len + words + 1;
  if (rn > BIGINT_MAX_DIGITS + 1) return bigint_throw_too_big(iso);
  uint32_t *r = bigint_scratch(iso, rn);
  if (!r) return VAL_EXCEPTION;
  for (size_t i = 0; i < len; i++) {
    r[i + words] |= d[i] << bits;
    if (bits) r[i + words + 1] = d[i] >> (32 - bits);
  }
  Value v = bigint_from_digits(iso, neg, r, rn);
  free(r);
  return v;
}

/* Arithmetic right shift: floor(x / 2^n). */
static Value shift_right_mag(Isolate *iso, const uint32_t *d, size_t len, bool neg, uint64_t n) {
  if (n >= (uint64_t)len * 32) {
    if (!neg || len == 0) return make_zero(iso);
    return bigint_from_int64(iso, -1);
  }
  size_t words = (size_t)(n / 32);
  int bits = (int)(n % 32);
  size_t rn = len - words + 1;
  uint32_t *r = bigint_scratch(iso, rn);
  if (!r) return VAL_EXCEPTION;
  for (size_t i = 0; i + words < len; i++) {
    r[i] = d[i + words] >> bits;
    if (bits && i + words + 1 < len) r[i] |= d[i + words + 1] << (32 - bits);
  }
  if (neg) {
    /* Rounding toward minus infinity: a negative value that lost one-bits moves down by one. */
    bool lost = bits && (d[words] & ((1u << bits) - 1)) != 0;
    for (size_t i = 0; i < words && !lost; i++) lost = d[i] != 0;
    if (lost) {
      for (size_t i = 0; i < rn; i++)
        if (++r[i] != 0) break;
    }
  }
  Value v = bigint_from_digits(iso, neg, r, rn);
  free(r);
  return v;
}

/* The shift amount as a count; returns false when its magnitude exceeds the BigInt size limit. */
static bool shift_count(Value b, uint64_t *out) {
  if (LEN(b) > 2) return false;
  uint64_t v = 0;
  if (LEN(b) > 0) v = DIGITS(b)[0];
  if (LEN(b) > 1) v |= (uint64_t)DIGITS(b)[1] << 32;
  if (v > BIGINT_MAX_BITS) return false;
  *out = v;
  return true;
}

static Value shift(Isolate *iso, Value a, Value b, bool left) {
  if (NEG(b)) left = !left;
  uint64_t n;
  if (!shift_count(b, &n)) {
    if (LEN(a) == 0) return a;
    if (left) return bigint_throw_too_big(iso);
    return NEG(a) ? bigint_from_int64(iso, -1) : make_zero(iso);
  }
  if (left) return shift_left_mag(iso, DIGITS(a), LEN(a), NEG(a), n);
  return shift_right_mag(iso, DIGITS(a), LEN(a), NEG(a), n);
}

Value bigint_shift_left(Isolate *iso, Value a, Value b) { return shift(iso, a, b, true); }
Value bigint_shift_right(Isolate *iso, Value a, Value b) { return shift(iso, a, b, false); }

/* Negates an L-digit two's complement number in place. */
static void negate_twos(uint32_t *d, size_t L) {
  uint64_t carry = 1;
  for (size_t i = 0; i < L; i++) {
    uint64_t t = (uint64_t)(uint32_t)~d[i] + carry;
    d[i] = (uint32_t)t;
    carry = t >> 32;
  }
}

/* x in two's complement over L digits (truncated or sign-extended). */
static void to_twos(Value x, uint32_t *out, size_t L) {
  size_t n = LEN(x) < L ? LEN(x) : L;
  memset(out, 0, L * sizeof(uint32_t));
  memcpy(out, DIGITS(x), n * sizeof(uint32_t));
  if (NEG(x)) negate_twos(out, L);
}

static Value bitwise(Isolate *iso, Value a, Value b, char op) {
  size_t L = (LEN(a) > LEN(b) ? LEN(a) : LEN(b)) + 1;
  uint32_t *x = bigint_scratch(iso, L), *y = bigint_scratch(iso, L);
  if (!x || !y) {
    free(x);
    free(y);
    return VAL_EXCEPTION;
  }
  to_twos(a, x, L);
  to_twos(b, y, L);
  for (size_t i = 0; i < L; i++) x[i] = op == '&' ? (x[i] & y[i]) : op == '|' ? (x[i] | y[i]) : (x[i] ^ y[i]);
  bool neg = (x[L - 1] >> 31) != 0;
  if (neg) negate_twos(x, L);
  Value v = bigint_from_digits(iso, neg, x, L);
  free(x);
  free(y);
  return v;
}

Value bigint_and(Isolate *iso, Value a, Value b) { return bitwise(iso, a, b, '&'); }
Value bigint_or(Isolate *iso, Value a, Value b) { return bitwise(iso, a, b, '|'); }
Value bigint_xor(Isolate *iso, Value a, Value b) { return bitwise(iso, a, b, '^'); }

Value bigint_pow(Isolate *iso, Value a, Value b) {
  if (NEG(b)) return rt_throw_range_error(iso, "Exponent must be non-negative");
  if (LEN(b) == 0) return bigint_from_int64(iso, 1);
  if (LEN(a) == 0) return a;
  bool odd = DIGITS(b)[0] & 1;
  if (LEN(a) == 1 && DIGITS(a)[0] == 1) return (NEG(a) && !odd) ? bigint_negate(iso, a) : a;
  if (LEN(b) > 1) return bigint_throw_too_big(iso);
  uint64_t e = DIGITS(b)[0];
  uint64_t abits = bigint_bit_length(a);
  if ((abits - 1) * e + 1 > BIGINT_MAX_BITS) return bigint_throw_too_big(iso);
  bool neg = NEG(a) && odd;
  /* A power of two is a shift. */
  bool pow2 = true;
  for (size_t i = 0; i + 1 < LEN(a) && pow2; i++) pow2 = DIGITS(a)[i] == 0;
  uint32_t top = DIGITS(a)[LEN(a) - 1];
  if (pow2 && (top & (top - 1)) == 0) {
    uint32_t one = 1;
    return shift_left_mag(iso, &one, 1, neg, (abits - 1) * e);
  }
  size_t cap = (size_t)((abits * e) / 32) + 2;
  uint32_t *r = bigint_scratch(iso, cap), *t = bigint_scratch(iso, cap);
  if (!r || !t) {
    free(r);
    free(t);
    return VAL_EXCEPTION;
  }
  size_t rn = 1;
  r[0] = 1;
  int topbit = 63 - __builtin_clzll(e);
  for (int k = topbit; k >= 0; k--) {
    if (mag_mul(iso, t, r, rn, r, rn) < 0) break;
    rn = mag_norm(t, rn * 2);
    uint32_t *sw = r;
    r = t, t = sw;
    if ((e >> k) & 1) {
      if (mag_mul(iso, t, r, rn, DIGITS(a), LEN(a)) < 0) break;
      rn = mag_norm(t, rn + LEN(a));
      sw = r;
      r = t, t = sw;
    }
    if (k == 0) {
      Value v = bigint_from_digits(iso, neg, r, rn);
      free(r);
      free(t);
      return v;
    }
  }
  free(r);
  free(t);
  return VAL_EXCEPTION;
}

Value bigint_as_uint_n(Isolate *iso, uint64_t bits, Value x) {
  if (bits == 0) return make_zero(iso);
  if (!NEG(x) && bigint_bit_length(x) <= bits) return x;
  if (bits > BIGINT_MAX_BITS) return bigint_throw_too_big(iso);
  size_t L = (size_t)((bits + 31) / 32);
  uint32_t *d = bigint_scratch(iso, L);
  if (!d) return VAL_EXCEPTION;
  to_twos(x, d, L);
  if (bits % 32) d[L - 1] &= (1u << (bits % 32)) - 1;
  Value v = bigint_from_digits(iso, false, d, L);
  free(d);
  return v;
}

Value bigint_as_int_n(Isolate *iso, uint64_t bits, Value x) {
  if (bits == 0) return make_zero(iso);
  if (bigint_bit_length(x) < bits) return x;
  /* Here bits <= bit length <= BIGINT_MAX_BITS. */
  size_t L = (size_t)((bits + 31) / 32);
  uint32_t *d = bigint_scratch(iso, L);
  if (!d) return VAL_EXCEPTION;
  to_twos(x, d, L);
  uint32_t mask = bits % 32 ? (1u << (bits % 32)) - 1 : 0xffffffffu;
  d[L - 1] &= mask;
  uint64_t signpos = bits - 1;
  bool neg = (d[signpos / 32] >> (signpos % 32)) & 1;
  if (neg) {
    negate_twos(d, L);
    d[L - 1] &= mask;
  }
  Value v = bigint_from_digits(iso, neg, d, L);
  free(d);
  return v;
}
