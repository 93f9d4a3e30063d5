/*
 * The String constructor, its statics and String.prototype (ECMA-262 22.1, Annex B.2.2).
 *
 * Methods work on flat strings (str_flatten) and read code units with str_char_at. The
 * RegExp-aware methods (match, matchAll, replace, replaceAll, search, split) defer to the
 * argument's @@match/@@matchAll/@@replace/@@search/@@split when it has one; the regexp family
 * implements RegExp's side.
 */
#include "builtins/regexp.h" /* regexp_create: RegExpCreate */
#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "builtins/string-case.h"
#include "builtins/string-normalize.h"
#include "builtins/string.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_STRING_LENGTH BUILTINS_MAX_STRING_LENGTH

/* ---- Helpers ---------------------------------------------------------------------------- */

/* ToString(RequireObjectCoercible(this)), flattened. */
static Value this_string(Isolate *iso, const CallArgs *args, const char *method) {
  Value t = args->this_val;
  if (val_is_nullish(t)) return rt_throw_type_error(iso, "%s called on null or undefined", method);
  Value s = rt_to_string(iso, t);
  if (s == VAL_EXCEPTION) return s;
  return str_flatten(iso, s);
}

static Value to_flat_string(Isolate *iso, Value v) {
  Value s = rt_to_string(iso, v);
  if (s == VAL_EXCEPTION) return s;
  return str_flatten(iso, s);
}

static Value throw_invalid_length(Isolate *iso) { return rt_throw_range_error(iso, "Invalid string length"); }

/* StringIndexOf(s, search, from) on flat strings: the first index >= from, or -1. */
static double string_index_of(Value s, Value search, double from) {
  uint32_t len = str_length(s), slen = str_length(search);
  if (slen == 0 && from <= len) return from;
  if (from + slen > len) return -1;
  if (str_is_one_byte(s) && str_is_one_byte(search)) {
    /* Both Latin-1: memchr for the first unit, memcmp for the rest. */
    const uint8_t *hay = str_latin1_chars(s), *needle = str_latin1_chars(search);
    const uint8_t *p = hay + (uint32_t)from, *last = hay + (len - slen);
    while (p <= last) {
      p = memchr(p, needle[0], (size_t)(last - p) + 1);
      if (!p) return -1;
      if (memcmp(p + 1, needle + 1, slen - 1) == 0) return (double)(p - hay);
      p++;
    }
    return -1;
  }
  uint16_t first = str_char_at(search, 0);
  for (uint32_t i = (uint32_t)from; i + slen <= len; i++) {
    if (str_char_at(s, i) != first) continue;
    uint32_t j = 1;
    while (j < slen && str_char_at(s, i + j) == str_char_at(search, j)) j++;
    if (j == slen) return i;
  }
  return -1;
}

static bool matches_at(Value s, Value search, uint32_t at) {
  uint32_t slen = str_length(search);
  if ((uint64_t)at + slen > str_length(s)) return false;
  for (uint32_t j = 0; j < slen; j++)
    if (str_char_at(s, at + j) != str_char_at(search, j)) return false;
  return true;
}

/* IsRegExp(argument): 1, 0 or -1. */
static int is_regexp(Isolate *iso, Value v) {
  if (!val_is_object(v)) return 0;
  Value m = obj_get(iso, v, sym_well_known(iso, WKS_MATCH), v);
  if (m == VAL_EXCEPTION) return -1;
  if (!val_is_undefined(m)) return rt_to_boolean(m);
  return val_instance_type(v) == IT_JS_REGEXP;
}

/* The code point at index i of a flat string (a lone surrogate is its own code point). */
static uint32_t code_point_at(Value s, uint32_t i, uint32_t len, uint32_t *units) {
  uint16_t c = str_char_at(s, i);
  *units = 1;
  if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len) {
    uint16_t d = str_char_at(s, i + 1);
    if (d >= 0xDC00 && d <= 0xDFFF) {
      *units = 2;
      return 0x10000 + ((uint32_t)(c - 0xD800) << 10) + (d - 0xDC00);
    }
  }
  return c;
}

/* ECMA-262 WhiteSpace and LineTerminator. */
static bool is_trim_space(uint16_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

/* ---- The constructor and statics ----------------------------------------------------------- */

static Value string_ctor(Isolate *iso, const CallArgs *args) {
  Value s;
  if (args->argc == 0) {
    s = NAME(iso, empty);
  } else {
    Value v = args->argv[0];
    if (val_is_undefined(args->new_target) && val_is_symbol(v)) return builtins_symbol_descriptive_string(iso, v);
    s = rt_to_string(iso, v);
    if (s == VAL_EXCEPTION) return s;
  }
  if (val_is_undefined(args->new_target)) return s;
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_STRING_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  return builtins_new_wrapper(iso, s, proto);
}

static Value string_from_char_code(Isolate *iso, const CallArgs *args) {
  StringBuilder sb;
  sb_init(&sb, iso);
  for (int i = 0; i < args->argc; i++) {
    uint32_t u;
    if (rt_to_uint32(iso, args->argv[i], &u) < 0) {
      sb_discard(&sb);
      return VAL_EXCEPTION;
    }
    sb_append_unit(&sb, (uint16_t)u);
  }
  return sb_finish(&sb);
}

static Value string_from_code_point(Isolate *iso, const CallArgs *args) {
  StringBuilder sb;
  sb_init(&sb, iso);
  for (int i = 0; i < args->argc; i++) {
    Value n = rt_to_number(iso, args->argv[i]);
    if (n == VAL_EXCEPTION) goto fail;
    double d = val_to_number_unchecked(n);
    if (!(d >= 0 && d <= 0x10FFFF && d == floor(d))) {
      char buf[64];
      rt_throw_range_error(iso, "Invalid code point %s", builtins_describe(iso, n, buf, sizeof buf));
      goto fail;
    }
    sb_append_code_point(&sb, (uint32_t)d);
  }
  return sb_finish(&sb);
fail:
  sb_discard(&sb);
  return VAL_EXCEPTION;
}

static Value string_raw(Isolate *iso, const CallArgs *args) {
  Value cooked = rt_to_object(iso, call_arg(args, 0));
  if (cooked == VAL_EXCEPTION) return cooked;
  Value raw = obj_get(iso, cooked, NAME(iso, raw), cooked);
  if (raw == VAL_EXCEPTION) return raw;
  Value literals = rt_to_object(iso, raw);
  if (literals == VAL_EXCEPTION) return literals;
  double count;
  if (rt_length_of_array_like(iso, literals, &count) < 0) return VAL_EXCEPTION;
  if (count <= 0) return NAME(iso, empty);
  int subs = args->argc > 1 ? args->argc - 1 : 0;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (double i = 0;; i++) {
    Value seg = obj_get(iso, literals, builtins_index_key(iso, i), literals);
    if (seg != VAL_EXCEPTION) seg = rt_to_string(iso, seg);
    if (seg == VAL_EXCEPTION) goto fail;
    sb_append_string(&sb, seg);
    if (i + 1 == count) break;
    if (i < subs) {
      Value sub = rt_to_string(iso, args->argv[(int)i + 1]);
      if (sub == VAL_EXCEPTION) goto fail;
      sb_append_string(&sb, sub);
    }
    if (sb.length > MAX_STRING_LENGTH) {
      sb_discard(&sb);
      return throw_invalid_length(iso);
    }
  }
  return sb_finish(&sb);
fail:
  sb_discard(&sb);
  return VAL_EXCEPTION;
}

/* ---- Character access ------------------------------------------------------------------- */

static Value proto_at(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.at");
  if (s == VAL_EXCEPTION) return s;
  double len = str_length(s), rel;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &rel) < 0) return VAL_EXCEPTION;
  double k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return VAL_UNDEFINED;
  return str_from_char_code(iso, str_char_at(s, (size_t)k));
}

/* charAt (0), charCodeAt (1), codePointAt (2). */
static Value proto_char_at(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"String.prototype.charAt", "String.prototype.charCodeAt",
                                      "String.prototype.codePointAt"};
  int kind = function_magic(args->callee);
  Value s = this_string(iso, args, names[kind]);
  if (s == VAL_EXCEPTION) return s;
  double pos;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &pos) < 0) return VAL_EXCEPTION;
  uint32_t len = str_length(s);
  if (pos < 0 || pos >= len) {
    if (kind == 0) return NAME(iso, empty);
    return kind == 1 ? VAL_CANONICAL_NAN : VAL_UNDEFINED;
  }
  uint32_t i = (uint32_t)pos;
  if (kind == 0) return str_from_char_code(iso, str_char_at(s, i));
  if (kind == 1) return val_from_int(str_char_at(s, i));
  uint32_t units;
  return val_from_int((int32_t)code_point_at(s, i, len, &units));
}

static Value proto_concat(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.concat");
  if (s == VAL_EXCEPTION) return s;
  for (int i = 0; i < args->argc; i++) {
    Value next = rt_to_string(iso, args->argv[i]);
    if (next == VAL_EXCEPTION) return next;
    if ((uint64_t)str_length(s) + str_length(next) > MAX_STRING_LENGTH) return throw_invalid_length(iso);
    s = str_concat(iso, s, next);
    if (s == VAL_EXCEPTION) return s;
  }
  return s;
}

/* ---- Searching ------------------------------------------------------------------------------ */

enum { SEARCH_STARTS, SEARCH_ENDS, SEARCH_INCLUDES };

static Value proto_starts_ends_includes(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"String.prototype.startsWith", "String.prototype.endsWith",
                                      "String.prototype.includes"};
  int kind = function_magic(args->callee);
  Value s = this_string(iso, args, names[kind]);
  if (s == VAL_EXCEPTION) return s;
  Value arg = call_arg(args, 0);
  int re = is_regexp(iso, arg);
  if (re < 0) return VAL_EXCEPTION;
  if (re)
    return rt_throw_type_error(iso, "First argument to %s must not be a regular expression", names[kind]);
  Value search = to_flat_string(iso, arg);
  if (search == VAL_EXCEPTION) return search;
  double len = str_length(s), slen = str_length(search), pos;
  Value p = call_arg(args, 1);
  if (val_is_undefined(p)) {
    pos = kind == SEARCH_ENDS ? len : 0;
  } else if (rt_to_integer_or_infinity(iso, p, &pos) < 0) {
    return VAL_EXCEPTION;
  }
  pos = fmin(fmax(pos, 0), len);
  switch (kind) {
    case SEARCH_STARTS: return val_from_bool(pos + slen <= len && matches_at(s, search, (uint32_t)pos));
    case SEARCH_ENDS: return val_from_bool(pos - slen >= 0 && matches_at(s, search, (uint32_t)(pos - slen)));
    default: return val_from_bool(string_index_of(s, search, pos) >= 0);
  }
}

static Value proto_index_of(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.indexOf");
  if (s == VAL_EXCEPTION) return s;
  Value search = to_flat_string(iso, call_arg(args, 0));
  if (search == VAL_EXCEPTION) return search;
  double pos;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 1), &pos) < 0) return VAL_EXCEPTION;
  pos = fmin(fmax(pos, 0), str_length(s));
  return val_from_number(string_index_of(s, search, pos));
}

static Value proto_last_index_of(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.lastIndexOf");
  if (s == VAL_EXCEPTION) return s;
  Value search = to_flat_string(iso, call_arg(args, 0));
  if (search == VAL_EXCEPTION) return search;
  double num;
  if (rt_to_number_double(iso, call_arg(args, 1), &num) < 0) return VAL_EXCEPTION;
  double pos = num != num ? INFINITY : trunc(num);
  double len = str_length(s), slen = str_length(search);
  double start = fmin(fmax(pos, 0), len);
  if (slen > len) return val_from_int(-1);
  for (double i = fmin(start, len - slen); i >= 0; i--)
    if (matches_at(s, search, (uint32_t)i)) return val_from_number(i);
  return val_from_int(-1);
}

/* Canonically equivalent strings compare equal (ECMA-262 22.1.3.12): compare the NFC forms by
 * code units. A locale-aware collation comes with ICU. */
static Value nfc_of(Isolate *iso, Value s);

static Value proto_locale_compare(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.localeCompare");
  if (s == VAL_EXCEPTION) return s;
  Value that = to_flat_string(iso, call_arg(args, 0));
  if (that == VAL_EXCEPTION) return that;
  s = nfc_of(iso, s);
  if (s == VAL_EXCEPTION) return s;
  that = nfc_of(iso, that);
  if (that == VAL_EXCEPTION) return that;
  int c = str_compare(s, that);
  return val_from_int(c < 0 ? -1 : c > 0 ? 1 : 0);
}

/* ---- Well-formedness -------------------------------------------------------------------- */

/* isWellFormed (0) and toWellFormed (1). */
static Value proto_well_formed(Isolate *iso, const CallArgs *args) {
  bool to = function_magic(args->callee) == 1;
  Value s = this_string(iso, args, to ? "String.prototype.toWellFormed" : "String.prototype.isWellFormed");
  if (s == VAL_EXCEPTION) return s;
  uint32_t len = str_length(s);
  bool well = true;
  if (!str_is_one_byte(s)) {
    for (uint32_t i = 0; i < len && well; i++) {
      uint32_t units, cp = code_point_at(s, i, len, &units);
      if (cp >= 0xD800 && cp <= 0xDFFF) well = false;
      i += units - 1;
    }
  }
  if (!to) return val_from_bool(well);
  if (well) return s;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t i = 0; i < len;) {
    uint32_t units, cp = code_point_at(s, i, len, &units);
    sb_append_code_point(&sb, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
    i += units;
  }
  return sb_finish(&sb);
}

/* ---- Padding, repeat, slicing ---------------------------------------------------------- */

/* padStart (0) and padEnd (1). */
static Value proto_pad(Isolate *iso, const CallArgs *args) {
  bool end = function_magic(args->callee) == 1;
  Value s = this_string(iso, args, end ? "String.prototype.padEnd" : "String.prototype.padStart");
  if (s == VAL_EXCEPTION) return s;
  double max_len;
  if (rt_to_length(iso, call_arg(args, 0), &max_len) < 0) return VAL_EXCEPTION;
  double len = str_length(s);
  if (max_len <= len) return s;
  Value fill;
  if (val_is_undefined(call_arg(args, 1))) {
    fill = str_intern_cstr(iso, " ");
  } else {
    fill = to_flat_string(iso, args->argv[1]);
  }
  if (fill == VAL_EXCEPTION) return fill;
  uint32_t flen = str_length(fill);
  if (flen == 0) return s;
  if (max_len > MAX_STRING_LENGTH) return throw_invalid_length(iso);
  uint32_t pad = (uint32_t)(max_len - len);
  StringBuilder sb;
  sb_init(&sb, iso);
  if (end) sb_append_string(&sb, s);
  for (uint32_t i = 0; i < pad; i++) sb_append_unit(&sb, str_char_at(fill, i % flen));
  if (!end) sb_append_string(&sb, s);
  return sb_finish(&sb);
}

static Value proto_repeat(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.repeat");
  if (s == VAL_EXCEPTION) return s;
  double n;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &n) < 0) return VAL_EXCEPTION;
  if (n < 0 || n == INFINITY) {
    char buf[64];
    return rt_throw_range_error(iso, "Invalid count value: %s",
                                builtins_describe(iso, val_from_number(n), buf, sizeof buf));
  }
  uint32_t len = str_length(s);
  if (n == 0 || len == 0) return NAME(iso, empty);
  if (n * len > MAX_STRING_LENGTH) return throw_invalid_length(iso);
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t i = 0; i < (uint32_t)n; i++) {
    if (!isolate_poll_sometimes(iso, i)) {
      sb_discard(&sb);
      return VAL_EXCEPTION;
    }
    sb_append_string(&sb, s);
  }
  return sb_finish(&sb);
}

static Value proto_slice(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.slice");
  if (s == VAL_EXCEPTION) return s;
  double len = str_length(s), from, to;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &from) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 1), len, len, &to) < 0) return VAL_EXCEPTION;
  if (from >= to) return NAME(iso, empty);
  return str_substring(iso, s, (size_t)from, (size_t)to);
}

static Value proto_substring(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.substring");
  if (s == VAL_EXCEPTION) return s;
  double len = str_length(s), start, end = len;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &start) < 0) return VAL_EXCEPTION;
  if (!val_is_undefined(call_arg(args, 1)) && rt_to_integer_or_infinity(iso, args->argv[1], &end) < 0)
    return VAL_EXCEPTION;
  start = fmin(fmax(start, 0), len);
  end = fmin(fmax(end, 0), len);
  return str_substring(iso, s, (size_t)fmin(start, end), (size_t)fmax(start, end));
}

static Value proto_substr(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.substr");
  if (s == VAL_EXCEPTION) return s;
  double size = str_length(s), start, length;
  if (builtins_relative_index(iso, call_arg(args, 0), size, 0, &start) < 0) return VAL_EXCEPTION;
  if (val_is_undefined(call_arg(args, 1))) {
    length = size;
  } else if (rt_to_integer_or_infinity(iso, args->argv[1], &length) < 0) {
    return VAL_EXCEPTION;
  }
  double end = fmin(start + fmax(length, 0), size);
  if (start >= end) return NAME(iso, empty);
  return str_substring(iso, s, (size_t)start, (size_t)end);
}

/* trim (3: both), trimStart (1), trimEnd (2). */
static Value proto_trim(Isolate *iso, const CallArgs *args) {
  int where = function_magic(args->callee);
  static const char *const names[] = {"", "String.prototype.trimStart", "String.prototype.trimEnd",
                                      "String.prototype.trim"};
  Value s = this_string(iso, args, names[where]);
  if (s == VAL_EXCEPTION) return s;
  uint32_t a = 0, b = str_length(s);
  if (where & 1)
    while (a < b && is_trim_space(str_char_at(s, a))) a++;
  if (where & 2)
    while (b > a && is_trim_space(str_char_at(s, b - 1))) b--;
  if (a == 0 && b == str_length(s)) return s;
  return str_substring(iso, s, a, b);
}

/* ---- Case conversion ------------------------------------------------------------------------ */

int builtins_case_map(uint32_t cp, bool upper, uint32_t out[3]) {
  if (cp < 0x80) {
    if (upper && cp >= 'a' && cp <= 'z') cp -= 32;
    if (!upper && cp >= 'A' && cp <= 'Z') cp += 32;
    out[0] = cp;
    return 1;
  }
  const CaseMapEntry *t = upper ? builtins_case_upper : builtins_case_lower;
  size_t lo = 0, hi = upper ? builtins_case_upper_count : builtins_case_lower_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t[mid].cp < cp) {
      lo = mid + 1;
    } else if (t[mid].cp > cp) {
      hi = mid;
    } else {
      for (uint32_t i = 0; i < t[mid].count; i++) out[i] = t[mid].to[i];
      return (int)t[mid].count;
    }
  }
  out[0] = cp;
  return 1;
}

static bool in_ranges(const CaseRange *r, size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (r[mid].last < cp)
      lo = mid + 1;
    else if (r[mid].first > cp)
      hi = mid;
    else
      return true;
  }
  return false;
}

bool builtins_is_cased(uint32_t cp) { return in_ranges(builtins_cased, builtins_cased_count, cp); }
bool builtins_is_case_ignorable(uint32_t cp) {
  return in_ranges(builtins_case_ignorable, builtins_case_ignorable_count, cp);
}

/* Final_Sigma (Unicode 3.13): the capital sigma at i ends a word. */
static bool is_final_sigma(Value s, uint32_t i, uint32_t len) {
  bool before = false;
  for (uint32_t j = i; j > 0;) {
    uint32_t cp = str_char_at(s, j - 1), units = 1;
    if (cp >= 0xDC00 && cp <= 0xDFFF && j >= 2) {
      uint16_t hi = str_char_at(s, j - 2);
      if (hi >= 0xD800 && hi <= 0xDBFF) {
        cp = 0x10000 + ((uint32_t)(hi - 0xD800) << 10) + (cp - 0xDC00);
        units = 2;
      }
    }
    j -= units;
    if (builtins_is_case_ignorable(cp)) continue;
    before = builtins_is_cased(cp);
    break;
  }
  if (!before) return false;
  for (uint32_t j = i + 1; j < len;) {
    uint32_t units, cp = code_point_at(s, j, len, &units);
    j += units;
    if (builtins_is_case_ignorable(cp)) continue;
    return !builtins_is_cased(cp);
  }
  return true;
}

Value builtins_string_change_case(Isolate *iso, Value s, bool upper) {
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  uint32_t len = str_length(s);
  if (str_is_one_byte(s)) {
    /* ASCII maps within ASCII; anything else takes the table path below. */
    const uint8_t *c = str_latin1_chars(s);
    uint32_t i = 0;
    while (i < len && c[i] < 0x80) i++;
    if (i == len) {
      uint8_t *buf = malloc(len ? len : 1);
      if (!buf) return isolate_throw_oom(iso);
      for (uint32_t k = 0; k < len; k++) {
        uint8_t ch = c[k];
        if (upper && ch >= 'a' && ch <= 'z') ch -= 32;
        if (!upper && ch >= 'A' && ch <= 'Z') ch += 32;
        buf[k] = ch;
      }
      Value r = str_new_latin1(iso, buf, len);
      free(buf);
      return r;
    }
  }
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t i = 0; i < len;) {
    uint32_t units, cp = code_point_at(s, i, len, &units);
    uint32_t out[3];
    int n;
    if (!upper && cp == 0x3A3) {
      out[0] = is_final_sigma(s, i, len) ? 0x3C2 : 0x3C3;
      n = 1;
    } else {
      n = builtins_case_map(cp, upper, out);
    }
    for (int k = 0; k < n; k++) sb_append_code_point(&sb, out[k]);
    i += units;
  }
  if (sb.length > MAX_STRING_LENGTH) {
    sb_discard(&sb);
    return throw_invalid_length(iso);
  }
  return sb_finish(&sb);
}

/* toLowerCase (0), toUpperCase (1), toLocaleLowerCase (2), toLocaleUpperCase (3). */
static Value proto_change_case(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"String.prototype.toLowerCase", "String.prototype.toUpperCase",
                                      "String.prototype.toLocaleLowerCase", "String.prototype.toLocaleUpperCase"};
  int kind = function_magic(args->callee);
  Value s = this_string(iso, args, names[kind]);
  if (s == VAL_EXCEPTION) return s;
  return builtins_string_change_case(iso, s, kind & 1);
}

static Value normalize_string(Isolate *iso, Value s, NormForm form);

static Value nfc_of(Isolate *iso, Value s) { return normalize_string(iso, s, NORM_NFC); }

static Value proto_normalize(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype.normalize");
  if (s == VAL_EXCEPTION) return s;
  Value f = call_arg(args, 0);
  NormForm form = NORM_NFC;
  if (!val_is_undefined(f)) {
    f = to_flat_string(iso, f);
    if (f == VAL_EXCEPTION) return f;
    static const char *const forms[] = {"NFC", "NFD", "NFKC", "NFKD"};
    static const NormForm ids[] = {NORM_NFC, NORM_NFD, NORM_NFKC, NORM_NFKD};
    bool ok = false;
    for (size_t i = 0; i < PT_ARRAY_LEN(forms) && !ok; i++) {
      size_t n = strlen(forms[i]);
      if (str_length(f) != n) continue;
      ok = true;
      for (size_t j = 0; j < n; j++)
        if (str_char_at(f, j) != (uint16_t)forms[i][j]) ok = false;
      if (ok) form = ids[i];
    }
    if (!ok) return rt_throw_range_error(iso, "The normalization form should be one of NFC, NFD, NFKC, NFKD.");
  }
  return normalize_string(iso, s, form);
}

/* The normalized form of a flat string. */
static Value normalize_string(Isolate *iso, Value s, NormForm form) {
  /* ASCII is invariant under every normalization form. */
  uint32_t len = str_length(s), i = 0;
  while (i < len && str_char_at(s, i) < 0x80) i++;
  if (i == len) return s;
  uint32_t *cps = malloc((len ? len : 1) * sizeof *cps);
  if (!cps) return isolate_throw_oom(iso);
  size_t n = 0;
  for (uint32_t k = 0; k < len;) {
    uint32_t units;
    cps[n++] = code_point_at(s, k, len, &units);
    k += units;
  }
  uint32_t *out;
  size_t out_n;
  bool ok = builtins_normalize(cps, n, form, &out, &out_n);
  free(cps);
  if (!ok) return isolate_throw_oom(iso);
  StringBuilder sb;
  sb_init(&sb, iso);
  for (size_t k = 0; k < out_n; k++) sb_append_code_point(&sb, out[k]);
  free(out);
  if (sb.length > MAX_STRING_LENGTH) {
    sb_discard(&sb);
    return throw_invalid_length(iso);
  }
  return sb_finish(&sb);
}

/* ---- RegExp-aware methods ------------------------------------------------------------------ */

/* Calls arg[@@sym](this, extra...) when the argument is an object with that method; VAL_HOLE
 * otherwise. ECMA-262 2025 looks the method up on objects only, so Boolean.prototype[@@match]
 * and the like never see primitives. */
static Value delegate(Isolate *iso, Value arg, WellKnownSymbol sym, Value o, int extra_count, Value extra) {
  if (!val_is_object(arg)) return VAL_HOLE;
  Value m = rt_get_method(iso, arg, sym_well_known(iso, sym));
  if (m == VAL_EXCEPTION) return m;
  if (val_is_undefined(m)) return VAL_HOLE;
  Value argv[2] = {o, extra};
  return rt_call(iso, m, arg, 1 + extra_count, argv);
}

/* Throws unless a RegExp argument has the g flag (matchAll, replaceAll). 0 ok, -1 exception. */
static int require_global(Isolate *iso, Value rx, const char *method) {
  int re = is_regexp(iso, rx);
  if (re <= 0) return re;
  Value flags = obj_get(iso, rx, NAME(iso, flags), rx);
  if (flags == VAL_EXCEPTION) return -1;
  if (val_is_nullish(flags)) {
    rt_throw_type_error(iso, "String.prototype.%s called on null or undefined", method);
    return -1;
  }
  flags = to_flat_string(iso, flags);
  if (flags == VAL_EXCEPTION) return -1;
  uint32_t n = str_length(flags);
  for (uint32_t i = 0; i < n; i++)
    if (str_char_at(flags, i) == 'g') return 0;
  rt_throw_type_error(iso, "String.prototype.%s called with a non-global RegExp argument", method);
  return -1;
}

static Value require_coercible(Isolate *iso, const CallArgs *args, const char *method) {
  if (val_is_nullish(args->this_val)) return rt_throw_type_error(iso, "%s called on null or undefined", method);
  return args->this_val;
}

/* match (0), search (1): delegate or go through a fresh RegExp. */
static Value proto_match_search(Isolate *iso, const CallArgs *args) {
  bool search = function_magic(args->callee) == 1;
  Value o = require_coercible(iso, args, search ? "String.prototype.search" : "String.prototype.match");
  if (o == VAL_EXCEPTION) return o;
  WellKnownSymbol sym = search ? WKS_SEARCH : WKS_MATCH;
  Value r = delegate(iso, call_arg(args, 0), sym, o, 0, VAL_UNDEFINED);
  if (r != VAL_HOLE) return r;
  Value s = rt_to_string(iso, o);
  if (s == VAL_EXCEPTION) return s;
  Value rx = regexp_create(iso, call_arg(args, 0), VAL_UNDEFINED);
  if (rx == VAL_EXCEPTION) return rx;
  Value m = rt_get(iso, rx, sym_well_known(iso, sym));
  if (m == VAL_EXCEPTION) return m;
  if (!val_is_callable(m)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, m, buf, sizeof buf));
  }
  return rt_call(iso, m, rx, 1, &s);
}

static Value proto_match_all(Isolate *iso, const CallArgs *args) {
  Value o = require_coercible(iso, args, "String.prototype.matchAll");
  if (o == VAL_EXCEPTION) return o;
  Value rx = call_arg(args, 0);
  if (val_is_object(rx)) {
    if (require_global(iso, rx, "matchAll") < 0) return VAL_EXCEPTION;
    Value r = delegate(iso, rx, WKS_MATCH_ALL, o, 0, VAL_UNDEFINED);
    if (r != VAL_HOLE) return r;
  }
  Value s = rt_to_string(iso, o);
  if (s == VAL_EXCEPTION) return s;
  Value re = regexp_create(iso, rx, str_intern_cstr(iso, "g"));
  if (re == VAL_EXCEPTION) return re;
  Value m = rt_get(iso, re, sym_well_known(iso, WKS_MATCH_ALL));
  if (m == VAL_EXCEPTION) return m;
  if (!val_is_callable(m)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, m, buf, sizeof buf));
  }
  return rt_call(iso, m, re, 1, &s);
}

/* GetSubstitution (ECMA-262 22.1.3.19.1). captures: a JS array of String-or-undefined (may be
 * undefined for none); named_captures: an object or undefined. */
Value builtins_get_substitution(Isolate *iso, Value matched, Value str, double position, Value captures,
                                Value named_captures, Value replacement) {
  str = str_flatten(iso, str);
  if (str == VAL_EXCEPTION) return str;
  replacement = str_flatten(iso, replacement);
  if (replacement == VAL_EXCEPTION) return replacement;
  double capture_len = 0;
  if (!val_is_undefined(captures) && rt_length_of_array_like(iso, captures, &capture_len) < 0) return VAL_EXCEPTION;
  uint32_t slen = str_length(str), rlen = str_length(replacement), mlen = str_length(matched);
  StringBuilder sb;
  sb_init(&sb, iso);
  for (uint32_t i = 0; i < rlen;) {
    uint16_t c = str_char_at(replacement, i);
    if (c != '$' || i + 1 >= rlen) {
      sb_append_unit(&sb, c);
      i++;
      continue;
    }
    uint16_t d = str_char_at(replacement, i + 1);
    if (d == '$') {
      sb_append_unit(&sb, '$');
      i += 2;
    } else if (d == '`') {
      for (uint32_t k = 0; k < (uint32_t)position && k < slen; k++) sb_append_unit(&sb, str_char_at(str, k));
      i += 2;
    } else if (d == '&') {
      sb_append_string(&sb, matched);
      i += 2;
    } else if (d == '\'') {
      double tail = position + mlen;
      for (uint32_t k = (uint32_t)fmin(tail, slen); k < slen; k++) sb_append_unit(&sb, str_char_at(str, k));
      i += 2;
    } else if (d >= '0' && d <= '9') {
      uint32_t digits = 1, index = d - '0';
      if (i + 2 < rlen) {
        uint16_t e = str_char_at(replacement, i + 2);
        if (e >= '0' && e <= '9') {
          uint32_t two = index * 10 + (e - '0');
          if (two >= 1 && two <= capture_len) {
            digits = 2;
            index = two;
          }
        }
      }
      if (index >= 1 && index <= capture_len) {
        Value cap = builtins_list_get(iso, captures, index - 1);
        if (cap == VAL_EXCEPTION) goto fail;
        if (!val_is_undefined(cap)) {
          Value cs = rt_to_string(iso, cap);
          if (cs == VAL_EXCEPTION) goto fail;
          sb_append_string(&sb, cs);
        }
      } else {
        for (uint32_t k = 0; k <= digits; k++) sb_append_unit(&sb, str_char_at(replacement, i + k));
      }
      i += 1 + digits;
    } else if (d == '<') {
      double gt = -1;
      for (uint32_t k = i + 2; k < rlen; k++)
        if (str_char_at(replacement, k) == '>') {
          gt = k;
          break;
        }
      if (gt < 0 || val_is_undefined(named_captures)) {
        sb_append_cstr(&sb, "$<");
        i += 2;
      } else {
        Value name = str_substring(iso, replacement, i + 2, (size_t)gt);
        if (name == VAL_EXCEPTION) goto fail;
        Value key = key_from_string(iso, name);
        if (key == VAL_EXCEPTION) goto fail;
        Value cap = rt_get(iso, named_captures, key);
        if (cap == VAL_EXCEPTION) goto fail;
        if (!val_is_undefined(cap)) {
          Value cs = rt_to_string(iso, cap);
          if (cs == VAL_EXCEPTION) goto fail;
          sb_append_string(&sb, cs);
        }
        i = (uint32_t)gt + 1;
      }
    } else {
      sb_append_unit(&sb, '$');
      i++;
    }
    if (sb.length > MAX_STRING_LENGTH) {
      sb_discard(&sb);
      return throw_invalid_length(iso);
    }
  }
  return sb_finish(&sb);
fail:
  sb_discard(&sb);
  return VAL_EXCEPTION;
}

/* replace (0) and replaceAll (1). */
static Value proto_replace(Isolate *iso, const CallArgs *args) {
  bool all = function_magic(args->callee) == 1;
  Value o = require_coercible(iso, args, all ? "String.prototype.replaceAll" : "String.prototype.replace");
  if (o == VAL_EXCEPTION) return o;
  Value search_value = call_arg(args, 0), replace_value = call_arg(args, 1);
  if (val_is_object(search_value)) {
    if (all && require_global(iso, search_value, "replaceAll") < 0) return VAL_EXCEPTION;
    Value r = delegate(iso, search_value, WKS_REPLACE, o, 1, replace_value);
    if (r != VAL_HOLE) return r;
  }
  Value s = to_flat_string(iso, o);
  if (s == VAL_EXCEPTION) return s;
  Value search = to_flat_string(iso, search_value);
  if (search == VAL_EXCEPTION) return search;
  bool functional = val_is_callable(replace_value);
  if (!functional) {
    replace_value = to_flat_string(iso, replace_value);
    if (replace_value == VAL_EXCEPTION) return replace_value;
  }
  uint32_t slen = str_length(search), len = str_length(s);
  double advance = slen > 0 ? slen : 1;
  /* The match positions are found before any replacement runs (the spec's list). */
  Value positions = array_new(iso, 0);
  if (positions == VAL_EXCEPTION) return positions;
  double pos = string_index_of(s, search, 0);
  while (pos >= 0) {
    if (array_push(iso, positions, val_from_number(pos)) < 0) return VAL_EXCEPTION;
    if (!all) break;
    pos = pos + advance > len ? -1 : string_index_of(s, search, pos + advance);
  }
  uint32_t count = array_length(positions);
  if (count == 0) return s;
  StringBuilder sb;
  sb_init(&sb, iso);
  double end_of_last = 0;
  for (uint32_t i = 0; i < count; i++) {
    Value pv = builtins_list_get(iso, positions, i);
    if (pv == VAL_EXCEPTION) goto fail;
    double p = val_to_number_unchecked(pv);
    for (uint32_t k = (uint32_t)end_of_last; k < (uint32_t)p; k++) sb_append_unit(&sb, str_char_at(s, k));
    Value rep;
    if (functional) {
      Value argv[3] = {search, pv, s};
      rep = rt_call(iso, replace_value, VAL_UNDEFINED, 3, argv);
      if (rep != VAL_EXCEPTION) rep = rt_to_string(iso, rep);
    } else {
      rep = builtins_get_substitution(iso, search, s, p, VAL_UNDEFINED, VAL_UNDEFINED, replace_value);
    }
    if (rep == VAL_EXCEPTION) goto fail;
    sb_append_string(&sb, rep);
    end_of_last = p + slen;
    if (sb.length > MAX_STRING_LENGTH) {
      sb_discard(&sb);
      return throw_invalid_length(iso);
    }
  }
  for (uint32_t k = (uint32_t)end_of_last; k < len; k++) sb_append_unit(&sb, str_char_at(s, k));
  return sb_finish(&sb);
fail:
  sb_discard(&sb);
  return VAL_EXCEPTION;
}

static Value proto_split(Isolate *iso, const CallArgs *args) {
  Value o = require_coercible(iso, args, "String.prototype.split");
  if (o == VAL_EXCEPTION) return o;
  Value sep_value = call_arg(args, 0), limit = call_arg(args, 1);
  Value r = delegate(iso, sep_value, WKS_SPLIT, o, 1, limit);
  if (r != VAL_HOLE) return r;
  Value s = to_flat_string(iso, o);
  if (s == VAL_EXCEPTION) return s;
  uint32_t lim = UINT32_MAX;
  if (!val_is_undefined(limit) && rt_to_uint32(iso, limit, &lim) < 0) return VAL_EXCEPTION;
  Value sep = to_flat_string(iso, sep_value);
  if (sep == VAL_EXCEPTION) return sep;
  Value a = array_new(iso, 0);
  if (a == VAL_EXCEPTION || lim == 0) return a;
  if (val_is_undefined(sep_value)) return array_push(iso, a, s) < 0 ? VAL_EXCEPTION : a;
  uint32_t len = str_length(s), seplen = str_length(sep);
  if (seplen == 0) {
    uint32_t n = len < lim ? len : lim;
    for (uint32_t i = 0; i < n; i++) {
      Value c = str_from_char_code(iso, str_char_at(s, i));
      if (c == VAL_EXCEPTION || array_push(iso, a, c) < 0) return VAL_EXCEPTION;
    }
    return a;
  }
  if (len == 0) return array_push(iso, a, s) < 0 ? VAL_EXCEPTION : a;
  uint32_t count = 0, p = 0;
  double q = string_index_of(s, sep, 0);
  while (q >= 0) {
    Value t = str_substring(iso, s, p, (size_t)q);
    if (t == VAL_EXCEPTION || array_push(iso, a, t) < 0) return VAL_EXCEPTION;
    if (++count == lim) return a;
    p = (uint32_t)q + seplen;
    q = string_index_of(s, sep, p);
  }
  Value t = str_substring(iso, s, p, len);
  if (t == VAL_EXCEPTION || array_push(iso, a, t) < 0) return VAL_EXCEPTION;
  return a;
}

/* ---- Conversions, iteration, Annex B HTML methods ------------------------------------------ */

static Value this_string_value(Isolate *iso, Value v, const char *method) {
  if (val_is_string(v)) return v;
  Value p = builtins_wrapper_value(v);
  if (val_is_string(p)) return p;
  return rt_throw_type_error(iso, "%s requires that 'this' be a String", method);
}

static Value proto_to_string(Isolate *iso, const CallArgs *args) {
  return this_string_value(iso, args->this_val, "String.prototype.toString");
}

static Value proto_value_of(Isolate *iso, const CallArgs *args) {
  return this_string_value(iso, args->this_val, "String.prototype.valueOf");
}

static Value proto_iterator(Isolate *iso, const CallArgs *args) {
  Value s = this_string(iso, args, "String.prototype[Symbol.iterator]");
  if (s == VAL_EXCEPTION) return s;
  return builtins_create_string_iterator(iso, s);
}

typedef struct HtmlMethod {
  const char *name, *tag, *attribute;
} HtmlMethod;

static const HtmlMethod kHtmlMethods[] = {
    {"anchor", "a", "name"}, {"big", "big", NULL},         {"blink", "blink", NULL},
    {"bold", "b", NULL},     {"fixed", "tt", NULL},        {"fontcolor", "font", "color"},
    {"fontsize", "font", "size"}, {"italics", "i", NULL},  {"link", "a", "href"},
    {"small", "small", NULL}, {"strike", "strike", NULL},  {"sub", "sub", NULL},
    {"sup", "sup", NULL},
};

/* CreateHTML (Annex B.2.2.2.1); magic indexes kHtmlMethods. */
static Value proto_html(Isolate *iso, const CallArgs *args) {
  const HtmlMethod *m = &kHtmlMethods[function_magic(args->callee)];
  char method[48];
  snprintf(method, sizeof method, "String.prototype.%s", m->name);
  Value s = this_string(iso, args, method);
  if (s == VAL_EXCEPTION) return s;
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_unit(&sb, '<');
  sb_append_cstr(&sb, m->tag);
  if (m->attribute) {
    Value v = to_flat_string(iso, call_arg(args, 0));
    if (v == VAL_EXCEPTION) {
      sb_discard(&sb);
      return v;
    }
    sb_append_unit(&sb, ' ');
    sb_append_cstr(&sb, m->attribute);
    sb_append_cstr(&sb, "=\"");
    uint32_t n = str_length(v);
    for (uint32_t i = 0; i < n; i++) {
      uint16_t c = str_char_at(v, i);
      if (c == '"')
        sb_append_cstr(&sb, "&quot;");
      else
        sb_append_unit(&sb, c);
    }
    sb_append_unit(&sb, '"');
  }
  sb_append_unit(&sb, '>');
  sb_append_string(&sb, s);
  sb_append_cstr(&sb, "</");
  sb_append_cstr(&sb, m->tag);
  sb_append_unit(&sb, '>');
  if (sb.length > MAX_STRING_LENGTH) {
    sb_discard(&sb);
    return throw_invalid_length(iso);
  }
  return sb_finish(&sb);
}

/* ---- Installation -------------------------------------------------------------------------- */

typedef struct MethodSpec {
  const char *name;
  NativeFunction fn;
  int length;
  int magic;
} MethodSpec;

static const MethodSpec kProtoMethods[] = {
    {"at", proto_at, 1, 0},
    {"charAt", proto_char_at, 1, 0},
    {"charCodeAt", proto_char_at, 1, 1},
    {"codePointAt", proto_char_at, 1, 2},
    {"concat", proto_concat, 1, 0},
    {"endsWith", proto_starts_ends_includes, 1, SEARCH_ENDS},
    {"includes", proto_starts_ends_includes, 1, SEARCH_INCLUDES},
    {"indexOf", proto_index_of, 1, 0},
    {"isWellFormed", proto_well_formed, 0, 0},
    {"lastIndexOf", proto_last_index_of, 1, 0},
    {"localeCompare", proto_locale_compare, 1, 0},
    {"match", proto_match_search, 1, 0},
    {"matchAll", proto_match_all, 1, 0},
    {"normalize", proto_normalize, 0, 0},
    {"padEnd", proto_pad, 1, 1},
    {"padStart", proto_pad, 1, 0},
    {"repeat", proto_repeat, 1, 0},
    {"replace", proto_replace, 2, 0},
    {"replaceAll", proto_replace, 2, 1},
    {"search", proto_match_search, 1, 1},
    {"slice", proto_slice, 2, 0},
    {"split", proto_split, 2, 0},
    {"startsWith", proto_starts_ends_includes, 1, SEARCH_STARTS},
    {"substr", proto_substr, 2, 0},
    {"substring", proto_substring, 2, 0},
    {"toLocaleLowerCase", proto_change_case, 0, 2},
    {"toLocaleUpperCase", proto_change_case, 0, 3},
    {"toLowerCase", proto_change_case, 0, 0},
    {"toString", proto_to_string, 0, 0},
    {"toUpperCase", proto_change_case, 0, 1},
    {"toWellFormed", proto_well_formed, 0, 1},
    {"trim", proto_trim, 0, 3},
    {"valueOf", proto_value_of, 0, 0},
};

int builtins_install_string(Isolate *iso, Realm *realm) {
  /* String.prototype is itself a String object whose [[StringData]] is "". */
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_STRING_PROTOTYPE], realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  Value proto = obj_new_primitive_wrapper(iso, NAME(iso, empty));
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_STRING_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "String", string_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_STRING], ctor);

  if (builtins_def_method(iso, ctor, "fromCharCode", string_from_char_code, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "fromCodePoint", string_from_code_point, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "raw", string_raw, 1, 0) == VAL_EXCEPTION) return -1;

  for (size_t i = 0; i < PT_ARRAY_LEN(kProtoMethods); i++) {
    const MethodSpec *m = &kProtoMethods[i];
    if (builtins_def_method(iso, proto, m->name, m->fn, m->length, m->magic) == VAL_EXCEPTION) return -1;
  }
  /* trimStart/trimEnd, with trimLeft/trimRight as the same function objects (Annex B). */
  Value ts = builtins_def_method(iso, proto, "trimStart", proto_trim, 0, 1);
  if (ts == VAL_EXCEPTION || builtins_def_value(iso, proto, "trimLeft", ts, ATTR_BUILTIN) < 0) return -1;
  Value te = builtins_def_method(iso, proto, "trimEnd", proto_trim, 0, 2);
  if (te == VAL_EXCEPTION || builtins_def_value(iso, proto, "trimRight", te, ATTR_BUILTIN) < 0) return -1;
  for (size_t i = 0; i < PT_ARRAY_LEN(kHtmlMethods); i++)
    if (builtins_def_method(iso, proto, kHtmlMethods[i].name, proto_html, kHtmlMethods[i].attribute ? 1 : 0,
                            (int)i) == VAL_EXCEPTION)
      return -1;
  if (builtins_def_method_key(iso, proto, sym_well_known(iso, WKS_ITERATOR), proto_iterator, 0, 0, ATTR_BUILTIN) ==
      VAL_EXCEPTION)
    return -1;
  return 0;
}
