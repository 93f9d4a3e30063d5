/*
 * Private to the RegExp built-in (regexp.c, regexp-fast.c): object layouts and the fast-path
 * protocol. Not for other modules.
 *
 * Fast paths. RegExp.prototype's symbol methods and test() are specified through observable steps
 * (Get "flags", which reads eight flag getters; Get "exec"; Get/Set "lastIndex" with ToLength;
 * result objects read back property by property; a fresh splitter regexp per split). When the
 * receiver is "pristine" none of those steps can run user code or be told apart from a direct
 * loop over re_exec, so the built-ins take that loop. Pristine (regexp_fast_check) means:
 *   - the receiver is a JSRegExp whose map has exactly one own property, lastIndex, a writable
 *     data property, and whose [[Prototype]] is the current realm's %RegExp.prototype%;
 *   - that prototype is in fast mode and its exec, flags, the eight flag getters, constructor and
 *     @@match are still the built-in functions (checked by native entry point on every call; the
 *     field index of each is cached per prototype map);
 *   - lastIndex holds a Number when the method would ToLength it (anything else could run user
 *     code through valueOf).
 * Anything else (a patched exec, a subclass, an own property, a non-writable lastIndex, a getter
 * on flags, an object in lastIndex) takes the generic spec steps.
 */
#ifndef PETREL_BUILTINS_REGEXP_INTERNAL_H
#define PETREL_BUILTINS_REGEXP_INTERNAL_H

#include "builtins/regexp.h"
#include "objects/js-object.h"
#include "regexp/regexp.h"

typedef struct JSRegExp {
  JSObject base;
  Value code;   /* Foreign(RegExpCode*), or undefined before RegExpInitialize */
  Value source; /* [[OriginalSource]]: a String */
  Value flags;  /* [[OriginalFlags]]: a String */
  Value legacy; /* [[LegacyFeaturesEnabled]] (Annex B): a boolean */
} JSRegExp;

/* %RegExp.prototype% is an ordinary object with internal slots: the realm's last successful
 * built-in match for RegExp.$1 & co. (a FixedArray [input, start0, end0, start1, end1, ...] for
 * groups 0-9, reused in place; undefined before any match; null once invalidated by a subclass
 * match), and the fast-path layout cache (regexp_fast_check). */
typedef struct JSRegExpPrototype {
  JSObject base;
  Value last_match;
  Value fast_shape; /* FixedArray: see regexp.c, or undefined */
} JSRegExpPrototype;

/* A pristine receiver's compiled code and its lastIndex slot. */
typedef struct RegExpFast {
  const RegExpCode *code;
  Value *last_index;
} RegExpFast;

/* True when rx is pristine (see above); fills f. Never throws, never runs user code. */
bool regexp_fast_check(Isolate *iso, Value rx, RegExpFast *f);
/* True when %RegExp%[@@species] is still the built-in getter and rx.constructor (already
 * checked pristine) is %RegExp%, so SpeciesConstructor gives %RegExp% unobservably. */
bool regexp_fast_species(Isolate *iso);
/* Stores an integer lastIndex into a pristine receiver. */
void regexp_fast_set_last_index(Value rx, const RegExpFast *f, int32_t v);

/* The property key of named group g, and in *capture the capture that supplies its value: of
 * the group's same-named alternatives, the one that participated in the match (caps: the
 * matcher's start/end pairs), else the first. VAL_EXCEPTION when out of memory. */
Value regexp_group_key(Isolate *iso, const RegExpCode *code, int g, const int *caps, int *capture);

/* Runs the matcher of code on flat string s from last_index (searching, or only there for
 * sticky codes unless force_search). 1 match (caps filled), 0 none, -1 exception. */
int regexp_run_matcher(Isolate *iso, const RegExpCode *code, Value s, size_t last_index, int *caps,
                       bool force_search);
/* UpdateLegacyRegExpStaticProperties (legacy: the matching regexp's [[LegacyFeaturesEnabled]])
 * or InvalidateLegacyRegExpStaticProperties, for a match on s with the given captures. */
void regexp_legacy_record(Isolate *iso, bool legacy, Value s, const int *caps, int ncaps);

/* The fast algorithms (regexp-fast.c). s is flat. */
Value regexp_fast_replace(Isolate *iso, Value rx, const RegExpFast *f, Value s, Value replace_value,
                          bool functional);
Value regexp_fast_split(Isolate *iso, Value rx, const RegExpFast *f, Value s, uint32_t lim);
Value regexp_fast_match_global(Isolate *iso, Value rx, const RegExpFast *f, Value s);

#endif
