/*
 * Unicode data for the regexp engine (generated tables in regexp-unicode-data.c) and the lookups
 * built on them: property sets for \p{...}, case folding and uppercase mapping for Canonicalize.
 */
#ifndef PETREL_REGEXP_REGEXP_UNICODE_H
#define PETREL_REGEXP_REGEXP_UNICODE_H

#include "base/common.h"

typedef enum {
  RE_UPROP_BINARY,
  RE_UPROP_GC,
  RE_UPROP_SCRIPT,
  RE_UPROP_SCRIPT_EXT,
} ReUnicodePropertyKind;

typedef struct ReUnicodeProperty {
  ReUnicodePropertyKind kind;
  const char *name;
  uint32_t offset, count; /* ranges in re_ucd_ranges: pairs [2*offset, 2*(offset+count)) */
} ReUnicodeProperty;

typedef struct ReUnicodeStringProperty {
  const char *name;
  uint32_t offset, count;         /* single code points, as ranges */
  uint32_t seq_offset, seq_count; /* sequences in re_ucd_sequences: [len, cp...]... */
} ReUnicodeStringProperty;

extern const uint32_t re_ucd_ranges[];
extern const ReUnicodeProperty re_ucd_properties[];
extern const size_t re_ucd_property_count;
extern const uint32_t re_ucd_sequences[];
extern const ReUnicodeStringProperty re_ucd_string_properties[];
extern const size_t re_ucd_string_property_count;
extern const uint32_t re_ucd_fold[][2];
extern const size_t re_ucd_fold_count;
extern const uint16_t re_ucd_upper[][2];
extern const size_t re_ucd_upper_count;

/* Finds a property set by kind and name (exact, case-sensitive). NULL when unknown. */
const ReUnicodeProperty *re_unicode_find(ReUnicodePropertyKind kind, const char *name);
const ReUnicodeStringProperty *re_unicode_find_string_property(const char *name);
bool re_unicode_in(const ReUnicodeProperty *p, uint32_t c);
uint32_t re_unicode_simple_fold(uint32_t c);
uint32_t re_unicode_simple_upper(uint32_t c); /* BMP, single-char full uppercase only */

#endif
