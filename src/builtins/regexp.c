/*
 * The RegExp built-in (ECMA-262 22.2): the constructor, RegExp.prototype and its symbol methods,
 * %RegExpStringIteratorPrototype%, and the Annex B legacy static properties (RegExp.$1 ...).
 *
 * A regexp object is an IT_JS_REGEXP whose fields hold the compiled code (an IT_FOREIGN wrapping
 * a RegExpCode, freed by the foreign's finalizer), the original source and the original flags.
 * lastIndex is an ordinary own data property, as the spec has it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "builtins/regexp-internal.h"
#include "builtins/string.h"
#include "heap/fixed-array.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "regexp/regexp.h"

enum { BRAND_REGEXP_STRING_ITERATOR = 0x52784974 };
typedef struct JSRegExpStringIterator {
  JSObject base;
  Value brand;  /* int BRAND_REGEXP_STRING_ITERATOR (same slot as iterator.c's brands) */
  Value regexp;
  Value string;
  Value state;  /* int: bit 0 global, bit 1 full unicode, bit 2 done */
} JSRegExpStringIterator;

static bool is_jsregexp(Value v) { return val_is_pointer(v) && val_instance_type(v) == IT_JS_REGEXP; }
static JSRegExp *as_regexp(Value v) { return (JSRegExp *)val_to_ptr(v); }
static const RegExpCode *regexp_code(Value rx) {
  Value c = as_regexp(rx)->code;
  return val_is_pointer(c) ? (const RegExpCode *)((Foreign *)val_to_ptr(c))->ptr : NULL;
}

static void code_finalizer(void *ptr) { re_free(ptr); }

/* ---- Legacy static properties (Annex B, RegExp.$1 ...) --------------------------------------- */
/* The record in JSRegExpPrototype.last_match: a FixedArray [input, subject, count, start0, end0,
 * ...] for `count` groups (at most 10). It is overwritten in place on every match, so a replace
 * or split loop does not allocate per match. */
enum { LM_INPUT, LM_SUBJECT, LM_COUNT, LM_CAPS, LM_SIZE = LM_CAPS + 20 };

static JSRegExpPrototype *legacy_holder(Isolate *iso) {
  Value proto = intrinsic(iso, INTRINSIC_REGEXP_PROTOTYPE);
  if (!val_is_object(proto) || obj_map(proto)->inobject_offset < sizeof(JSRegExpPrototype)) return NULL;
  return (JSRegExpPrototype *)val_to_ptr(proto);
}

static FixedArray *legacy_record_array(Isolate *iso) {
  JSRegExpPrototype *h = legacy_holder(iso);
  if (!h) return NULL;
  if (val_is_pointer(h->last_match)) return (FixedArray *)val_to_ptr(h->last_match);
  FixedArray *rec = fixed_array_new(iso, LM_SIZE, VAL_UNDEFINED);
  if (!rec) {
    isolate_take_exception(iso);
    return NULL;
  }
  h = legacy_holder(iso);
  WRITE_FIELD(h, h->last_match, val_from_ptr(rec));
  return rec;
}

/* UpdateLegacyRegExpStaticProperties (legacy) or InvalidateLegacyRegExpStaticProperties. */
void regexp_legacy_record(Isolate *iso, bool legacy, Value s, const int *caps, int ncaps) {
  if (!legacy) {
    JSRegExpPrototype *holder = legacy_holder(iso);
    if (holder) holder->last_match = VAL_NULL;
    return;
  }
  FixedArray *rec = legacy_record_array(iso);
  if (!rec) return;
  int n = ncaps < 10 ? ncaps : 10;
  fixed_array_set(rec, LM_INPUT, s);
  fixed_array_set(rec, LM_SUBJECT, s);
  rec->data[LM_COUNT] = val_from_int(n);
  for (int i = 0; i < 2 * n; i++) rec->data[LM_CAPS + i] = val_from_int(caps[i]);
}

/* ---- Helpers --------------------------------------------------------------------------------- */
static Value to_flat_string(Isolate *iso, Value v) {
  Value s = rt_to_string(iso, v);
  if (s == VAL_EXCEPTION) return s;
  return str_flatten(iso, s);
}

/* The UTF-16 units of a flat string in a malloc'd buffer (NULL + exception on OOM). */
static uint16_t *string_units(Isolate *iso, Value flat, size_t *len) {
  *len = str_length(flat);
  uint16_t *buf = malloc((*len ? *len : 1) * sizeof *buf);
  if (!buf) {
    rt_throw_range_error(iso, "Out of memory");
    return NULL;
  }
  str_copy_utf16(flat, 0, *len, buf);
  return buf;
}

static bool string_contains(Value flat, uint16_t c) {
  uint32_t n = str_length(flat);
  for (uint32_t i = 0; i < n; i++)
    if (str_char_at(flat, i) == c) return true;
  return false;
}

/* AdvanceStringIndex(S, index, unicode). */
static double advance_index(Value flat, double index, bool unicode) {
  if (!unicode) return index + 1;
  double len = str_length(flat);
  if (index + 1 >= len) return index + 1;
  uint16_t c = str_char_at(flat, (size_t)index);
  if (c >= 0xD800 && c <= 0xDBFF) {
    uint16_t d = str_char_at(flat, (size_t)index + 1);
    if (d >= 0xDC00 && d <= 0xDFFF) return index + 2;
  }
  return index + 1;
}

static int set_last_index(Isolate *iso, Value rx, double v) {
  return rt_set(iso, rx, NAME(iso, lastIndex), val_from_number(v), true);
}

static int get_last_index(Isolate *iso, Value rx, double *out) {
  Value li = obj_get(iso, rx, NAME(iso, lastIndex), rx);
  if (li == VAL_EXCEPTION) return -1;
  return rt_to_length(iso, li, out);
}

static Value describe_error(Isolate *iso, const char *method, Value v) {
  char buf[128];
  return rt_throw_type_error(iso, "Method %s called on incompatible receiver %s", method,
                             builtins_describe(iso, v, buf, sizeof buf));
}

/* SpeciesConstructor(O, defaultConstructor). */
static Value species_constructor(Isolate *iso, Value o, Value dflt) {
  Value c = obj_get(iso, o, NAME(iso, constructor), o);
  if (c == VAL_EXCEPTION) return c;
  if (val_is_undefined(c)) return dflt;
  if (!val_is_object(c)) return rt_throw_type_error(iso, "object.constructor is not an object");
  Value s = obj_get(iso, c, sym_well_known(iso, WKS_SPECIES), c);
  if (s == VAL_EXCEPTION) return s;
  if (val_is_nullish(s)) return dflt;
  if (val_is_constructor(s)) return s;
  return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
}

/* ---- RegExpAlloc / RegExpInitialize / RegExpCreate ------------------------------------------ */
static Value regexp_alloc(Isolate *iso, Value new_target) {
  /* %RegExp%.prototype is non-writable and non-configurable: no need to look it up. */
  Value proto = new_target == intrinsic(iso, INTRINSIC_REGEXP)
                    ? intrinsic(iso, INTRINSIC_REGEXP_PROTOTYPE)
                    : rt_prototype_from_constructor(iso, new_target, INTRINSIC_REGEXP_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  Value obj = obj_new_with_type(iso, IT_JS_REGEXP, sizeof(JSRegExp), proto);
  if (obj == VAL_EXCEPTION) return obj;
  if (rt_define_data(iso, obj, NAME(iso, lastIndex), val_from_int(0), ATTR_WRITABLE) < 0) return VAL_EXCEPTION;
  return obj;
}

static Value regexp_initialize(Isolate *iso, Value obj, Value pattern, Value flags) {
  Value p = val_is_undefined(pattern) ? NAME(iso, empty) : to_flat_string(iso, pattern);
  if (p == VAL_EXCEPTION) return p;
  Value f = val_is_undefined(flags) ? NAME(iso, empty) : to_flat_string(iso, flags);
  if (f == VAL_EXCEPTION) return f;
  p = str_flatten(iso, p);
  if (p == VAL_EXCEPTION) return p;
  f = str_flatten(iso, f);
  if (f == VAL_EXCEPTION) return f;
  size_t flen = str_length(f), plen;
  int bits = -1;
  if (flen <= 16) { /* longer ones are invalid anyway (duplicates) */
    uint16_t fu[16];
    str_copy_utf16(f, 0, flen, fu);
    bits = re_parse_flags(fu, flen);
  }
  if (bits < 0) {
    char *utf8 = str_to_utf8(iso, f, NULL);
    Value r = rt_throw_syntax_error(iso, "Invalid flags supplied to RegExp constructor '%s'", utf8 ? utf8 : "");
    free(utf8);
    return r;
  }
  /* Short patterns (nearly all literals) use C-stack buffers: no malloc per evaluation. */
  uint16_t pu_local[256];
  char err_local[256 * 3 + 256];
  plen = str_length(p);
  uint16_t *pu = plen <= PT_ARRAY_LEN(pu_local) ? pu_local : string_units(iso, p, &plen);
  if (!pu) return VAL_EXCEPTION;
  if (pu == pu_local) str_copy_utf16(p, 0, plen, pu);
  size_t errsz = plen * 3 + 256;
  char *err = errsz <= sizeof err_local ? err_local : malloc(errsz);
  if (!err) {
    if (pu != pu_local) free(pu);
    return rt_throw_range_error(iso, "Out of memory");
  }
  RegExpCode *code = re_compile_cached(pu, plen, (uint32_t)bits, err, errsz);
  if (pu != pu_local) free(pu);
  if (!code) {
    Value r = strcmp(err, "out of memory") == 0 ? rt_throw_range_error(iso, "Out of memory")
                                                 : rt_throw_syntax_error(iso, "%s", err);
    if (err != err_local) free(err);
    return r;
  }
  if (err != err_local) free(err);
  Foreign *fo = foreign_new(iso, code, code_finalizer);
  if (!fo) {
    re_free(code);
    return VAL_EXCEPTION;
  }
  JSRegExp *rx = as_regexp(obj);
  WRITE_FIELD(rx, rx->code, val_from_ptr(fo));
  WRITE_FIELD(rx, rx->source, p);
  WRITE_FIELD(rx, rx->flags, f);
  if (set_last_index(iso, obj, 0) < 0) return VAL_EXCEPTION;
  return obj;
}

Value regexp_create(Isolate *iso, Value pattern, Value flags) {
  Value obj = regexp_alloc(iso, intrinsic(iso, INTRINSIC_REGEXP));
  if (obj == VAL_EXCEPTION) return obj;
  as_regexp(obj)->legacy = VAL_TRUE;
  return regexp_initialize(iso, obj, pattern, flags);
}

/* IsRegExp(argument): 1, 0, or -1. */
static int is_regexp(Isolate *iso, Value v) {
  if (!val_is_object(v)) return 0;
  Value m = obj_get(iso, v, sym_well_known(iso, WKS_MATCH), v);
  if (m == VAL_EXCEPTION) return -1;
  if (!val_is_undefined(m)) return rt_to_boolean(m);
  return is_jsregexp(v);
}

static Value regexp_ctor(Isolate *iso, const CallArgs *args) {
  Value pattern = call_arg(args, 0), flags = call_arg(args, 1);
  int pattern_is_regexp = is_regexp(iso, pattern);
  if (pattern_is_regexp < 0) return VAL_EXCEPTION;
  Value new_target = args->new_target;
  if (val_is_undefined(new_target)) {
    new_target = args->callee;
    if (pattern_is_regexp && val_is_undefined(flags)) {
      Value pc = obj_get(iso, pattern, NAME(iso, constructor), pattern);
      if (pc == VAL_EXCEPTION) return pc;
      if (rt_same_value(new_target, pc)) return pattern;
    }
  }
  Value p, f;
  if (is_jsregexp(pattern) && val_is_pointer(as_regexp(pattern)->code)) {
    p = as_regexp(pattern)->source;
    f = val_is_undefined(flags) ? as_regexp(pattern)->flags : flags;
  } else if (pattern_is_regexp) {
    p = obj_get(iso, pattern, NAME(iso, source), pattern);
    if (p == VAL_EXCEPTION) return p;
    if (val_is_undefined(flags)) {
      f = obj_get(iso, pattern, NAME(iso, flags), pattern);
      if (f == VAL_EXCEPTION) return f;
    } else {
      f = flags;
    }
  } else {
    p = pattern;
    f = flags;
  }
  Value obj = regexp_alloc(iso, new_target);
  if (obj == VAL_EXCEPTION) return obj;
  /* Legacy features only for direct instances of this realm's %RegExp%. */
  as_regexp(obj)->legacy = val_from_bool(new_target == intrinsic(iso, INTRINSIC_REGEXP));
  return regexp_initialize(iso, obj, p, f);
}

/* ---- RegExpBuiltinExec ------------------------------------------------------------------------- */
static bool exec_poll(void *data) { return isolate_poll((Isolate *)data); }

/* Runs the matcher of rx on flat string s from last_index. Returns 1 match (captures filled), 0
 * none, -1 exception. */
int regexp_run_matcher(Isolate *iso, const RegExpCode *code, Value s, size_t last_index, int *caps,
                       bool force_search) {
  size_t len = str_length(s);
  bool one_byte = str_is_one_byte(s);
  const void *chars = one_byte ? (const void *)str_latin1_chars(s) : (const void *)str_utf16_chars(s);
  int r = re_exec_ex(code, chars, len, one_byte, last_index, caps, force_search, exec_poll, iso);
  if (r == RE_EXEC_INTERRUPTED) {
    if (!isolate_has_exception(iso)) rt_throw_range_error(iso, "Regular expression execution was interrupted");
    return -1;
  }
  if (r == RE_EXEC_OOM) {
    rt_throw_range_error(iso, "Maximum call stack size exceeded");
    return -1;
  }
  return r;
}

Value regexp_group_key(Isolate *iso, const RegExpCode *code, int g, const int *caps, int *capture) {
  size_t nlen;
  const uint16_t *name = re_group_name(code, g, &nlen);
  Value key = str_new_utf16(iso, name, nlen);
  if (key == VAL_EXCEPTION) return key;
  const int *gc;
  int ng = re_group_name_captures(code, g, &gc);
  int which = gc[0];
  for (int k = 0; k < ng; k++)
    if (caps[2 * gc[k]] >= 0) which = gc[k];
  *capture = which;
  return key_from_string(iso, key);
}

/* The match result object (22.2.7.2 steps 19-36). */
static Value build_result(Isolate *iso, const RegExpCode *code, Value s, const int *caps, bool has_indices) {
  int n = re_capture_count(code);
  /* Values go straight into the array (a malloc'd buffer is not a GC root); up to 32 groups are
   * gathered on the C stack first and the array is made in one step. */
  Value a;
  if (n <= 32) {
    Value vals[32];
    for (int i = 0; i < n; i++) {
      vals[i] = VAL_UNDEFINED;
      if (caps[2 * i] >= 0) {
        vals[i] = str_substring(iso, s, (size_t)caps[2 * i], (size_t)caps[2 * i + 1]);
        if (vals[i] == VAL_EXCEPTION) return VAL_EXCEPTION;
      }
    }
    a = array_from_values(iso, vals, (uint32_t)n);
    if (a == VAL_EXCEPTION) return a;
  } else {
    a = array_new(iso, 0);
    if (a == VAL_EXCEPTION) return a;
    for (int i = 0; i < n; i++) {
      Value v = VAL_UNDEFINED;
      if (caps[2 * i] >= 0) {
        v = str_substring(iso, s, (size_t)caps[2 * i], (size_t)caps[2 * i + 1]);
        if (v == VAL_EXCEPTION) return v;
      }
      if (rt_create_data_property_or_throw(iso, a, key_from_index((uint32_t)i), v) < 0) return VAL_EXCEPTION;
    }
  }
  if (rt_create_data_property_or_throw(iso, a, NAME(iso, index), val_from_int(caps[0])) < 0) return VAL_EXCEPTION;
  if (rt_create_data_property_or_throw(iso, a, NAME(iso, input), s) < 0) return VAL_EXCEPTION;
  int nnames = re_group_name_count(code);
  Value groups = VAL_UNDEFINED, index_groups = VAL_UNDEFINED;
  if (nnames > 0) {
    groups = obj_new(iso, VAL_NULL);
    if (groups == VAL_EXCEPTION) return groups;
    if (has_indices) {
      index_groups = obj_new(iso, VAL_NULL);
      if (index_groups == VAL_EXCEPTION) return index_groups;
    }
  }
  Value indices = VAL_UNDEFINED;
  if (has_indices) {
    indices = array_new(iso, 0);
    if (indices == VAL_EXCEPTION) return indices;
    for (int i = 0; i < n; i++) {
      Value pair = VAL_UNDEFINED;
      if (caps[2 * i] >= 0) {
        Value pv[2] = {val_from_int(caps[2 * i]), val_from_int(caps[2 * i + 1])};
        pair = array_from_values(iso, pv, 2);
        if (pair == VAL_EXCEPTION) return pair;
      }
      if (rt_create_data_property_or_throw(iso, indices, key_from_index((uint32_t)i), pair) < 0) return VAL_EXCEPTION;
    }
  }
  for (int g = 0; g < nnames; g++) {
    int which;
    Value key = regexp_group_key(iso, code, g, caps, &which);
    if (key == VAL_EXCEPTION) return key;
    Value v = rt_get(iso, a, key_from_index((uint32_t)which));
    if (v == VAL_EXCEPTION) return v;
    if (rt_create_data_property_or_throw(iso, groups, key, v) < 0) return VAL_EXCEPTION;
    if (has_indices) {
      Value iv = rt_get(iso, indices, key_from_index((uint32_t)which));
      if (iv == VAL_EXCEPTION) return iv;
      if (rt_create_data_property_or_throw(iso, index_groups, key, iv) < 0) return VAL_EXCEPTION;
    }
  }
  if (rt_create_data_property_or_throw(iso, a, NAME(iso, groups), groups) < 0) return VAL_EXCEPTION;
  if (has_indices) {
    if (rt_create_data_property_or_throw(iso, indices, NAME(iso, groups), index_groups) < 0) return VAL_EXCEPTION;
    if (rt_create_data_property_or_throw(iso, a, NAME(iso, indices), indices) < 0) return VAL_EXCEPTION;
  }
  return a;
}

static Value regexp_builtin_exec(Isolate *iso, Value rx, Value s) {
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  double last_index;
  if (get_last_index(iso, rx, &last_index) < 0) return VAL_EXCEPTION;
  const RegExpCode *code = regexp_code(rx);
  if (!code) return rt_throw_type_error(iso, "RegExp object is not initialized");
  uint32_t flags = re_flags(code);
  bool global = flags & RE_FLAG_GLOBAL, sticky = flags & RE_FLAG_STICKY;
  bool has_indices = flags & RE_FLAG_HAS_INDICES;
  if (!global && !sticky) last_index = 0;
  size_t len = str_length(s);
  if (last_index > (double)len) {
    if ((global || sticky) && set_last_index(iso, rx, 0) < 0) return VAL_EXCEPTION;
    return VAL_NULL;
  }
  int ncaps = re_capture_count(code);
  int *caps = malloc(2 * (size_t)ncaps * sizeof *caps);
  if (!caps) return rt_throw_range_error(iso, "Out of memory");
  int r = regexp_run_matcher(iso, code, s, (size_t)last_index, caps, false);
  if (r < 0) {
    free(caps);
    return VAL_EXCEPTION;
  }
  if (r == 0) {
    free(caps);
    if ((global || sticky) && set_last_index(iso, rx, 0) < 0) return VAL_EXCEPTION;
    return VAL_NULL;
  }
  if ((global || sticky) && set_last_index(iso, rx, caps[1]) < 0) {
    free(caps);
    return VAL_EXCEPTION;
  }
  regexp_legacy_record(iso, as_regexp(rx)->legacy == VAL_TRUE, s, caps, ncaps);
  Value result = build_result(iso, code, s, caps, has_indices);
  free(caps);
  return result;
}

/* RegExpExec(R, S). */
Value regexp_exec(Isolate *iso, Value rx, Value s) {
  Value exec = obj_get(iso, rx, NAME(iso, exec), rx);
  if (exec == VAL_EXCEPTION) return exec;
  if (val_is_callable(exec)) {
    Value r = rt_call(iso, exec, rx, 1, &s);
    if (r == VAL_EXCEPTION) return r;
    if (!val_is_object(r) && !val_is_null(r))
      return rt_throw_type_error(iso, "object null is not a function");
    return r;
  }
  if (!is_jsregexp(rx)) return describe_error(iso, "RegExp.prototype.exec", rx);
  return regexp_builtin_exec(iso, rx, s);
}

/* ---- RegExp.prototype methods ------------------------------------------------------------------ */
static Value proto_exec(Isolate *iso, const CallArgs *args) {
  if (!is_jsregexp(args->this_val)) return describe_error(iso, "RegExp.prototype.exec", args->this_val);
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  return regexp_builtin_exec(iso, args->this_val, s);
}

static Value require_object_this(Isolate *iso, const CallArgs *args, const char *method) {
  if (val_is_object(args->this_val)) return args->this_val;
  char buf[128];
  return rt_throw_type_error(iso, "Method %s called on incompatible receiver %s", method,
                             builtins_describe(iso, args->this_val, buf, sizeof buf));
}

/* RegExpBuiltinExec for test() on a pristine receiver: the same lastIndex and legacy effects,
 * no result object. */
static Value fast_test(Isolate *iso, Value rx, const RegExpFast *f, Value s) {
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  uint32_t flags = re_flags(f->code);
  bool global = flags & RE_FLAG_GLOBAL, sticky = flags & RE_FLAG_STICKY;
  double last_index = 0;
  if ((global || sticky) && rt_to_length(iso, *f->last_index, &last_index) < 0) return VAL_EXCEPTION;
  if (last_index > (double)str_length(s)) {
    regexp_fast_set_last_index(rx, f, 0);
    return VAL_FALSE;
  }
  int ncaps = re_capture_count(f->code);
  int local[32];
  int *caps = 2 * ncaps <= 32 ? local : malloc(2 * (size_t)ncaps * sizeof *caps);
  if (!caps) return rt_throw_range_error(iso, "Out of memory");
  int r = regexp_run_matcher(iso, f->code, s, (size_t)last_index, caps, false);
  if (r == 1) {
    if (global || sticky) regexp_fast_set_last_index(rx, f, caps[1]);
    regexp_legacy_record(iso, as_regexp(rx)->legacy == VAL_TRUE, s, caps, ncaps);
  } else if (r == 0 && (global || sticky)) {
    regexp_fast_set_last_index(rx, f, 0);
  }
  if (caps != local) free(caps);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r == 1);
}

static Value proto_test(Isolate *iso, const CallArgs *args) {
  Value rx = require_object_this(iso, args, "RegExp.prototype.test");
  if (rx == VAL_EXCEPTION) return rx;
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  RegExpFast fast;
  if (regexp_fast_check(iso, rx, &fast) && val_is_number(*fast.last_index)) return fast_test(iso, rx, &fast, s);
  Value r = regexp_exec(iso, rx, s);
  if (r == VAL_EXCEPTION) return r;
  return val_from_bool(!val_is_null(r));
}

static Value proto_to_string(Isolate *iso, const CallArgs *args) {
  Value rx = require_object_this(iso, args, "RegExp.prototype.toString");
  if (rx == VAL_EXCEPTION) return rx;
  Value src = obj_get(iso, rx, NAME(iso, source), rx);
  if (src == VAL_EXCEPTION) return src;
  src = rt_to_string(iso, src);
  if (src == VAL_EXCEPTION) return src;
  Value fl = obj_get(iso, rx, NAME(iso, flags), rx);
  if (fl == VAL_EXCEPTION) return fl;
  fl = rt_to_string(iso, fl);
  if (fl == VAL_EXCEPTION) return fl;
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_unit(&sb, '/');
  sb_append_string(&sb, src);
  sb_append_unit(&sb, '/');
  sb_append_string(&sb, fl);
  return sb_finish(&sb);
}

static Value proto_compile(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!is_jsregexp(o)) return describe_error(iso, "RegExp.prototype.compile", o);
  if (as_regexp(o)->legacy != VAL_TRUE)
    return rt_throw_type_error(iso, "RegExp.prototype.compile is not allowed on RegExp subclass instances");
  Value pattern = call_arg(args, 0), flags = call_arg(args, 1);
  Value p, f;
  if (is_jsregexp(pattern) && val_is_pointer(as_regexp(pattern)->code)) {
    if (!val_is_undefined(flags))
      return rt_throw_type_error(iso, "Cannot supply flags when constructing one RegExp from another");
    p = as_regexp(pattern)->source;
    f = as_regexp(pattern)->flags;
  } else {
    p = pattern;
    f = flags;
  }
  return regexp_initialize(iso, o, p, f);
}

/* Flag getters: magic is the RE_FLAG_* bit. */
static const char *flag_getter_name(int bit) {
  switch (bit) {
    case RE_FLAG_HAS_INDICES: return "hasIndices";
    case RE_FLAG_GLOBAL: return "global";
    case RE_FLAG_IGNORE_CASE: return "ignoreCase";
    case RE_FLAG_MULTILINE: return "multiline";
    case RE_FLAG_DOT_ALL: return "dotAll";
    case RE_FLAG_UNICODE: return "unicode";
    case RE_FLAG_UNICODE_SETS: return "unicodeSets";
    default: return "sticky";
  }
}

static Value flag_getter(Isolate *iso, const CallArgs *args, int bit) {
  Value r = args->this_val;
  if (!val_is_object(r)) {
    char buf[128];
    return rt_throw_type_error(iso, "RegExp.prototype.%s getter called on non-object %s", flag_getter_name(bit),
                               builtins_describe(iso, r, buf, sizeof buf));
  }
  if (!is_jsregexp(r) || !regexp_code(r)) {
    if (r == intrinsic(iso, INTRINSIC_REGEXP_PROTOTYPE)) return VAL_UNDEFINED;
    return rt_throw_type_error(iso, "RegExp.prototype.%s getter called on non-RegExp object", flag_getter_name(bit));
  }
  return val_from_bool((re_flags(regexp_code(r)) & (uint32_t)bit) != 0);
}

#define FLAG_GETTER(fn, bit) \
  static Value fn(Isolate *iso, const CallArgs *args) { return flag_getter(iso, args, bit); }
FLAG_GETTER(get_has_indices, RE_FLAG_HAS_INDICES)
FLAG_GETTER(get_global, RE_FLAG_GLOBAL)
FLAG_GETTER(get_ignore_case, RE_FLAG_IGNORE_CASE)
FLAG_GETTER(get_multiline, RE_FLAG_MULTILINE)
FLAG_GETTER(get_dot_all, RE_FLAG_DOT_ALL)
FLAG_GETTER(get_unicode, RE_FLAG_UNICODE)
FLAG_GETTER(get_unicode_sets, RE_FLAG_UNICODE_SETS)
FLAG_GETTER(get_sticky, RE_FLAG_STICKY)

static Value get_flags(Isolate *iso, const CallArgs *args) {
  Value r = args->this_val;
  if (!val_is_object(r)) {
    char buf[128];
    return rt_throw_type_error(iso, "RegExp.prototype.flags getter called on non-object %s",
                               builtins_describe(iso, r, buf, sizeof buf));
  }
  static const struct { const char *name; char c; } order[] = {
      {"hasIndices", 'd'}, {"global", 'g'}, {"ignoreCase", 'i'}, {"multiline", 'm'},
      {"dotAll", 's'}, {"unicode", 'u'}, {"unicodeSets", 'v'}, {"sticky", 'y'}};
  char out[9];
  int n = 0;
  for (size_t i = 0; i < PT_ARRAY_LEN(order); i++) {
    Value v = rt_get_str(iso, r, order[i].name);
    if (v == VAL_EXCEPTION) return v;
    if (rt_to_boolean(v)) out[n++] = order[i].c;
  }
  out[n] = 0;
  return str_from_cstr(iso, out);
}

/* EscapeRegExpPattern: "/" and line terminators escaped so `/${source}/${flags}` parses back. */
static Value get_source(Isolate *iso, const CallArgs *args) {
  Value r = args->this_val;
  if (!val_is_object(r)) {
    char buf[128];
    return rt_throw_type_error(iso, "RegExp.prototype.source getter called on non-object %s",
                               builtins_describe(iso, r, buf, sizeof buf));
  }
  if (!is_jsregexp(r) || !regexp_code(r)) {
    if (r == intrinsic(iso, INTRINSIC_REGEXP_PROTOTYPE)) return str_from_cstr(iso, "(?:)");
    return rt_throw_type_error(iso, "RegExp.prototype.source getter called on non-RegExp object");
  }
  Value src = as_regexp(r)->source;
  uint32_t n = str_length(src);
  if (n == 0) return str_from_cstr(iso, "(?:)");
  StringBuilder sb;
  sb_init(&sb, iso);
  bool in_class = false;
  for (uint32_t i = 0; i < n; i++) {
    uint16_t c = str_char_at(src, i);
    if (c == '\\' && i + 1 < n) {
      uint16_t d = str_char_at(src, i + 1);
      sb_append_unit(&sb, c);
      if (d == '\n') sb_append_unit(&sb, 'n');
      else if (d == '\r') sb_append_unit(&sb, 'r');
      else if (d == 0x2028) sb_append_cstr(&sb, "u2028");
      else if (d == 0x2029) sb_append_cstr(&sb, "u2029");
      else sb_append_unit(&sb, d);
      i++;
      continue;
    }
    if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    if (c == '/' && !in_class) sb_append_cstr(&sb, "\\/");
    else if (c == '\n') sb_append_cstr(&sb, "\\n");
    else if (c == '\r') sb_append_cstr(&sb, "\\r");
    else if (c == 0x2028) sb_append_cstr(&sb, "\\u2028");
    else if (c == 0x2029) sb_append_cstr(&sb, "\\u2029");
    else sb_append_unit(&sb, c);
  }
  return sb_finish(&sb);
}

/* ---- Fast-path check (regexp-internal.h) ----------------------------------------------------- */
static Value proto_match(Isolate *iso, const CallArgs *args);
static Value get_species(Isolate *iso, const CallArgs *args);

/* The prototype properties a pristine receiver relies on, with the built-in each must hold. */
typedef enum { W_EXEC, W_FLAGS, W_GLOBAL, W_IGNORE_CASE, W_MULTILINE, W_DOT_ALL, W_UNICODE,
               W_UNICODE_SETS, W_STICKY, W_HAS_INDICES, W_CHECKED, /* the rest only for split */
               W_CONSTRUCTOR = W_CHECKED, W_MATCH, W_COUNT } Watched;
static const struct { const char *name; NativeFunction fn; bool getter; } watched[W_COUNT] = {
    {"exec", proto_exec, false}, {"flags", get_flags, true}, {"global", get_global, true},
    {"ignoreCase", get_ignore_case, true}, {"multiline", get_multiline, true},
    {"dotAll", get_dot_all, true}, {"unicode", get_unicode, true},
    {"unicodeSets", get_unicode_sets, true}, {"sticky", get_sticky, true},
    {"hasIndices", get_has_indices, true}, {"constructor", NULL, false}, {NULL, proto_match, false}};
/* JSRegExpPrototype.fast_shape: [prototype map, instance map, lastIndex field, then one field per
 * Watched key] (fields as ints, -1 when the key is not a property of the expected kind). */
enum { FS_PROTO_MAP, FS_RX_MAP, FS_LAST_INDEX, FS_FIELDS, FS_SIZE = FS_FIELDS + W_COUNT };

static inline Value *fast_field(JSObject *o, int32_t field) {
  Map *m = o->map;
  if ((uint32_t)field < m->inobject_count) return (Value *)(void *)((char *)o + m->inobject_offset) + field;
  return &((FixedArray *)val_to_ptr(o->properties))->data[(uint32_t)field - m->inobject_count];
}

/* Rebuilds the layout part of the cache for the prototype's current map. NULL if impossible. */
static FixedArray *fast_shape_rebuild(Isolate *iso, Value proto) {
  Map *pm = obj_map(proto);
  if (pm->bit_field & (MAP_DICTIONARY | MAP_EXOTIC)) return NULL;
  FixedArray *fs = fixed_array_new(iso, FS_SIZE, val_from_int(-1));
  if (!fs) {
    isolate_take_exception(iso);
    return NULL;
  }
  for (int w = 0; w < W_COUNT; w++) {
    Value key = watched[w].name ? key_from_cstr(iso, watched[w].name) : sym_well_known(iso, WKS_MATCH);
    if (key == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      return NULL;
    }
    int i = map_find_descriptor(pm, key);
    if (i < 0) continue;
    int det = map_descriptor_details(pm, (uint32_t)i);
    if (((det & PD_ACCESSOR) != 0) != watched[w].getter) continue;
    fs->data[FS_FIELDS + w] = val_from_int(det >> PD_FIELD_SHIFT);
  }
  fixed_array_set(fs, FS_PROTO_MAP, val_from_ptr(pm));
  JSRegExpPrototype *h = (JSRegExpPrototype *)val_to_ptr(proto);
  WRITE_FIELD(h, h->fast_shape, val_from_ptr(fs));
  return fs;
}

static bool is_native(Value v, NativeFunction fn) {
  return val_is_js_function(v) && js_function(v)->native == fn && (js_function(v)->kind_flags & FUNC_NATIVE);
}

static bool watched_ok(JSObject *po, const FixedArray *fs, int w) {
  int32_t field = val_to_int(fs->data[FS_FIELDS + w]);
  if (field < 0) return false;
  Value v = *fast_field(po, field);
  if (watched[w].getter) {
    if (!val_is_pointer(v) || heap_object_type(val_to_ptr(v)) != IT_ACCESSOR_PAIR) return false;
    v = ((AccessorPair *)val_to_ptr(v))->getter;
  }
  return is_native(v, watched[w].fn);
}

bool regexp_fast_check(Isolate *iso, Value rx, RegExpFast *f) {
  if (!is_jsregexp(rx)) return false;
  JSRegExpPrototype *h = legacy_holder(iso);
  if (!h) return false;
  Value proto = val_from_ptr(h);
  Map *rm = obj_map(rx);
  if (rm->prototype != proto) return false;
  FixedArray *fs = val_is_pointer(h->fast_shape) ? (FixedArray *)val_to_ptr(h->fast_shape) : NULL;
  if (!fs || fs->data[FS_PROTO_MAP] != val_from_ptr(obj_map(proto))) {
    fs = fast_shape_rebuild(iso, proto);
    if (!fs) return false;
  }
  if (fs->data[FS_RX_MAP] != val_from_ptr(rm)) {
    /* Exactly one own property, lastIndex, a writable (non-enumerable, non-configurable) field. */
    if ((rm->bit_field & (MAP_DICTIONARY | MAP_EXOTIC)) || rm->own_descriptors != 1 ||
        map_descriptor_key(rm, 0) != NAME(iso, lastIndex) ||
        (map_descriptor_details(rm, 0) & (PD_ATTR_MASK | PD_ACCESSOR)) != ATTR_WRITABLE)
      return false;
    fixed_array_set(fs, FS_RX_MAP, val_from_ptr(rm));
    fs->data[FS_LAST_INDEX] = val_from_int(map_descriptor_details(rm, 0) >> PD_FIELD_SHIFT);
  }
  JSObject *po = js_object(proto);
  for (int w = 0; w < W_CHECKED; w++)
    if (!watched_ok(po, fs, w)) return false;
  const RegExpCode *code = regexp_code(rx);
  if (!code) return false;
  f->code = code;
  f->last_index = fast_field(js_object(rx), val_to_int(fs->data[FS_LAST_INDEX]));
  return true;
}

bool regexp_fast_species(Isolate *iso) {
  JSRegExpPrototype *h = legacy_holder(iso);
  if (!h || !val_is_pointer(h->fast_shape)) return false;
  FixedArray *fs = (FixedArray *)val_to_ptr(h->fast_shape);
  JSObject *po = js_object(val_from_ptr(h));
  if (fs->data[FS_PROTO_MAP] != val_from_ptr(po->map) || !watched_ok(po, fs, W_MATCH)) return false;
  int32_t cf = val_to_int(fs->data[FS_FIELDS + W_CONSTRUCTOR]);
  Value ctor = intrinsic(iso, INTRINSIC_REGEXP);
  if (cf < 0 || *fast_field(po, cf) != ctor) return false;
  PropertyDescriptor d;
  if (obj_map(ctor)->bit_field & MAP_EXOTIC) return false;
  if (obj_ordinary_get_own(iso, ctor, sym_well_known(iso, WKS_SPECIES), &d) != 1 || !d.has_get) return false;
  return is_native(d.get, get_species);
}

void regexp_fast_set_last_index(Value rx, const RegExpFast *f, int32_t v) {
  WRITE_FIELD(js_object(rx), *f->last_index, val_from_int(v));
}

/* Reads rx.flags as a flat string (for the symbol methods). */
static Value flags_string(Isolate *iso, Value rx) {
  Value f = obj_get(iso, rx, NAME(iso, flags), rx);
  if (f == VAL_EXCEPTION) return f;
  return to_flat_string(iso, f);
}

/* The string of result[0] (for the empty-match advance). */
static Value match_string(Isolate *iso, Value result) {
  Value m = rt_get(iso, result, key_from_index(0));
  if (m == VAL_EXCEPTION) return m;
  return rt_to_string(iso, m);
}

static int advance_after_empty(Isolate *iso, Value rx, Value s, bool full_unicode) {
  double this_index;
  if (get_last_index(iso, rx, &this_index) < 0) return -1;
  return set_last_index(iso, rx, advance_index(s, this_index, full_unicode));
}

/* RegExp.prototype[@@match] */
static Value proto_match(Isolate *iso, const CallArgs *args) {
  Value rx = require_object_this(iso, args, "RegExp.prototype[Symbol.match]");
  if (rx == VAL_EXCEPTION) return rx;
  Value s = to_flat_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  RegExpFast fast;
  if (regexp_fast_check(iso, rx, &fast)) {
    if (re_flags(fast.code) & RE_FLAG_GLOBAL) return regexp_fast_match_global(iso, rx, &fast, s);
    return regexp_builtin_exec(iso, rx, s);
  }
  Value flags = flags_string(iso, rx);
  if (flags == VAL_EXCEPTION) return flags;
  if (!string_contains(flags, 'g')) return regexp_exec(iso, rx, s);
  bool full_unicode = string_contains(flags, 'u') || string_contains(flags, 'v');
  if (set_last_index(iso, rx, 0) < 0) return VAL_EXCEPTION;
  Value a = array_new(iso, 0);
  if (a == VAL_EXCEPTION) return a;
  uint32_t n = 0;
  for (;;) {
    Value result = regexp_exec(iso, rx, s);
    if (result == VAL_EXCEPTION) return result;
    if (val_is_null(result)) return n == 0 ? VAL_NULL : a;
    Value m = match_string(iso, result);
    if (m == VAL_EXCEPTION) return m;
    if (rt_create_data_property_or_throw(iso, a, key_from_index(n), m) < 0) return VAL_EXCEPTION;
    n++;
    if (str_length(m) == 0 && advance_after_empty(iso, rx, s, full_unicode) < 0) return VAL_EXCEPTION;
  }
}

/* RegExp.prototype[@@search] */
static Value proto_search(Isolate *iso, const CallArgs *args) {
  Value rx = require_object_this(iso, args, "RegExp.prototype[Symbol.search]");
  if (rx == VAL_EXCEPTION) return rx;
  Value s = rt_to_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  RegExpFast fast;
  if (regexp_fast_check(iso, rx, &fast)) {
    /* lastIndex is set to 0 and restored around the exec: its value never matters and it
     * ends as it started. */
    s = str_flatten(iso, s);
    if (s == VAL_EXCEPTION) return s;
    int ncaps = re_capture_count(fast.code);
    int local[32];
    int *caps = 2 * ncaps <= 32 ? local : malloc(2 * (size_t)ncaps * sizeof *caps);
    if (!caps) return rt_throw_range_error(iso, "Out of memory");
    int r = regexp_run_matcher(iso, fast.code, s, 0, caps, false);
    Value result = r < 0 ? VAL_EXCEPTION : r == 0 ? val_from_int(-1) : val_from_int(caps[0]);
    if (r == 1) regexp_legacy_record(iso, as_regexp(rx)->legacy == VAL_TRUE, s, caps, ncaps);
    if (caps != local) free(caps);
    return result;
  }
  Value prev = obj_get(iso, rx, NAME(iso, lastIndex), rx);
  if (prev == VAL_EXCEPTION) return prev;
  if (!rt_same_value(prev, val_from_int(0)) && set_last_index(iso, rx, 0) < 0) return VAL_EXCEPTION;
  Value result = regexp_exec(iso, rx, s);
  if (result == VAL_EXCEPTION) return result;
  Value cur = obj_get(iso, rx, NAME(iso, lastIndex), rx);
  if (cur == VAL_EXCEPTION) return cur;
  if (!rt_same_value(cur, prev) && rt_set(iso, rx, NAME(iso, lastIndex), prev, true) < 0) return VAL_EXCEPTION;
  if (val_is_null(result)) return val_from_int(-1);
  return rt_get(iso, result, NAME(iso, index));
}

/* RegExp.prototype[@@replace] */
static Value proto_replace(Isolate *iso, const CallArgs *args) {
  Value rx = require_object_this(iso, args, "RegExp.prototype[Symbol.replace]");
  if (rx == VAL_EXCEPTION) return rx;
  Value s = to_flat_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  double length_s = str_length(s);
  Value replace_value = call_arg(args, 1);
  bool functional = val_is_callable(replace_value);
  if (!functional) {
    replace_value = rt_to_string(iso, replace_value);
    if (replace_value == VAL_EXCEPTION) return replace_value;
  }
  RegExpFast fast;
  if (regexp_fast_check(iso, rx, &fast)) {
    Value r = regexp_fast_replace(iso, rx, &fast, s, replace_value, functional);
    if (r != VAL_HOLE) return r;
  }
  Value flags = flags_string(iso, rx);
  if (flags == VAL_EXCEPTION) return flags;
  bool global = string_contains(flags, 'g');
  bool full_unicode = false;
  if (global) {
    full_unicode = string_contains(flags, 'u') || string_contains(flags, 'v');
    if (set_last_index(iso, rx, 0) < 0) return VAL_EXCEPTION;
  }
  Value results = array_new(iso, 0);
  if (results == VAL_EXCEPTION) return results;
  uint32_t nresults = 0;
  for (;;) {
    Value result = regexp_exec(iso, rx, s);
    if (result == VAL_EXCEPTION) return result;
    if (val_is_null(result)) break;
    if (array_push(iso, results, result) < 0) return VAL_EXCEPTION;
    nresults++;
    if (!global) break;
    Value m = match_string(iso, result);
    if (m == VAL_EXCEPTION) return m;
    if (str_length(m) == 0 && advance_after_empty(iso, rx, s, full_unicode) < 0) return VAL_EXCEPTION;
  }
  StringBuilder sb;
  sb_init(&sb, iso);
  double next_pos = 0;
  for (uint32_t r = 0; r < nresults; r++) {
    Value result = builtins_list_get(iso, results, r);
    double result_len;
    if (rt_length_of_array_like(iso, result, &result_len) < 0) goto fail;
    double ncaps = result_len - 1 > 0 ? result_len - 1 : 0;
    Value matched = match_string(iso, result);
    if (matched == VAL_EXCEPTION) goto fail;
    double match_len = str_length(matched);
    Value posv = rt_get(iso, result, NAME(iso, index));
    if (posv == VAL_EXCEPTION) goto fail;
    double position;
    if (rt_to_integer_or_infinity(iso, posv, &position) < 0) goto fail;
    if (position < 0) position = 0;
    if (position > length_s) position = length_s;
    Value captures = array_new(iso, 0);
    if (captures == VAL_EXCEPTION) goto fail;
    for (double n = 1; n <= ncaps; n++) {
      Value cap = rt_get(iso, result, builtins_index_key(iso, n));
      if (cap == VAL_EXCEPTION) goto fail;
      if (!val_is_undefined(cap)) {
        cap = rt_to_string(iso, cap);
        if (cap == VAL_EXCEPTION) goto fail;
      }
      if (array_push(iso, captures, cap) < 0) goto fail;
    }
    Value named = rt_get(iso, result, NAME(iso, groups));
    if (named == VAL_EXCEPTION) goto fail;
    Value replacement;
    if (functional) {
      /* The arguments are collected in a JS array (a malloc'd buffer would not be a GC root). */
      Value call_args = array_new(iso, 0);
      if (call_args == VAL_EXCEPTION) goto fail;
      uint32_t nc = array_length(captures);
      if (array_push(iso, call_args, matched) < 0) goto fail;
      for (uint32_t i = 0; i < nc; i++)
        if (array_push(iso, call_args, builtins_list_get(iso, captures, i)) < 0) goto fail;
      if (array_push(iso, call_args, val_from_number(position)) < 0 || array_push(iso, call_args, s) < 0) goto fail;
      if (!val_is_undefined(named) && array_push(iso, call_args, named) < 0) goto fail;
      Value rv = builtins_call_with_array_like(iso, replace_value, VAL_UNDEFINED, call_args, VAL_UNDEFINED, false);
      if (rv == VAL_EXCEPTION) goto fail;
      replacement = rt_to_string(iso, rv);
    } else {
      if (!val_is_undefined(named)) {
        named = rt_to_object(iso, named);
        if (named == VAL_EXCEPTION) goto fail;
      }
      replacement = builtins_get_substitution(iso, matched, s, position, captures, named, replace_value);
    }
    if (replacement == VAL_EXCEPTION) goto fail;
    if (position >= next_pos) {
      for (uint32_t k = (uint32_t)next_pos; k < (uint32_t)position; k++) sb_append_unit(&sb, str_char_at(s, k));
      sb_append_string(&sb, replacement);
      next_pos = position + match_len;
    }
  }
  for (uint32_t k = (uint32_t)next_pos; k < (uint32_t)length_s; k++) sb_append_unit(&sb, str_char_at(s, k));
  return sb_finish(&sb);
fail:
  sb_discard(&sb);
  return VAL_EXCEPTION;
}

/* RegExp.prototype[@@split] */
static Value proto_split(Isolate *iso, const CallArgs *args) {
  Value rx = require_object_this(iso, args, "RegExp.prototype[Symbol.split]");
  if (rx == VAL_EXCEPTION) return rx;
  Value s = to_flat_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  /* The limit is converted after the splitter is built: only a primitive one cannot run code
   * in between. */
  Value limit = call_arg(args, 1);
  RegExpFast fast;
  if ((val_is_undefined(limit) || val_is_number(limit)) && regexp_fast_check(iso, rx, &fast) &&
      regexp_fast_species(iso)) {
    uint32_t lim = 0xFFFFFFFFu;
    if (!val_is_undefined(limit) && rt_to_uint32(iso, limit, &lim) < 0) return VAL_EXCEPTION;
    return regexp_fast_split(iso, rx, &fast, s, lim);
  }
  Value c = species_constructor(iso, rx, intrinsic(iso, INTRINSIC_REGEXP));
  if (c == VAL_EXCEPTION) return c;
  Value flags = flags_string(iso, rx);
  if (flags == VAL_EXCEPTION) return flags;
  bool unicode = string_contains(flags, 'u') || string_contains(flags, 'v');
  Value new_flags = flags;
  if (!string_contains(flags, 'y')) {
    new_flags = str_concat(iso, flags, str_from_cstr(iso, "y"));
    if (new_flags == VAL_EXCEPTION) return new_flags;
  }
  Value cargs[2] = {rx, new_flags};
  Value splitter = rt_construct(iso, c, 2, cargs, c);
  if (splitter == VAL_EXCEPTION) return splitter;
  Value a = array_new(iso, 0);
  if (a == VAL_EXCEPTION) return a;
  uint32_t length_a = 0;
  uint32_t lim = 0xFFFFFFFFu;
  if (!val_is_undefined(call_arg(args, 1)) && rt_to_uint32(iso, call_arg(args, 1), &lim) < 0) return VAL_EXCEPTION;
  if (lim == 0) return a;
  uint32_t size = str_length(s);
  if (size == 0) {
    Value z = regexp_exec(iso, splitter, s);
    if (z == VAL_EXCEPTION) return z;
    if (!val_is_null(z)) return a;
    if (rt_create_data_property_or_throw(iso, a, key_from_index(0), s) < 0) return VAL_EXCEPTION;
    return a;
  }
  double p = 0, q = 0;
  while (q < size) {
    if (set_last_index(iso, splitter, q) < 0) return VAL_EXCEPTION;
    Value z = regexp_exec(iso, splitter, s);
    if (z == VAL_EXCEPTION) return z;
    if (val_is_null(z)) {
      q = advance_index(s, q, unicode);
      continue;
    }
    double e;
    if (get_last_index(iso, splitter, &e) < 0) return VAL_EXCEPTION;
    if (e > size) e = size;
    if (e == p) {
      q = advance_index(s, q, unicode);
      continue;
    }
    Value t = str_substring(iso, s, (size_t)p, (size_t)q);
    if (t == VAL_EXCEPTION) return t;
    if (rt_create_data_property_or_throw(iso, a, key_from_index(length_a), t) < 0) return VAL_EXCEPTION;
    if (++length_a == lim) return a;
    p = e;
    double zlen;
    if (rt_length_of_array_like(iso, z, &zlen) < 0) return VAL_EXCEPTION;
    for (double i = 1; i < zlen; i++) {
      Value cap = rt_get(iso, z, builtins_index_key(iso, i));
      if (cap == VAL_EXCEPTION) return cap;
      if (rt_create_data_property_or_throw(iso, a, key_from_index(length_a), cap) < 0) return VAL_EXCEPTION;
      if (++length_a == lim) return a;
    }
    q = p;
  }
  Value t = str_substring(iso, s, (size_t)p, size);
  if (t == VAL_EXCEPTION) return t;
  if (rt_create_data_property_or_throw(iso, a, key_from_index(length_a), t) < 0) return VAL_EXCEPTION;
  return a;
}

/* RegExp.prototype[@@matchAll] and %RegExpStringIteratorPrototype%.next */
static Value proto_match_all(Isolate *iso, const CallArgs *args) {
  Value r = require_object_this(iso, args, "RegExp.prototype[Symbol.matchAll]");
  if (r == VAL_EXCEPTION) return r;
  Value s = to_flat_string(iso, call_arg(args, 0));
  if (s == VAL_EXCEPTION) return s;
  Value c = species_constructor(iso, r, intrinsic(iso, INTRINSIC_REGEXP));
  if (c == VAL_EXCEPTION) return c;
  Value flags = flags_string(iso, r);
  if (flags == VAL_EXCEPTION) return flags;
  Value cargs[2] = {r, flags};
  Value matcher = rt_construct(iso, c, 2, cargs, c);
  if (matcher == VAL_EXCEPTION) return matcher;
  double last_index;
  if (get_last_index(iso, r, &last_index) < 0) return VAL_EXCEPTION;
  if (set_last_index(iso, matcher, last_index) < 0) return VAL_EXCEPTION;
  int state = (string_contains(flags, 'g') ? 1 : 0) |
              ((string_contains(flags, 'u') || string_contains(flags, 'v')) ? 2 : 0);
  Value it = obj_new_with_type(iso, IT_JS_ITERATOR, sizeof(JSRegExpStringIterator),
                               intrinsic(iso, INTRINSIC_REGEXP_STRING_ITERATOR_PROTOTYPE));
  if (it == VAL_EXCEPTION) return it;
  JSRegExpStringIterator *ri = (JSRegExpStringIterator *)val_to_ptr(it);
  ri->brand = val_from_int(BRAND_REGEXP_STRING_ITERATOR);
  WRITE_FIELD(ri, ri->regexp, matcher);
  WRITE_FIELD(ri, ri->string, s);
  ri->state = val_from_int(state);
  return it;
}

static Value rsi_next(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!val_is_pointer(o) || val_instance_type(o) != IT_JS_ITERATOR ||
      obj_map(o)->inobject_offset < sizeof(JSRegExpStringIterator) ||
      ((JSRegExpStringIterator *)val_to_ptr(o))->brand != val_from_int(BRAND_REGEXP_STRING_ITERATOR))
    return describe_error(iso, "%RegExpStringIterator%.prototype.next", o);
  JSRegExpStringIterator *ri = (JSRegExpStringIterator *)val_to_ptr(o);
  int state = val_to_int(ri->state);
  if (state & 4) return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  Value r = ri->regexp, s = ri->string;
  Value match = regexp_exec(iso, r, s);
  if (match == VAL_EXCEPTION) return match;
  ri = (JSRegExpStringIterator *)val_to_ptr(o);
  if (val_is_null(match)) {
    ri->state = val_from_int(state | 4);
    return builtins_create_iter_result(iso, VAL_UNDEFINED, true);
  }
  if (state & 1) {
    Value m = match_string(iso, match);
    if (m == VAL_EXCEPTION) return m;
    if (str_length(m) == 0 && advance_after_empty(iso, r, s, (state & 2) != 0) < 0) return VAL_EXCEPTION;
    return builtins_create_iter_result(iso, match, false);
  }
  ri->state = val_from_int(state | 4);
  return builtins_create_iter_result(iso, match, false);
}

/* RegExp.escape(S) (ES2025): escapes S so it matches itself literally in any pattern. */
static bool escape_is_space(uint32_t c) {
  return c == 9 || c == 11 || c == 12 || c == 32 || c == 0xA0 || c == 0xFEFF || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 10 ||
         c == 13 || c == 0x2028 || c == 0x2029;
}

static Value regexp_escape(Isolate *iso, const CallArgs *args) {
  Value s = call_arg(args, 0);
  if (!val_is_string(s)) {
    char buf[128];
    return rt_throw_type_error(iso, "RegExp.escape requires a string argument, got %s",
                               builtins_describe(iso, s, buf, sizeof buf));
  }
  s = str_flatten(iso, s);
  if (s == VAL_EXCEPTION) return s;
  uint32_t n = str_length(s);
  StringBuilder sb;
  sb_init(&sb, iso);
  static const char hex[] = "0123456789abcdef";
  for (uint32_t i = 0; i < n; i++) {
    uint32_t c = str_char_at(s, i);
    bool lone = false;
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && str_char_at(s, i + 1) >= 0xDC00 && str_char_at(s, i + 1) <= 0xDFFF) {
      sb_append_unit(&sb, (uint16_t)c);
      sb_append_unit(&sb, str_char_at(s, ++i));
      continue;
    }
    if (c >= 0xD800 && c <= 0xDFFF) lone = true;
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (i == 0 && alnum) {
      sb_append_cstr(&sb, "\\x");
      sb_append_unit(&sb, (uint16_t)hex[c >> 4]);
      sb_append_unit(&sb, (uint16_t)hex[c & 15]);
      continue;
    }
    if ((c < 128 && c && strchr("^$\\.*+?()[]{}|/", (int)c))) {
      sb_append_unit(&sb, '\\');
      sb_append_unit(&sb, (uint16_t)c);
      continue;
    }
    const char *ctl = c == 9 ? "t" : c == 10 ? "n" : c == 11 ? "v" : c == 12 ? "f" : c == 13 ? "r" : NULL;
    if (ctl) {
      sb_append_unit(&sb, '\\');
      sb_append_cstr(&sb, ctl);
      continue;
    }
    if ((c < 128 && c && strchr(",-=<>#&!%:;@~'`\"", (int)c)) || escape_is_space(c) || lone) {
      if (c <= 0xFF) {
        sb_append_cstr(&sb, "\\x");
        sb_append_unit(&sb, (uint16_t)hex[c >> 4]);
        sb_append_unit(&sb, (uint16_t)hex[c & 15]);
      } else {
        sb_append_cstr(&sb, "\\u");
        for (int k = 12; k >= 0; k -= 4) sb_append_unit(&sb, (uint16_t)hex[(c >> k) & 15]);
      }
      continue;
    }
    sb_append_unit(&sb, (uint16_t)c);
  }
  return sb_finish(&sb);
}

static Value get_species(Isolate *iso, const CallArgs *args) {
  PT_UNUSED(iso);
  return args->this_val;
}

/* ---- Legacy static accessors ------------------------------------------------------------------- */
enum { LEGACY_INPUT = 100, LEGACY_LAST_MATCH, LEGACY_LAST_PAREN, LEGACY_LEFT, LEGACY_RIGHT };

static Value legacy_get(Isolate *iso, const CallArgs *args) {
  int which = function_magic(args->callee);
  Value ctor = intrinsic(iso, INTRINSIC_REGEXP);
  if (args->this_val != ctor)
    return rt_throw_type_error(iso, "RegExp legacy static accessor called on incompatible receiver");
  JSRegExpPrototype *h = legacy_holder(iso);
  if (h && val_is_null(h->last_match))
    return rt_throw_type_error(iso, "RegExp legacy static properties are unavailable after a subclass match");
  if (!h || !val_is_pointer(h->last_match)) return NAME(iso, empty);
  FixedArray *rec = (FixedArray *)val_to_ptr(h->last_match);
  if (which == LEGACY_INPUT) return rec->data[LM_INPUT];
  Value s = rec->data[LM_SUBJECT];
  int n = val_to_int(rec->data[LM_COUNT]);
  if (n == 0) return NAME(iso, empty);
  int caps[20];
  for (int i = 0; i < 2 * n; i++) caps[i] = val_to_int(rec->data[LM_CAPS + i]);
  if (which == LEGACY_LAST_MATCH) return str_substring(iso, s, (size_t)caps[0], (size_t)caps[1]);
  if (which == LEGACY_LEFT) return str_substring(iso, s, 0, (size_t)caps[0]);
  if (which == LEGACY_RIGHT) return str_substring(iso, s, (size_t)caps[1], str_length(s));
  int g = which == LEGACY_LAST_PAREN ? n - 1 : which;
  if (g <= 0 || g >= n || caps[2 * g] < 0) return NAME(iso, empty);
  return str_substring(iso, s, (size_t)caps[2 * g], (size_t)caps[2 * g + 1]);
}

static Value legacy_set_input(Isolate *iso, const CallArgs *args) {
  if (args->this_val != intrinsic(iso, INTRINSIC_REGEXP))
    return rt_throw_type_error(iso, "RegExp legacy static accessor called on incompatible receiver");
  Value v = rt_to_string(iso, call_arg(args, 0));
  if (v == VAL_EXCEPTION) return v;
  JSRegExpPrototype *h = legacy_holder(iso);
  if (!h) return VAL_UNDEFINED;
  bool fresh = !val_is_pointer(h->last_match);
  FixedArray *rec = legacy_record_array(iso);
  if (!rec) return VAL_UNDEFINED;
  if (fresh) {
    fixed_array_set(rec, LM_SUBJECT, NAME(iso, empty));
    rec->data[LM_COUNT] = val_from_int(0);
  }
  fixed_array_set(rec, LM_INPUT, v);
  return VAL_UNDEFINED;
}

static int def_legacy(Isolate *iso, Value ctor, const char *name, int magic, bool settable) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return -1;
  char gname[32];
  snprintf(gname, sizeof gname, "get %s", name);
  Value g = function_new_native(iso, str_intern_cstr(iso, gname), 0, legacy_get, magic, 0);
  if (g == VAL_EXCEPTION) return -1;
  Value s = VAL_UNDEFINED;
  if (settable) {
    snprintf(gname, sizeof gname, "set %s", name);
    s = function_new_native(iso, str_intern_cstr(iso, gname), 1, legacy_set_input, magic, 0);
    if (s == VAL_EXCEPTION) return -1;
  }
  return rt_define_accessor(iso, ctor, key, g, s, ATTR_CONFIGURABLE);
}

/* ---- Installation -------------------------------------------------------------------------------- */
int builtins_install_regexp(Isolate *iso, Realm *realm) {
  Value proto = obj_new_with_type(iso, IT_JS_OBJECT, sizeof(JSRegExpPrototype),
                                  realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_REGEXP_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "RegExp", regexp_ctor, 2, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_REGEXP], ctor);
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), get_species, NULL, ATTR_CONFIGURABLE) ==
      VAL_EXCEPTION)
    return -1;
  if (builtins_def_method(iso, ctor, "escape", regexp_escape, 1, 0) == VAL_EXCEPTION) return -1;
  static const struct { const char *name; NativeFunction fn; int length; } methods[] = {
      {"exec", proto_exec, 1}, {"test", proto_test, 1}, {"toString", proto_to_string, 0},
      {"compile", proto_compile, 2}};
  for (size_t i = 0; i < PT_ARRAY_LEN(methods); i++)
    if (builtins_def_method(iso, proto, methods[i].name, methods[i].fn, methods[i].length, 0) == VAL_EXCEPTION)
      return -1;
  static const struct { WellKnownSymbol sym; NativeFunction fn; int length; } sym_methods[] = {
      {WKS_MATCH, proto_match, 1}, {WKS_MATCH_ALL, proto_match_all, 1}, {WKS_REPLACE, proto_replace, 2},
      {WKS_SEARCH, proto_search, 1}, {WKS_SPLIT, proto_split, 2}};
  for (size_t i = 0; i < PT_ARRAY_LEN(sym_methods); i++)
    if (builtins_def_method_key(iso, proto, sym_well_known(iso, sym_methods[i].sym), sym_methods[i].fn,
                                sym_methods[i].length, 0, ATTR_BUILTIN) == VAL_EXCEPTION)
      return -1;
  static const struct { const char *name; NativeFunction fn; } getters[] = {
      {"dotAll", get_dot_all}, {"flags", get_flags}, {"global", get_global},
      {"hasIndices", get_has_indices}, {"ignoreCase", get_ignore_case}, {"multiline", get_multiline},
      {"source", get_source}, {"sticky", get_sticky}, {"unicode", get_unicode},
      {"unicodeSets", get_unicode_sets}};
  for (size_t i = 0; i < PT_ARRAY_LEN(getters); i++)
    if (builtins_def_getter_named(iso, proto, getters[i].name, getters[i].fn) == VAL_EXCEPTION) return -1;
  /* %RegExpStringIteratorPrototype% */
  Value rsi = obj_new(iso, realm->intrinsics[INTRINSIC_ITERATOR_PROTOTYPE]);
  if (rsi == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_REGEXP_STRING_ITERATOR_PROTOTYPE], rsi);
  if (builtins_def_method(iso, rsi, "next", rsi_next, 0, 0) == VAL_EXCEPTION) return -1;
  Value tag = str_from_cstr(iso, "RegExp String Iterator");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, rsi, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  /* Annex B legacy statics. */
  static const char *const dollars[] = {"$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9"};
  for (int i = 0; i < 9; i++)
    if (def_legacy(iso, ctor, dollars[i], i + 1, false) < 0) return -1;
  static const struct { const char *name; int magic; bool settable; } legacy[] = {
      {"input", LEGACY_INPUT, true}, {"$_", LEGACY_INPUT, true}, {"lastMatch", LEGACY_LAST_MATCH, false},
      {"$&", LEGACY_LAST_MATCH, false}, {"lastParen", LEGACY_LAST_PAREN, false},
      {"$+", LEGACY_LAST_PAREN, false}, {"leftContext", LEGACY_LEFT, false}, {"$`", LEGACY_LEFT, false},
      {"rightContext", LEGACY_RIGHT, false}, {"$'", LEGACY_RIGHT, false}};
  for (size_t i = 0; i < PT_ARRAY_LEN(legacy); i++)
    if (def_legacy(iso, ctor, legacy[i].name, legacy[i].magic, legacy[i].settable) < 0) return -1;
  return 0;
}

Value regexp_original_source(Value rx) { return ((JSRegExp *)val_to_ptr(rx))->source; }
Value regexp_original_flags(Value rx) { return ((JSRegExp *)val_to_ptr(rx))->flags; }
