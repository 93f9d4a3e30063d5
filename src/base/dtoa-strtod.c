/*
 * Decimal string -> double, correctly rounded (round half to even), locale-free; and
 * StringToNumber (ECMA-262 7.1.4.1.1) and integer parsing in any radix (see dtoa.h).
 *
 * Three tiers: (1) Clinger's fast path when the digits and the power of ten are both exact
 * doubles; (2) an extended-precision estimate (x87 long double where it has a 64-bit
 * significand) accepted when its error bound cannot straddle a rounding boundary; (3) otherwise
 * an estimate corrected by exact big-integer comparison against the halfway points.
 */
#include "base/dtoa.h"

#include "base/dtoa-bignum.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>

/* Digits kept exactly; anything beyond is summarized by one extra nonzero digit. Halfway points
 * between doubles have at most 767 significant digits, so 780 keeps every decision exact. */
#define MAX_SIG_DIGITS 780

typedef struct {
  const void *s;
  bool wide;
  size_t len;
} Input;

static inline unsigned in_at(const Input *in, size_t i) {
  return in->wide ? ((const uint16_t *)in->s)[i] : ((const uint8_t *)in->s)[i];
}

static const double exact_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static double make_double(uint64_t bits) {
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}
static uint64_t double_bits(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}

/* sign of D*10^E - (2m+1)*2^(q-1) style comparisons: compares D * 10^E with M * 2^Q exactly. */
static int compare_decimal(const char *digits, int nd, int E, uint64_t M, int Q) {
  static _Thread_local Bignum lhs, rhs;
  bn_set_u64(&lhs, 0);
  /* Load the digits nine at a time. */
  int i = 0;
  while (i < nd) {
    uint32_t chunk = 0, mul = 1;
    for (int j = 0; j < 9 && i < nd; j++, i++) {
      chunk = chunk * 10 + (uint32_t)(digits[i] - '0');
      mul *= 10;
    }
    bn_mul_small(&lhs, mul);
    bn_add_small(&lhs, chunk);
  }
  bn_set_u64(&rhs, M);
  int p2l = 0, p2r = Q;
  if (E >= 0) {
    bn_mul_pow5(&lhs, E);
    p2l += E;
  } else {
    bn_mul_pow5(&rhs, -E);
    p2l += E;
  }
  /* Balance the powers of two. */
  if (p2l < p2r) {
    bn_shl(&rhs, p2r - p2l);
  } else {
    bn_shl(&lhs, p2l - p2r);
  }
  return bn_cmp(&lhs, &rhs);
}

/* Correct a positive estimate b of digits*10^E by exact comparison with its rounding interval. */
static double correct(const char *digits, int nd, int E, double b) {
  if (b == INFINITY) b = DBL_MAX;
  if (b < 0 || b != b) b = 0;
  for (int iter = 0; iter < 4096; iter++) {
    uint64_t bits = double_bits(b);
    int be = (int)(bits >> 52);
    uint64_t m = bits & ((1ull << 52) - 1);
    int q;
    if (be == 0) {
      q = -1074;
    } else {
      m |= 1ull << 52;
      q = be - 1075;
    }
    /* Upper halfway point (2m+1) * 2^(q-1). */
    int c = compare_decimal(digits, nd, E, 2 * m + 1, q - 1);
    if (c > 0 || (c == 0 && (m & 1))) {
      if (bits == double_bits(DBL_MAX)) return INFINITY;
      b = make_double(bits + 1);
      continue;
    }
    if (m == 0) return b; /* zero: nothing below */
    /* Lower halfway point: the gap below is half as wide at a power of two (not the least
     * normal exponent). */
    if (m == (1ull << 52) && be > 1) {
      c = compare_decimal(digits, nd, E, 4 * m - 1, q - 2);
    } else {
      c = compare_decimal(digits, nd, E, 2 * m - 1, q - 1);
    }
    if (c < 0 || (c == 0 && (m & 1))) {
      b = make_double(bits - 1);
      continue;
    }
    return b;
  }
  PT_FATAL("strtod correction did not converge");
}

/* The correctly rounded value of the decimal digits[0..nd) * 10^E (digits without leading
 * zeros, nd > 0). */
static double decimal_to_double(const char *digits, int nd, int E) {
  if (E + nd > 310) return INFINITY;
  if (E + nd < -324) return 0.0;
  int nfast = nd < 19 ? nd : 19;
  uint64_t hi = 0;
  for (int i = 0; i < nfast; i++) hi = hi * 10 + (uint64_t)(digits[i] - '0');
  int Efast = E + (nd - nfast);
  if (nd <= 15) {
    if (E >= 0 && E <= 22) return (double)hi * exact_pow10[E];
    if (E < 0 && E >= -22) return (double)hi / exact_pow10[-E];
    if (E > 22 && E <= 22 + 15 - nd) return ((double)hi * exact_pow10[E - 22]) * 1e22;
  }
#if LDBL_MANT_DIG == 64
  {
    /* hi is exact in 64 bits; each long double operation adds at most half an ulp. */
    long double x = (long double)hi;
    int e = Efast;
    int ops = 0;
    static const long double big = 1e27L; /* 5^27 < 2^64: exact */
    long double p = 1.0L;
    int ae = e < 0 ? -e : e;
    while (ae >= 27) {
      p *= big;
      ae -= 27;
      ops++;
    }
    long double t = 1.0L;
    for (int i = 0; i < ae; i++) t *= 10.0L; /* exact for ae < 27 */
    if (ops) {
      p *= t;
      ops++;
    } else {
      p = t;
    }
    if (e >= 0) x *= p;
    else x /= p;
    ops++;
    /* Error bound in ulps of the long double result, generously: each rounding costs at most
     * one ulp, and dropping digits beyond the 19th costs up to 2^-59.8 relative (16 ulps). */
    int err = 2 * ops + 4 + (nd > 19 ? 40 : 0);
    if (x >= 0x1p-1022L && x <= 0x1.fffffffffffffp1023L) {
      int ex;
      long double m = frexpl(x, &ex);
      uint64_t mant = (uint64_t)ldexpl(m, 64);
      uint32_t low = (uint32_t)(mant & 0x7FF); /* the 11 bits below double precision */
      int dist = (int)low - 0x400;
      if (dist < 0) dist = -dist;
      if (dist > err) {
        return (double)x;
      }
    }
    return correct(digits, nd, E, (double)x);
  }
#else
  {
    double x = (double)hi;
    int e = Efast;
    if (e >= 0) {
      while (e > 22) {
        x *= 1e22;
        e -= 22;
      }
      x *= exact_pow10[e];
    } else {
      e = -e;
      while (e > 22) {
        x /= 1e22;
        e -= 22;
      }
      x /= exact_pow10[e];
    }
    return correct(digits, nd, E, x);
  }
#endif
}

/* Parses a StrDecimalLiteral (with optional sign) at the start of in. Returns NaN with
 * *consumed = 0 when there is none. */
static double parse_decimal(const Input *in, size_t start, size_t *consumed) {
  size_t i = start, len = in->len;
  bool negative = false;
  if (i < len && (in_at(in, i) == '+' || in_at(in, i) == '-')) {
    negative = in_at(in, i) == '-';
    i++;
  }
  char digits[MAX_SIG_DIGITS + 1];
  int nd = 0;
  bool dropped_nonzero = false;
  long dropped = 0;       /* integer-part digits not kept */
  long frac_kept = 0;     /* fraction digits kept (including zeros before the first kept) */
  bool any = false;
  while (i < len && in_at(in, i) >= '0' && in_at(in, i) <= '9') {
    char c = (char)in_at(in, i++);
    any = true;
    if (nd == 0 && c == '0') continue;
    if (nd < MAX_SIG_DIGITS) digits[nd++] = c;
    else {
      dropped++;
      if (c != '0') dropped_nonzero = true;
    }
  }
  if (i < len && in_at(in, i) == '.') {
    size_t dot = i;
    i++;
    bool frac_any = false;
    while (i < len && in_at(in, i) >= '0' && in_at(in, i) <= '9') {
      char c = (char)in_at(in, i++);
      frac_any = true;
      if (nd == 0 && c == '0') {
        frac_kept++;
        continue;
      }
      if (nd < MAX_SIG_DIGITS) {
        digits[nd++] = c;
        frac_kept++;
      } else if (c != '0') {
        dropped_nonzero = true;
      }
    }
    if (!any && !frac_any) i = dot; /* a lone "." is not a number */
    any = any || frac_any;
  }
  if (!any) {
    if (consumed) *consumed = 0;
    return NAN;
  }
  long exp10 = 0;
  if (i < len && (in_at(in, i) == 'e' || in_at(in, i) == 'E')) {
    size_t j = i + 1;
    bool eneg = false;
    if (j < len && (in_at(in, j) == '+' || in_at(in, j) == '-')) {
      eneg = in_at(in, j) == '-';
      j++;
    }
    if (j < len && in_at(in, j) >= '0' && in_at(in, j) <= '9') {
      while (j < len && in_at(in, j) >= '0' && in_at(in, j) <= '9') {
        if (exp10 < 100000000) exp10 = exp10 * 10 + (long)(in_at(in, j) - '0');
        j++;
      }
      if (eneg) exp10 = -exp10;
      i = j;
    }
  }
  if (consumed) *consumed = i - start;
  if (dropped_nonzero) digits[nd++] = '1'; /* sticky: strictly above the kept prefix */
  /* Trim trailing zeros of the kept digits into the exponent. */
  long E = exp10 + dropped - frac_kept + (dropped_nonzero ? -1 : 0);
  while (nd > 0 && digits[nd - 1] == '0') {
    nd--;
    E++;
  }
  double v;
  if (nd == 0) v = 0.0;
  else if (E > 100000) v = INFINITY;
  else if (E < -100000) v = 0.0;
  else v = decimal_to_double(digits, nd, (int)E);
  return negative ? -v : v;
}

double dtoa_strtod(const char *s, size_t len, size_t *consumed) {
  Input in = {s, false, len};
  return parse_decimal(&in, 0, consumed);
}

double dtoa_parse_decimal(const char *s, size_t len) {
  size_t used;
  double v = dtoa_strtod(s, len, &used);
  return used == len && len > 0 ? v : NAN;
}

static int digit_value(unsigned c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'z') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'Z') return (int)(c - 'A' + 10);
  return 99;
}

/* Digits in a power-of-two radix, correctly rounded to nearest even. */
static double parse_pow2_radix(const Input *in, size_t start, int radix, size_t *consumed) {
  int bits_per = radix == 2 ? 1 : radix == 4 ? 2 : radix == 8 ? 3 : radix == 16 ? 4 : 5;
  size_t i = start;
  while (i < in->len && in_at(in, i) == '0') i++;
  uint64_t mant = 0; /* up to 62 significant bits collected */
  int nbits = 0;     /* significant bits seen in total */
  bool sticky = false;
  for (; i < in->len; i++) {
    int dv = digit_value(in_at(in, i));
    if (dv >= radix) break;
    for (int b = bits_per - 1; b >= 0; b--) {
      int bit = (dv >> b) & 1;
      if (nbits == 0 && bit == 0) continue;
      if (nbits < 62) mant = (mant << 1) | (uint64_t)bit;
      else if (bit) sticky = true;
      nbits++;
    }
  }
  if (consumed) *consumed = i - start;
  if (nbits == 0) return 0.0;
  int kept = nbits < 62 ? nbits : 62;
  int exp = nbits - kept; /* value = mant * 2^exp (+ sticky) */
  if (kept > 53) {
    int drop = kept - 53;
    uint64_t rem = mant & ((1ull << drop) - 1);
    uint64_t half = 1ull << (drop - 1);
    mant >>= drop;
    exp += drop;
    if (rem > half || (rem == half && (sticky || (mant & 1)))) {
      mant++;
      if (mant == (1ull << 53)) {
        mant >>= 1;
        exp++;
      }
    }
  }
  if (exp > 1023) return INFINITY;
  return ldexp((double)mant, exp);
}

/* Any other radix: accumulate as V8 does (the spec allows an approximation here). */
static double parse_generic_radix(const Input *in, size_t start, int radix, size_t *consumed) {
  const uint32_t max_mul = 0xFFFFFFFFu / 36;
  size_t i = start;
  double number = 0;
  bool done = false;
  while (!done) {
    uint32_t part = 0, mul = 1;
    for (;;) {
      if (i >= in->len) {
        done = true;
        break;
      }
      int dv = digit_value(in_at(in, i));
      if (dv >= radix) {
        done = true;
        break;
      }
      uint32_t m = mul * (uint32_t)radix;
      if (m > max_mul) break;
      part = part * (uint32_t)radix + (uint32_t)dv;
      mul = m;
      i++;
    }
    number = number * mul + part;
  }
  if (consumed) *consumed = i - start;
  return number;
}

static double parse_int_input(const Input *in, size_t start, int radix, size_t *consumed) {
  if (radix == 10) {
    size_t i = start;
    while (i < in->len && in_at(in, i) >= '0' && in_at(in, i) <= '9') i++;
    if (consumed) *consumed = i - start;
    if (i == start) return 0.0;
    /* Reuse the decimal parser on the digit run (digits only, so no sign/point/exponent). */
    Input sub = {in->wide ? (const void *)((const uint16_t *)in->s + start)
                          : (const void *)((const uint8_t *)in->s + start),
                 in->wide, i - start};
    return parse_decimal(&sub, 0, NULL);
  }
  if ((radix & (radix - 1)) == 0) return parse_pow2_radix(in, start, radix, consumed);
  return parse_generic_radix(in, start, radix, consumed);
}

double dtoa_parse_int_radix(const uint16_t *s, size_t len, int radix, size_t *consumed) {
  Input in = {s, true, len};
  return parse_int_input(&in, 0, radix, consumed);
}

/* StrWhiteSpaceChar: WhiteSpace and LineTerminator. */
static bool is_str_whitespace(unsigned c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

static bool match_ascii(const Input *in, size_t i, size_t end, const char *word) {
  size_t n = strlen(word);
  if (end - i != n) return false;
  for (size_t k = 0; k < n; k++) {
    if (in_at(in, i + k) != (unsigned char)word[k]) return false;
  }
  return true;
}

static double string_to_number(const Input *in) {
  size_t b = 0, e = in->len;
  while (b < e && is_str_whitespace(in_at(in, b))) b++;
  while (e > b && is_str_whitespace(in_at(in, e - 1))) e--;
  if (b == e) return 0.0;
  if (e - b > 2 && in_at(in, b) == '0') {
    unsigned p = in_at(in, b + 1);
    int radix = (p == 'x' || p == 'X') ? 16 : (p == 'o' || p == 'O') ? 8 : (p == 'b' || p == 'B') ? 2 : 0;
    if (radix) {
      Input sub = *in;
      sub.len = e;
      size_t used;
      double v = parse_pow2_radix(&sub, b + 2, radix, &used);
      return used == e - b - 2 ? v : NAN;
    }
  }
  unsigned c0 = in_at(in, b);
  size_t ib = b + ((c0 == '+' || c0 == '-') ? 1 : 0);
  if (match_ascii(in, ib, e, "Infinity")) return c0 == '-' ? -INFINITY : INFINITY;
  Input sub = *in;
  sub.len = e;
  size_t used;
  double v = parse_decimal(&sub, b, &used);
  return used == e - b ? v : NAN;
}

double dtoa_string_to_number(const uint16_t *s, size_t len) {
  Input in = {s, true, len};
  return string_to_number(&in);
}

double dtoa_string_to_number_latin1(const uint8_t *s, size_t len) {
  Input in = {s, false, len};
  return string_to_number(&in);
}
