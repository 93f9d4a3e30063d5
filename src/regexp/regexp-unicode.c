/* Lookups over the generated Unicode tables (regexp-unicode-data.c) and Canonicalize. */
#include "regexp/regexp-internal.h"
#include "regexp/regexp-unicode.h"

const ReUnicodeProperty *re_unicode_find(ReUnicodePropertyKind kind, const char *name) {
  for (size_t i = 0; i < re_ucd_property_count; i++) {
    const ReUnicodeProperty *p = &re_ucd_properties[i];
    if (p->kind == kind && strcmp(p->name, name) == 0) return p;
  }
  return NULL;
}

const ReUnicodeStringProperty *re_unicode_find_string_property(const char *name) {
  for (size_t i = 0; i < re_ucd_string_property_count; i++)
    if (re_ucd_string_properties[i].name[0] && strcmp(re_ucd_string_properties[i].name, name) == 0)
      return &re_ucd_string_properties[i];
  return NULL;
}

static bool ranges_contain(const uint32_t *r, size_t n, uint32_t c) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < r[2 * mid]) hi = mid;
    else if (c > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

bool re_unicode_in(const ReUnicodeProperty *p, uint32_t c) {
  return ranges_contain(re_ucd_ranges + 2 * p->offset, p->count, c);
}

uint32_t re_unicode_simple_fold(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  size_t lo = 0, hi = re_ucd_fold_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (re_ucd_fold[mid][0] == c) return re_ucd_fold[mid][1];
    if (re_ucd_fold[mid][0] < c) lo = mid + 1;
    else hi = mid;
  }
  return c;
}

uint32_t re_unicode_simple_upper(uint32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c > 0xFFFF) return c;
  size_t lo = 0, hi = re_ucd_upper_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (re_ucd_upper[mid][0] == c) return re_ucd_upper[mid][1];
    if (re_ucd_upper[mid][0] < c) lo = mid + 1;
    else hi = mid;
  }
  return c;
}

uint32_t re_canon(uint32_t c, bool unicode) {
  if (unicode) return re_unicode_simple_fold(c);
  uint32_t u = re_unicode_simple_upper(c);
  /* Non-unicode Canonicalize never maps a non-ASCII character to ASCII. */
  if (c >= 128 && u < 128) return c;
  return u;
}

uint32_t re_canonicalize(uint32_t c, bool unicode) { return re_canon(c, unicode); }

bool re_is_id_start(uint32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
  const ReUnicodeProperty *p = re_unicode_find(RE_UPROP_BINARY, "ID_Start");
  return p && re_unicode_in(p, c);
}

bool re_is_id_continue(uint32_t c) {
  if (c < 128)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' ||
           c == '_';
  if (c == 0x200C || c == 0x200D) return true;
  const ReUnicodeProperty *p = re_unicode_find(RE_UPROP_BINARY, "ID_Continue");
  return p && re_unicode_in(p, c);
}
