/* Character sets as sorted inclusive ranges, with the set algebra that classes need. */
#include <stdlib.h>

#include "regexp/regexp-internal.h"
#include "regexp/regexp-unicode.h"

void cs_init(ReCharSet *cs) { memset(cs, 0, sizeof *cs), cs->normalized = true; }

void cs_free(ReCharSet *cs) {
  free(cs->r);
  cs->r = NULL;
  cs->n = cs->cap = 0;
}

static bool cs_reserve(ReCharSet *cs, size_t n) {
  if (n <= cs->cap) return true;
  size_t cap = cs->cap ? cs->cap * 2 : 8;
  while (cap < n) cap *= 2;
  uint32_t *r = realloc(cs->r, cap * 2 * sizeof(uint32_t));
  if (!r) {
    cs->oom = true;
    return false;
  }
  cs->r = r;
  cs->cap = cap;
  return true;
}

void cs_add_range(ReCharSet *cs, uint32_t lo, uint32_t hi) {
  if (lo > hi) return;
  /* Appending in order keeps the set normalized: the common case for generated sets. */
  if (cs->n && cs->normalized) {
    uint32_t last_hi = cs->r[2 * cs->n - 1];
    if (lo <= last_hi + 1 && lo >= cs->r[2 * cs->n - 2]) {
      if (hi > last_hi) cs->r[2 * cs->n - 1] = hi;
      return;
    }
    if (lo <= last_hi) cs->normalized = false;
  }
  if (!cs_reserve(cs, cs->n + 1)) return;
  cs->r[2 * cs->n] = lo;
  cs->r[2 * cs->n + 1] = hi;
  cs->n++;
}

void cs_add_ranges(ReCharSet *cs, const uint32_t *pairs, size_t count) {
  for (size_t i = 0; i < count; i++) cs_add_range(cs, pairs[2 * i], pairs[2 * i + 1]);
}

void cs_add_set(ReCharSet *cs, const ReCharSet *other) {
  if (other->oom) cs->oom = true;
  cs_add_ranges(cs, other->r, other->n);
}

static int cmp_range(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

void cs_normalize(ReCharSet *cs) {
  if (cs->normalized) return;
  qsort(cs->r, cs->n, 2 * sizeof(uint32_t), cmp_range);
  size_t k = 0;
  for (size_t i = 0; i < cs->n; i++) {
    uint32_t lo = cs->r[2 * i], hi = cs->r[2 * i + 1];
    if (k && lo <= cs->r[2 * k - 1] + 1) {
      if (hi > cs->r[2 * k - 1]) cs->r[2 * k - 1] = hi;
    } else {
      cs->r[2 * k] = lo;
      cs->r[2 * k + 1] = hi;
      k++;
    }
  }
  cs->n = k;
  cs->normalized = true;
}

void cs_invert(ReCharSet *cs) {
  cs_normalize(cs);
  ReCharSet out;
  cs_init(&out);
  uint32_t next = 0;
  for (size_t i = 0; i < cs->n; i++) {
    if (cs->r[2 * i] > next) cs_add_range(&out, next, cs->r[2 * i] - 1);
    next = cs->r[2 * i + 1] + 1;
  }
  if (next <= RE_MAX_CODE_POINT) cs_add_range(&out, next, RE_MAX_CODE_POINT);
  out.oom |= cs->oom;
  cs_free(cs);
  *cs = out;
}

void cs_intersect(ReCharSet *cs, const ReCharSet *other_in) {
  ReCharSet other;
  cs_init(&other);
  cs_add_set(&other, other_in);
  cs_normalize(&other);
  cs_normalize(cs);
  ReCharSet out;
  cs_init(&out);
  size_t i = 0, j = 0;
  while (i < cs->n && j < other.n) {
    uint32_t lo = cs->r[2 * i] > other.r[2 * j] ? cs->r[2 * i] : other.r[2 * j];
    uint32_t hi = cs->r[2 * i + 1] < other.r[2 * j + 1] ? cs->r[2 * i + 1] : other.r[2 * j + 1];
    if (lo <= hi) cs_add_range(&out, lo, hi);
    if (cs->r[2 * i + 1] < other.r[2 * j + 1]) i++;
    else j++;
  }
  out.oom |= cs->oom | other.oom;
  cs_free(&other);
  cs_free(cs);
  *cs = out;
}

void cs_subtract(ReCharSet *cs, const ReCharSet *other_in) {
  ReCharSet other;
  cs_init(&other);
  cs_add_set(&other, other_in);
  cs_invert(&other);
  cs_intersect(cs, &other);
  cs_free(&other);
}

bool cs_contains(const ReCharSet *cs, uint32_t c) {
  size_t lo = 0, hi = cs->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < cs->r[2 * mid]) hi = mid;
    else if (c > cs->r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

bool cs_copy(ReCharSet *dst, const ReCharSet *src) {
  cs_init(dst);
  cs_add_set(dst, src);
  return !dst->oom;
}

void cs_case_close(ReCharSet *cs, bool unicode) {
  cs_normalize(cs);
  ReCharSet add;
  cs_init(&add);
  /* Only characters that have a mapping change under Canonicalize. */
  if (unicode) {
    for (size_t i = 0; i < re_ucd_fold_count; i++)
      if (cs_contains(cs, re_ucd_fold[i][0])) cs_add(&add, re_ucd_fold[i][1]);
  } else {
    for (size_t i = 0; i < re_ucd_upper_count; i++) {
      uint32_t c = re_ucd_upper[i][0];
      if (cs_contains(cs, c)) cs_add(&add, re_canon(c, false));
    }
  }
  for (uint32_t c = 'a'; c <= 'z'; c++)
    if (cs_contains(cs, c)) cs_add(&add, re_canon(c, unicode));
  for (uint32_t c = 'A'; c <= 'Z'; c++)
    if (cs_contains(cs, c)) cs_add(&add, re_canon(c, unicode));
  cs_add_set(cs, &add);
  cs_free(&add);
  cs_normalize(cs);
}

void cs_case_close_full(ReCharSet *cs, bool unicode) {
  cs_case_close(cs, unicode);
  /* Now every canonical form of a member is a member; add every character whose canonical form
   * is a member. */
  ReCharSet add;
  cs_init(&add);
  if (unicode) {
    for (size_t i = 0; i < re_ucd_fold_count; i++)
      if (cs_contains(cs, re_ucd_fold[i][1])) cs_add(&add, re_ucd_fold[i][0]);
  } else {
    for (size_t i = 0; i < re_ucd_upper_count; i++) {
      uint32_t c = re_ucd_upper[i][0];
      if (cs_contains(cs, re_canon(c, false))) cs_add(&add, c);
    }
  }
  for (uint32_t c = 'a'; c <= 'z'; c++)
    if (cs_contains(cs, re_canon(c, unicode))) cs_add(&add, c);
  for (uint32_t c = 'A'; c <= 'Z'; c++)
    if (cs_contains(cs, re_canon(c, unicode))) cs_add(&add, c);
  cs_add_set(cs, &add);
  cs_free(&add);
  cs_normalize(cs);
}

void cs_add_digits(ReCharSet *cs) { cs_add_range(cs, '0', '9'); }

void cs_add_space(ReCharSet *cs) {
  /* WhiteSpace and LineTerminator (ECMA-262 12.2, 12.3). */
  static const uint32_t r[] = {9,      13,     32,     32,     0xA0,   0xA0,   0x1680, 0x1680,
                               0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F,
                               0x3000, 0x3000, 0xFEFF, 0xFEFF};
  cs_add_ranges(cs, r, PT_ARRAY_LEN(r) / 2);
}

void cs_add_word(ReCharSet *cs, bool unicode_ignore_case) {
  cs_add_range(cs, '0', '9');
  cs_add_range(cs, 'A', 'Z');
  cs_add(cs, '_');
  cs_add_range(cs, 'a', 'z');
  /* With u/v and i, characters that fold into the basic word set are word characters too. */
  if (unicode_ignore_case) {
    cs_add(cs, 0x017F);
    cs_add(cs, 0x212A);
  }
}

void cs_add_line_terminators(ReCharSet *cs) {
  cs_add(cs, '\n');
  cs_add(cs, '\r');
  cs_add_range(cs, 0x2028, 0x2029);
}

bool re_is_word_char(uint32_t c, bool unicode_ignore_case) {
  if (c < 128)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return unicode_ignore_case && (c == 0x017F || c == 0x212A);
}

bool re_is_line_terminator(uint32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }
