/* Strings: construction, ropes and flattening, interning, hashing, UTF-8/WTF-8, StringBuilder,
 * the length limit; plus symbols and the names table. */
#include "execution/isolate.h"
#include "heap/heap.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"

#include <stdio.h>
#include <stdlib.h>

#include "unit-check.h"

static bool utf8_is(Isolate *iso, Value s, const char *expect) {
  size_t n;
  char *u = str_to_utf8(iso, s, &n);
  bool ok = u && n == strlen(expect) && memcmp(u, expect, n) == 0;
  free(u);
  return ok;
}

static void test_basic(Isolate *iso) {
  Value a = str_from_cstr(iso, "hello");
  CHECK(str_length(a) == 5);
  CHECK(str_is_one_byte(a));
  CHECK(str_char_at(a, 1) == 'e');
  CHECK(str_equals_cstr(a, "hello"));
  Value e = str_new_latin1(iso, NULL, 0);
  CHECK(str_length(e) == 0);
  CHECK(str_equals(e, NAME(iso, empty)));
  /* Latin-1 from UTF-8: "café" is 4 units, one-byte. */
  Value cafe = str_from_cstr(iso, "caf\xC3\xA9");
  CHECK(str_length(cafe) == 4 && str_is_one_byte(cafe) && str_char_at(cafe, 3) == 0xE9);
  /* Two-byte: "€" U+20AC; astral U+1F600 is a surrogate pair. */
  Value euro = str_from_cstr(iso, "\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK(str_length(euro) == 3 && !str_is_one_byte(euro));
  CHECK(str_char_at(euro, 0) == 0x20AC && str_char_at(euro, 1) == 0xD83D && str_char_at(euro, 2) == 0xDE00);
  CHECK(utf8_is(iso, euro, "\xE2\x82\xAC\xF0\x9F\x98\x80"));
  /* str_new_utf16 narrows. */
  uint16_t units[3] = {'a', 0xFF, 'b'};
  Value n = str_new_utf16(iso, units, 3);
  CHECK(str_is_one_byte(n) && str_equals_cstr(n, "a\xFF" "b"));
  /* Comparison by code units. */
  CHECK(str_compare(str_from_cstr(iso, "abc"), str_from_cstr(iso, "abd")) < 0);
  CHECK(str_compare(str_from_cstr(iso, "ab"), str_from_cstr(iso, "abc")) < 0);
  CHECK(str_compare(str_from_cstr(iso, "b"), str_from_cstr(iso, "abc")) > 0);
  CHECK(str_compare(euro, str_from_cstr(iso, "z")) > 0);
  CHECK(str_compare(str_from_cstr(iso, "same"), str_from_cstr(iso, "same")) == 0);
  Value p = str_printf(iso, "%s-%d", "x", 42);
  CHECK(str_equals_cstr(p, "x-42"));
  Value c = str_from_char_code(iso, 0x41);
  CHECK(str_equals_cstr(c, "A"));
  CHECK(str_from_char_code(iso, 0x41) == c && str_is_internalized(c)); /* cached */
  CHECK(str_intern_cstr(iso, "A") == c);
  CHECK(str_char_at(str_from_char_code(iso, 0xE9), 0) == 0xE9);
  CHECK(str_char_at(str_from_char_code(iso, 0xD800), 0) == 0xD800);
  uint32_t idx = 0;
  CHECK(str_as_array_index(str_from_cstr(iso, "42"), &idx) && idx == 42);
  CHECK(str_as_array_index(str_from_cstr(iso, "0"), &idx) && idx == 0);
  CHECK(!str_as_array_index(str_from_cstr(iso, "01"), &idx));
  CHECK(!str_as_array_index(str_from_cstr(iso, "4294967295"), &idx));
  CHECK(str_as_array_index(str_from_cstr(iso, "4294967294"), &idx) && idx == 4294967294u);
  CHECK(!str_as_array_index(str_from_cstr(iso, "-1"), &idx));
}

static void test_concat_and_ropes(Isolate *iso) {
  Value a = str_from_cstr(iso, "abc"), b = str_from_cstr(iso, "def");
  Value ab = str_concat(iso, a, b);
  CHECK(str_length(ab) == 6 && str_equals_cstr(ab, "abcdef")); /* short: flat */
  Value long1 = str_from_cstr(iso, "the quick brown "), long2 = str_from_cstr(iso, "fox jumps");
  Value rope = str_concat(iso, long1, long2);
  CHECK(heap_object_type(val_to_ptr(rope)) == IT_CONS_STRING);
  CHECK(str_length(rope) == 25);
  CHECK(str_equals(rope, str_from_cstr(iso, "the quick brown fox jumps")));
  CHECK(str_hash(iso, rope) == str_hash(iso, str_from_cstr(iso, "the quick brown fox jumps")));
  Value flat = str_flatten(iso, rope);
  CHECK(heap_object_type(val_to_ptr(flat)) == IT_SEQ_ONE_BYTE_STRING);
  CHECK(str_equals_cstr(flat, "the quick brown fox jumps"));
  CHECK(str_char_at(rope, 4) == 'q'); /* a flattened rope reads directly */
  CHECK(str_concat(iso, a, NAME(iso, empty)) == a);
  /* Mixed widths. */
  Value wide = str_concat(iso, long1, str_from_cstr(iso, "\xE2\x82\xAC!"));
  CHECK(!str_is_one_byte(wide) && str_length(wide) == 18);
  uint16_t out[18];
  str_copy_utf16(wide, 0, 18, out);
  CHECK(out[0] == 't' && out[16] == 0x20AC && out[17] == '!');
  str_copy_utf16(wide, 15, 2, out);
  CHECK(out[0] == ' ' && out[1] == 0x20AC);
  CHECK(utf8_is(iso, wide, "the quick brown \xE2\x82\xAC!"));
  Value sub = str_substring(iso, wide, 4, 9);
  CHECK(str_equals_cstr(sub, "quick"));
  Value sub2 = str_substring(iso, wide, 16, 18);
  CHECK(str_length(sub2) == 2 && str_char_at(sub2, 0) == 0x20AC);
}

/* A left-deep rope of a million one-unit pieces: s = s + "x" as a JS loop would build it, then
 * a right-deep one; both flatten, hash and compare without recursion. */
static void test_deep_rope(Isolate *iso) {
  Value x = str_from_cstr(iso, "x"), y = str_from_cstr(iso, "y");
  Value s = str_from_cstr(iso, "start-of-rope:");
  Value r = str_from_cstr(iso, "end-of-rope!!");
  for (int i = 0; i < 1000000; i++) {
    s = str_concat(iso, s, (i & 1) ? y : x);
    r = str_concat(iso, (i & 1) ? y : x, r);
    if (s == VAL_EXCEPTION || r == VAL_EXCEPTION) break;
  }
  CHECK(str_length(s) == 1000014 && str_length(r) == 1000013);
  uint32_t h = str_hash(iso, s); /* hashes the rope piece by piece */
  Value fs = str_flatten(iso, s);
  CHECK(fs != VAL_EXCEPTION && str_length(fs) == 1000014);
  CHECK(str_char_at(fs, 14) == 'x' && str_char_at(fs, 15) == 'y' && str_char_at(fs, 1000013) == 'y');
  CHECK(str_hash(iso, fs) == h);
  Value fr = str_flatten(iso, r);
  CHECK(str_char_at(fr, 0) == 'y' && str_char_at(fr, 999999) == 'x');
  CHECK(str_equals_cstr(str_substring(iso, fr, 1000000, 1000013), "end-of-rope!!"));
  /* Compare two unflattened deep ropes. */
  Value s2 = str_from_cstr(iso, "start-of-rope:");
  for (int i = 0; i < 100000; i++) s2 = str_concat(iso, s2, (i & 1) ? y : x);
  Value s3 = str_from_cstr(iso, "start-of-rope:");
  for (int i = 0; i < 100000; i++) s3 = str_concat(iso, s3, (i & 1) ? y : x);
  CHECK(str_equals(s2, s3));
  CHECK(str_compare(s2, s) < 0);
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(str_equals(s2, s3));
}

static void test_interning(Isolate *iso) {
  Value a = str_intern(iso, str_from_cstr(iso, "propertyName"));
  Value b = str_intern(iso, str_from_cstr(iso, "propertyName"));
  CHECK(a == b);
  CHECK(str_is_internalized(a));
  CHECK(str_intern_cstr(iso, "propertyName") == a);
  CHECK(str_intern_cstr(iso, "length") == NAME(iso, length));
  CHECK(str_lookup_latin1(iso, (const uint8_t *)"length", 6) == NAME(iso, length));
  CHECK(str_lookup_latin1(iso, (const uint8_t *)"no-such-string-xyz", 18) == VAL_NOT_FOUND);
  /* A rope interns to the flat canonical string. */
  Value rope = str_concat(iso, str_from_cstr(iso, "a long property "), str_from_cstr(iso, "name here"));
  Value ri = str_intern(iso, rope);
  CHECK(ri == str_intern_cstr(iso, "a long property name here"));
  /* Two-byte strings intern too. */
  Value w1 = str_intern(iso, str_from_cstr(iso, "\xE2\x82\xAC" "key"));
  Value w2 = str_intern(iso, str_from_cstr(iso, "\xE2\x82\xAC" "key"));
  CHECK(w1 == w2);
  /* Many strings: the table grows; all stay canonical across a collection. */
  Value keep[2000];
  char buf[32];
  for (int i = 0; i < 2000; i++) {
    snprintf(buf, sizeof buf, "key%d", i);
    keep[i] = str_intern_cstr(iso, buf);
  }
  heap_collect(iso, GC_REASON_EXPLICIT);
  bool ok = true;
  for (int i = 0; i < 2000; i++) {
    snprintf(buf, sizeof buf, "key%d", i);
    if (str_intern_cstr(iso, buf) != keep[i]) ok = false;
  }
  CHECK(ok);
  /* Names survive collections and are internalized. */
  CHECK(str_equals_cstr(NAME(iso, prototype), "prototype") && str_is_internalized(NAME(iso, prototype)));
  CHECK(str_equals_cstr(NAME(iso, minus_Infinity), "-Infinity"));
}

static void test_surrogates_and_utf8(Isolate *iso) {
  /* A lone lead surrogate survives UTF-16 -> string -> WTF-8 -> string. */
  uint16_t lone[4] = {'a', 0xD800, 'b', 0xDC00};
  Value s = str_new_utf16(iso, lone, 4);
  CHECK(str_length(s) == 4 && str_char_at(s, 1) == 0xD800 && str_char_at(s, 3) == 0xDC00);
  size_t n;
  char *w = str_to_wtf8(iso, s, &n);
  CHECK(w && n == 8);
  Value back = str_new_utf8(iso, w, n);
  CHECK(str_equals(back, s));
  free(w);
  /* Plain UTF-8 output replaces lone surrogates with U+FFFD. */
  CHECK(utf8_is(iso, s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD"));
  /* A pair split across two rope pieces still converts to one 4-byte sequence. */
  Value left = str_concat(iso, str_from_cstr(iso, "0123456789ab"), str_from_char_code(iso, 0xD83D));
  Value pair = str_concat(iso, left, str_from_char_code(iso, 0xDE00));
  CHECK(utf8_is(iso, pair, "0123456789ab\xF0\x9F\x98\x80"));
  /* Malformed UTF-8 decodes to U+FFFD per maximal subpart. */
  Value bad = str_new_utf8(iso, "a\xFF" "b\xE2\x82" "c", 6);
  CHECK(str_length(bad) == 5 && str_char_at(bad, 1) == 0xFFFD && str_char_at(bad, 3) == 0xFFFD &&
        str_char_at(bad, 4) == 'c');
  /* Round trip of every BMP unit and some astral code points. */
  bool ok = true;
  for (uint32_t cp = 1; cp < 0x110000; cp += (cp < 0x10000 ? 1 : 0x101)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    char enc[5];
    uint16_t u[2];
    size_t k = 0;
    int len = 0;
    if (cp < 0x80) enc[len++] = (char)cp;
    else if (cp < 0x800) { enc[len++] = (char)(0xC0 | (cp >> 6)); enc[len++] = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { enc[len++] = (char)(0xE0 | (cp >> 12)); enc[len++] = (char)(0x80 | ((cp >> 6) & 0x3F)); enc[len++] = (char)(0x80 | (cp & 0x3F)); }
    else { enc[len++] = (char)(0xF0 | (cp >> 18)); enc[len++] = (char)(0x80 | ((cp >> 12) & 0x3F)); enc[len++] = (char)(0x80 | ((cp >> 6) & 0x3F)); enc[len++] = (char)(0x80 | (cp & 0x3F)); }
    Value v = str_new_utf8(iso, enc, (size_t)len);
    if (cp < 0x10000) { u[0] = (uint16_t)cp; k = 1; }
    else { u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10)); u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF)); k = 2; }
    if (str_length(v) != k) { ok = false; break; }
    uint16_t got[2];
    str_copy_utf16(v, 0, k, got);
    if (memcmp(got, u, k * 2) != 0) { ok = false; break; }
    size_t on;
    char *o = str_to_utf8(iso, v, &on);
    if (!o || on != (size_t)len || memcmp(o, enc, on) != 0) ok = false;
    free(o);
    if (!ok) break;
  }
  CHECK(ok);
}

static void test_builder(Isolate *iso) {
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "abc");
  sb_append_string(&sb, str_from_cstr(iso, "def"));
  sb_append_unit(&sb, 'g');
  Value r = sb_finish(&sb);
  CHECK(str_is_one_byte(r) && str_equals_cstr(r, "abcdefg"));
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "x");
  sb_append_code_point(&sb, 0x1F600);
  r = sb_finish(&sb);
  CHECK(str_length(r) == 3 && str_char_at(r, 1) == 0xD83D && str_char_at(r, 2) == 0xDE00);
  sb_init(&sb, iso);
  for (int i = 0; i < 100000; i++) sb_append_unit(&sb, (uint16_t)('a' + i % 26));
  r = sb_finish(&sb);
  CHECK(str_length(r) == 100000 && str_char_at(r, 99999) == 'a' + 99999 % 26);
}

static void test_length_limit(Isolate *iso) {
  /* Doubling a string past 2^29-24 units throws RangeError "Invalid string length" (no copy is
   * made: the ropes are cheap). */
  Value s = str_from_cstr(iso, "0123456789abcdef");
  int doublings = 0;
  for (; doublings < 40; doublings++) {
    Value t = str_concat(iso, s, s);
    if (t == VAL_EXCEPTION) break;
    s = t;
  }
  CHECK(doublings == 24); /* 16 * 2^24 = 2^28 fits; 2^29 does not */
  CHECK(isolate_has_exception(iso));
  isolate_take_exception(iso);
  CHECK(!isolate_has_exception(iso));
}

static void test_symbols(Isolate *iso) {
  Value d = str_from_cstr(iso, "desc");
  Value s1 = sym_new(iso, d), s2 = sym_new(iso, d);
  CHECK(s1 != s2);
  CHECK(sym_description(s1) == d);
  CHECK(!sym_is_private(s1));
  CHECK(sym_description(sym_new(iso, VAL_UNDEFINED)) == VAL_UNDEFINED);
  Value p = sym_new_private(iso, d);
  CHECK(sym_is_private(p));
  Value it = sym_well_known(iso, WKS_ITERATOR);
  CHECK(heap_object_type(val_to_ptr(it)) == IT_SYMBOL);
  CHECK(str_equals_cstr(sym_description(it), "Symbol.iterator"));
  CHECK(it != sym_well_known(iso, WKS_ASYNC_ITERATOR));
  Value f1 = sym_for(iso, str_from_cstr(iso, "app.key"));
  Value f2 = sym_for(iso, str_from_cstr(iso, "app.key"));
  CHECK(f1 == f2);
  CHECK(f1 != sym_for(iso, str_from_cstr(iso, "app.other")));
  CHECK(str_equals_cstr(sym_key_for(iso, f1), "app.key"));
  CHECK(sym_key_for(iso, s1) == VAL_UNDEFINED);
  CHECK(sym_key_for(iso, it) == VAL_UNDEFINED);
  for (int i = 0; i < 500; i++) { /* registry growth */
    char buf[32];
    snprintf(buf, sizeof buf, "k%d", i);
    sym_for(iso, str_from_cstr(iso, buf));
  }
  heap_collect(iso, GC_REASON_EXPLICIT);
  CHECK(sym_for(iso, str_from_cstr(iso, "app.key")) == f1);
  CHECK(sym_well_known(iso, WKS_ITERATOR) == it);
  CHECK(str_equals_cstr(sym_description(it), "Symbol.iterator"));
}

int main(void) {
  Isolate *iso = isolate_new(NULL);
  CHECK(iso != NULL);
  if (!iso) return 1;
  test_basic(iso);
  test_concat_and_ropes(iso);
  test_deep_rope(iso);
  test_interning(iso);
  test_surrogates_and_utf8(iso);
  test_builder(iso);
  test_length_limit(iso);
  test_symbols(iso);
  isolate_free(iso);
  /* The same under --stress-gc with heap verification. */
  HeapOptions o = {0};
  o.stress_gc = 50;
  o.verify_heap = true;
  iso = isolate_new(&o);
  CHECK(iso != NULL);
  if (!iso) return 1;
  test_basic(iso);
  test_concat_and_ropes(iso);
  test_interning(iso);
  test_surrogates_and_utf8(iso);
  test_builder(iso);
  test_symbols(iso);
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
