/*
 * Double -> decimal string conversions (see dtoa.h).
 *
 * Shortest digits: the free-format algorithm of Steele & White as refined by Burger & Dybvig,
 * on exact big integers: the value and its rounding interval are scaled to r/s, m+/s, m-/s and
 * digits are produced until the remaining interval admits stopping. Fixed-count digits
 * (toFixed / toExponential / toPrecision) use the same exact scaling and round half up as the
 * spec asks ("if there are two such n, pick the larger n").
 */
#include "base/dtoa.h"

#include "base/dtoa-bignum.h"
#include <math.h>

typedef struct {
  uint64_t f; /* integer significand */
  int e;      /* value = f * 2^e */
  bool closer_lower; /* the gap below is half the gap above (f is a power of two) */
} Decomposed;

static Decomposed decompose(double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  int be = (int)((bits >> 52) & 0x7FF);
  uint64_t mant = bits & ((1ull << 52) - 1);
  Decomposed d;
  if (be == 0) {
    d.f = mant;
    d.e = -1074;
    d.closer_lower = false;
  } else {
    d.f = mant | (1ull << 52);
    d.e = be - 1075;
    d.closer_lower = mant == 0 && be > 1;
  }
  return d;
}

static int bit_length64(uint64_t v) { return v ? 64 - __builtin_clzll(v) : 0; }

/* Lower bound for ceil(log10(f * 2^e)): exact or one too small. */
static int estimate_k(const Decomposed *d) {
  double l = (double)(d->e + bit_length64(d->f) - 1) * 0.30102999566398114 - 1e-10;
  return (int)ceil(l);
}

/* Sets r/s = v (times 2 when bounds are needed) and m+, m- to the half-gaps, all scaled so that
 * r/s = v / 10^k exactly with k a first estimate. */
static void setup(const Decomposed *d, Bignum *r, Bignum *s, Bignum *mp, Bignum *mm, int k) {
  if (d->e >= 0) {
    bn_set_u64(r, d->f);
    bn_shl(r, d->e + (d->closer_lower ? 2 : 1));
    bn_set_u64(s, d->closer_lower ? 4 : 2);
    bn_set_u64(mp, 1);
    bn_shl(mp, d->e + (d->closer_lower ? 1 : 0));
    bn_set_u64(mm, 1);
    bn_shl(mm, d->e);
  } else {
    bn_set_u64(r, d->f);
    bn_shl(r, d->closer_lower ? 2 : 1);
    bn_set_u64(s, 1);
    bn_shl(s, (d->closer_lower ? 2 : 1) - d->e);
    bn_set_u64(mp, d->closer_lower ? 2 : 1);
    bn_set_u64(mm, 1);
  }
  if (k >= 0) {
    bn_mul_pow10(s, k);
  } else {
    bn_mul_pow10(r, -k);
    bn_mul_pow10(mp, -k);
    bn_mul_pow10(mm, -k);
  }
}

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;
#define U128_LIMIT ((u128)1 << 120) /* headroom for the multiplications by 10 */

/* a * m, or 0 when the product would reach U128_LIMIT. */
static u128 mul_checked(u128 a, uint64_t m) {
  if (a != 0 && a >= U128_LIMIT / m) return 0;
  return a * m;
}

/* The same algorithm as shortest_digits on native 128-bit integers, for the common doubles
 * whose scaled values fit (most numbers people print). Returns -1 when they do not. */
static int shortest_digits_128(const Decomposed *d, int k, char *digits, int *point) {
  int bl = bit_length64(d->f);
  if (d->e >= 0 ? bl + d->e + 2 > 118 : 2 - d->e > 118) return -1;
  u128 r, s, mp, mm;
  int lower = d->closer_lower ? 1 : 0;
  if (d->e >= 0) {
    r = (u128)d->f << (d->e + 1 + lower);
    s = (u128)2 << lower;
    mp = (u128)1 << (d->e + lower);
    mm = (u128)1 << d->e;
  } else {
    r = (u128)d->f << (1 + lower);
    s = (u128)1 << (1 + lower - d->e);
    mp = (u128)1 << lower;
    mm = 1;
  }
  for (int i = 0; i < (k >= 0 ? k : -k); i++) {
    if (k >= 0) {
      if (!(s = mul_checked(s, 10))) return -1;
    } else {
      if (!(r = mul_checked(r, 10)) || !(mp = mul_checked(mp, 10)) || !(mm = mul_checked(mm, 10)))
        return -1;
    }
  }
  bool even = (d->f & 1) == 0;
  if (even ? r + mp >= s : r + mp > s) {
    if (!(s = mul_checked(s, 10))) return -1;
    k++;
  }
  int n = 0;
  for (;;) {
    r *= 10; /* r < s < 2^120: no overflow */
    mp *= 10;
    mm *= 10;
    if (mp >= U128_LIMIT * 8) return -1; /* cannot happen for doubles; keeps the arithmetic safe */
    unsigned digit = (unsigned)(r / s);
    r %= s;
    bool low = even ? r <= mm : r < mm;
    bool high = even ? r + mp >= s : r + mp > s;
    if (!low && !high) {
      digits[n++] = (char)('0' + digit);
      continue;
    }
    if (low && high) {
      u128 twice = r * 2;
      if (twice > s || (twice == s && (digit & 1))) digit++;
    } else if (high) {
      digit++;
    }
    digits[n++] = (char)('0' + digit);
    break;
  }
  *point = k;
  return n;
}
#endif

/* Shortest digits of v > 0 (finite). Writes digits (no NUL) and returns their count; *point is
 * the decimal exponent n such that v = 0.d1d2... * 10^n. */
static int shortest_digits(double v, char *digits, int *point) {
  Decomposed d = decompose(v);
#ifdef __SIZEOF_INT128__
  {
    int n = shortest_digits_128(&d, estimate_k(&d), digits, point);
    if (n >= 0) return n;
  }
#endif
  static _Thread_local Bignum r, s, mp, mm;
  bool even = (d.f & 1) == 0;
  int k = estimate_k(&d);
  setup(&d, &r, &s, &mp, &mm, k);
  int c = bn_cmp_sum(&r, &mp, &s);
  if (even ? c >= 0 : c > 0) {
    bn_mul_small(&s, 10);
    k++;
  }
  int n = 0;
  for (;;) {
    bn_mul_small(&r, 10);
    bn_mul_small(&mp, 10);
    bn_mul_small(&mm, 10);
    uint32_t digit = bn_divmod(&r, &s);
    int lc = bn_cmp(&r, &mm);
    bool low = even ? lc <= 0 : lc < 0;
    int hc = bn_cmp_sum(&r, &mp, &s);
    bool high = even ? hc >= 0 : hc > 0;
    if (!low && !high) {
      digits[n++] = (char)('0' + digit);
      continue;
    }
    if (low && high) {
      /* Both neighbours are in range: take the closer; on a tie the even digit. */
      Bignum twice;
      bn_copy(&twice, &r);
      bn_shl(&twice, 1);
      int tc = bn_cmp(&twice, &s);
      if (tc > 0 || (tc == 0 && (digit & 1))) digit++;
    } else if (high) {
      digit++;
    }
    digits[n++] = (char)('0' + digit);
    break;
  }
  *point = k;
  return n;
}

static size_t write_exponent(char *p, int e) {
  size_t n = 0;
  p[n++] = 'e';
  p[n++] = e < 0 ? '-' : '+';
  unsigned u = (unsigned)(e < 0 ? -e : e);
  char tmp[8];
  int t = 0;
  do {
    tmp[t++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  while (t) p[n++] = tmp[--t];
  return n;
}

static size_t special_string(double d, char *buf) {
  const char *s = d != d ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  size_t n = strlen(s);
  memcpy(buf, s, n + 1);
  return n;
}

size_t dtoa_to_js_string(double d, char *buf) {
  if (d != d || d == INFINITY || d == -INFINITY) return special_string(d, buf);
  if (d == 0) {
    buf[0] = '0';
    buf[1] = 0;
    return 1;
  }
  size_t n = 0;
  if (d < 0) {
    buf[n++] = '-';
    d = -d;
  }
  if (d < 9007199254740992.0 && d == (double)(uint64_t)d) {
    /* Integers below 2^53: their digits are the shortest representation. */
    char tmp[20];
    int t = 0;
    uint64_t u = (uint64_t)d;
    do {
      tmp[t++] = (char)('0' + u % 10);
      u /= 10;
    } while (u);
    while (t) buf[n++] = tmp[--t];
    buf[n] = 0;
    return n;
  }
  char digits[24];
  int point;
  int k = shortest_digits(d, digits, &point);
  if (k <= point && point <= 21) {
    memcpy(buf + n, digits, (size_t)k);
    n += (size_t)k;
    for (int i = k; i < point; i++) buf[n++] = '0';
  } else if (0 < point && point <= 21) {
    memcpy(buf + n, digits, (size_t)point);
    n += (size_t)point;
    buf[n++] = '.';
    memcpy(buf + n, digits + point, (size_t)(k - point));
    n += (size_t)(k - point);
  } else if (-6 < point && point <= 0) {
    buf[n++] = '0';
    buf[n++] = '.';
    for (int i = 0; i < -point; i++) buf[n++] = '0';
    memcpy(buf + n, digits, (size_t)k);
    n += (size_t)k;
  } else {
    buf[n++] = digits[0];
    if (k > 1) {
      buf[n++] = '.';
      memcpy(buf + n, digits + 1, (size_t)(k - 1));
      n += (size_t)(k - 1);
    }
    n += write_exponent(buf + n, point - 1);
  }
  buf[n] = 0;
  return n;
}

/* ---- Fixed-count digits ------------------------------------------------------------------ */

/* Exact digits of v > 0, rounded half up. With fixed_mode, `count` is the number of digits
 * after the decimal point; otherwise it is the number of significant digits. Returns the digit
 * count written (may be 0 when the value rounds to zero in fixed mode); *point as in
 * shortest_digits. digits must hold count + 400 chars in fixed mode, count + 1 otherwise. */
static int exact_digits(double v, bool fixed_mode, int count, char *digits, int *point) {
  Decomposed d = decompose(v);
  static _Thread_local Bignum r, s, mp, mm;
  int k = estimate_k(&d);
  setup(&d, &r, &s, &mp, &mm, k);
  while (bn_cmp(&r, &s) >= 0) { /* make r/s < 1: v = (r/s) * 10^k with r/s in [0.1, 1) */
    bn_mul_small(&s, 10);
    k++;
  }
  int total = fixed_mode ? k + count : count;
  *point = k;
  if (total < 0) return 0;
  int n = 0;
  for (int i = 0; i < total; i++) {
    bn_mul_small(&r, 10);
    digits[n++] = (char)('0' + bn_divmod(&r, &s));
  }
  /* Round half up on the remainder r/s (for total == 0: on v*10^count = r/s). */
  bn_shl(&r, 1);
  if (bn_cmp(&r, &s) >= 0) {
    int i = n - 1;
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i >= 0) {
      digits[i]++;
    } else {
      /* All nines (or no digits): the result is 1 followed by zeros, one place higher. */
      memmove(digits + 1, digits, (size_t)n);
      digits[0] = '1';
      *point = k + 1;
      if (fixed_mode) n++;
    }
  }
  return n;
}

static size_t put_buf(char *buf, size_t bufsize, const char *src, size_t n) {
  if (n + 1 > bufsize) {
    if (bufsize) buf[0] = 0;
    return 0;
  }
  memcpy(buf, src, n);
  buf[n] = 0;
  return n;
}

size_t dtoa_to_fixed(double d, int fraction_digits, char *buf, size_t bufsize) {
  char out[DTOA_FIXED_BUF_SIZE];
  if (d != d || d == INFINITY || d == -INFINITY) {
    size_t n = special_string(d, out);
    return put_buf(buf, bufsize, out, n);
  }
  if (fraction_digits < 0) fraction_digits = 0;
  if (fraction_digits > 100) fraction_digits = 100;
  if (fabs(d) >= 1e21) {
    size_t n = dtoa_to_js_string(d, out);
    return put_buf(buf, bufsize, out, n);
  }
  size_t n = 0;
  if (d < 0) {
    out[n++] = '-';
    d = -d;
  }
  char digits[DTOA_FIXED_BUF_SIZE];
  int point = 0, nd = 0;
  if (d != 0) nd = exact_digits(d, true, fraction_digits, digits, &point);
  /* digits[0..nd) is the integer round(d * 10^f); it has no leading zeros. */
  char intstr[DTOA_FIXED_BUF_SIZE];
  int il = 0;
  if (nd == 0) {
    intstr[il++] = '0';
  } else {
    memcpy(intstr, digits, (size_t)nd);
    il = nd;
  }
  if (fraction_digits == 0) {
    memcpy(out + n, intstr, (size_t)il);
    n += (size_t)il;
  } else {
    int pad = il <= fraction_digits ? fraction_digits + 1 - il : 0;
    char full[DTOA_FIXED_BUF_SIZE];
    int fl = 0;
    for (int i = 0; i < pad; i++) full[fl++] = '0';
    memcpy(full + fl, intstr, (size_t)il);
    fl += il;
    int ip = fl - fraction_digits;
    memcpy(out + n, full, (size_t)ip);
    n += (size_t)ip;
    out[n++] = '.';
    memcpy(out + n, full + ip, (size_t)fraction_digits);
    n += (size_t)fraction_digits;
  }
  return put_buf(buf, bufsize, out, n);
}

size_t dtoa_to_exponential(double d, int fraction_digits, char *buf, size_t bufsize) {
  char out[DTOA_FIXED_BUF_SIZE];
  if (d != d || d == INFINITY || d == -INFINITY) {
    size_t n = special_string(d, out);
    return put_buf(buf, bufsize, out, n);
  }
  if (fraction_digits > 100) fraction_digits = 100;
  size_t n = 0;
  if (d < 0) {
    out[n++] = '-';
    d = -d;
  }
  char digits[DTOA_FIXED_BUF_SIZE];
  int nd, point;
  if (d == 0) {
    nd = fraction_digits < 0 ? 1 : fraction_digits + 1;
    memset(digits, '0', (size_t)nd);
    point = 1;
  } else if (fraction_digits < 0) {
    nd = shortest_digits(d, digits, &point);
  } else {
    nd = exact_digits(d, false, fraction_digits + 1, digits, &point);
  }
  out[n++] = digits[0];
  if (nd > 1) {
    out[n++] = '.';
    memcpy(out + n, digits + 1, (size_t)(nd - 1));
    n += (size_t)(nd - 1);
  }
  n += write_exponent(out + n, point - 1);
  return put_buf(buf, bufsize, out, n);
}

size_t dtoa_to_precision(double d, int precision, char *buf, size_t bufsize) {
  char out[DTOA_FIXED_BUF_SIZE];
  if (d != d || d == INFINITY || d == -INFINITY) {
    size_t n = special_string(d, out);
    return put_buf(buf, bufsize, out, n);
  }
  if (precision < 1) precision = 1;
  if (precision > 100) precision = 100;
  size_t n = 0;
  if (d < 0) {
    out[n++] = '-';
    d = -d;
  }
  char digits[DTOA_FIXED_BUF_SIZE];
  int e;
  if (d == 0) {
    memset(digits, '0', (size_t)precision);
    e = 0;
  } else {
    int point;
    exact_digits(d, false, precision, digits, &point);
    e = point - 1;
  }
  int p = precision;
  if (e < -6 || e >= p) {
    out[n++] = digits[0];
    if (p > 1) {
      out[n++] = '.';
      memcpy(out + n, digits + 1, (size_t)(p - 1));
      n += (size_t)(p - 1);
    }
    n += write_exponent(out + n, e);
  } else if (e == p - 1) {
    memcpy(out + n, digits, (size_t)p);
    n += (size_t)p;
  } else if (e >= 0) {
    memcpy(out + n, digits, (size_t)(e + 1));
    n += (size_t)(e + 1);
    out[n++] = '.';
    memcpy(out + n, digits + e + 1, (size_t)(p - e - 1));
    n += (size_t)(p - e - 1);
  } else {
    out[n++] = '0';
    out[n++] = '.';
    for (int i = 0; i < -(e + 1); i++) out[n++] = '0';
    memcpy(out + n, digits, (size_t)p);
    n += (size_t)p;
  }
  return put_buf(buf, bufsize, out, n);
}

/* ---- Radix conversion -------------------------------------------------------------------- */

static double next_double_up(double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  bits++; /* v is finite and >= 0 */
  memcpy(&v, &bits, sizeof bits);
  return v;
}

/* The double's binary exponent when written as a 53-bit integer times 2^e (V8's
 * Double::Exponent): positive exactly when v >= 2^53. */
static int double_exponent53(double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  int be = (int)((bits >> 52) & 0x7FF);
  return be == 0 ? -1074 : be - 1075;
}

/* Follows V8's DoubleToRadixCString so that output matches node: fraction digits are produced
 * in double arithmetic while they still distinguish v from its neighbours (delta is half the
 * gap to the next double), rounding the last digit to even; integer digits beyond 2^53 precision
 * are written as zeros. */
size_t dtoa_to_radix_string(double d, int radix, char *buf, size_t bufsize) {
  static const char chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (radix < 2 || radix > 36) radix = 10;
  if (d != d || d == INFINITY || d == -INFINITY) {
    char tmp[16];
    size_t n = special_string(d, tmp);
    return put_buf(buf, bufsize, tmp, n);
  }
  if (radix == 10) {
    char tmp[DTOA_BUF_SIZE];
    size_t n = dtoa_to_js_string(d, tmp);
    return put_buf(buf, bufsize, tmp, n);
  }
  enum { SIZE = 2200 };
  char tmp[SIZE];
  int icur = SIZE / 2, fcur = SIZE / 2;
  bool negative = d < 0;
  if (negative) d = -d;
  double integer = floor(d);
  double fraction = d - integer;
  double delta = 0.5 * (next_double_up(d) - d);
  double min_delta = next_double_up(0.0);
  if (min_delta > delta) delta = min_delta;
  if (fraction >= delta) {
    tmp[fcur++] = '.';
    do {
      fraction *= radix;
      delta *= radix;
      int digit = (int)fraction;
      tmp[fcur++] = chars[digit];
      fraction -= digit;
      if (fraction > 0.5 || (fraction == 0.5 && (digit & 1))) {
        if (fraction + delta > 1) {
          /* Round up, propagating the carry through the digits written so far. */
          for (;;) {
            fcur--;
            if (fcur == SIZE / 2) {
              integer += 1;
              break;
            }
            char c = tmp[fcur];
            int dv = c > '9' ? c - 'a' + 10 : c - '0';
            if (dv + 1 < radix) {
              tmp[fcur++] = chars[dv + 1];
              break;
            }
          }
          break;
        }
      }
    } while (fraction >= delta && fcur < SIZE - 2);
  }
  while (double_exponent53(integer / radix) > 0) {
    integer /= radix;
    tmp[--icur] = '0';
  }
  do {
    double rem = fmod(integer, (double)radix);
    tmp[--icur] = chars[(int)rem];
    integer = (integer - rem) / radix;
  } while (integer > 0);
  if (negative) tmp[--icur] = '-';
  return put_buf(buf, bufsize, tmp + icur, (size_t)(fcur - icur));
}
