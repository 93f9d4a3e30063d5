/* The Reflect namespace (ECMA-262 28.1): each function is one internal method, made callable. */
#include <stdlib.h>

#include "objects/js-function.h"
#include "objects/js-proxy.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/string.h"
#include "objects/symbol.h"

static Value require_object(Isolate *iso, const CallArgs *args, const char *fn) {
  Value t = call_arg(args, 0);
  if (!val_is_object(t)) return rt_throw_type_error(iso, "Reflect.%s called on non-object", fn);
  return t;
}

/* The target and ToPropertyKey(propertyKey) of the methods that take both: the target, or
 * VAL_EXCEPTION (TypeError for a non-object target, or whatever the key conversion threw). */
static Value require_object_and_key(Isolate *iso, const CallArgs *args, const char *fn, Value *key) {
  Value t = require_object(iso, args, fn);
  if (t == VAL_EXCEPTION) return t;
  *key = rt_to_property_key(iso, call_arg(args, 1));
  return *key == VAL_EXCEPTION ? VAL_EXCEPTION : t;
}

/* Calls or constructs with the elements of an array-like, gathered in a FixedArray that the
 * stack keeps alive (conservative scanning) for the duration of the call. */
static Value apply_list(Isolate *iso, Value fn, Value this_val, Value array_like, Value new_target, bool construct) {
  Value list;
  uint32_t argc;
  if (proxy_list_from_array_like(iso, array_like, false, &list, &argc) < 0) return VAL_EXCEPTION;
  if (argc > 65535) return rt_throw_range_error(iso, "Too many arguments in function call (only 65535 allowed)");
  Value *argv = fa(list)->data;
  Value r = construct ? rt_construct(iso, fn, (int)argc, argv, new_target) : rt_call(iso, fn, this_val, (int)argc, argv);
  __asm__ volatile("" : : "r"(list) : "memory");
  return r;
}

static Value reflect_apply(Isolate *iso, const CallArgs *args) {
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) return rt_throw_type_error(iso, "Function.prototype.apply was called on %s, which is not a function",
                                                       val_is_object(fn) ? "an object" : "a non-object");
  return apply_list(iso, fn, call_arg(args, 1), call_arg(args, 2), VAL_UNDEFINED, false);
}

static Value reflect_construct(Isolate *iso, const CallArgs *args) {
  Value target = call_arg(args, 0);
  if (!val_is_constructor(target)) return rt_throw_type_error(iso, "Reflect.construct target is not a constructor");
  Value nt = args->argc > 2 ? args->argv[2] : target;
  if (!val_is_constructor(nt)) return rt_throw_type_error(iso, "Reflect.construct newTarget is not a constructor");
  return apply_list(iso, target, VAL_UNDEFINED, call_arg(args, 1), nt, true);
}

static Value reflect_define_property(Isolate *iso, const CallArgs *args) {
  Value key;
  Value t = require_object_and_key(iso, args, "defineProperty", &key);
  if (t == VAL_EXCEPTION) return t;
  PropertyDescriptor d;
  if (desc_from_object(iso, call_arg(args, 2), &d) < 0) return VAL_EXCEPTION;
  int r = obj_define_own_property(iso, t, key, &d);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value reflect_delete_property(Isolate *iso, const CallArgs *args) {
  Value key;
  Value t = require_object_and_key(iso, args, "deleteProperty", &key);
  if (t == VAL_EXCEPTION) return t;
  int r = obj_delete(iso, t, key);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value reflect_get(Isolate *iso, const CallArgs *args) {
  Value key;
  Value t = require_object_and_key(iso, args, "get", &key);
  if (t == VAL_EXCEPTION) return t;
  return obj_get(iso, t, key, args->argc > 2 ? args->argv[2] : t);
}

static Value reflect_get_own_property_descriptor(Isolate *iso, const CallArgs *args) {
  Value key;
  Value t = require_object_and_key(iso, args, "getOwnPropertyDescriptor", &key);
  if (t == VAL_EXCEPTION) return t;
  PropertyDescriptor d;
  int r = obj_get_own_property(iso, t, key, &d);
  if (r < 0) return VAL_EXCEPTION;
  if (!r) return VAL_UNDEFINED;
  return desc_to_object(iso, &d);
}

static Value reflect_get_prototype_of(Isolate *iso, const CallArgs *args) {
  Value t = require_object(iso, args, "getPrototypeOf");
  if (t == VAL_EXCEPTION) return t;
  return obj_get_prototype_of(iso, t);
}

static Value reflect_has(Isolate *iso, const CallArgs *args) {
  Value key;
  Value t = require_object_and_key(iso, args, "has", &key);
  if (t == VAL_EXCEPTION) return t;
  int r = obj_has_property(iso, t, key);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value reflect_is_extensible(Isolate *iso, const CallArgs *args) {
  Value t = require_object(iso, args, "isExtensible");
  if (t == VAL_EXCEPTION) return t;
  int r = obj_is_extensible(iso, t);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value reflect_own_keys(Isolate *iso, const CallArgs *args) {
  Value t = require_object(iso, args, "ownKeys");
  if (t == VAL_EXCEPTION) return t;
  Value keys = obj_own_property_keys(iso, t);
  if (keys == VAL_EXCEPTION) return keys;
  /* Index keys are numbers inside the engine; JavaScript sees their string form. */
  uint32_t n = array_length(keys);
  for (uint32_t i = 0; i < n; i++) {
    FaView *el = fa(js_object(keys)->elements);
    Value k = el->data[i];
    if (val_is_number(k)) {
      Value s = key_to_string(iso, k);
      if (s == VAL_EXCEPTION) return s;
      el = fa(js_object(keys)->elements);
      WRITE_FIELD(el, el->data[i], s);
    }
  }
  return keys;
}

static Value reflect_prevent_extensions(Isolate *iso, const CallArgs *args) {
  Value t = require_object(iso, args, "preventExtensions");
  if (t == VAL_EXCEPTION) return t;
  int r = obj_prevent_extensions(iso, t);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value reflect_set(Isolate *iso, const CallArgs *args) {
  Value key;
  Value t = require_object_and_key(iso, args, "set", &key);
  if (t == VAL_EXCEPTION) return t;
  int r = obj_set(iso, t, key, call_arg(args, 2), args->argc > 3 ? args->argv[3] : t);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

static Value reflect_set_prototype_of(Isolate *iso, const CallArgs *args) {
  Value t = require_object(iso, args, "setPrototypeOf");
  if (t == VAL_EXCEPTION) return t;
  Value proto = call_arg(args, 1);
  if (!val_is_object(proto) && proto != VAL_NULL)
    return rt_throw_type_error(iso, "Object prototype may only be an Object or null");
  int r = obj_set_prototype_of(iso, t, proto);
  return r < 0 ? VAL_EXCEPTION : val_from_bool(r);
}

int reflect_install(Isolate *iso, Realm *realm) {
  Value name = key_from_cstr(iso, "Reflect");
  if (name == VAL_EXCEPTION) return -1;
  int has = rt_has_own_property(iso, realm->global_object, name);
  if (has != 0) return has < 0 ? -1 : 0;
  Value r = obj_new_plain(iso);
  if (r == VAL_EXCEPTION) return -1;
  static const struct {
    const char *name;
    NativeFunction fn;
    int length;
  } fns[] = {
      {"apply", reflect_apply, 3},
      {"construct", reflect_construct, 2},
      {"defineProperty", reflect_define_property, 3},
      {"deleteProperty", reflect_delete_property, 2},
      {"get", reflect_get, 2},
      {"getOwnPropertyDescriptor", reflect_get_own_property_descriptor, 2},
      {"getPrototypeOf", reflect_get_prototype_of, 1},
      {"has", reflect_has, 2},
      {"isExtensible", reflect_is_extensible, 1},
      {"ownKeys", reflect_own_keys, 1},
      {"preventExtensions", reflect_prevent_extensions, 1},
      {"set", reflect_set, 3},
      {"setPrototypeOf", reflect_set_prototype_of, 2},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(fns); i++) {
    Value key = key_from_cstr(iso, fns[i].name);
    if (key == VAL_EXCEPTION) return -1;
    Value f = function_new_native(iso, key, fns[i].length, fns[i].fn, 0, 0);
    if (f == VAL_EXCEPTION) return -1;
    if (rt_define_data(iso, r, key, f, ATTR_BUILTIN) < 0) return -1;
  }
  Value tag = str_intern_cstr(iso, "Reflect");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, r, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return rt_define_data(iso, realm->global_object, name, r, ATTR_BUILTIN);
}
