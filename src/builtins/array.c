/*
 * The Array constructor, its statics and Array.prototype (ECMA-262 23.1).
 *
 * Every method is written against the generic internal methods, so it works on any array-like
 * receiver and sees getters, proxies and holes exactly as the spec says. Lengths and indices are
 * doubles: array-likes may be up to 2^53 - 1 long, beyond the uint32 range of array indices.
 */
#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "objects/js-function.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_SAFE_LENGTH 9007199254740991.0 /* 2^53 - 1 */

/* ---- Element access helpers ----------------------------------------------------------------- */

static Value get_index(Isolate *iso, Value o, double k) {
  Value v;
  if (builtins_fast_element(o, k, &v)) return v;
  /* Generic loops can be 2^53 long over sparse array-likes: let the embedder interrupt them. */
  if (!isolate_poll(iso)) return VAL_EXCEPTION;
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return key;
  return obj_get(iso, o, key, o);
}

static int has_index(Isolate *iso, Value o, double k) {
  Value v;
  if (builtins_fast_element(o, k, &v)) return 1;
  if (!isolate_poll(iso)) return -1;
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return -1;
  return obj_has_property(iso, o, key);
}

/* HasProperty(o, k) and, when present, Get(o, k): the pair every hole-skipping loop performs,
 * with one fast-path probe for array elements. 1 present (*v set), 0 absent, -1 exception. */
static int get_if_present(Isolate *iso, Value o, double k, Value *v) {
  if (builtins_fast_element(o, k, v)) return 1;
  int present = has_index(iso, o, k);
  if (present <= 0) return present;
  *v = get_index(iso, o, k);
  return *v == VAL_EXCEPTION ? -1 : 1;
}

static int set_index(Isolate *iso, Value o, double k, Value v) {
  if (!isolate_poll(iso)) return -1;
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return -1;
  return rt_set(iso, o, key, v, true);
}

static int create_index(Isolate *iso, Value o, double k, Value v) {
  if (!isolate_poll(iso)) return -1;
  /* Appending to an array: no property exists at or above `length`, so CreateDataProperty is
   * an append (array_push falls back to the generic path for non-extensible arrays). */
  if (obj_is_js_array(o) && k == array_length(o)) return array_push(iso, o, v);
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return -1;
  return rt_create_data_property_or_throw(iso, o, key, v);
}

static int delete_index(Isolate *iso, Value o, double k) {
  if (!isolate_poll(iso)) return -1;
  Value key = builtins_index_key(iso, k);
  if (key == VAL_EXCEPTION) return -1;
  return rt_delete_property_or_throw(iso, o, key);
}

static int set_length(Isolate *iso, Value o, double len) {
  return rt_set(iso, o, NAME(iso, length), val_from_number(len), true);
}

/* Moves o[from] to o[to], deleting o[to] when o[from] is absent (the loops of shift, splice...). */
static int move_index(Isolate *iso, Value o, double from, double to) {
  int present = has_index(iso, o, from);
  if (present < 0) return -1;
  if (present) {
    Value v = get_index(iso, o, from);
    if (v == VAL_EXCEPTION) return -1;
    return set_index(iso, o, to, v);
  }
  return delete_index(iso, o, to);
}

static Value this_obj_len(Isolate *iso, const CallArgs *args, const char *method, double *len) {
  Value o = builtins_this_object(iso, args, method);
  if (o == VAL_EXCEPTION) return o;
  if (rt_length_of_array_like(iso, o, len) < 0) return VAL_EXCEPTION;
  return o;
}

static Value throw_not_callable(Isolate *iso, Value v) {
  char buf[128];
  return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, v, buf, sizeof buf));
}

/* ArrayCreate(length, proto): proto VAL_HOLE means %Array.prototype%. */
static Value array_create(Isolate *iso, double len, Value proto) {
  if (len > 4294967295.0) return rt_throw_range_error(iso, "Invalid array length");
  Value a = array_new(iso, (uint32_t)len);
  if (a == VAL_EXCEPTION || proto == VAL_HOLE) return a;
  if (proto != intrinsic(iso, INTRINSIC_ARRAY_PROTOTYPE) && obj_set_prototype_of(iso, a, proto) < 0)
    return VAL_EXCEPTION;
  return a;
}

/* An empty array standing for ArrayCreate(len) when the caller fills indices 0.. in order and
 * leaves it with the right length: appending is much cheaper than defining into a holey
 * preallocated array, and nothing can observe the array before it is returned. */
static Value array_create_to_fill(Isolate *iso, double len) {
  if (len > 4294967295.0) return rt_throw_range_error(iso, "Invalid array length");
  return array_new(iso, 0);
}

/* ArraySpeciesCreate(originalArray, length). When the result is a plain ArrayCreate(length),
 * *fresh is set and the array is returned EMPTY: the caller sets `length` when it is done
 * (slice, splice and map do; the other callers pass 0). */
static Value array_species_create_ex(Isolate *iso, Value original, double len, bool *fresh) {
  *fresh = false;
  int error = 0;
  bool is_array = val_is_array(iso, original, &error);
  if (error) return VAL_EXCEPTION;
  if (!is_array) {
    *fresh = true;
    return array_create_to_fill(iso, len);
  }
  Value c = obj_get(iso, original, NAME(iso, constructor), original);
  if (c == VAL_EXCEPTION) return c;
  if (val_is_constructor(c)) {
    Realm *rc = function_get_realm(iso, c);
    if (!rc) return VAL_EXCEPTION;
    if (rc != iso->realm && c == realm_intrinsic(rc, INTRINSIC_ARRAY)) c = VAL_UNDEFINED;
  }
  if (val_is_object(c)) {
    c = obj_get(iso, c, sym_well_known(iso, WKS_SPECIES), c);
    if (c == VAL_EXCEPTION) return c;
    if (val_is_null(c)) c = VAL_UNDEFINED;
  }
  if (val_is_undefined(c)) {
    *fresh = true;
    return array_create_to_fill(iso, len);
  }
  if (!val_is_constructor(c))
    return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
  Value arg = val_from_number(len);
  return rt_construct(iso, c, 1, &arg, c);
}

static Value array_species_create(Isolate *iso, Value original, double len) {
  bool fresh;
  return array_species_create_ex(iso, original, len, &fresh);
}

/* ---- The constructor and statics -------------------------------------------------------- */

static Value array_ctor(Isolate *iso, const CallArgs *args) {
  Value nt = val_is_undefined(args->new_target) ? args->callee : args->new_target;
  Value proto = rt_prototype_from_constructor(iso, nt, INTRINSIC_ARRAY_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  if (args->argc == 0) return array_create(iso, 0, proto);
  if (args->argc == 1) {
    Value len = args->argv[0];
    if (!val_is_number(len)) {
      Value a = array_create(iso, 0, proto);
      if (a == VAL_EXCEPTION) return a;
      if (create_index(iso, a, 0, len) < 0) return VAL_EXCEPTION;
      return a;
    }
    double d = val_to_number_unchecked(len);
    uint32_t u;
    if (rt_to_uint32(iso, len, &u) < 0) return VAL_EXCEPTION;
    if ((double)u != d) return rt_throw_range_error(iso, "Invalid array length");
    return array_create(iso, u, proto);
  }
  Value a = array_create(iso, args->argc, proto);
  if (a == VAL_EXCEPTION) return a;
  for (int k = 0; k < args->argc; k++)
    if (create_index(iso, a, k, args->argv[k]) < 0) return VAL_EXCEPTION;
  return a;
}

static Value array_is_array(Isolate *iso, const CallArgs *args) {
  int error = 0;
  bool r = val_is_array(iso, call_arg(args, 0), &error);
  return error ? VAL_EXCEPTION : val_from_bool(r);
}

/* `new C(len)` when C is a constructor, else ArrayCreate(len) (Array.from / Array.of). */
static Value construct_this_or_array(Isolate *iso, Value c, bool with_len, double len) {
  if (val_is_constructor(c)) {
    Value arg = val_from_number(len);
    return rt_construct(iso, c, with_len ? 1 : 0, &arg, c);
  }
  return array_create(iso, with_len ? len : 0, VAL_HOLE);
}

static Value array_of(Isolate *iso, const CallArgs *args) {
  double len = args->argc;
  Value a = construct_this_or_array(iso, args->this_val, true, len);
  if (a == VAL_EXCEPTION) return a;
  for (int k = 0; k < args->argc; k++)
    if (create_index(iso, a, k, args->argv[k]) < 0) return VAL_EXCEPTION;
  if (set_length(iso, a, len) < 0) return VAL_EXCEPTION;
  return a;
}

static Value array_from(Isolate *iso, const CallArgs *args) {
  Value c = args->this_val, items = call_arg(args, 0), mapfn = call_arg(args, 1), this_arg = call_arg(args, 2);
  bool mapping = !val_is_undefined(mapfn);
  if (mapping && !val_is_callable(mapfn)) return throw_not_callable(iso, mapfn);
  Value using_iterator = rt_get_method(iso, items, sym_well_known(iso, WKS_ITERATOR));
  if (using_iterator == VAL_EXCEPTION) return using_iterator;
  if (!val_is_undefined(using_iterator)) {
    Value a = construct_this_or_array(iso, c, false, 0);
    if (a == VAL_EXCEPTION) return a;
    IteratorRecord rec;
    if (builtins_get_iterator_from_method(iso, items, using_iterator, &rec) < 0) return VAL_EXCEPTION;
    for (double k = 0;; k++) {
      if (k >= MAX_SAFE_LENGTH) {
        rt_throw_type_error(iso, "Invalid array length");
        builtins_iterator_close(iso, rec.iterator, true);
        return VAL_EXCEPTION;
      }
      Value next = builtins_iterator_step_value(iso, &rec);
      if (next == VAL_EXCEPTION) return next;
      if (next == VAL_HOLE) {
        if (set_length(iso, a, k) < 0) return VAL_EXCEPTION;
        return a;
      }
      Value v = next;
      if (mapping) {
        Value argv[2] = {next, val_from_number(k)};
        v = rt_call(iso, mapfn, this_arg, 2, argv);
      }
      if (v == VAL_EXCEPTION || create_index(iso, a, k, v) < 0) {
        builtins_iterator_close(iso, rec.iterator, true);
        return VAL_EXCEPTION;
      }
    }
  }
  Value array_like = rt_to_object(iso, items);
  if (array_like == VAL_EXCEPTION) return array_like;
  double len;
  if (rt_length_of_array_like(iso, array_like, &len) < 0) return VAL_EXCEPTION;
  Value a = construct_this_or_array(iso, c, true, len);
  if (a == VAL_EXCEPTION) return a;
  for (double k = 0; k < len; k++) {
    Value v = get_index(iso, array_like, k);
    if (v == VAL_EXCEPTION) return v;
    if (mapping) {
      Value argv[2] = {v, val_from_number(k)};
      v = rt_call(iso, mapfn, this_arg, 2, argv);
      if (v == VAL_EXCEPTION) return v;
    }
    if (create_index(iso, a, k, v) < 0) return VAL_EXCEPTION;
  }
  if (set_length(iso, a, len) < 0) return VAL_EXCEPTION;
  return a;
}

static Value get_species(Isolate *iso, const CallArgs *args) { return args->this_val; }

/* ---- Array.prototype: access and search --------------------------------------------------- */

static Value proto_at(Isolate *iso, const CallArgs *args) {
  double len, rel;
  Value o = this_obj_len(iso, args, "Array.prototype.at", &len);
  if (o == VAL_EXCEPTION) return o;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &rel) < 0) return VAL_EXCEPTION;
  double k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return VAL_UNDEFINED;
  return get_index(iso, o, k);
}

static Value proto_includes(Isolate *iso, const CallArgs *args) {
  double len, n;
  Value o = this_obj_len(iso, args, "Array.prototype.includes", &len);
  if (o == VAL_EXCEPTION) return o;
  if (len == 0) return VAL_FALSE;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 1), &n) < 0) return VAL_EXCEPTION;
  if (n == INFINITY) return VAL_FALSE;
  double k = n >= 0 ? n : fmax(len + n, 0);
  Value target = call_arg(args, 0);
  for (; k < len; k++) {
    Value v = get_index(iso, o, k);
    if (v == VAL_EXCEPTION) return v;
    if (rt_same_value_zero(v, target)) return VAL_TRUE;
  }
  return VAL_FALSE;
}

static Value proto_index_of(Isolate *iso, const CallArgs *args) {
  double len, n;
  Value o = this_obj_len(iso, args, "Array.prototype.indexOf", &len);
  if (o == VAL_EXCEPTION) return o;
  if (len == 0) return val_from_int(-1);
  if (rt_to_integer_or_infinity(iso, call_arg(args, 1), &n) < 0) return VAL_EXCEPTION;
  if (n == INFINITY) return val_from_int(-1);
  double k = n >= 0 ? n : fmax(len + n, 0);
  Value target = call_arg(args, 0);
  for (; k < len; k++) {
    Value v;
    int present = get_if_present(iso, o, k, &v);
    if (present < 0) return VAL_EXCEPTION;
    if (!present) continue;
    if (rt_strict_equals(v, target)) return val_from_number(k);
  }
  return val_from_int(-1);
}

static Value proto_last_index_of(Isolate *iso, const CallArgs *args) {
  double len, n;
  Value o = this_obj_len(iso, args, "Array.prototype.lastIndexOf", &len);
  if (o == VAL_EXCEPTION) return o;
  if (len == 0) return val_from_int(-1);
  if (args->argc > 1) {
    if (rt_to_integer_or_infinity(iso, args->argv[1], &n) < 0) return VAL_EXCEPTION;
  } else {
    n = len - 1;
  }
  if (n == -INFINITY) return val_from_int(-1);
  double k = n >= 0 ? fmin(n, len - 1) : len + n;
  Value target = call_arg(args, 0);
  for (; k >= 0; k--) {
    Value v;
    int present = get_if_present(iso, o, k, &v);
    if (present < 0) return VAL_EXCEPTION;
    if (!present) continue;
    if (rt_strict_equals(v, target)) return val_from_number(k);
  }
  return val_from_int(-1);
}

/* find (0), findIndex (1), findLast (2), findLastIndex (3). */
static Value proto_find(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Array.prototype.find", "Array.prototype.findIndex",
                                      "Array.prototype.findLast", "Array.prototype.findLastIndex"};
  int magic = function_magic(args->callee);
  double len;
  Value o = this_obj_len(iso, args, names[magic], &len);
  if (o == VAL_EXCEPTION) return o;
  Value pred = call_arg(args, 0), this_arg = call_arg(args, 1);
  if (!val_is_callable(pred)) return throw_not_callable(iso, pred);
  bool last = magic >= 2, want_index = magic & 1;
  for (double i = 0; i < len; i++) {
    double k = last ? len - 1 - i : i;
    Value v = get_index(iso, o, k);
    if (v == VAL_EXCEPTION) return v;
    Value argv[3] = {v, val_from_number(k), o};
    Value r = rt_call(iso, pred, this_arg, 3, argv);
    if (r == VAL_EXCEPTION) return r;
    if (rt_to_boolean(r)) return want_index ? val_from_number(k) : v;
  }
  return want_index ? val_from_int(-1) : VAL_UNDEFINED;
}

/* ---- Iteration with callbacks --------------------------------------------------------------- */

enum { ITER_FOR_EACH, ITER_EVERY, ITER_SOME, ITER_MAP, ITER_FILTER };

static Value proto_iterate(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Array.prototype.forEach", "Array.prototype.every", "Array.prototype.some",
                                      "Array.prototype.map", "Array.prototype.filter"};
  int kind = function_magic(args->callee);
  double len;
  Value o = this_obj_len(iso, args, names[kind], &len);
  if (o == VAL_EXCEPTION) return o;
  Value fn = call_arg(args, 0), this_arg = call_arg(args, 1);
  if (!val_is_callable(fn)) return throw_not_callable(iso, fn);
  Value a = VAL_UNDEFINED;
  bool fresh = false;
  if (kind == ITER_MAP || kind == ITER_FILTER) {
    a = array_species_create_ex(iso, o, kind == ITER_MAP ? len : 0, &fresh);
    if (a == VAL_EXCEPTION) return a;
  }
  double to = 0;
  for (double k = 0; k < len; k++) {
    Value v;
    int present = get_if_present(iso, o, k, &v);
    if (present < 0) return VAL_EXCEPTION;
    if (!present) continue;
    Value argv[3] = {v, val_from_number(k), o};
    Value r = rt_call(iso, fn, this_arg, 3, argv);
    if (r == VAL_EXCEPTION) return r;
    switch (kind) {
      case ITER_EVERY:
        if (!rt_to_boolean(r)) return VAL_FALSE;
        break;
      case ITER_SOME:
        if (rt_to_boolean(r)) return VAL_TRUE;
        break;
      case ITER_MAP:
        if (create_index(iso, a, k, r) < 0) return VAL_EXCEPTION;
        break;
      case ITER_FILTER:
        if (rt_to_boolean(r) && create_index(iso, a, to++, v) < 0) return VAL_EXCEPTION;
        break;
      default: break;
    }
  }
  switch (kind) {
    case ITER_EVERY: return VAL_TRUE;
    case ITER_SOME: return VAL_FALSE;
    case ITER_MAP:
      if (fresh && set_length(iso, a, len) < 0) return VAL_EXCEPTION;
      return a;
    case ITER_FILTER: return a;
    default: return VAL_UNDEFINED;
  }
}

/* reduce (0) and reduceRight (1). */
static Value proto_reduce(Isolate *iso, const CallArgs *args) {
  bool right = function_magic(args->callee) == 1;
  double len;
  Value o = this_obj_len(iso, args, right ? "Array.prototype.reduceRight" : "Array.prototype.reduce", &len);
  if (o == VAL_EXCEPTION) return o;
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) return throw_not_callable(iso, fn);
  if (len == 0 && args->argc < 2) return rt_throw_type_error(iso, "Reduce of empty array with no initial value");
  double i = 0;
  Value acc = VAL_UNDEFINED;
  if (args->argc >= 2) {
    acc = args->argv[1];
  } else {
    bool found = false;
    for (; i < len && !found; i++) {
      double k = right ? len - 1 - i : i;
      int present = has_index(iso, o, k);
      if (present < 0) return VAL_EXCEPTION;
      if (!present) continue;
      acc = get_index(iso, o, k);
      if (acc == VAL_EXCEPTION) return acc;
      found = true;
    }
    if (!found) return rt_throw_type_error(iso, "Reduce of empty array with no initial value");
  }
  for (; i < len; i++) {
    double k = right ? len - 1 - i : i;
    Value v;
    int present = get_if_present(iso, o, k, &v);
    if (present < 0) return VAL_EXCEPTION;
    if (!present) continue;
    Value argv[4] = {acc, v, val_from_number(k), o};
    acc = rt_call(iso, fn, VAL_UNDEFINED, 4, argv);
    if (acc == VAL_EXCEPTION) return acc;
  }
  return acc;
}

/* FlattenIntoArray; returns the next target index, or -1 on exception. */
static double flatten_into_array(Isolate *iso, Value target, Value source, double source_len, double start,
                                 double depth, Value mapper, Value this_arg) {
  if (!isolate_check_stack(iso)) return -1;
  double target_index = start;
  for (double si = 0; si < source_len; si++) {
    Value el;
    int present = get_if_present(iso, source, si, &el);
    if (present < 0) return -1;
    if (!present) continue;
    if (!val_is_undefined(mapper)) {
      Value argv[3] = {el, val_from_number(si), source};
      el = rt_call(iso, mapper, this_arg, 3, argv);
      if (el == VAL_EXCEPTION) return -1;
    }
    bool flatten = false;
    if (depth > 0) {
      int error = 0;
      flatten = val_is_array(iso, el, &error);
      if (error) return -1;
    }
    if (flatten) {
      double el_len;
      if (rt_length_of_array_like(iso, el, &el_len) < 0) return -1;
      target_index = flatten_into_array(iso, target, el, el_len, target_index,
                                        depth == INFINITY ? depth : depth - 1, VAL_UNDEFINED, VAL_UNDEFINED);
      if (target_index < 0) return -1;
    } else {
      if (target_index >= MAX_SAFE_LENGTH) {
        rt_throw_type_error(iso, "Invalid array length");
        return -1;
      }
      if (create_index(iso, target, target_index, el) < 0) return -1;
      target_index++;
    }
  }
  return target_index;
}

static Value proto_flat(Isolate *iso, const CallArgs *args) {
  double len, depth = 1;
  Value o = this_obj_len(iso, args, "Array.prototype.flat", &len);
  if (o == VAL_EXCEPTION) return o;
  if (!val_is_undefined(call_arg(args, 0))) {
    if (rt_to_integer_or_infinity(iso, args->argv[0], &depth) < 0) return VAL_EXCEPTION;
    if (depth < 0) depth = 0;
  }
  Value a = array_species_create(iso, o, 0);
  if (a == VAL_EXCEPTION) return a;
  if (flatten_into_array(iso, a, o, len, 0, depth, VAL_UNDEFINED, VAL_UNDEFINED) < 0) return VAL_EXCEPTION;
  return a;
}

static Value proto_flat_map(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.flatMap", &len);
  if (o == VAL_EXCEPTION) return o;
  Value mapper = call_arg(args, 0);
  if (!val_is_callable(mapper)) return rt_throw_type_error(iso, "flatMap mapper function is not callable");
  Value a = array_species_create(iso, o, 0);
  if (a == VAL_EXCEPTION) return a;
  if (flatten_into_array(iso, a, o, len, 0, 1, mapper, call_arg(args, 1)) < 0) return VAL_EXCEPTION;
  return a;
}

/* ---- Mutators -------------------------------------------------------------------------------- */

static Value proto_push(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.push", &len);
  if (o == VAL_EXCEPTION) return o;
  if (len + args->argc > MAX_SAFE_LENGTH) {
    char buf[32];
    return rt_throw_type_error(iso,
                               "Pushing %d elements on an array-like of length %s is disallowed, as the total "
                               "surpasses 2**53-1",
                               args->argc, builtins_describe(iso, val_from_number(len), buf, sizeof buf));
  }
  for (int i = 0; i < args->argc; i++)
    if (set_index(iso, o, len + i, args->argv[i]) < 0) return VAL_EXCEPTION;
  len += args->argc;
  if (set_length(iso, o, len) < 0) return VAL_EXCEPTION;
  return val_from_number(len);
}

static Value proto_pop(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.pop", &len);
  if (o == VAL_EXCEPTION) return o;
  if (len == 0) return set_length(iso, o, 0) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
  Value el = get_index(iso, o, len - 1);
  if (el == VAL_EXCEPTION) return el;
  if (delete_index(iso, o, len - 1) < 0) return VAL_EXCEPTION;
  if (set_length(iso, o, len - 1) < 0) return VAL_EXCEPTION;
  return el;
}

static Value proto_shift(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.shift", &len);
  if (o == VAL_EXCEPTION) return o;
  if (len == 0) return set_length(iso, o, 0) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
  Value first = get_index(iso, o, 0);
  if (first == VAL_EXCEPTION) return first;
  for (double k = 1; k < len; k++) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION;
    if (move_index(iso, o, k, k - 1) < 0) return VAL_EXCEPTION;
  }
  if (delete_index(iso, o, len - 1) < 0) return VAL_EXCEPTION;
  if (set_length(iso, o, len - 1) < 0) return VAL_EXCEPTION;
  return first;
}

static Value proto_unshift(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.unshift", &len);
  if (o == VAL_EXCEPTION) return o;
  int n = args->argc;
  if (n > 0) {
    if (len + n > MAX_SAFE_LENGTH) return rt_throw_type_error(iso, "Invalid array length");
    for (double k = len; k > 0; k--) {
      if (!isolate_poll(iso)) return VAL_EXCEPTION;
      if (move_index(iso, o, k - 1, k + n - 1) < 0) return VAL_EXCEPTION;
    }
    for (int j = 0; j < n; j++)
      if (set_index(iso, o, j, args->argv[j]) < 0) return VAL_EXCEPTION;
  }
  if (set_length(iso, o, len + n) < 0) return VAL_EXCEPTION;
  return val_from_number(len + n);
}

static Value proto_reverse(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.reverse", &len);
  if (o == VAL_EXCEPTION) return o;
  double middle = floor(len / 2);
  for (double lower = 0; lower != middle; lower++) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION;
    double upper = len - lower - 1;
    int lower_exists = has_index(iso, o, lower);
    if (lower_exists < 0) return VAL_EXCEPTION;
    Value lv = VAL_UNDEFINED, uv = VAL_UNDEFINED;
    if (lower_exists && (lv = get_index(iso, o, lower)) == VAL_EXCEPTION) return lv;
    int upper_exists = has_index(iso, o, upper);
    if (upper_exists < 0) return VAL_EXCEPTION;
    if (upper_exists && (uv = get_index(iso, o, upper)) == VAL_EXCEPTION) return uv;
    if (lower_exists && upper_exists) {
      if (set_index(iso, o, lower, uv) < 0 || set_index(iso, o, upper, lv) < 0) return VAL_EXCEPTION;
    } else if (upper_exists) {
      if (set_index(iso, o, lower, uv) < 0 || delete_index(iso, o, upper) < 0) return VAL_EXCEPTION;
    } else if (lower_exists) {
      if (delete_index(iso, o, lower) < 0 || set_index(iso, o, upper, lv) < 0) return VAL_EXCEPTION;
    }
  }
  return o;
}

static Value proto_fill(Isolate *iso, const CallArgs *args) {
  double len, k, final;
  Value o = this_obj_len(iso, args, "Array.prototype.fill", &len);
  if (o == VAL_EXCEPTION) return o;
  if (builtins_relative_index(iso, call_arg(args, 1), len, 0, &k) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 2), len, len, &final) < 0) return VAL_EXCEPTION;
  Value v = call_arg(args, 0);
  for (; k < final; k++)
    if (set_index(iso, o, k, v) < 0) return VAL_EXCEPTION;
  return o;
}

static Value proto_copy_within(Isolate *iso, const CallArgs *args) {
  double len, to, from, final;
  Value o = this_obj_len(iso, args, "Array.prototype.copyWithin", &len);
  if (o == VAL_EXCEPTION) return o;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &to) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 1), len, 0, &from) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 2), len, len, &final) < 0) return VAL_EXCEPTION;
  double count = fmin(final - from, len - to);
  double dir = 1;
  if (from < to && to < from + count) {
    dir = -1;
    from += count - 1;
    to += count - 1;
  }
  for (; count > 0; count--, from += dir, to += dir) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION;
    if (move_index(iso, o, from, to) < 0) return VAL_EXCEPTION;
  }
  return o;
}

/* The actual skip count of splice/toSpliced. */
static int splice_counts(Isolate *iso, const CallArgs *args, double len, double *start, double *skip) {
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, start) < 0) return -1;
  if (args->argc == 0) {
    *skip = 0;
  } else if (args->argc == 1) {
    *skip = len - *start;
  } else {
    double dc;
    if (rt_to_integer_or_infinity(iso, args->argv[1], &dc) < 0) return -1;
    *skip = fmin(fmax(dc, 0), len - *start);
  }
  return 0;
}

static Value proto_splice(Isolate *iso, const CallArgs *args) {
  double len, start, skip;
  Value o = this_obj_len(iso, args, "Array.prototype.splice", &len);
  if (o == VAL_EXCEPTION) return o;
  if (splice_counts(iso, args, len, &start, &skip) < 0) return VAL_EXCEPTION;
  int items = args->argc > 2 ? args->argc - 2 : 0;
  if (len + items - skip > MAX_SAFE_LENGTH) return rt_throw_type_error(iso, "Invalid array length");
  Value a = array_species_create(iso, o, skip);
  if (a == VAL_EXCEPTION) return a;
  for (double k = 0; k < skip; k++) {
    Value v;
    int present = get_if_present(iso, o, start + k, &v);
    if (present < 0) return VAL_EXCEPTION;
    if (!present) continue;
    if (create_index(iso, a, k, v) < 0) return VAL_EXCEPTION;
  }
  if (set_length(iso, a, skip) < 0) return VAL_EXCEPTION;
  if (items < skip) {
    for (double k = start; k < len - skip; k++) {
      if (!isolate_poll(iso)) return VAL_EXCEPTION;
      if (move_index(iso, o, k + skip, k + items) < 0) return VAL_EXCEPTION;
    }
    for (double k = len; k > len - skip + items; k--)
      if (delete_index(iso, o, k - 1) < 0) return VAL_EXCEPTION;
  } else if (items > skip) {
    for (double k = len - skip; k > start; k--) {
      if (!isolate_poll(iso)) return VAL_EXCEPTION;
      if (move_index(iso, o, k + skip - 1, k + items - 1) < 0) return VAL_EXCEPTION;
    }
  }
  for (int i = 0; i < items; i++)
    if (set_index(iso, o, start + i, args->argv[i + 2]) < 0) return VAL_EXCEPTION;
  if (set_length(iso, o, len - skip + items) < 0) return VAL_EXCEPTION;
  return a;
}

/* ---- Copying methods ------------------------------------------------------------------------ */

static Value proto_concat(Isolate *iso, const CallArgs *args) {
  Value o = builtins_this_object(iso, args, "Array.prototype.concat");
  if (o == VAL_EXCEPTION) return o;
  Value a = array_species_create(iso, o, 0);
  if (a == VAL_EXCEPTION) return a;
  double n = 0;
  for (int i = -1; i < args->argc; i++) {
    Value e = i < 0 ? o : args->argv[i];
    bool spreadable = false;
    if (val_is_object(e)) {
      Value s = obj_get(iso, e, sym_well_known(iso, WKS_IS_CONCAT_SPREADABLE), e);
      if (s == VAL_EXCEPTION) return s;
      if (!val_is_undefined(s)) {
        spreadable = rt_to_boolean(s);
      } else {
        int error = 0;
        spreadable = val_is_array(iso, e, &error);
        if (error) return VAL_EXCEPTION;
      }
    }
    if (spreadable) {
      double len;
      if (rt_length_of_array_like(iso, e, &len) < 0) return VAL_EXCEPTION;
      if (n + len > MAX_SAFE_LENGTH) return rt_throw_type_error(iso, "Invalid array length");
      for (double k = 0; k < len; k++, n++) {
        Value v;
        int present = get_if_present(iso, e, k, &v);
        if (present < 0) return VAL_EXCEPTION;
        if (!present) continue;
        if (create_index(iso, a, n, v) < 0) return VAL_EXCEPTION;
      }
    } else {
      if (n >= MAX_SAFE_LENGTH) return rt_throw_type_error(iso, "Invalid array length");
      if (create_index(iso, a, n++, e) < 0) return VAL_EXCEPTION;
    }
  }
  if (set_length(iso, a, n) < 0) return VAL_EXCEPTION;
  return a;
}

static Value proto_slice(Isolate *iso, const CallArgs *args) {
  double len, k, final;
  Value o = this_obj_len(iso, args, "Array.prototype.slice", &len);
  if (o == VAL_EXCEPTION) return o;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &k) < 0) return VAL_EXCEPTION;
  if (builtins_relative_index(iso, call_arg(args, 1), len, len, &final) < 0) return VAL_EXCEPTION;
  double count = fmax(final - k, 0);
  Value a = array_species_create(iso, o, count);
  if (a == VAL_EXCEPTION) return a;
  double n = 0;
  for (; k < final; k++, n++) {
    Value v;
    int present = get_if_present(iso, o, k, &v);
    if (present < 0) return VAL_EXCEPTION;
    if (!present) continue;
    if (create_index(iso, a, n, v) < 0) return VAL_EXCEPTION;
  }
  if (set_length(iso, a, n) < 0) return VAL_EXCEPTION;
  return a;
}

static Value proto_to_reversed(Isolate *iso, const CallArgs *args) {
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.toReversed", &len);
  if (o == VAL_EXCEPTION) return o;
  Value a = array_create_to_fill(iso, len);
  if (a == VAL_EXCEPTION) return a;
  for (double k = 0; k < len; k++) {
    Value v = get_index(iso, o, len - k - 1);
    if (v == VAL_EXCEPTION || create_index(iso, a, k, v) < 0) return VAL_EXCEPTION;
  }
  return a;
}

static Value proto_to_spliced(Isolate *iso, const CallArgs *args) {
  double len, start, skip;
  Value o = this_obj_len(iso, args, "Array.prototype.toSpliced", &len);
  if (o == VAL_EXCEPTION) return o;
  if (splice_counts(iso, args, len, &start, &skip) < 0) return VAL_EXCEPTION;
  int items = args->argc > 2 ? args->argc - 2 : 0;
  double new_len = len + items - skip;
  if (new_len > MAX_SAFE_LENGTH) return rt_throw_type_error(iso, "Invalid array length");
  Value a = array_create_to_fill(iso, new_len);
  if (a == VAL_EXCEPTION) return a;
  double i = 0, r = start + skip;
  for (; i < start; i++) {
    Value v = get_index(iso, o, i);
    if (v == VAL_EXCEPTION || create_index(iso, a, i, v) < 0) return VAL_EXCEPTION;
  }
  for (int j = 0; j < items; j++, i++)
    if (create_index(iso, a, i, args->argv[j + 2]) < 0) return VAL_EXCEPTION;
  for (; i < new_len; i++, r++) {
    Value v = get_index(iso, o, r);
    if (v == VAL_EXCEPTION || create_index(iso, a, i, v) < 0) return VAL_EXCEPTION;
  }
  return a;
}

static Value proto_with(Isolate *iso, const CallArgs *args) {
  double len, rel;
  Value o = this_obj_len(iso, args, "Array.prototype.with", &len);
  if (o == VAL_EXCEPTION) return o;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &rel) < 0) return VAL_EXCEPTION;
  double idx = rel >= 0 ? rel : len + rel;
  if (idx >= len || idx < 0) {
    char buf[64];
    return rt_throw_range_error(iso, "Invalid index : %s",
                                builtins_describe(iso, val_from_number(rel), buf, sizeof buf));
  }
  Value a = array_create_to_fill(iso, len);
  if (a == VAL_EXCEPTION) return a;
  for (double k = 0; k < len; k++) {
    Value v = k == idx ? call_arg(args, 1) : get_index(iso, o, k);
    if (v == VAL_EXCEPTION || create_index(iso, a, k, v) < 0) return VAL_EXCEPTION;
  }
  return a;
}

/* ---- Sorting ---------------------------------------------------------------------------------- */

/* The items to sort live in a JS array (`items`) so the collector sees them; the merge sort
 * permutes uint32 indices into it, which the collector need not know about. */
typedef struct SortState {
  Isolate *iso;
  Value items;   /* JS array of the values */
  Value strings; /* JS array of their ToString forms (default order), or undefined */
  Value cmp;     /* comparator or undefined */
} SortState;

/* SortCompare(x, y) > 0, i.e. y must come before x. 0, or -1 on exception. Neither is undefined. */
static int sort_greater(SortState *st, uint32_t a, uint32_t b, bool *greater) {
  Isolate *iso = st->iso;
  if (val_is_undefined(st->cmp)) {
    Value x = builtins_list_get(iso, st->strings, a), y = builtins_list_get(iso, st->strings, b);
    if (x == VAL_EXCEPTION || y == VAL_EXCEPTION) return -1;
    *greater = str_compare(x, y) > 0;
    return 0;
  }
  Value argv[2] = {builtins_list_get(iso, st->items, a), builtins_list_get(iso, st->items, b)};
  if (argv[0] == VAL_EXCEPTION || argv[1] == VAL_EXCEPTION) return -1;
  Value r = rt_call(iso, st->cmp, VAL_UNDEFINED, 2, argv);
  if (r == VAL_EXCEPTION) return -1;
  double d;
  if (rt_to_number_double(iso, r, &d) < 0) return -1;
  *greater = d > 0; /* NaN counts as 0 */
  return 0;
}

/* Stable bottom-up merge sort of idx[0..n). */
static int merge_sort(SortState *st, uint32_t *idx, uint32_t *tmp, uint32_t n) {
  for (uint32_t width = 1; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        bool greater;
        if (!isolate_poll_sometimes(st->iso, k)) return -1;
        /* take from the right only when the left is strictly greater: that keeps it stable */
        if (sort_greater(st, idx[i], idx[j], &greater) < 0) return -1;
        tmp[k++] = greater ? idx[j++] : idx[i++];
      }
      while (i < mid) tmp[k++] = idx[i++];
      while (j < hi) tmp[k++] = idx[j++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
    if (!isolate_poll(st->iso)) return -1;
  }
  return 0;
}

/* SortIndexedProperties(obj, len, SortCompare, holes) + the write-back. Writes the sorted values
 * to `target` indices 0.. (and deletes the rest up to len when skip_holes, as sort does). */
static int sort_indexed(Isolate *iso, Value obj, double len, Value cmp, bool skip_holes, Value target) {
  Value items = array_new(iso, 0);
  if (items == VAL_EXCEPTION) return -1;
  uint32_t count = 0, undefineds = 0;
  for (double k = 0; k < len; k++) {
    if (!isolate_poll_sometimes(iso, (uint64_t)k)) return -1;
    if (skip_holes) {
      int present = has_index(iso, obj, k);
      if (present < 0) return -1;
      if (!present) continue;
    }
    Value v = get_index(iso, obj, k);
    if (v == VAL_EXCEPTION) return -1;
    if (val_is_undefined(v)) {
      undefineds++;
      continue;
    }
    if (count == UINT32_MAX - 1) {
      rt_throw_range_error(iso, "Invalid array length");
      return -1;
    }
    if (array_push(iso, items, v) < 0) return -1;
    count++;
  }
  SortState st = {iso, items, VAL_UNDEFINED, cmp};
  if (val_is_undefined(cmp)) {
    st.strings = array_new(iso, 0);
    if (st.strings == VAL_EXCEPTION) return -1;
    for (uint32_t i = 0; i < count; i++) {
      if (!isolate_poll_sometimes(iso, i)) return -1;
      Value v = builtins_list_get(iso, items, i);
      Value s = v == VAL_EXCEPTION ? v : rt_to_string(iso, v);
      if (s == VAL_EXCEPTION || array_push(iso, st.strings, s) < 0) return -1;
    }
  }
  uint32_t *idx = malloc((count ? count : 1) * sizeof *idx * 2);
  if (!idx) {
    isolate_throw_oom(iso);
    return -1;
  }
  for (uint32_t i = 0; i < count; i++) idx[i] = i;
  int rc = merge_sort(&st, idx, idx + count, count);
  if (rc == 0) {
    for (uint32_t i = 0; i < count; i++) {
      Value v = isolate_poll_sometimes(iso, i) ? builtins_list_get(iso, items, idx[i]) : VAL_EXCEPTION;
      if (v == VAL_EXCEPTION ||
          (skip_holes ? set_index(iso, target, i, v) : create_index(iso, target, i, v)) < 0) {
        rc = -1;
        break;
      }
    }
  }
  free(idx);
  if (rc < 0) return -1;
  double j = count;
  for (uint32_t u = 0; u < undefineds; u++, j++)
    if ((skip_holes ? set_index(iso, target, j, VAL_UNDEFINED) : create_index(iso, target, j, VAL_UNDEFINED)) < 0)
      return -1;
  if (skip_holes)
    for (; j < len; j++)
      if (!isolate_poll_sometimes(iso, (uint64_t)j) || delete_index(iso, target, j) < 0) return -1;
  return 0;
}

static Value check_comparator(Isolate *iso, Value cmp) {
  if (!val_is_undefined(cmp) && !val_is_callable(cmp))
    return rt_throw_type_error(iso, "The comparison function must be either a function or undefined");
  return VAL_UNDEFINED;
}

static Value proto_sort(Isolate *iso, const CallArgs *args) {
  Value cmp = call_arg(args, 0);
  if (check_comparator(iso, cmp) == VAL_EXCEPTION) return VAL_EXCEPTION;
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.sort", &len);
  if (o == VAL_EXCEPTION) return o;
  if (sort_indexed(iso, o, len, cmp, true, o) < 0) return VAL_EXCEPTION;
  return o;
}

static Value proto_to_sorted(Isolate *iso, const CallArgs *args) {
  Value cmp = call_arg(args, 0);
  if (check_comparator(iso, cmp) == VAL_EXCEPTION) return VAL_EXCEPTION;
  double len;
  Value o = this_obj_len(iso, args, "Array.prototype.toSorted", &len);
  if (o == VAL_EXCEPTION) return o;
  Value a = array_create_to_fill(iso, len);
  if (a == VAL_EXCEPTION) return a;
  if (sort_indexed(iso, o, len, cmp, false, a) < 0) return VAL_EXCEPTION;
  return a;
}

/* ---- Strings and iterators ------------------------------------------------------------------ */

/* join and toLocaleString share a stack of the arrays being converted, kept in the `extra` field
 * of both function objects: an array met again while it is on the stack converts to "" (V8). */
static int join_enter(Isolate *iso, Value callee, Value o, bool *cyclic) {
  Value stack = js_function(callee)->extra;
  *cyclic = false;
  if (!obj_is_js_array(stack)) return 0;
  uint32_t n = array_length(stack);
  for (uint32_t i = 0; i < n; i++) {
    Value v = builtins_list_get(iso, stack, i);
    if (v == VAL_EXCEPTION) return -1;
    if (v == o) {
      *cyclic = true;
      return 0;
    }
  }
  if (!isolate_check_stack(iso)) return -1;
  return array_push(iso, stack, o);
}

static void join_leave(Isolate *iso, Value callee) {
  Value stack = js_function(callee)->extra;
  if (!obj_is_js_array(stack)) return;
  uint32_t n = array_length(stack);
  if (n > 0) array_set_length(iso, stack, n - 1);
}

/* join (magic 0) and toLocaleString (magic 1). */
static Value join_impl(Isolate *iso, const CallArgs *args, Value o, bool locale) {
  double len;
  if (rt_length_of_array_like(iso, o, &len) < 0) return VAL_EXCEPTION;
  Value sep;
  if (locale || val_is_undefined(call_arg(args, 0))) {
    sep = str_intern_cstr(iso, ",");
  } else {
    sep = rt_to_string(iso, args->argv[0]);
  }
  if (sep == VAL_EXCEPTION) return sep;
  /* The separators alone would exceed the longest string: fail before looping (as V8 does). */
  if (len > 1 && (len - 1) * str_length(sep) > BUILTINS_MAX_STRING_LENGTH)
    return rt_throw_range_error(iso, "Invalid string length");
  StringBuilder sb;
  sb_init(&sb, iso);
  for (double k = 0; k < len; k++) {
    if (!isolate_poll_sometimes(iso, (uint64_t)k)) goto fail;
    if (k > 0) sb_append_string(&sb, sep);
    Value el = get_index(iso, o, k);
    if (el == VAL_EXCEPTION) goto fail;
    if (val_is_nullish(el)) continue;
    Value s;
    if (locale) {
      Value fn = rt_get(iso, el, NAME(iso, toLocaleString));
      if (fn == VAL_EXCEPTION) goto fail;
      if (!val_is_callable(fn)) {
        throw_not_callable(iso, fn);
        goto fail;
      }
      s = rt_call(iso, fn, el, 0, NULL);
      if (s != VAL_EXCEPTION) s = rt_to_string(iso, s);
    } else {
      s = rt_to_string(iso, el);
    }
    if (s == VAL_EXCEPTION) goto fail;
    sb_append_string(&sb, s);
    if (sb.failed || sb.length > BUILTINS_MAX_STRING_LENGTH) {
      sb_discard(&sb);
      return rt_throw_range_error(iso, "Invalid string length");
    }
  }
  return sb_finish(&sb);
fail:
  sb_discard(&sb);
  return VAL_EXCEPTION;
}

static Value proto_join(Isolate *iso, const CallArgs *args) {
  bool locale = function_magic(args->callee) == 1;
  Value o = builtins_this_object(iso, args, locale ? "Array.prototype.toLocaleString" : "Array.prototype.join");
  if (o == VAL_EXCEPTION) return o;
  bool cyclic;
  if (join_enter(iso, args->callee, o, &cyclic) < 0) return VAL_EXCEPTION;
  if (cyclic) return NAME(iso, empty);
  Value r = join_impl(iso, args, o, locale);
  join_leave(iso, args->callee);
  return r;
}

static Value proto_to_string(Isolate *iso, const CallArgs *args) {
  Value o = builtins_this_object(iso, args, "Array.prototype.toString");
  if (o == VAL_EXCEPTION) return o;
  Value fn = obj_get(iso, o, NAME(iso, join), o);
  if (fn == VAL_EXCEPTION) return fn;
  if (!val_is_callable(fn)) fn = intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE_TO_STRING);
  return rt_call(iso, fn, o, 0, NULL);
}

static Value proto_iterator(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Array.prototype.keys", "Array.prototype.values", "Array.prototype.entries"};
  int kind = function_magic(args->callee);
  Value o = builtins_this_object(iso, args, names[kind]);
  if (o == VAL_EXCEPTION) return o;
  return builtins_create_array_iterator(iso, o, (IterKind)kind);
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
    {"concat", proto_concat, 1, 0},
    {"copyWithin", proto_copy_within, 2, 0},
    {"fill", proto_fill, 1, 0},
    {"find", proto_find, 1, 0},
    {"findIndex", proto_find, 1, 1},
    {"findLast", proto_find, 1, 2},
    {"findLastIndex", proto_find, 1, 3},
    {"lastIndexOf", proto_last_index_of, 1, 0},
    {"pop", proto_pop, 0, 0},
    {"push", proto_push, 1, 0},
    {"reverse", proto_reverse, 0, 0},
    {"shift", proto_shift, 0, 0},
    {"unshift", proto_unshift, 1, 0},
    {"slice", proto_slice, 2, 0},
    {"sort", proto_sort, 1, 0},
    {"splice", proto_splice, 2, 0},
    {"includes", proto_includes, 1, 0},
    {"indexOf", proto_index_of, 1, 0},
    {"keys", proto_iterator, 0, ITER_KIND_KEYS},
    {"entries", proto_iterator, 0, ITER_KIND_ENTRIES},
    {"forEach", proto_iterate, 1, ITER_FOR_EACH},
    {"filter", proto_iterate, 1, ITER_FILTER},
    {"flat", proto_flat, 0, 0},
    {"flatMap", proto_flat_map, 1, 0},
    {"map", proto_iterate, 1, ITER_MAP},
    {"every", proto_iterate, 1, ITER_EVERY},
    {"some", proto_iterate, 1, ITER_SOME},
    {"reduce", proto_reduce, 1, 0},
    {"reduceRight", proto_reduce, 1, 1},
    {"toReversed", proto_to_reversed, 0, 0},
    {"toSorted", proto_to_sorted, 1, 0},
    {"toSpliced", proto_to_spliced, 2, 0},
    {"with", proto_with, 2, 0},
};

static const char *const kUnscopables[] = {"at",       "copyWithin",    "entries", "fill",    "find",
                                           "findIndex", "findLast",     "findLastIndex", "flat", "flatMap",
                                           "includes", "keys",          "toReversed", "toSorted", "toSpliced",
                                           "values"};

int builtins_install_array(Isolate *iso, Realm *realm) {
  /* Array.prototype is itself an Array exotic object; array_new takes its [[Prototype]] from
   * the intrinsic, which must be %Object.prototype% for this one object. */
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY_PROTOTYPE], realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  Value proto = array_new(iso, 0);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "Array", array_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY], ctor);

  if (builtins_def_method(iso, ctor, "isArray", array_is_array, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "from", array_from, 1, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_method(iso, ctor, "of", array_of, 0, 0) == VAL_EXCEPTION) return -1;
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), get_species, NULL, ATTR_CONFIGURABLE) ==
      VAL_EXCEPTION)
    return -1;

  for (size_t i = 0; i < PT_ARRAY_LEN(kProtoMethods); i++) {
    const MethodSpec *m = &kProtoMethods[i];
    if (builtins_def_method(iso, proto, m->name, m->fn, m->length, m->magic) == VAL_EXCEPTION) return -1;
  }
  /* join and toLocaleString share the cycle-detection stack. */
  Value join_stack = array_new(iso, 0);
  if (join_stack == VAL_EXCEPTION) return -1;
  Value join = builtins_def_method(iso, proto, "join", proto_join, 1, 0);
  if (join == VAL_EXCEPTION) return -1;
  WRITE_FIELD(val_to_ptr(join), js_function(join)->extra, join_stack);
  Value tls = builtins_def_method(iso, proto, "toLocaleString", proto_join, 0, 1);
  if (tls == VAL_EXCEPTION) return -1;
  WRITE_FIELD(val_to_ptr(tls), js_function(tls)->extra, join_stack);
  if (builtins_def_method(iso, proto, "toString", proto_to_string, 0, 0) == VAL_EXCEPTION) return -1;

  Value values = builtins_def_method(iso, proto, "values", proto_iterator, 0, ITER_KIND_VALUES);
  if (values == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ARRAY_PROTOTYPE_VALUES], values);
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_ITERATOR), values, ATTR_BUILTIN) < 0) return -1;

  Value unscopables = obj_new(iso, VAL_NULL);
  if (unscopables == VAL_EXCEPTION) return -1;
  for (size_t i = 0; i < PT_ARRAY_LEN(kUnscopables); i++)
    if (builtins_def_value(iso, unscopables, kUnscopables[i], VAL_TRUE, ATTR_DEFAULT) < 0) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_UNSCOPABLES), unscopables, ATTR_CONFIGURABLE) < 0)
    return -1;
  return 0;
}
