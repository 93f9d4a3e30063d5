/* Unit tests of the regexp engine (src/regexp/): match results verified against node (V8),
 * syntax errors with V8's messages, stack safety on pathological inputs, and interrupts.
 * Strings encode any non-printable or special unit as %XXXX (hex UTF-16 code unit). */
#include <stdio.h>
#include <stdlib.h>

#include "regexp/regexp.h"

static int passed, failed;

static size_t decode(const char *s, uint16_t *out) {
  size_t n = 0;
  while (*s) {
    if (*s == '%') {
      out[n++] = (uint16_t)strtol((char[]){s[1], s[2], s[3], s[4], 0}, NULL, 16);
      s += 5;
    } else {
      out[n++] = (uint8_t)*s++;
    }
  }
  return n;
}

static void check(bool ok, const char *what, const char *detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    printf("FAIL %s %s\n", what, detail ? detail : "");
  }
}

typedef struct { const char *pattern, *flags, *input, *expected; } MatchCase;
static const MatchCase match_cases[] = {
  {"abc", "", "xxabcxx", "2-5"},
  {"a|ab", "", "ab", "0-1"},
  {"(a|ab)(c|bcd)(d*)", "", "abcd", "0-4,0-1,1-4,4-4"},
  {"a*%003f", "", "aaa", "0-0"},
  {"a+%003fb", "", "aaab", "0-4"},
  {"(a*)*b", "", "aaab", "0-4,0-3"},
  {"(a*)+", "", "b", "0-0,0-0"},
  {"(a|b)*c", "", "abababc", "0-7,5-6"},
  {"(z)((a+)%003f(b+)%003f(c))*", "", "zaacbbbcac", "0-10,0-1,8-10,8-9,u,9-10"},
  {"(a)|b", "", "b", "0-1,u"},
  {"^abc$", "m", "x%000aabc%000ay", "2-5"},
  {"^b", "", "ab", "null"},
  {"a$", "", "ab", "null"},
  {"%005cbfoo%005cb", "", "a foo b", "2-5"},
  {"%005cBoo", "", "foo", "1-3"},
  {"[a-c]+", "", "xxbcaz", "2-5"},
  {"[^a-c]+", "", "abcxyz", "3-6"},
  {"%005cd+%005cs%005cw+", "", "ab 12 cd", "3-8"},
  {"%005cD%005cS%005cW", "", "1a b", "null"},
  {".", "", "%000a", "null"},
  {".", "s", "%000a", "0-1"},
  {"a.c", "", "a%2028c", "null"},
  {"(%003f:ab){2,3}", "", "abababab", "0-6"},
  {"a{2}", "", "aaa", "0-2"},
  {"a{2,}%003f", "", "aaaa", "0-2"},
  {"x{0}y", "", "xy", "1-2"},
  {"(a)%005c1", "", "aa", "0-2,0-1"},
  {"(a)%005c1", "i", "aA", "0-2,0-1"},
  {"%005c1(a)", "", "a", "0-1,0-1"},
  {"(%003f<y>%005cd{4})-(%003f<m>%005cd%005cd)", "", "on 2024-05 ok", "3-10,3-7,8-10"},
  {"%005ck<x>(%003f<x>b)", "", "b", "0-1,0-1"},
  {"(%003f=(a+))a*b%005c1", "", "baaabac", "3-6,3-4"},
  {"(%003f!a)%005cw", "", "ab", "1-2"},
  {"(%003f<=%005c$)%005cd+", "", "cost $42", "6-8"},
  {"(%003f<!%005c$)%005cb%005cd+", "", "$4 5", "3-4"},
  {"(%003f<=(%005cd+)(%005cd+))$", "", "1053", "4-4,0-1,1-4"},
  {"(%003f<=%005c1(a))b", "", "aab", "2-3,1-2"},
  {"abc", "i", "ABC", "0-3"},
  {"[a-z]+", "i", "HeLLo", "0-5"},
  {"%005cu212a", "i", "k", "null"},
  {"%005cu212a", "iu", "k", "0-1"},
  {"%017f", "i", "s", "null"},
  {"%017f", "iu", "S", "0-1"},
  {"[^k]", "iu", "%212a", "null"},
  {"%005cw", "iu", "%017f", "0-1"},
  {"%005cW", "iu", "%017f", "null"},
  {"%005cbx", "iu", "%017fx", "null"},
  {"%00df", "i", "SS", "null"},
  {"[%005cu00e5]", "i", "%212b", "null"},
  {"%005cu00e5", "iu", "%212b", "0-1"},
  {"%005cu{1F600}", "u", "a%d83d%de00", "1-3"},
  {"^.$", "u", "%d83d%de00", "0-2"},
  {"^.$", "", "%d83d%de00", "null"},
  {"[%005cu{1F600}-%005cu{1F64F}]", "u", "x%d83d%de10", "1-3"},
  {"%005cud83d", "u", "%d83d%de00", "null"},
  {"%005cud83d", "", "%d83d%de00", "0-1"},
  {"%005cp{Lu}+", "u", "abCDe", "2-4"},
  {"%005cP{L}", "u", "ab1", "2-3"},
  {"%005cp{Script=Greek}+", "u", "ab%03b1%03b2%03b3d", "2-5"},
  {"%005cp{scx=Deva}", "u", "%0966", "0-1"},
  {"%005cp{Emoji_Presentation}", "u", "a%d83d%de00", "1-3"},
  {"[%005cp{L}--[a-z]]+", "v", "abCDe", "2-4"},
  {"[[a-z]&&[^aeiou]]+", "v", "aebcdi", "2-5"},
  {"[%005cq{abc|d}x]+", "v", "abcdxz", "0-5"},
  {"%005cp{RGI_Emoji}", "v", "a%d83c%ddfa%d83c%ddf8", "1-5"},
  {"[%005cp{ASCII}--%005cp{L}]+", "v", "ab12!c", "2-5"},
  {"%005c0", "", "a%0000", "1-2"},
  {"%005c01", "", "%0001", "0-1"},
  {"%005c8", "", "8", "0-1"},
  {"[%005cb]", "", "%0008", "0-1"},
  {"%005ccJ", "", "%000a", "0-1"},
  {"%005cc", "", "%005cc", "0-2"},
  {"[%005cc1]", "", "%0011", "0-1"},
  {"]", "", "]", "0-1"},
  {"{", "", "{", "0-1"},
  {"x{,2}", "", "x{,2}", "0-5"},
  {"%005cx41", "", "A", "0-1"},
  {"%005cu0041", "", "A", "0-1"},
  {"%005cp{L}", "", "p{L}", "0-4"},
  {"[%005cd-z]+", "", "-z5", "0-3"},
  {"a%005ck", "", "ak", "0-2"},
  {"(%003f=a)*b", "", "b", "0-1"},
  {"(a)|(b)", "", "b", "0-1,u,0-1"},
  {"((a)|b)+", "", "ab", "0-2,1-2,u"},
  {"(a*)b%005c1+", "", "baaaac", "0-1,0-0"},
  {"(.*%003f)a(%003f!(a+)b%005c2c)%005c2(.*)", "", "baaabaac", "0-8,0-2,u,3-8"},
  {"(%005cw+)%005cs(%005cw+)", "", "John Smith", "0-10,0-4,5-10"},
  {"(%003f:a|b)*c", "", "ababab", "null"},
  {"x*", "", "yyy", "0-0"},
  {"", "", "abc", "0-0"},
  {"[]", "", "a", "null"},
  {"[^]", "", "%000a", "0-1"},
  {"a{1,3}%003fb", "", "aaab", "0-4"},
  {"(a+)+b", "", "aaaaaaaaaaaaaaaab", "0-17,0-16"},
  {"^(%003f:a|ab)*c$", "", "abac", "0-4"},
  {"(%003f<=a(%003f=b)b)c", "", "abc", "2-3"},
  {"(%003f<=^|,)%005cw", "", "a,b", "0-1"},
  {"[%005cs%005cS]", "", "%2028", "0-1"},
  {"[%005cw-]+", "", "a-b_c!", "0-5"},
  {"[a%005c-z]+", "u", "-az", "0-3"},
  {"%005c/", "u", "/", "0-1"},
  {"(%003f<%d835%dc9c>.)%005ck<%d835%dc9c>", "", "xx", "0-2,0-1"},
  {"%005cu{61}", "", "a", "null"},
  {"%005cu{3}", "", "uuu", "0-3"},
  {"^[%005cu0130]", "i", "i", "null"},
  {"%005cu0131", "i", "I", "null"},
  {"[%005cu01c4-%005cu01c6]", "i", "%01c5", "0-1"},
  {"%005cu01c5", "i", "%01c6", "0-1"},
  {"%005cu01c5", "iu", "%01c6", "0-1"},
  {"[^%005cW%005cd_]", "", "a", "0-1"},
  {"%005cs+", "", "a%00a0%feff%3000b", "1-4"},
  {"(%003f:)", "", "x", "0-0"},
  {"a|", "", "b", "0-0"},
  {"(|a)+", "", "aa", "0-2,1-2"},
  {"(a|)+b", "", "aab", "0-3,1-2"},
  {"(%003f:a%003f)*%003fb", "", "ab", "0-2"},
  {"(%003f:(a)|b)*", "", "ab", "0-2,u"},
  {"((a)|(b))*", "", "ab", "0-2,1-2,u,1-2"},
  /* Hand-verified (node 20 predates duplicate named groups and modifiers). */
  {"(%003f<a>x)|(%003f<a>y)", "", "y", "0-1,u,0-1"},
  {"(%003f:(%003f<a>x)|(%003f<a>y))%005ck<a>", "", "yy", "0-2,u,0-1"},
  {"(%003fi:a)b", "", "Ab", "0-2"},
  {"(%003fi:a)b", "", "AB", "null"},
  {"(%003f-i:a)b", "i", "aB", "0-2"},
  {"(%003fm:^b)", "", "a%000ab", "2-3"},
  {"(%003fs:.)", "", "%000a", "0-1"},
};

static void run_match(const MatchCase *c, bool force_two_byte) {
  uint16_t pat[256], in[256];
  size_t plen = decode(c->pattern, pat), ilen = decode(c->input, in);
  char err[256];
  RegExpCode *code = re_compile(pat, plen, (uint32_t)re_parse_flags_ascii(c->flags), err, sizeof err);
  char what[400];
  snprintf(what, sizeof what, "/%s/%s on \"%s\"%s", c->pattern, c->flags, c->input,
           force_two_byte ? " (two-byte)" : "");
  if (!code) {
    check(false, what, err);
    return;
  }
  bool one_byte = !force_two_byte;
  for (size_t i = 0; i < ilen; i++)
    if (in[i] > 255) one_byte = false;
  uint8_t in8[256];
  for (size_t i = 0; i < ilen; i++) in8[i] = (uint8_t)in[i];
  int caps[200];
  int r = re_exec(code, one_byte ? (const void *)in8 : (const void *)in, ilen, one_byte, 0, caps, NULL, NULL);
  char got[512] = "null";
  if (r == 1) {
    size_t n = 0;
    for (int i = 0; i < re_capture_count(code); i++) {
      if (caps[2 * i] < 0) n += (size_t)snprintf(got + n, sizeof got - n, "%su", i ? "," : "");
      else n += (size_t)snprintf(got + n, sizeof got - n, "%s%d-%d", i ? "," : "", caps[2 * i], caps[2 * i + 1]);
    }
  } else if (r < 0) {
    snprintf(got, sizeof got, "error %d", r);
  }
  char detail[700];
  snprintf(detail, sizeof detail, "expected %s got %s", c->expected, got);
  check(strcmp(got, c->expected) == 0, what, detail);
  re_free(code);
}

typedef struct { const char *pattern, *flags, *message; } ErrorCase;
static const ErrorCase error_cases[] = {
  {"(", "", "Invalid regular expression: /(/: Unterminated group"},
  {"(", "g", "Invalid regular expression: /(/g: Unterminated group"},
  {"a**", "", "Invalid regular expression: /a**/: Nothing to repeat"},
  {"[b-a]", "", "Invalid regular expression: /[b-a]/: Range out of order in character class"},
  {"%005ck<a>(%003f<b>x)", "", "Invalid regular expression: /\\k<a>(?<b>x)/: Invalid named capture referenced"},
  {"(%003f<a>x)(%003f<a>y)", "", "Invalid regular expression: /(?<a>x)(?<a>y)/: Duplicate capture group name"},
  {"(%003f<a>x)|(%003f<a>y)(%003f<a>z)", "", "Invalid regular expression: /(?<a>x)|(?<a>y)(?<a>z)/: Duplicate capture group name"},
  {"%005cp{Foo}", "u", "Invalid regular expression: /\\p{Foo}/u: Invalid property name"},
  {"a{2,1}", "", "Invalid regular expression: /a{2,1}/: numbers out of order in {} quantifier"},
  {")", "", "Invalid regular expression: /)/: Unmatched ')'"},
  {"[", "u", "Invalid regular expression: /[/u: Unterminated character class"},
  {"%005c", "u", "Invalid regular expression: /\\/u: \\ at end of pattern"},
  {"(%003f<1a>x)", "", "Invalid regular expression: /(?<1a>x)/: Invalid capture group name"},
  {"%005cc", "u", "Invalid regular expression: /\\c/u: Invalid Unicode escape"},
  {"%005cu{110000}", "u", "Invalid regular expression: /\\u{110000}/u: Invalid Unicode escape"},
  {"{1}", "u", "Invalid regular expression: /{1}/u: Nothing to repeat"},
  {"a{", "u", "Invalid regular expression: /a{/u: Incomplete quantifier"},
  {"(%003fii:a)", "", "Invalid regular expression: /(?ii:a)/: Invalid group"},
  {"(%003f-:a)", "", "Invalid regular expression: /(?-:a)/: Invalid group"},
  {"[a&&&b]", "v", "Invalid regular expression: /[a&&&b]/v: Invalid character in character class"},
  {"[(]", "v", "Invalid regular expression: /[(]/v: Invalid character in character class"},
  {"[^%005cq{ab}]", "v", "Invalid regular expression: /[^\\q{ab}]/v: Negated character class may contain strings"},
  {"%005c1(a)%005c2", "u", "Invalid regular expression: /\\1(a)\\2/u: Invalid escape"},
  {"(%003f<=a)*", "", "Invalid regular expression: /(?<=a)*/: Invalid quantifier"},
  {"%005c-", "u", "Invalid regular expression: /\\-/u: Invalid escape"},
  {"[%005cd-a]", "u", "Invalid regular expression: /[\\d-a]/u: Invalid character class"},
  {"%005cP{RGI_Emoji}", "v", "Invalid regular expression: /\\P{RGI_Emoji}/v: Invalid property name"},
  {"{", "u", "Invalid regular expression: /{/u: Lone quantifier brackets"},
  {"]", "u", "Invalid regular expression: /]/u: Lone quantifier brackets"},
  {"%005c00", "u", "Invalid regular expression: /\\00/u: Invalid decimal escape"},
  {"[%005c1]", "u", "Invalid regular expression: /[\\1]/u: Invalid class escape"},
  {"%005ck", "u", "Invalid regular expression: /\\k/u: Invalid named reference"},
  {"(%003f<a>)%005ck", "", "Invalid regular expression: /(?<a>)\\k/: Invalid named reference"},
  {"[a-%005cd]", "v", "Invalid regular expression: /[a-\\d]/v: Invalid character class"},
  {"[a&&b--c]", "v", "Invalid regular expression: /[a&&b--c]/v: Invalid set operation in character class"},
  {"[&&a]", "v", "Invalid regular expression: /[&&a]/v: Invalid set operation in character class"},
  {"%005cp{Basic_Emoji}", "u", "Invalid regular expression: /\\p{Basic_Emoji}/u: Invalid property name"},
  {"x{1}{1,}", "", "Invalid regular expression: /x{1}{1,}/: Nothing to repeat"},
  {"a", "gg", "Invalid regular expression flags"},
  {"a", "uv", "Invalid regular expression flags"},
  {"a", "x", "Invalid regular expression flags"},
};

static void run_error(const ErrorCase *c) {
  uint16_t pat[256];
  size_t plen = decode(c->pattern, pat);
  char err[256];
  bool ok = re_validate_pattern(pat, plen, c->flags, err, sizeof err);
  char detail[600];
  snprintf(detail, sizeof detail, "expected \"%s\" got \"%s\"", c->message, ok ? "(valid)" : err);
  check(!ok && strcmp(err, c->message) == 0, c->pattern, detail);
}

static int poll_calls;
static bool poll_stop_after_10(void *data) {
  (void)data;
  return ++poll_calls < 10;
}

static void pathological(void) {
  char err[256];
  /* /(a*)*b/ on 100,000 'a's is exponential (in V8 too): it must neither exhaust the C stack
   * nor run away; the poll callback stops it. */
  size_t n = 100000;
  uint8_t *in = malloc(n);
  memset(in, 'a', n);
  const uint16_t p1[] = {'(', 'a', '*', ')', '*', 'b'};
  RegExpCode *code = re_compile(p1, 6, 0, err, sizeof err);
  int caps[8];
  poll_calls = -2000;
  check(code && re_exec(code, in, n, true, 0, caps, poll_stop_after_10, NULL) == RE_EXEC_INTERRUPTED,
        "(a*)*b on 100k", NULL);
  re_free(code);
  /* /(?:a|b)*c/ forces one choice point per character. */
  const uint16_t p2[] = {'(', '?', ':', 'a', '|', 'b', ')', '*', 'a'};
  code = re_compile(p2, 9, 0, err, sizeof err);
  int r = code ? re_exec(code, in, n, true, 0, caps, NULL, NULL) : -9;
  check(r == 1 && caps[0] == 0 && caps[1] == (int)n, "(?:a|b)*a on 100k", NULL);
  re_free(code);
  /* (((...a...))) nested 50,000 deep: a clean error, not a crash. */
  size_t depth = 50000;
  uint16_t *deep = malloc((2 * depth + 1) * sizeof *deep);
  for (size_t i = 0; i < depth; i++) deep[i] = '(', deep[depth + 1 + i] = ')';
  deep[depth] = 'a';
  check(!re_validate_pattern(deep, 2 * depth + 1, "", err, sizeof err) &&
            strstr(err, "Regular expression too large") != NULL,
        "deep nesting", err);
  /* 300 deep is fine. */
  for (size_t i = 0; i < 300; i++) deep[i] = '(', deep[301 + i] = ')';
  deep[300] = 'a';
  code = re_compile(deep, 601, 0, err, sizeof err);
  const uint8_t a1[] = "a";
  check(code && re_exec(code, a1, 1, true, 0, (int[1000]){0}, NULL, NULL) == 1, "300 deep", err);
  re_free(code);
  free(deep);
  /* Catastrophic backtracking is interruptible. */
  const uint16_t p3[] = {'(', 'a', '+', ')', '+', 'b'};
  code = re_compile(p3, 6, 0, err, sizeof err);
  poll_calls = 0;
  r = code ? re_exec(code, in, 40, true, 0, caps, poll_stop_after_10, NULL) : -9;
  check(r == RE_EXEC_INTERRUPTED, "interrupt (a+)+b", NULL);
  re_free(code);
  free(in);
}

static void sticky_and_start(void) {
  char err[256];
  const uint16_t p[] = {'a'};
  const uint8_t in[] = "baa";
  int caps[2];
  RegExpCode *code = re_compile(p, 1, RE_FLAG_STICKY, err, sizeof err);
  check(re_exec(code, in, 3, true, 0, caps, NULL, NULL) == 0, "sticky at 0", NULL);
  check(re_exec(code, in, 3, true, 1, caps, NULL, NULL) == 1 && caps[0] == 1, "sticky at 1", NULL);
  re_free(code);
  code = re_compile(p, 1, 0, err, sizeof err);
  check(re_exec(code, in, 3, true, 2, caps, NULL, NULL) == 1 && caps[0] == 2, "search from 2", NULL);
  check(re_exec(code, in, 3, true, 3, caps, NULL, NULL) == 0, "search from end", NULL);
  re_free(code);
  /* Named group accessors. */
  const uint16_t p2[] = {'(', '?', '<', 'x', '>', 'a', ')', '|', '(', '?', '<', 'x', '>', 'b', ')'};
  code = re_compile(p2, 15, 0, err, sizeof err);
  const int *gc;
  size_t nl;
  check(code && re_group_name_count(code) == 1 && re_group_name(code, 0, &nl)[0] == 'x' && nl == 1 &&
            re_group_name_captures(code, 0, &gc) == 2 && gc[0] == 1 && gc[1] == 2,
        "duplicate named group accessors", NULL);
  re_free(code);
}

/* re_exec_ex's forced search on a sticky code, and the search filters (quick check, minimum
 * length, memchr scan) on long Latin-1 and UTF-16 subjects. */
static void search_filters(void) {
  char err[256];
  int caps[4];
  const uint16_t p[] = {'a'};
  const uint8_t in[] = "bba";
  RegExpCode *code = re_compile(p, 1, RE_FLAG_STICKY, err, sizeof err);
  check(re_exec_ex(code, in, 3, true, 0, caps, false, NULL, NULL) == 0, "sticky not forced", NULL);
  check(re_exec_ex(code, in, 3, true, 0, caps, true, NULL, NULL) == 1 && caps[0] == 2, "sticky forced search", NULL);
  re_free(code);
  /* "x(y|yz)" needs 2 units: a subject ending in "x" has no match; the hit is at the very end. */
  const uint16_t p2[] = {'x', '(', 'y', '|', 'y', 'z', ')'};
  code = re_compile(p2, 7, 0, err, sizeof err);
  size_t n = 5000;
  uint8_t *s8 = malloc(n);
  uint16_t *s16 = malloc(n * sizeof *s16);
  for (size_t i = 0; i < n; i++) s8[i] = 'x', s16[i] = i % 2 ? 0x100 : 'x';
  check(re_exec(code, s8, n, true, 0, caps, NULL, NULL) == 0, "quick check: no match", NULL);
  s8[n - 1] = 'y';
  check(re_exec(code, s8, n, true, 0, caps, NULL, NULL) == 1 && caps[0] == (int)n - 2 && caps[2] == (int)n - 1,
        "quick check: match at the end", NULL);
  s16[n - 1] = 'y';
  s16[n - 2] = 'x';
  check(re_exec(code, s16, n, false, 0, caps, NULL, NULL) == 1 && caps[0] == (int)n - 2, "quick check: UTF-16", NULL);
  re_free(code);
  /* Case-insensitive, wide units allowed at offset 1: "aK" matches "a\u212A" under /i/u only. */
  const uint16_t p3[] = {'a', 'k'};
  code = re_compile(p3, 2, RE_FLAG_IGNORE_CASE, err, sizeof err);
  const uint16_t in3[] = {'b', 'A', 'K'};
  check(re_exec(code, in3, 3, false, 0, caps, NULL, NULL) == 1 && caps[0] == 1, "quick check: icase", NULL);
  re_free(code);
  free(s8);
  free(s16);
}

int main(void) {
  for (size_t i = 0; i < PT_ARRAY_LEN(match_cases); i++) {
    run_match(&match_cases[i], false);
    run_match(&match_cases[i], true);
  }
  for (size_t i = 0; i < PT_ARRAY_LEN(error_cases); i++) run_error(&error_cases[i]);
  pathological();
  sticky_and_start();
  search_filters();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
