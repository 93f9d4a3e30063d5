/*
 * The regular-expression engine: a parser (ECMAScript 2025 syntax, Annex B when neither u nor v is
 * set), a compiler to a compact bytecode, and a backtracking VM whose backtrack stack lives on the
 * C heap, so no pattern and no input can exhaust the native stack.
 *
 * This module is heap-free: it knows nothing of Values, isolates or the GC. The parser calls
 * re_validate_pattern for early errors of regexp literals; the RegExp built-in compiles with
 * re_compile and matches with re_exec.
 */
#ifndef PETREL_REGEXP_REGEXP_H
#define PETREL_REGEXP_REGEXP_H

#include "base/common.h"

/* Flags, as bits. */
enum {
  RE_FLAG_HAS_INDICES = 1 << 0, /* d */
  RE_FLAG_GLOBAL = 1 << 1,      /* g */
  RE_FLAG_IGNORE_CASE = 1 << 2, /* i */
  RE_FLAG_MULTILINE = 1 << 3,   /* m */
  RE_FLAG_DOT_ALL = 1 << 4,     /* s */
  RE_FLAG_UNICODE = 1 << 5,     /* u */
  RE_FLAG_UNICODE_SETS = 1 << 6,/* v */
  RE_FLAG_STICKY = 1 << 7,      /* y */
};

/* Parses a flags string (dgimsuvy, no duplicates, not u with v). Returns the bits, or -1 if
 * invalid. */
int re_parse_flags(const uint16_t *flags, size_t len);
int re_parse_flags_ascii(const char *flags);

/* Validates a pattern per ECMAScript 2025 (Annex B syntax when neither u nor v is set).
 * flags_ascii is the flags string (also validated: only dgimsuvy, no duplicates, not u with v).
 * On error writes V8's message text, e.g. "Invalid regular expression: /(/: Unterminated group",
 * and returns false. */
bool re_validate_pattern(const uint16_t *pattern, size_t len, const char *flags_ascii,
                         char *error_buf, size_t error_buf_size);

/* Compiled code: malloc'd, immutable once built, shareable between isolates and threads. */
typedef struct RegExpCode RegExpCode;

/* Compiles pattern with RE_FLAG_* bits. On a syntax error returns NULL and writes V8's message
 * ("Invalid regular expression: /(/: Unterminated group") into err. On out of memory returns NULL
 * with err set to "out of memory". */
RegExpCode *re_compile(const uint16_t *pattern, size_t len, uint32_t flags, char *err, size_t errsz);
/* Same, through a small process-wide cache keyed by pattern and flags (codes are immutable, so
 * regexp objects with the same source share one). */
RegExpCode *re_compile_cached(const uint16_t *pattern, size_t len, uint32_t flags, char *err, size_t errsz);
/* Codes are reference counted: re_compile returns one reference; re_free drops one. */
RegExpCode *re_retain(RegExpCode *code);
void re_free(RegExpCode *code);

uint32_t re_flags(const RegExpCode *code);
/* Number of capture groups, including group 0 (the whole match). */
int re_capture_count(const RegExpCode *code);
/* Named groups: how many distinct names, and for each (0 <= i < count) its name in UTF-16 and
 * the capture indices that carry it (more than one when duplicate names sit in different
 * alternatives; at most one of them participates in a match). Names are listed in the order of
 * their first appearance in the pattern. */
int re_group_name_count(const RegExpCode *code);
const uint16_t *re_group_name(const RegExpCode *code, int i, size_t *len_out);
int re_group_name_captures(const RegExpCode *code, int i, const int **captures_out);

/* Matches at `start` (sticky flag) or searching forward from `start`. The input is Latin-1
 * (one_byte) or UTF-16. captures must hold 2 * re_capture_count ints: captures[2*i] and
 * captures[2*i+1] get start/end of group i, or -1 when the group did not participate.
 * Returns 1 match, 0 no match, -1 interrupted (poll returned false), -2 out of memory / too much
 * backtracking state. poll may be NULL; it is called every few thousand steps. */
enum { RE_EXEC_MATCH = 1, RE_EXEC_NO_MATCH = 0, RE_EXEC_INTERRUPTED = -1, RE_EXEC_OOM = -2 };
int re_exec(const RegExpCode *code, const void *input, size_t len, bool one_byte, size_t start,
            int *captures, bool (*poll)(void *), void *poll_data);
/* Same; with force_search a sticky code searches forward from start like a non-sticky one (the
 * built-in's split uses it: a sticky match at each index in turn finds what one search finds). */
int re_exec_ex(const RegExpCode *code, const void *input, size_t len, bool one_byte, size_t start,
               int *captures, bool force_search, bool (*poll)(void *), void *poll_data);

/* Unicode helpers shared with the built-in (and usable by String.prototype.toUpperCase users). */
/* Canonicalize(ch) of the spec: simple case folding when unicode, else the non-unicode rule
 * (simple uppercase mapping, keeping ASCII from mapping to non-ASCII). */
uint32_t re_canonicalize(uint32_t c, bool unicode);
bool re_is_id_start(uint32_t c);
bool re_is_id_continue(uint32_t c);

#endif
