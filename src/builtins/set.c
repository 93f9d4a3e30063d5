/*
 * Set (ECMA-262 24.2) with the ES2025 set methods (union, intersection, difference,
 * symmetricDifference, isSubsetOf, isSupersetOf, isDisjointFrom) and %SetIteratorPrototype%.
 * A Set is an ordered hash table whose value slots are unused (collections.h).
 */
#include "builtins/collections.h"

#include "builtins/object-helpers.h"

static Value set_ctor(Isolate *iso, const CallArgs *args) {
  if (val_is_undefined(args->new_target)) return rt_throw_type_error(iso, "Constructor Set requires 'new'");
  Value set = collection_new(iso, args->new_target, IT_JS_SET, INTRINSIC_SET_PROTOTYPE);
  if (set == VAL_EXCEPTION) return set;
  return collection_fill(iso, set, call_arg(args, 0), "add", false);
}

static int set_add_value(Isolate *iso, Value set, Value v) {
  FixedArray *t = oht_set(iso, collection_table(set), v, VAL_UNDEFINED);
  if (t == NULL) return -1;
  collection_set_table(set, t);
  return 0;
}

static bool set_has_value(Isolate *iso, Value set, Value v) {
  return oht_find(iso, collection_table(set), oht_normalize_key(v)) >= 0;
}

static Value set_add(Isolate *iso, const CallArgs *args) {
  Value s = collection_this(iso, args, IT_JS_SET, "Set.prototype.add");
  if (s == VAL_EXCEPTION) return s;
  if (set_add_value(iso, s, call_arg(args, 0)) < 0) return VAL_EXCEPTION;
  return s;
}

static Value set_has(Isolate *iso, const CallArgs *args) {
  Value s = collection_this(iso, args, IT_JS_SET, "Set.prototype.has");
  if (s == VAL_EXCEPTION) return s;
  return val_from_bool(set_has_value(iso, s, call_arg(args, 0)));
}

static Value set_delete(Isolate *iso, const CallArgs *args) {
  return collection_delete(iso, args, IT_JS_SET, "Set.prototype.delete");
}
static Value set_clear(Isolate *iso, const CallArgs *args) {
  return collection_clear(iso, args, IT_JS_SET, "Set.prototype.clear");
}
static Value set_size(Isolate *iso, const CallArgs *args) {
  return collection_size(iso, args, IT_JS_SET, "get Set.prototype.size");
}
static Value set_for_each(Isolate *iso, const CallArgs *args) {
  return collection_for_each(iso, args, IT_JS_SET, "Set.prototype.forEach");
}

static Value set_iterate(Isolate *iso, const CallArgs *args) {
  int kind = function_magic(args->callee);
  Value s = collection_this(iso, args, IT_JS_SET,
                            kind == ITER_KIND_ENTRIES ? "Set.prototype.entries" : "Set.prototype.values");
  if (s == VAL_EXCEPTION) return s;
  return collection_create_iterator(iso, s, (IterKind)kind, true);
}

/* ---- The set methods (ECMA-262 24.2.4, set records) ----------------------------------------- */

typedef struct SetRecord {
  Value set;
  double size;
  Value has;
  Value keys;
} SetRecord;

/* GetSetRecord(obj). */
static int get_set_record(Isolate *iso, Value obj, SetRecord *out) {
  char buf[128];
  if (!val_is_object(obj)) {
    rt_throw_type_error(iso, "%s is not an object", builtins_describe(iso, obj, buf, sizeof buf));
    return -1;
  }
  Value raw = rt_get_str(iso, obj, "size");
  if (raw == VAL_EXCEPTION) return -1;
  double num;
  if (rt_to_number_double(iso, raw, &num) < 0) return -1;
  if (num != num) {
    rt_throw_type_error(iso, "The 'size' property must be a number, got %s",
                        builtins_describe(iso, raw, buf, sizeof buf));
    return -1;
  }
  double size;
  if (rt_to_integer_or_infinity(iso, val_from_number(num), &size) < 0) return -1;
  if (size < 0) {
    rt_throw_range_error(iso, "'%s' is an invalid size", builtins_describe(iso, raw, buf, sizeof buf));
    return -1;
  }
  Value has = rt_get_str(iso, obj, "has");
  if (has == VAL_EXCEPTION) return -1;
  if (!val_is_callable(has)) {
    rt_throw_type_error(iso, "The 'has' property must be a function, got %s",
                        builtins_describe(iso, has, buf, sizeof buf));
    return -1;
  }
  Value keys = rt_get_str(iso, obj, "keys");
  if (keys == VAL_EXCEPTION) return -1;
  if (!val_is_callable(keys)) {
    rt_throw_type_error(iso, "The 'keys' property must be a function, got %s",
                        builtins_describe(iso, keys, buf, sizeof buf));
    return -1;
  }
  out->set = obj;
  out->size = size;
  out->has = has;
  out->keys = keys;
  return 0;
}

/* GetIteratorFromMethod-like GetKeysIterator(setRec). */
static int get_keys_iterator(Isolate *iso, const SetRecord *rec, IteratorRecord *out) {
  Value it = rt_call(iso, rec->keys, rec->set, 0, NULL);
  if (it == VAL_EXCEPTION) return -1;
  char buf[128];
  if (!val_is_object(it)) {
    rt_throw_type_error(iso, "%s is not an object", builtins_describe(iso, it, buf, sizeof buf));
    return -1;
  }
  Value next = obj_get(iso, it, NAME(iso, next), it);
  if (next == VAL_EXCEPTION) return -1;
  if (!val_is_callable(next)) {
    rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, next, buf, sizeof buf));
    return -1;
  }
  out->iterator = it;
  out->next_method = next;
  out->done = false;
  return 0;
}

/* ToBoolean(Call(setRec.has, setRec.set, << e >>)); -1 on exception. */
static int other_has(Isolate *iso, const SetRecord *rec, Value e) {
  Value r = rt_call(iso, rec->has, rec->set, 1, &e);
  if (r == VAL_EXCEPTION) return -1;
  return rt_to_boolean(r) ? 1 : 0;
}

/* A new Set (with %Set.prototype%) holding a copy of s's elements, or empty when s is undefined. */
static Value set_copy(Isolate *iso, Value s) {
  Value r = collection_new(iso, intrinsic(iso, INTRINSIC_SET), IT_JS_SET, INTRINSIC_SET_PROTOTYPE);
  if (r == VAL_EXCEPTION || val_is_undefined(s)) return r;
  FixedArray *t = collection_table(s);
  uint32_t index = 0;
  Value key;
  while (collection_next_entry(&t, &index, &key, NULL))
    if (set_add_value(iso, r, key) < 0) return VAL_EXCEPTION;
  return r;
}

enum { OP_UNION, OP_INTERSECTION, OP_DIFFERENCE, OP_SYMMETRIC_DIFFERENCE, OP_SUBSET, OP_SUPERSET, OP_DISJOINT };

static Value set_op(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"Set.prototype.union",         "Set.prototype.intersection",
                                      "Set.prototype.difference",    "Set.prototype.symmetricDifference",
                                      "Set.prototype.isSubsetOf",    "Set.prototype.isSupersetOf",
                                      "Set.prototype.isDisjointFrom"};
  int op = function_magic(args->callee);
  Value o = collection_this(iso, args, IT_JS_SET, names[op]);
  if (o == VAL_EXCEPTION) return o;
  SetRecord rec;
  if (get_set_record(iso, call_arg(args, 0), &rec) < 0) return VAL_EXCEPTION;
  double this_size = (double)oht_size(collection_table(o));
  IteratorRecord it;
  Value result = VAL_UNDEFINED, next;
  FixedArray *t;
  uint32_t index = 0;
  Value e;
  int r;

  switch (op) {
  case OP_UNION:
    if (get_keys_iterator(iso, &rec, &it) < 0) return VAL_EXCEPTION;
    result = set_copy(iso, o);
    if (result == VAL_EXCEPTION) return result;
    while ((next = builtins_iterator_step_value(iso, &it)) != VAL_HOLE) {
      if (next == VAL_EXCEPTION || set_add_value(iso, result, next) < 0) return VAL_EXCEPTION;
    }
    return result;

  case OP_INTERSECTION:
    result = set_copy(iso, VAL_UNDEFINED);
    if (result == VAL_EXCEPTION) return result;
    if (this_size <= rec.size) {
      t = collection_table(o);
      while (collection_next_entry(&t, &index, &e, NULL)) {
        if ((r = other_has(iso, &rec, e)) < 0) return VAL_EXCEPTION;
        if (r && set_add_value(iso, result, e) < 0) return VAL_EXCEPTION;
      }
    } else {
      if (get_keys_iterator(iso, &rec, &it) < 0) return VAL_EXCEPTION;
      while ((next = builtins_iterator_step_value(iso, &it)) != VAL_HOLE) {
        if (next == VAL_EXCEPTION) return next;
        if (set_has_value(iso, o, next) && set_add_value(iso, result, next) < 0) return VAL_EXCEPTION;
      }
    }
    return result;

  case OP_DIFFERENCE:
    result = set_copy(iso, o);
    if (result == VAL_EXCEPTION) return result;
    if (this_size <= rec.size) {
      /* Walk the copy: only this function changes it. */
      t = collection_table(result);
      while (collection_next_entry(&t, &index, &e, NULL)) {
        if ((r = other_has(iso, &rec, e)) < 0) return VAL_EXCEPTION;
        if (r) oht_delete(iso, collection_table(result), e);
      }
    } else {
      if (get_keys_iterator(iso, &rec, &it) < 0) return VAL_EXCEPTION;
      while ((next = builtins_iterator_step_value(iso, &it)) != VAL_HOLE) {
        if (next == VAL_EXCEPTION) return next;
        oht_delete(iso, collection_table(result), next);
      }
    }
    return result;

  case OP_SYMMETRIC_DIFFERENCE:
    if (get_keys_iterator(iso, &rec, &it) < 0) return VAL_EXCEPTION;
    result = set_copy(iso, o);
    if (result == VAL_EXCEPTION) return result;
    while ((next = builtins_iterator_step_value(iso, &it)) != VAL_HOLE) {
      if (next == VAL_EXCEPTION) return next;
      bool in_result = set_has_value(iso, result, next);
      if (set_has_value(iso, o, next)) {
        if (in_result) oht_delete(iso, collection_table(result), next);
      } else if (!in_result && set_add_value(iso, result, next) < 0) {
        return VAL_EXCEPTION;
      }
    }
    return result;

  case OP_SUBSET:
    if (this_size > rec.size) return VAL_FALSE;
    t = collection_table(o);
    while (collection_next_entry(&t, &index, &e, NULL)) {
      if ((r = other_has(iso, &rec, e)) < 0) return VAL_EXCEPTION;
      if (!r) return VAL_FALSE;
    }
    return VAL_TRUE;

  case OP_SUPERSET:
    if (this_size < rec.size) return VAL_FALSE;
    if (get_keys_iterator(iso, &rec, &it) < 0) return VAL_EXCEPTION;
    while ((next = builtins_iterator_step_value(iso, &it)) != VAL_HOLE) {
      if (next == VAL_EXCEPTION) return next;
      if (!set_has_value(iso, o, next)) {
        if (builtins_iterator_close(iso, it.iterator, false) < 0) return VAL_EXCEPTION;
        return VAL_FALSE;
      }
    }
    return VAL_TRUE;

  default: /* OP_DISJOINT */
    if (this_size <= rec.size) {
      t = collection_table(o);
      while (collection_next_entry(&t, &index, &e, NULL)) {
        if ((r = other_has(iso, &rec, e)) < 0) return VAL_EXCEPTION;
        if (r) return VAL_FALSE;
      }
    } else {
      if (get_keys_iterator(iso, &rec, &it) < 0) return VAL_EXCEPTION;
      while ((next = builtins_iterator_step_value(iso, &it)) != VAL_HOLE) {
        if (next == VAL_EXCEPTION) return next;
        if (set_has_value(iso, o, next)) {
          if (builtins_iterator_close(iso, it.iterator, false) < 0) return VAL_EXCEPTION;
          return VAL_FALSE;
        }
      }
    }
    return VAL_TRUE;
  }
}

static Value set_species(Isolate *iso, const CallArgs *args) {
  (void)iso;
  return args->this_val;
}

int builtins_install_set(Isolate *iso, Realm *realm) {
  if (collection_install_iterator_prototype(iso, realm, true) < 0) return -1;
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SET_PROTOTYPE], proto);
  Value ctor = builtins_make_constructor(iso, realm, "Set", set_ctor, 0, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_SET], ctor);
  if (builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), set_species, NULL, ATTR_CONFIGURABLE) ==
      VAL_EXCEPTION)
    return -1;

  static const struct {
    const char *name;
    NativeFunction fn;
    int length, magic;
  } methods[] = {
      {"has", set_has, 1, 0},
      {"add", set_add, 1, 0},
      {"delete", set_delete, 1, 0},
      {"clear", set_clear, 0, 0},
      {"entries", set_iterate, 0, ITER_KIND_ENTRIES},
      {"forEach", set_for_each, 1, 0},
      {"values", set_iterate, 0, ITER_KIND_VALUES},
      {"union", set_op, 1, OP_UNION},
      {"intersection", set_op, 1, OP_INTERSECTION},
      {"difference", set_op, 1, OP_DIFFERENCE},
      {"symmetricDifference", set_op, 1, OP_SYMMETRIC_DIFFERENCE},
      {"isSubsetOf", set_op, 1, OP_SUBSET},
      {"isSupersetOf", set_op, 1, OP_SUPERSET},
      {"isDisjointFrom", set_op, 1, OP_DISJOINT},
  };
  Value values = VAL_UNDEFINED;
  for (size_t i = 0; i < PT_ARRAY_LEN(methods); i++) {
    Value f = builtins_def_method(iso, proto, methods[i].name, methods[i].fn, methods[i].length, methods[i].magic);
    if (f == VAL_EXCEPTION) return -1;
    if (methods[i].fn == set_iterate && methods[i].magic == ITER_KIND_VALUES) values = f;
  }
  if (builtins_def_getter_named(iso, proto, "size", set_size) ==
      VAL_EXCEPTION)
    return -1;
  /* Set.prototype.keys and @@iterator are the same function object as values. */
  if (rt_define_data(iso, proto, NAME(iso, keys), values, ATTR_BUILTIN) < 0) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_ITERATOR), values, ATTR_BUILTIN) < 0) return -1;
  Value tag = str_from_cstr(iso, "Set");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}
