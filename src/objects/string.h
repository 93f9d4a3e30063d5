/*
 * Strings (DESIGN.md, decision 6): Latin-1 (one byte per code unit) and UTF-16 sequential forms,
 * ropes (cons strings) made by concatenation and flattened on demand without recursion, an
 * internalized table for property keys, hashes cached and seeded per isolate. Code units are
 * exact UTF-16: lone surrogates survive.
 */
#ifndef PETREL_OBJECTS_STRING_H
#define PETREL_OBJECTS_STRING_H

#include "runtime/runtime.h"

Value str_new_latin1(Isolate *iso, const uint8_t *chars, size_t length);
Value str_new_utf16(Isolate *iso, const uint16_t *chars, size_t length); /* narrows when it can */
Value str_new_utf8(Isolate *iso, const char *utf8, size_t length);       /* WTF-8 accepted */
Value str_from_cstr(Isolate *iso, const char *ascii_or_utf8);
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

/* Converts to UTF-8 (lone surrogates as U+FFFD) in a malloc'd NUL-terminated buffer; NULL on OOM. */
char *str_to_utf8(Isolate *iso, Value s, size_t *length_out);

/* A growable buffer for building strings without quadratic concatenation. */
typedef struct StringBuilder {
  Isolate *iso;
  uint16_t *chars;
  size_t length, capacity;
  bool one_byte; /* all units so far are < 256 */
  bool failed;   /* out of memory */
} StringBuilder;
void sb_init(StringBuilder *sb, Isolate *iso);
void sb_append_unit(StringBuilder *sb, uint16_t unit);
void sb_append_code_point(StringBuilder *sb, uint32_t cp);
void sb_append_cstr(StringBuilder *sb, const char *ascii);
void sb_append_string(StringBuilder *sb, Value s);
Value sb_finish(StringBuilder *sb); /* frees the buffer; VAL_EXCEPTION on OOM */
void sb_discard(StringBuilder *sb);

#endif
