/*
 * The BigInt heap object, conversions to and from Numbers and strings, and comparisons
 * (ECMA-262 6.1.6.2, 7.1.13-7.1.16, 7.2.13). The arithmetic lives in bigint-arith.c.
 */
#include "objects/bigint-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objects/string.h"

static size_t bigint_size(const HeapObject *o) {
  return sizeof(BigInt) + (size_t)((const BigInt *)o)->length * sizeof(uint32_t);
}
static void bigint_visit(HeapObject *o, HeapVisitor *v) {
  PT_UNUSED(o); /* digits only: no references */
  PT_UNUSED(v);
}
void bigint_register_types(void) { heap_register_type(IT_BIGINT, bigint_size, bigint_visit, NULL); }

Value bigint_throw_too_big(Isolate *iso) { return rt_throw_range_error(iso, "Maximum BigInt size exceeded"); }

void *bigint_scratch(Isolate *iso, size_t digits) {
  void *p = calloc(digits ? digits : 1, sizeof(uint32_t));
  if (!p) isolate_throw_oom(iso);
  return p;
}

Value bigint_from_digits(Isolate *iso, bool negative, const uint32_t *digits, size_t n) {
  n = mag_norm(digits, n);
  if (n > BIGINT_MAX_DIGITS) return bigint_throw_too_big(iso);
  BigInt *b = heap_alloc(iso, sizeof(BigInt) + n * sizeof(uint32_t), map_for_type(iso, IT_BIGINT));
  if (!b) return VAL_EXCEPTION;
  b->length = (uint32_t)n;
  b->negative = n > 0 && negative;
  if (n) memcpy(b->digits, digits, n * sizeof(uint32_t));
  return val_from_ptr(b);
}

Value bigint_from_uint64(Isolate *iso, uint64_t x) {
  uint32_t d[2] = {(uint32_t)x, (uint32_t)(x >> 32)};
  return bigint_from_digits(iso, false, d, 2);
}

Value bigint_from_int64(Isolate *iso, int64_t x) {
  uint64_t m = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
  uint32_t d[2] = {(uint32_t)m, (uint32_t)(m >> 32)};
  return bigint_from_digits(iso, x < 0, d, 2);
}

/* The magnitude of an integral finite double (|d| < 2^1024: at most 32 digits). */
static size_t mag_from_double(double d, uint32_t out[34]) {
  memset(out, 0, 34 * sizeof(uint32_t));
  d = fabs(d);
  if (d < 1) return 0;
  int e;
  double f = frexp(d, &e); /* d = f * 2^e, 0.5 <= f < 1 */
  uint64_t m = (uint64_t)ldexp(f, 53);
  int shift = e - 53;
  if (shift <= 0) {
    m >>= -shift;
    out[0] = (uint32_t)m;
    out[1] = (uint32_t)(m >> 32);
    return mag_norm(out, 2);
  }
  int word = shift / 32, bit = shift % 32;
  if (bit == 0) {
    out[word] = (uint32_t)m;
    out[word + 1] = (uint32_t)(m >> 32);
  } else {
    out[word] = (uint32_t)(m << bit);
    out[word + 1] = (uint32_t)(m >> (32 - bit));
    out[word + 2] = (uint32_t)(m >> (64 - bit));
  }
  return mag_norm(out, (size_t)word + 3);
}

Value bigint_from_number(Isolate *iso, double d) {
  if (!isfinite(d) || d != trunc(d)) {
    char buf[64];
    if (d != d) return rt_throw_range_error(iso, "The number NaN cannot be converted to a BigInt because it is not an integer");
    Value s = rt_number_to_string(iso, d, 10);
    if (s == VAL_EXCEPTION) return s;
    uint32_t n = str_length(s);
    uint16_t units[40];
    if (n > 39) n = 39;
    str_copy_utf16(s, 0, n, units);
    for (uint32_t i = 0; i < n; i++) buf[i] = (char)units[i];
    buf[n] = 0;
    return rt_throw_range_error(iso, "The number %s cannot be converted to a BigInt because it is not an integer", buf);
  }
  uint32_t d32[34];
  size_t n = mag_from_double(d, d32);
  return bigint_from_digits(iso, d < 0, d32, n);
}

/* ---- comparisons ---------------------------------------------------------------------------- */

int mag_cmp(const uint32_t *a, size_t an, const uint32_t *b, size_t bn) {
  if (an != bn) return an < bn ? -1 : 1;
  for (size_t i = an; i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/* Signed comparison of two sign+magnitude numbers. */
static int signed_cmp(bool an, const uint32_t *a, size_t al, bool bn, const uint32_t *b, size_t bl) {
  if (an != bn) return an ? -1 : 1;
  int c = mag_cmp(a, al, b, bl);
  return an ? -c : c;
}

int bigint_compare(Value a, Value b) {
  BigInt *x = bigint_ptr(a), *y = bigint_ptr(b);
  return signed_cmp(x->negative, x->digits, x->length, y->negative, y->digits, y->length);
}

int bigint_compare_number(Value a, double d) {
  BigInt *x = bigint_ptr(a);
  if (isinf(d)) return d > 0 ? -1 : 1;
  double fl = floor(d);
  uint32_t m[34];
  size_t n = mag_from_double(fl, m);
  int c = signed_cmp(x->negative, x->digits, x->length, fl < 0 && n > 0, m, n);
  if (c == 0 && fl != d) return -1; /* x == floor(d) < d */
  return c;
}

bool bigint_equals(Value a, Value b) { return a == b || bigint_compare(a, b) == 0; }

uint32_t bigint_hash(Value v) {
  BigInt *x = bigint_ptr(v);
  uint32_t h = 2166136261u ^ x->negative;
  for (uint32_t i = 0; i < x->length; i++) {
    h = (h ^ x->digits[i]) * 16777619u;
    h ^= h >> 15;
  }
  return h;
}

/* ---- to Number and to machine integers --------------------------------------------------------- */

uint64_t bigint_bit_length(Value v) {
  BigInt *x = bigint_ptr(v);
  if (x->length == 0) return 0;
  uint32_t top = x->digits[x->length - 1];
  return (uint64_t)(x->length - 1) * 32 + (32 - (uint64_t)__builtin_clz(top));
}

double bigint_to_double(Value v) {
  BigInt *x = bigint_ptr(v);
  uint64_t bits = bigint_bit_length(v);
  double r;
  if (bits <= 64) {
    uint64_t m = 0;
    for (uint32_t i = x->length; i-- > 0;) m = (m << 32) | x->digits[i];
    r = (double)m; /* the C conversion rounds to nearest, ties to even */
  } else if (bits > 1024) {
    r = INFINITY;
  } else {
    /* The top 64 bits, then a sticky bit for everything below them. */
    uint64_t shift = bits - 64;
    uint64_t top = 0;
    bool sticky = false;
    for (int k = 0; k < 64; k++) {
      uint64_t pos = shift + (uint64_t)k;
      uint64_t bit = (x->digits[pos / 32] >> (pos % 32)) & 1;
      top |= bit << k;
    }
    size_t full = (size_t)(shift / 32);
    for (size_t i = 0; i < full && !sticky; i++) sticky = x->digits[i] != 0;
    if (!sticky && shift % 32) sticky = (x->digits[full] & ((1u << (shift % 32)) - 1)) != 0;
    uint64_t mant = top >> 11, rest = top & 0x7ff;
    if (rest > 0x400 || (rest == 0x400 && (sticky || (mant & 1)))) mant++;
    r = ldexp((double)mant, (int)(shift + 11));
  }
  return x->negative ? -r : r;
}

uint64_t bigint_to_uint64(Value v, bool *lossless) {
  BigInt *x = bigint_ptr(v);
  uint64_t m = 0;
  if (x->length > 0) m = x->digits[0];
  if (x->length > 1) m |= (uint64_t)x->digits[1] << 32;
  if (lossless) *lossless = !x->negative && x->length <= 2;
  return x->negative ? 0 - m : m;
}

int64_t bigint_to_int64(Value v, bool *lossless) {
  BigInt *x = bigint_ptr(v);
  uint64_t m = 0;
  if (x->length > 0) m = x->digits[0];
  if (x->length > 1) m |= (uint64_t)x->digits[1] << 32;
  if (lossless) {
    if (x->length > 2) *lossless = false;
    else *lossless = x->negative ? m <= (uint64_t)1 << 63 : m < (uint64_t)1 << 63;
  }
  uint64_t r = x->negative ? 0 - m : m;
  return (int64_t)r;
}

/* ---- strings ------------------------------------------------------------------------------------ */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* mag_divmod_small by the constant 10^9: the compiler turns the division into a multiplication,
 * which makes decimal output several times faster. */
static uint32_t divmod_1e9(uint32_t *a, size_t n) {
  uint64_t rem = 0;
  for (size_t i = n; i-- > 0;) {
    uint64_t cur = (rem << 32) | a[i];
    a[i] = (uint32_t)(cur / 1000000000u);
    rem = cur % 1000000000u;
  }
  return (uint32_t)rem;
}

Value bigint_to_string(Isolate *iso, Value v, int radix) {
  BigInt *x = bigint_ptr(v);
  if (x->length == 0) return str_new_latin1(iso, (const uint8_t *)"0", 1);
  uint64_t bits = bigint_bit_length(v);
  int log2r = 0;
  while ((1 << (log2r + 1)) <= radix) log2r++;
  /* An upper bound on the characters: bits / log2(radix), plus the sign. */
  size_t cap = (size_t)(bits / (uint64_t)log2r) + 3;
  if (cap > (size_t)STR_MAX_LENGTH + 8) return rt_throw_range_error(iso, "Invalid string length");
  char *buf = malloc(cap);
  if (!buf) return isolate_throw_oom(iso);
  size_t pos = cap; /* filled from the end */
  if ((radix & (radix - 1)) == 0) {
    uint32_t mask = (uint32_t)radix - 1;
    for (uint64_t b = 0; b < bits; b += (uint64_t)log2r) {
      uint32_t val = 0;
      for (int k = 0; k < log2r; k++) {
        uint64_t p = b + (uint64_t)k;
        if (p < (uint64_t)x->length * 32) val |= ((x->digits[p / 32] >> (p % 32)) & 1) << k;
      }
      buf[--pos] = digit_chars[val & mask];
    }
  } else {
    /* Repeated division by the largest power of the radix that fits a digit. */
    uint32_t chunk = (uint32_t)radix;
    int per = 1;
    while ((uint64_t)chunk * (uint64_t)radix <= 0xffffffffu) {
      chunk *= (uint32_t)radix;
      per++;
    }
    uint32_t *t = bigint_scratch(iso, x->length);
    if (!t) {
      free(buf);
      return VAL_EXCEPTION;
    }
    memcpy(t, x->digits, x->length * sizeof(uint32_t));
    size_t n = x->length, work = 0;
    while (n > 0) {
      if ((work += n) >= BIGINT_POLL_WORK) {
        work = 0;
        if (!isolate_poll(iso)) {
          free(t);
          free(buf);
          return VAL_EXCEPTION;
        }
      }
      uint32_t r = radix == 10 ? divmod_1e9(t, n) : mag_divmod_small(t, n, chunk);
      n = mag_norm(t, n);
      for (int k = 0; k < per; k++) {
        if (n == 0 && r == 0) break; /* no leading zeros on the last chunk */
        buf[--pos] = digit_chars[r % (uint32_t)radix];
        r /= (uint32_t)radix;
      }
    }
    free(t);
  }
  while (pos < cap - 1 && buf[pos] == '0') pos++;
  if (x->negative) buf[--pos] = '-';
  Value s = str_new_latin1(iso, (const uint8_t *)buf + pos, cap - pos);
  free(buf);
  return s;
}

static int digit_value(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* Digits in the given radix, no sign, no prefix; VAL_UNDEFINED when a character is not a digit. */
static Value parse_digits(Isolate *iso, const uint16_t *s, size_t n, int radix, bool negative) {
  for (size_t i = 0; i < n; i++)
    if (digit_value(s[i]) >= radix) return VAL_UNDEFINED;
  int log2r = 0;
  while ((1 << (log2r + 1)) <= radix) log2r++;
  /* Digits needed: bits per character rounded up. */
  int bits_per = (radix & (radix - 1)) == 0 ? log2r : log2r + 1;
  uint64_t total_bits = (uint64_t)n * (uint64_t)bits_per;
  if (total_bits > (uint64_t)BIGINT_MAX_BITS + 64) {
    /* Leading zeros may still make it fit; strip them before judging. */
    while (n > 0 && s[0] == '0') s++, n--;
    total_bits = (uint64_t)n * (uint64_t)bits_per;
    if (total_bits > (uint64_t)BIGINT_MAX_BITS + 64) return bigint_throw_too_big(iso);
  }
  size_t cap = (size_t)(total_bits / 32) + 2;
  uint32_t *d = bigint_scratch(iso, cap);
  if (!d) return VAL_EXCEPTION;
  size_t len = 0;
  if ((radix & (radix - 1)) == 0) {
    uint64_t bitpos = 0;
    for (size_t i = n; i-- > 0;) {
      uint32_t val = (uint32_t)digit_value(s[i]);
      for (int k = 0; k < log2r; k++, bitpos++)
        if ((val >> k) & 1) d[bitpos / 32] |= 1u << (bitpos % 32);
    }
    len = cap;
  } else {
    uint32_t chunk_max = (uint32_t)radix;
    int per = 1;
    while ((uint64_t)chunk_max * (uint64_t)radix <= 0xffffffffu) {
      chunk_max *= (uint32_t)radix;
      per++;
    }
    size_t i = 0, work = 0;
    while (i < n) {
      if ((work += len) >= BIGINT_POLL_WORK) {
        work = 0;
        if (!isolate_poll(iso)) {
          free(d);
          return VAL_EXCEPTION;
        }
      }
      uint32_t mul = 1, add = 0;
      for (int k = 0; k < per && i < n; k++, i++) {
        mul *= (uint32_t)radix;
        add = add * (uint32_t)radix + (uint32_t)digit_value(s[i]);
      }
      uint64_t carry = add;
      for (size_t j = 0; j < len; j++) {
        uint64_t t = (uint64_t)d[j] * mul + carry;
        d[j] = (uint32_t)t;
        carry = t >> 32;
      }
      if (carry) d[len++] = (uint32_t)carry;
    }
  }
  Value r = bigint_from_digits(iso, negative, d, len);
  free(d);
  return r;
}

static int prefix_radix(const uint16_t *s, size_t n) {
  if (n >= 2 && s[0] == '0') {
    uint16_t c = s[1] | 0x20;
    if (c == 'x') return 16;
    if (c == 'o') return 8;
    if (c == 'b') return 2;
  }
  return 0;
}

Value bigint_parse_literal(Isolate *iso, const uint16_t *s, size_t n) {
  int radix = prefix_radix(s, n);
  if (radix) return parse_digits(iso, s + 2, n - 2, radix, false);
  return parse_digits(iso, s, n, 10, false);
}

static bool is_str_white_space(uint16_t c) {
  switch (c) {
  case 9: case 10: case 11: case 12: case 13: case ' ': case 0xA0: case 0x1680: case 0x2028: case 0x2029:
  case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
    return true;
  default: return c >= 0x2000 && c <= 0x200A;
  }
}

Value bigint_parse_string(Isolate *iso, const uint16_t *s, size_t n) {
  while (n > 0 && is_str_white_space(s[0])) s++, n--;
  while (n > 0 && is_str_white_space(s[n - 1])) n--;
  if (n == 0) return bigint_from_digits(iso, false, NULL, 0);
  int radix = prefix_radix(s, n);
  if (radix) {
    if (n == 2) return VAL_UNDEFINED;
    return parse_digits(iso, s + 2, n - 2, radix, false);
  }
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s++, n--;
    if (n == 0) return VAL_UNDEFINED;
  }
  return parse_digits(iso, s, n, 10, negative);
}

Value bigint_from_string(Isolate *iso, Value str) {
  uint32_t n = str_length(str);
  uint16_t small[64];
  uint16_t *buf = n <= 64 ? small : malloc((size_t)n * sizeof(uint16_t));
  if (!buf) return isolate_throw_oom(iso);
  str_copy_utf16(str, 0, n, buf);
  Value r = bigint_parse_string(iso, buf, n);
  if (buf != small) free(buf);
  return r;
}

char *bigint_literal_to_decimal(const uint16_t *s, size_t n) {
  int radix = prefix_radix(s, n);
  if (radix) s += 2, n -= 2;
  else radix = 10;
  while (n > 1 && s[0] == '0') s++, n--;
  if (radix == 10) {
    char *out = malloc(n + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) out[i] = (char)s[i];
    out[n] = 0;
    return out;
  }
  int log2r = radix == 16 ? 4 : radix == 8 ? 3 : 1;
  size_t len = (n * (size_t)log2r) / 32 + 1;
  uint32_t *d = calloc(len, sizeof(uint32_t));
  size_t cap = len * 10 + 2; /* a 32-bit digit is worth fewer than 10 decimal digits */
  char *out = malloc(cap);
  if (!d || !out) {
    free(d);
    free(out);
    return NULL;
  }
  uint64_t bitpos = 0;
  for (size_t i = n; i-- > 0;) {
    uint32_t val = (uint32_t)digit_value(s[i]);
    for (int k = 0; k < log2r; k++, bitpos++)
      if ((val >> k) & 1) d[bitpos / 32] |= 1u << (bitpos % 32);
  }
  size_t pos = cap;
  out[--pos] = 0;
  len = mag_norm(d, len);
  if (len == 0) out[--pos] = '0';
  while (len > 0) {
    uint32_t r = divmod_1e9(d, len);
    len = mag_norm(d, len);
    for (int k = 0; k < 9 && (len > 0 || r > 0); k++) {
      out[--pos] = (char)('0' + r % 10);
      r /= 10;
    }
  }
  memmove(out, out + pos, cap - pos);
  free(d);
  return out;
}
