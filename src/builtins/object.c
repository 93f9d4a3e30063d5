/*
 * The Object constructor, its statics and Object.prototype (ECMA-262 20.1, Annex B.2.2).
 * realm_new created the bare %Object.prototype%; this file populates it.
 */
#include "builtins/object.h"

#include "builtins/iterator.h"
#include "builtins/object-helpers.h"

#include <stdio.h>

/* ---- Property descriptors ------------------------------------------------------------------ */

int builtins_to_property_descriptor(Isolate *iso, Value obj, PropertyDescriptor *d) {
  char buf[128];
  memset(d, 0, sizeof *d);
  d->value = d->get = d->set = VAL_UNDEFINED;
  if (!val_is_object(obj)) {
    rt_throw_type_error(iso, "Property description must be an object: %s",
                        builtins_describe(iso, obj, buf, sizeof buf));
    return -1;
  }
  static const NameId fields[] = {NAME_enumerable, NAME_configurable, NAME_value,
                                  NAME_writable,   NAME_get,          NAME_set};
  for (size_t i = 0; i < PT_ARRAY_LEN(fields); i++) {
    Value key = names_get(iso, fields[i]);
    int has = obj_has_property(iso, obj, key);
    if (has < 0) return -1;
    if (!has) continue;
    Value v = obj_get(iso, obj, key, obj);
    if (v == VAL_EXCEPTION) return -1;
    switch (fields[i]) {
      case NAME_enumerable: d->has_enumerable = true, d->enumerable = rt_to_boolean(v); break;
      case NAME_configurable: d->has_configurable = true, d->configurable = rt_to_boolean(v); break;
      case NAME_value: d->has_value = true, d->value = v; break;
      case NAME_writable: d->has_writable = true, d->writable = rt_to_boolean(v); break;
      case NAME_get:
        if (!val_is_undefined(v) && !val_is_callable(v)) {
          rt_throw_type_error(iso, "Getter must be a function: %s", builtins_describe(iso, v, buf, sizeof buf));
          return -1;
        }
        d->has_get = true, d->get = v;
        break;
      case NAME_set:
        if (!val_is_undefined(v) && !val_is_callable(v)) {
          rt_throw_type_error(iso, "Setter must be a function: %s", builtins_describe(iso, v, buf, sizeof buf));
          return -1;
        }
        d->has_set = true, d->set = v;
        break;
      default: break;
    }
  }
  if ((d->has_get || d->has_set) && (d->has_value || d->has_writable)) {
    rt_throw_type_error(iso, "Invalid property descriptor. Cannot both specify accessors and a value "
                             "or writable attribute");
    return -1;
  }
  return 0;
}

Value builtins_from_property_descriptor(Isolate *iso, const PropertyDescriptor *d) {
  Value o = obj_new_plain(iso);
  if (o == VAL_EXCEPTION) return o;
#define PUT(name, v)                                                                               \
  if (rt_create_data_property_or_throw(iso, o, NAME(iso, name), (v)) < 0) return VAL_EXCEPTION
  if (d->has_value) PUT(value, d->value);
  if (d->has_writable) PUT(writable, val_from_bool(d->writable));
  if (d->has_get) PUT(get, d->get);
  if (d->has_set) PUT(set, d->set);
  if (d->has_enumerable) PUT(enumerable, val_from_bool(d->enumerable));
  if (d->has_configurable) PUT(configurable, val_from_bool(d->configurable));
#undef PUT
  return o;
}

Value builtins_object_define_properties(Isolate *iso, Value obj, Value properties) {
  Value props = rt_to_object(iso, properties);
  if (props == VAL_EXCEPTION) return props;
  Value keys;
  uint32_t n;
  if (builtins_own_keys(iso, props, &keys, &n) < 0) return VAL_EXCEPTION;
  /* Read every descriptor first, then define: a getter in the second pass must not see a
   * half-applied set (the spec collects the list before any DefinePropertyOrThrow). */
  Value list = array_new(iso, 0);
  if (list == VAL_EXCEPTION) return list;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return key;
    PropertyDescriptor pd;
    int found = obj_get_own_property(iso, props, key, &pd);
    if (found < 0) return VAL_EXCEPTION;
    if (!found || !pd.enumerable) continue;
    Value desc_obj = obj_get(iso, props, key, props);
    if (desc_obj == VAL_EXCEPTION) return desc_obj;
    PropertyDescriptor d;
    if (builtins_to_property_descriptor(iso, desc_obj, &d) < 0) return VAL_EXCEPTION;
    /* Keep the validated descriptor object itself; re-reading it is unobservable only if we
     * store the converted fields, so store a normalized copy. */
    Value norm = builtins_from_property_descriptor(iso, &d);
    if (norm == VAL_EXCEPTION) return norm;
    if (rt_create_data_property_or_throw(iso, list, key_from_index(count++), key) < 0) return VAL_EXCEPTION;
    if (rt_create_data_property_or_throw(iso, list, key_from_index(count++), norm) < 0) return VAL_EXCEPTION;
  }
  for (uint32_t i = 0; i < count; i += 2) {
    Value key = builtins_list_get(iso, list, i);
    Value norm = builtins_list_get(iso, list, i + 1);
    if (key == VAL_EXCEPTION || norm == VAL_EXCEPTION) return VAL_EXCEPTION;
    /* norm is a fresh plain object with data properties only: converting it runs no user code. */
    PropertyDescriptor d;
    if (builtins_to_property_descriptor(iso, norm, &d) < 0) return VAL_EXCEPTION;
    if (rt_define_property_or_throw(iso, obj, key, &d) < 0) return VAL_EXCEPTION;
  }
  return obj;
}

/* ---- The constructor ----------------------------------------------------------------------- */

static Value object_ctor(Isolate *iso, const CallArgs *args) {
  if (!val_is_undefined(args->new_target) && args->new_target != args->callee) {
    Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_OBJECT_PROTOTYPE);
    if (proto == VAL_EXCEPTION) return proto;
    return obj_new(iso, proto);
  }
  Value v = call_arg(args, 0);
  if (val_is_nullish(v)) return obj_new_plain(iso);
  return rt_to_object(iso, v);
}

/* ---- Statics ------------------------------------------------------------------------------- */

static Value object_assign(Isolate *iso, const CallArgs *args) {
  Value to = rt_to_object(iso, call_arg(args, 0));
  if (to == VAL_EXCEPTION) return to;
  for (int a = 1; a < args->argc; a++) {
    Value src = args->argv[a];
    if (val_is_nullish(src)) continue;
    Value from = rt_to_object(iso, src);
    if (from == VAL_EXCEPTION) return from;
    Value keys;
    uint32_t n;
    if (builtins_own_keys(iso, from, &keys, &n) < 0) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < n; i++) {
      Value key = builtins_list_get(iso, keys, i);
      if (key == VAL_EXCEPTION) return key;
      PropertyDescriptor d;
      int found = obj_get_own_property(iso, from, key, &d);
      if (found < 0) return VAL_EXCEPTION;
      if (!found || !d.enumerable) continue;
      Value v = obj_get(iso, from, key, from);
      if (v == VAL_EXCEPTION) return v;
      if (rt_set(iso, to, key, v, true) < 0) return VAL_EXCEPTION;
    }
  }
  return to;
}

static Value throw_bad_proto(Isolate *iso, Value proto) {
  char buf[128];
  return rt_throw_type_error(iso, "Object prototype may only be an Object or null: %s",
                             builtins_describe(iso, proto, buf, sizeof buf));
}

static Value object_create(Isolate *iso, const CallArgs *args) {
  Value proto = call_arg(args, 0);
  if (!val_is_object(proto) && !val_is_null(proto)) return throw_bad_proto(iso, proto);
  Value obj = obj_new(iso, proto);
  if (obj == VAL_EXCEPTION) return obj;
  Value props = call_arg(args, 1);
  if (val_is_undefined(props)) return obj;
  return builtins_object_define_properties(iso, obj, props);
}

static Value object_define_properties(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return rt_throw_type_error(iso, "Object.defineProperties called on non-object");
  return builtins_object_define_properties(iso, obj, call_arg(args, 1));
}

static Value object_define_property(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return rt_throw_type_error(iso, "Object.defineProperty called on non-object");
  Value key = rt_to_property_key(iso, call_arg(args, 1));
  if (key == VAL_EXCEPTION) return key;
  PropertyDescriptor d;
  if (builtins_to_property_descriptor(iso, call_arg(args, 2), &d) < 0) return VAL_EXCEPTION;
  if (rt_define_property_or_throw(iso, obj, key, &d) < 0) return VAL_EXCEPTION;
  return obj;
}

enum { EOP_KEYS, EOP_VALUES, EOP_ENTRIES };

/* EnumerableOwnProperties(O, kind) for Object.keys/values/entries (magic = kind). */
static Value object_enumerable_own(Isolate *iso, const CallArgs *args) {
  int kind = function_magic(args->callee);
  Value obj = rt_to_object(iso, call_arg(args, 0));
  if (obj == VAL_EXCEPTION) return obj;
  Value keys;
  uint32_t n;
  if (builtins_own_keys(iso, obj, &keys, &n) < 0) return VAL_EXCEPTION;
  Value out = array_new(iso, 0);
  if (out == VAL_EXCEPTION) return out;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return key;
    if (val_is_symbol(key)) continue;
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, obj, key, &d);
    if (found < 0) return VAL_EXCEPTION;
    if (!found || !d.enumerable) continue;
    Value item;
    if (kind == EOP_KEYS) {
      item = key_to_string(iso, key);
    } else {
      Value v = obj_get(iso, obj, key, obj);
      if (v == VAL_EXCEPTION) return v;
      if (kind == EOP_VALUES) {
        item = v;
      } else {
        Value ks = key_to_string(iso, key);
        if (ks == VAL_EXCEPTION) return ks;
        Value pair[2] = {ks, v};
        item = array_from_values(iso, pair, 2);
      }
    }
    if (item == VAL_EXCEPTION) return item;
    if (rt_create_data_property_or_throw(iso, out, key_from_index(count++), item) < 0) return VAL_EXCEPTION;
  }
  return out;
}

/* SetIntegrityLevel(O, level): frozen when `frozen`, else sealed. 1 ok, 0 failed, -1 exception. */
static int set_integrity_level(Isolate *iso, Value obj, bool frozen) {
  int st = obj_prevent_extensions(iso, obj);
  if (st <= 0) return st;
  Value keys;
  uint32_t n;
  if (builtins_own_keys(iso, obj, &keys, &n) < 0) return -1;
  for (uint32_t i = 0; i < n; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return -1;
    PropertyDescriptor d;
    memset(&d, 0, sizeof d);
    d.value = d.get = d.set = VAL_UNDEFINED;
    d.has_configurable = true;
    d.configurable = false;
    if (frozen) {
      PropertyDescriptor cur;
      int found = obj_get_own_property(iso, obj, key, &cur);
      if (found < 0) return -1;
      if (!found) continue;
      if (!cur.has_get && !cur.has_set) {
        d.has_writable = true;
        d.writable = false;
      }
    }
    if (rt_define_property_or_throw(iso, obj, key, &d) < 0) return -1;
  }
  return 1;
}

/* TestIntegrityLevel(O, level). */
static int test_integrity_level(Isolate *iso, Value obj, bool frozen) {
  int ext = obj_is_extensible(iso, obj);
  if (ext != 0) return ext < 0 ? -1 : 0;
  Value keys;
  uint32_t n;
  if (builtins_own_keys(iso, obj, &keys, &n) < 0) return -1;
  for (uint32_t i = 0; i < n; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return -1;
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, obj, key, &d);
    if (found < 0) return -1;
    if (!found) continue;
    if (d.configurable) return 0;
    if (frozen && !(d.has_get || d.has_set) && d.writable) return 0;
  }
  return 1;
}

static Value object_freeze(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return obj;
  int st = set_integrity_level(iso, obj, true);
  if (st < 0) return VAL_EXCEPTION;
  if (!st) return rt_throw_type_error(iso, "Cannot freeze");
  return obj;
}

static Value object_seal(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return obj;
  int st = set_integrity_level(iso, obj, false);
  if (st < 0) return VAL_EXCEPTION;
  if (!st) return rt_throw_type_error(iso, "Cannot seal");
  return obj;
}

static Value object_prevent_extensions(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return obj;
  int st = obj_prevent_extensions(iso, obj);
  if (st < 0) return VAL_EXCEPTION;
  if (!st) return rt_throw_type_error(iso, "Cannot prevent extensions");
  return obj;
}

static Value object_is_frozen(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return VAL_TRUE;
  int r = test_integrity_level(iso, obj, true);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value object_is_sealed(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return VAL_TRUE;
  int r = test_integrity_level(iso, obj, false);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value object_is_extensible(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (!val_is_object(obj)) return VAL_FALSE;
  int r = obj_is_extensible(iso, obj);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value object_from_entries(Isolate *iso, const CallArgs *args) {
  Value iterable = call_arg(args, 0);
  if (val_is_nullish(iterable)) {
    char buf[64];
    return rt_throw_type_error(iso, "%s is not iterable", builtins_describe(iso, iterable, buf, sizeof buf));
  }
  Value obj = obj_new_plain(iso);
  if (obj == VAL_EXCEPTION) return obj;
  IteratorRecord rec;
  if (builtins_get_iterator(iso, iterable, false, &rec) < 0) return VAL_EXCEPTION;
  for (;;) {
    Value item = builtins_iterator_step_value(iso, &rec);
    if (item == VAL_EXCEPTION) return item;
    if (item == VAL_HOLE) return obj;
    if (!val_is_object(item)) {
      char buf[128];
      rt_throw_type_error(iso, "Iterator value %s is not an entry object",
                          builtins_describe(iso, item, buf, sizeof buf));
      builtins_iterator_close(iso, rec.iterator, true);
      return VAL_EXCEPTION;
    }
    Value k = obj_get(iso, item, key_from_index(0), item);
    Value v = k == VAL_EXCEPTION ? k : obj_get(iso, item, key_from_index(1), item);
    Value key = v == VAL_EXCEPTION ? v : rt_to_property_key(iso, k);
    if (key == VAL_EXCEPTION || rt_create_data_property_or_throw(iso, obj, key, v) < 0) {
      builtins_iterator_close(iso, rec.iterator, true);
      return VAL_EXCEPTION;
    }
  }
}

static Value object_get_own_property_descriptor(Isolate *iso, const CallArgs *args) {
  Value obj = rt_to_object(iso, call_arg(args, 0));
  if (obj == VAL_EXCEPTION) return obj;
  Value key = rt_to_property_key(iso, call_arg(args, 1));
  if (key == VAL_EXCEPTION) return key;
  PropertyDescriptor d;
  int found = obj_get_own_property(iso, obj, key, &d);
  if (found < 0) return VAL_EXCEPTION;
  if (!found) return VAL_UNDEFINED;
  return builtins_from_property_descriptor(iso, &d);
}

static Value object_get_own_property_descriptors(Isolate *iso, const CallArgs *args) {
  Value obj = rt_to_object(iso, call_arg(args, 0));
  if (obj == VAL_EXCEPTION) return obj;
  Value keys;
  uint32_t n;
  if (builtins_own_keys(iso, obj, &keys, &n) < 0) return VAL_EXCEPTION;
  Value out = obj_new_plain(iso);
  if (out == VAL_EXCEPTION) return out;
  for (uint32_t i = 0; i < n; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return key;
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, obj, key, &d);
    if (found < 0) return VAL_EXCEPTION;
    if (!found) continue;
    Value dobj = builtins_from_property_descriptor(iso, &d);
    if (dobj == VAL_EXCEPTION) return dobj;
    if (rt_create_data_property_or_throw(iso, out, key, dobj) < 0) return VAL_EXCEPTION;
  }
  return out;
}

/* GetOwnPropertyKeys(O, type): magic 0 strings, 1 symbols. */
static Value object_get_own_property_keys(Isolate *iso, const CallArgs *args) {
  bool symbols = function_magic(args->callee) == 1;
  Value obj = rt_to_object(iso, call_arg(args, 0));
  if (obj == VAL_EXCEPTION) return obj;
  Value keys;
  uint32_t n;
  if (builtins_own_keys(iso, obj, &keys, &n) < 0) return VAL_EXCEPTION;
  Value out = array_new(iso, 0);
  if (out == VAL_EXCEPTION) return out;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) {
    Value key = builtins_list_get(iso, keys, i);
    if (key == VAL_EXCEPTION) return key;
    if (val_is_symbol(key) != symbols) continue;
    Value item = symbols ? key : key_to_string(iso, key);
    if (item == VAL_EXCEPTION) return item;
    if (rt_create_data_property_or_throw(iso, out, key_from_index(count++), item) < 0) return VAL_EXCEPTION;
  }
  return out;
}

static Value object_get_prototype_of(Isolate *iso, const CallArgs *args) {
  Value obj = rt_to_object(iso, call_arg(args, 0));
  if (obj == VAL_EXCEPTION) return obj;
  return obj_get_prototype_of(iso, obj);
}

/* The TypeError for a failed [[SetPrototypeOf]] on an ordinary object, with V8's texts. */
static Value throw_set_proto_failed(Isolate *iso, Value obj) {
  int ext = obj_is_extensible(iso, obj);
  if (ext < 0) return VAL_EXCEPTION;
  if (!ext) {
    char buf[64];
    return rt_throw_type_error(iso, "%s is not extensible", builtins_describe(iso, obj, buf, sizeof buf));
  }
  return rt_throw_type_error(iso, "Cyclic __proto__ value");
}

static Value object_set_prototype_of(Isolate *iso, const CallArgs *args) {
  Value obj = call_arg(args, 0);
  if (val_is_nullish(obj)) return rt_throw_type_error(iso, "Object.setPrototypeOf called on null or undefined");
  Value proto = call_arg(args, 1);
  if (!val_is_object(proto) && !val_is_null(proto)) return throw_bad_proto(iso, proto);
  if (!val_is_object(obj)) return obj;
  int st = obj_set_prototype_of(iso, obj, proto);
  if (st < 0) return VAL_EXCEPTION;
  if (!st) return throw_set_proto_failed(iso, obj);
  return obj;
}

static Value object_group_by(Isolate *iso, const CallArgs *args) {
  Value items = call_arg(args, 0), fn = call_arg(args, 1);
  if (val_is_nullish(items)) {
    char buf[64];
    return rt_throw_type_error(iso, "%s is not iterable", builtins_describe(iso, items, buf, sizeof buf));
  }
  if (!val_is_callable(fn)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  /* The result object doubles as the group table: it is fresh and has a null prototype, so no
   * code can observe it before we return, and its key order is the same a separate list gives. */
  Value out = obj_new(iso, VAL_NULL);
  if (out == VAL_EXCEPTION) return out;
  IteratorRecord rec;
  if (builtins_get_iterator(iso, items, false, &rec) < 0) return VAL_EXCEPTION;
  for (double k = 0;; k++) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) return out;
    Value argv[2] = {v, val_from_number(k)};
    Value key = rt_call(iso, fn, VAL_UNDEFINED, 2, argv);
    if (key != VAL_EXCEPTION) key = rt_to_property_key(iso, key);
    if (key == VAL_EXCEPTION) {
      builtins_iterator_close(iso, rec.iterator, true);
      return VAL_EXCEPTION;
    }
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, out, key, &d);
    if (found < 0) return VAL_EXCEPTION;
    Value group;
    if (found) {
      group = d.value;
    } else {
      group = array_new(iso, 0);
      if (group == VAL_EXCEPTION || rt_create_data_property_or_throw(iso, out, key, group) < 0)
        return VAL_EXCEPTION;
    }
    double len;
    if (rt_length_of_array_like(iso, group, &len) < 0) return VAL_EXCEPTION;
    if (rt_create_data_property_or_throw(iso, group, key_from_index((uint32_t)len), v) < 0) return VAL_EXCEPTION;
  }
}

static Value object_has_own(Isolate *iso, const CallArgs *args) {
  Value obj = rt_to_object(iso, call_arg(args, 0));
  if (obj == VAL_EXCEPTION) return obj;
  Value key = rt_to_property_key(iso, call_arg(args, 1));
  if (key == VAL_EXCEPTION) return key;
  int r = rt_has_own_property(iso, obj, key);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value object_is(Isolate *iso, const CallArgs *args) {
  return val_from_bool(rt_same_value(call_arg(args, 0), call_arg(args, 1)));
}

/* ---- Object.prototype ---------------------------------------------------------------------- */

static Value proto_has_own_property(Isolate *iso, const CallArgs *args) {
  Value key = rt_to_property_key(iso, call_arg(args, 0));
  if (key == VAL_EXCEPTION) return key;
  Value obj = builtins_this_object(iso, args, "Object.prototype.hasOwnProperty");
  if (obj == VAL_EXCEPTION) return obj;
  int r = rt_has_own_property(iso, obj, key);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value proto_is_prototype_of(Isolate *iso, const CallArgs *args) {
  Value v = call_arg(args, 0);
  if (!val_is_object(v)) return VAL_FALSE;
  Value obj = builtins_this_object(iso, args, "Object.prototype.isPrototypeOf");
  if (obj == VAL_EXCEPTION) return obj;
  for (;;) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION; /* a proxy chain may be endless */
    v = obj_get_prototype_of(iso, v);
    if (v == VAL_EXCEPTION) return v;
    if (val_is_null(v)) return VAL_FALSE;
    if (v == obj) return VAL_TRUE;
  }
}

static Value proto_property_is_enumerable(Isolate *iso, const CallArgs *args) {
  Value key = rt_to_property_key(iso, call_arg(args, 0));
  if (key == VAL_EXCEPTION) return key;
  Value obj = builtins_this_object(iso, args, "Object.prototype.propertyIsEnumerable");
  if (obj == VAL_EXCEPTION) return obj;
  PropertyDescriptor d;
  int found = obj_get_own_property(iso, obj, key, &d);
  if (found < 0) return VAL_EXCEPTION;
  return val_from_bool(found && d.enumerable);
}

static Value proto_to_locale_string(Isolate *iso, const CallArgs *args) {
  Value self = args->this_val;
  if (val_is_nullish(self))
    return rt_throw_type_error(iso, "Object.prototype.toLocaleString called on null or undefined");
  Value fn = rt_get(iso, self, NAME(iso, toString));
  if (fn == VAL_EXCEPTION) return fn;
  if (!val_is_callable(fn)) {
    char buf[128];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  return rt_call(iso, fn, self, 0, NULL);
}

/* The builtinTag of Object.prototype.toString (ECMA-262 20.1.3.6 steps 5-14). */
static const char *builtin_tag(Isolate *iso, Value obj, int *error) {
  int is_array = val_is_array(iso, obj, error);
  if (*error) return NULL;
  if (is_array) return "Array";
  switch (val_instance_type(obj)) {
    case IT_JS_ARGUMENTS:
    case IT_JS_MAPPED_ARGUMENTS: return "Arguments";
    case IT_JS_ERROR: return "Error";
    case IT_JS_DATE: return "Date";
    case IT_JS_REGEXP: return "RegExp";
    case IT_JS_PRIMITIVE_WRAPPER: {
      Value p = builtins_wrapper_value(obj);
      if (val_is_bool(p)) return "Boolean";
      if (val_is_number(p)) return "Number";
      if (val_is_string(p)) return "String";
      return "Object";
    }
    default: break;
  }
  if (val_is_callable(obj)) return "Function";
  return "Object";
}

static Value proto_to_string(Isolate *iso, const CallArgs *args) {
  Value self = args->this_val;
  if (val_is_undefined(self)) return str_intern_cstr(iso, "[object Undefined]");
  if (val_is_null(self)) return str_intern_cstr(iso, "[object Null]");
  Value obj = rt_to_object(iso, self);
  if (obj == VAL_EXCEPTION) return obj;
  int error = 0;
  const char *tag = builtin_tag(iso, obj, &error);
  if (error) return VAL_EXCEPTION;
  Value t = obj_get(iso, obj, sym_well_known(iso, WKS_TO_STRING_TAG), obj);
  if (t == VAL_EXCEPTION) return t;
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "[object ");
  if (val_is_string(t))
    sb_append_string(&sb, t);
  else
    sb_append_cstr(&sb, tag);
  sb_append_unit(&sb, ']');
  return sb_finish(&sb);
}

static Value proto_value_of(Isolate *iso, const CallArgs *args) {
  return builtins_this_object(iso, args, "Object.prototype.valueOf");
}

static Value proto_get_proto(Isolate *iso, const CallArgs *args) {
  Value obj = builtins_this_object(iso, args, "Object.prototype.__proto__");
  if (obj == VAL_EXCEPTION) return obj;
  return obj_get_prototype_of(iso, obj);
}

static Value proto_set_proto(Isolate *iso, const CallArgs *args) {
  Value self = args->this_val;
  if (val_is_nullish(self))
    return rt_throw_type_error(iso, "Object.prototype.__proto__ called on null or undefined");
  Value proto = call_arg(args, 0);
  if (!val_is_object(proto) && !val_is_null(proto)) return VAL_UNDEFINED;
  if (!val_is_object(self)) return VAL_UNDEFINED;
  int st = obj_set_prototype_of(iso, self, proto);
  if (st < 0) return VAL_EXCEPTION;
  if (!st) return throw_set_proto_failed(iso, self);
  return VAL_UNDEFINED;
}

/* __defineGetter__ (magic 0) and __defineSetter__ (magic 1). */
static Value proto_define_accessor(Isolate *iso, const CallArgs *args) {
  bool setter = function_magic(args->callee) == 1;
  Value obj = builtins_this_object(iso, args, setter ? "Object.prototype.__defineSetter__"
                                                     : "Object.prototype.__defineGetter__");
  if (obj == VAL_EXCEPTION) return obj;
  Value fn = call_arg(args, 1);
  if (!val_is_callable(fn))
    return rt_throw_type_error(iso, "Object.prototype.__define%s__: Expecting function",
                               setter ? "Setter" : "Getter");
  PropertyDescriptor d;
  memset(&d, 0, sizeof d);
  d.value = d.get = d.set = VAL_UNDEFINED;
  if (setter)
    d.has_set = true, d.set = fn;
  else
    d.has_get = true, d.get = fn;
  d.has_enumerable = d.enumerable = true;
  d.has_configurable = d.configurable = true;
  Value key = rt_to_property_key(iso, call_arg(args, 0));
  if (key == VAL_EXCEPTION) return key;
  if (rt_define_property_or_throw(iso, obj, key, &d) < 0) return VAL_EXCEPTION;
  return VAL_UNDEFINED;
}

/* __lookupGetter__ (magic 0) and __lookupSetter__ (magic 1). */
static Value proto_lookup_accessor(Isolate *iso, const CallArgs *args) {
  bool setter = function_magic(args->callee) == 1;
  Value obj = builtins_this_object(iso, args, setter ? "Object.prototype.__lookupSetter__"
                                                     : "Object.prototype.__lookupGetter__");
  if (obj == VAL_EXCEPTION) return obj;
  Value key = rt_to_property_key(iso, call_arg(args, 0));
  if (key == VAL_EXCEPTION) return key;
  for (;;) {
    if (!isolate_poll(iso)) return VAL_EXCEPTION;
    PropertyDescriptor d;
    int found = obj_get_own_property(iso, obj, key, &d);
    if (found < 0) return VAL_EXCEPTION;
    if (found) {
      if (d.has_get || d.has_set) return setter ? d.set : d.get;
      return VAL_UNDEFINED;
    }
    obj = obj_get_prototype_of(iso, obj);
    if (obj == VAL_EXCEPTION) return obj;
    if (val_is_null(obj)) return VAL_UNDEFINED;
  }
}

/* ---- Installation -------------------------------------------------------------------------- */

typedef struct MethodSpec {
  const char *name;
  NativeFunction fn;
  int length;
  int magic;
} MethodSpec;

static int install_methods(Isolate *iso, Value obj, const MethodSpec *specs, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (builtins_def_method(iso, obj, specs[i].name, specs[i].fn, specs[i].length, specs[i].magic) ==
        VAL_EXCEPTION)
      return -1;
  return 0;
}

int builtins_install_object(Isolate *iso, Realm *realm) {
  Value proto = realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE];
  Value ctor = builtins_make_constructor(iso, realm, "Object", object_ctor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_OBJECT], ctor);

  static const MethodSpec statics[] = {
      {"assign", object_assign, 2, 0},
      {"create", object_create, 2, 0},
      {"defineProperties", object_define_properties, 2, 0},
      {"defineProperty", object_define_property, 3, 0},
      {"entries", object_enumerable_own, 1, EOP_ENTRIES},
      {"freeze", object_freeze, 1, 0},
      {"fromEntries", object_from_entries, 1, 0},
      {"getOwnPropertyDescriptor", object_get_own_property_descriptor, 2, 0},
      {"getOwnPropertyDescriptors", object_get_own_property_descriptors, 1, 0},
      {"getOwnPropertyNames", object_get_own_property_keys, 1, 0},
      {"getOwnPropertySymbols", object_get_own_property_keys, 1, 1},
      {"getPrototypeOf", object_get_prototype_of, 1, 0},
      {"groupBy", object_group_by, 2, 0},
      {"hasOwn", object_has_own, 2, 0},
      {"is", object_is, 2, 0},
      {"isExtensible", object_is_extensible, 1, 0},
      {"isFrozen", object_is_frozen, 1, 0},
      {"isSealed", object_is_sealed, 1, 0},
      {"keys", object_enumerable_own, 1, EOP_KEYS},
      {"preventExtensions", object_prevent_extensions, 1, 0},
      {"seal", object_seal, 1, 0},
      {"setPrototypeOf", object_set_prototype_of, 2, 0},
      {"values", object_enumerable_own, 1, EOP_VALUES},
  };
  if (install_methods(iso, ctor, statics, PT_ARRAY_LEN(statics)) < 0) return -1;

  static const MethodSpec methods[] = {
      {"__defineGetter__", proto_define_accessor, 2, 0},
      {"__defineSetter__", proto_define_accessor, 2, 1},
      {"hasOwnProperty", proto_has_own_property, 1, 0},
      {"__lookupGetter__", proto_lookup_accessor, 1, 0},
      {"__lookupSetter__", proto_lookup_accessor, 1, 1},
      {"isPrototypeOf", proto_is_prototype_of, 1, 0},
      {"propertyIsEnumerable", proto_property_is_enumerable, 1, 0},
      {"toString", proto_to_string, 0, 0},
      {"valueOf", proto_value_of, 0, 0},
      {"toLocaleString", proto_to_locale_string, 0, 0},
  };
  if (install_methods(iso, proto, methods, PT_ARRAY_LEN(methods)) < 0) return -1;
  Value to_string = obj_get(iso, proto, NAME(iso, toString), proto);
  if (to_string == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE_TO_STRING], to_string);
  if (builtins_def_getter(iso, proto, NAME(iso, __proto__), proto_get_proto, proto_set_proto,
                          ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;
  return 0;
}
