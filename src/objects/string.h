/*
 * Strings (DESIGN.md, decision 6): Latin-1 (one byte per code unit) and UTF-16 sequential forms,
 * ropes (cons strings) made by concatenation and flattened on demand without recursion, an
 * internalized table for property keys, hashes cached and seeded per isolate. Code units are
 * exact UTF-16: lone surrogates survive.
 */
#ifndef PETREL_OBJECTS_STRING_H
#define PETREL_OBJECTS_STRING_H

#include "runtime/runtime.h"

/* Layouts. Every string starts with StringHeader; read them through the functions below. */
enum {
  STR_INTERNALIZED = 1 << 0, /* in the string table: equal internalized strings are identical */
  STR_HASH_COMPUTED = 1 << 1,
  STR_ONE_BYTE = 1 << 2,     /* every unit < 256 (seq one-byte, or a rope of one-byte pieces) */
  STR_FLATTENED = 1 << 3,    /* a cons whose `first` now holds the whole flat string */
  STR_EXTERNAL = 1 << 4,     /* a sequential string whose characters are in embedder memory */
};
typedef struct StringHeader {
  HeapObject header;
  uint32_t length;
  uint32_t hash;
  uint32_t flags;
  uint32_t pad_;
} StringHeader;
typedef struct SeqOneByteString {
  StringHeader s;
  uint8_t chars[];
} SeqOneByteString;
typedef struct SeqTwoByteString {
  StringHeader s;
  uint16_t chars[];
} SeqTwoByteString;
typedef struct ExternalString { /* IT_SEQ_*_STRING with STR_EXTERNAL */
  StringHeader s;
  const void *data; /* uint8_t (one-byte) or uint16_t units, owned by the embedder */
} ExternalString;
typedef struct ConsString {
  StringHeader s;
  Value first, second; /* after flattening: first = the flat string, second = undefined */
} ConsString;

/* V8's limit, 2^29 - 24 code units: longer results throw RangeError "Invalid string length". */
#define STR_MAX_LENGTH ((uint32_t)((1u << 29) - 24))
/* Concatenations at least this long build a rope instead of copying. */
#define STR_MIN_CONS_LENGTH 13

static inline StringHeader *str_header(Value s) { return (StringHeader *)val_to_ptr(s); }
static inline bool str_is_internalized(Value s) { return (str_header(s)->flags & STR_INTERNALIZED) != 0; }

Value str_new_latin1(Isolate *iso, const uint8_t *chars, size_t length);
Value str_new_utf16(Isolate *iso, const uint16_t *chars, size_t length); /* narrows when it can */
Value str_new_utf8(Isolate *iso, const char *utf8, size_t length);       /* WTF-8 accepted */
Value str_from_cstr(Isolate *iso, const char *ascii_or_utf8);
/* Strings over embedder memory that must stay valid and unchanged while the string lives (the
 * embedding API ties that to a weak handle). The UTF-16 form copies text that fits Latin-1. */
Value str_new_external_latin1(Isolate *iso, const uint8_t *chars, size_t length);
Value str_new_external_utf16(Isolate *iso, const uint16_t *chars, size_t length);
Value str_printf(Isolate *iso, const char *fmt, ...) PT_PRINTF(2, 3);
Value str_intern(Isolate *iso, Value string);      /* the internalized copy */
Value str_intern_cstr(Isolate *iso, const char *s);
Value str_concat(Isolate *iso, Value a, Value b);  /* may build a rope */
Value str_substring(Isolate *iso, Value s, size_t start, size_t end);
Value str_from_char_code(Isolate *iso, uint16_t unit);

uint32_t str_length(Value s);
uint16_t str_char_at(Value s, size_t index);       /* s must be flat: see str_flatten */
Value str_flatten(Isolate *iso, Value s);          /* a sequential string with the same contents */
bool str_is_one_byte(Value s);
const uint8_t *str_latin1_chars(Value flat);       /* flat one-byte strings only */
const uint16_t *str_utf16_chars(Value flat);       /* flat two-byte strings only */
bool str_equals(Value a, Value b);
int str_compare(Value a, Value b);                  /* by code units: <0, 0, >0 */
uint32_t str_hash(Isolate *iso, Value s);
/* Copies code units [start, start+count) into out (any representation). */
void str_copy_utf16(Value s, size_t start, size_t count, uint16_t *out);

/* Uninitialized sequential strings for callers that fill the characters themselves (chars_out
 * receives the buffer). A two-byte string should hold at least one unit > 0xFF: narrow otherwise
 * (str_new_utf16 does). VAL_EXCEPTION on OOM or when length > STR_MAX_LENGTH. */
Value str_alloc_latin1(Isolate *iso, size_t length, uint8_t **chars_out);
Value str_alloc_utf16(Isolate *iso, size_t length, uint16_t **chars_out);
/* The internalized string with these contents if there is one, else VAL_NOT_FOUND (no allocation). */
Value str_lookup_latin1(Isolate *iso, const uint8_t *chars, size_t length);
/* Equality against a C string (ASCII/Latin-1 bytes): handy for built-ins and tests. s flat. */
bool str_equals_cstr(Value s, const char *cstr);
/* Is the string a canonical array index ("0", "42", not "01"), giving its value (< 2^32 - 1)? */
bool str_as_array_index(Value s, uint32_t *index);

/* Converts to UTF-8 (lone surrogates as U+FFFD) in a malloc'd NUL-terminated buffer; NULL on OOM. */
char *str_to_utf8(Isolate *iso, Value s, size_t *length_out);
/* Same, but lone surrogates are kept as their WTF-8 encoding (round-trips through str_new_utf8). */
char *str_to_wtf8(Isolate *iso, Value s, size_t *length_out);

/* The string table and layouts: created/registered by isolate_new. */
int str_table_init(Isolate *iso);
void str_table_free(Isolate *iso);
void str_register_types(void);

/* A growable buffer for building strings without quadratic concatenation. */
typedef struct StringBuilder {
  Isolate *iso;
  uint16_t *chars;
  size_t length, capacity;
  bool one_byte; /* all units so far are < 256 */
  bool failed;   /* out of memory, or too long */
  bool too_long;  /* longer than STR_MAX_LENGTH: sb_finish throws RangeError "Invalid string length" */
} StringBuilder;
void sb_init(StringBuilder *sb, Isolate *iso);
void sb_append_unit(StringBuilder *sb, uint16_t unit);
void sb_append_code_point(StringBuilder *sb, uint32_t cp);
void sb_append_cstr(StringBuilder *sb, const char *ascii);
void sb_append_string(StringBuilder *sb, Value s);
Value sb_finish(StringBuilder *sb); /* frees the buffer; VAL_EXCEPTION on OOM */
void sb_discard(StringBuilder *sb);

#endif
