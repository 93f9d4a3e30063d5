/*
 * Proxy exotic objects (ECMA-262 10.5): every internal method asks the handler's trap, then checks
 * the invariants against the target. Keys reach traps as Strings or Symbols (array indices are
 * converted back to their string form) and come back from ownKeys in canonical key form.
 */
#include "objects/js-proxy.h"

#include "objects/dictionary.h"

#include <stdlib.h>

#include "objects/js-function.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"
#include "objects/string.h"

static JSProxy *js_proxy(Value v) { return (JSProxy *)val_to_ptr(v); }

/* Fetches handler.[[name]] after the revocation check; target and handler receive the slots.
 * Returns undefined when the trap is absent, VAL_EXCEPTION on error. */
static Value get_trap(Isolate *iso, Value proxy, const char *name, Value *target, Value *handler) {
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  JSProxy *p = js_proxy(proxy);
  if (p->handler == VAL_NULL)
    return rt_throw_type_error(iso, "Cannot perform '%s' on a proxy that has been revoked", name);
  *target = p->target;
  *handler = p->handler;
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return key;
  return rt_get_method(iso, *handler, key);
}

static Value key_value(Isolate *iso, Value key) { return key_to_string(iso, key); }

static Value trap_error(Isolate *iso, const char *trap, const char *what) {
  return rt_throw_type_error(iso, "'%s' on proxy: %s", trap, what);
}

/* ---- [[GetPrototypeOf]] / [[SetPrototypeOf]] ------------------------------------------------ */

static Value proxy_get_prototype_of(Isolate *iso, Value obj) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "getPrototypeOf", &target, &handler);
  if (trap == VAL_EXCEPTION) return trap;
  if (trap == VAL_UNDEFINED) return obj_get_prototype_of(iso, target);
  Value proto = rt_call(iso, trap, handler, 1, &target);
  if (proto == VAL_EXCEPTION) return proto;
  if (!val_is_object(proto) && proto != VAL_NULL)
    return trap_error(iso, "getPrototypeOf", "trap returned neither object nor null");
  int ext = obj_is_extensible(iso, target);
  if (ext < 0) return VAL_EXCEPTION;
  if (ext) return proto;
  Value tp = obj_get_prototype_of(iso, target);
  if (tp == VAL_EXCEPTION) return tp;
  if (tp != proto)
    return trap_error(iso, "getPrototypeOf", "proxy target is non-extensible but the trap did not return its actual prototype");
  return proto;
}

static int proxy_set_prototype_of(Isolate *iso, Value obj, Value proto) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "setPrototypeOf", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_set_prototype_of(iso, target, proto);
  Value argv[2] = {target, proto};
  Value r = rt_call(iso, trap, handler, 2, argv);
  if (r == VAL_EXCEPTION) return -1;
  if (!rt_to_boolean(r)) return 0;
  int ext = obj_is_extensible(iso, target);
  if (ext < 0) return -1;
  if (ext) return 1;
  Value tp = obj_get_prototype_of(iso, target);
  if (tp == VAL_EXCEPTION) return -1;
  if (tp != proto) {
    trap_error(iso, "setPrototypeOf", "trap returned truish for setting a new prototype on the non-extensible proxy target");
    return -1;
  }
  return 1;
}

/* ---- [[IsExtensible]] / [[PreventExtensions]] ----------------------------------------------- */

static int proxy_is_extensible(Isolate *iso, Value obj) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "isExtensible", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_is_extensible(iso, target);
  Value r = rt_call(iso, trap, handler, 1, &target);
  if (r == VAL_EXCEPTION) return -1;
  bool b = rt_to_boolean(r);
  int t = obj_is_extensible(iso, target);
  if (t < 0) return -1;
  if (b != (t != 0)) {
    trap_error(iso, "isExtensible", "trap result does not reflect extensibility of proxy target");
    return -1;
  }
  return b;
}

static int proxy_prevent_extensions(Isolate *iso, Value obj) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "preventExtensions", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_prevent_extensions(iso, target);
  Value r = rt_call(iso, trap, handler, 1, &target);
  if (r == VAL_EXCEPTION) return -1;
  bool b = rt_to_boolean(r);
  if (b) {
    int t = obj_is_extensible(iso, target);
    if (t < 0) return -1;
    if (t) {
      trap_error(iso, "preventExtensions", "trap returned truish but the proxy target is extensible");
      return -1;
    }
  }
  return b;
}

/* ---- [[GetOwnProperty]] / [[DefineOwnProperty]] --------------------------------------------- */

static void complete_descriptor(PropertyDescriptor *d) {
  if (!desc_is_accessor(d)) {
    if (!d->has_value) d->value = VAL_UNDEFINED;
    if (!d->has_writable) d->writable = false;
    d->has_value = d->has_writable = true;
  } else {
    if (!d->has_get) d->get = VAL_UNDEFINED;
    if (!d->has_set) d->set = VAL_UNDEFINED;
    d->has_get = d->has_set = true;
  }
  if (!d->has_enumerable) d->enumerable = false;
  if (!d->has_configurable) d->configurable = false;
  d->has_enumerable = d->has_configurable = true;
}

static int proxy_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "getOwnPropertyDescriptor", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_get_own_property(iso, target, key, out);
  Value argv[2] = {target, key_value(iso, key)};
  if (argv[1] == VAL_EXCEPTION) return -1;
  Value res = rt_call(iso, trap, handler, 2, argv);
  if (res == VAL_EXCEPTION) return -1;
  const char *t = "getOwnPropertyDescriptor";
  if (!val_is_object(res) && res != VAL_UNDEFINED) {
    trap_error(iso, t, "trap returned neither object nor undefined");
    return -1;
  }
  PropertyDescriptor td;
  int has = obj_get_own_property(iso, target, key, &td);
  if (has < 0) return -1;
  if (res == VAL_UNDEFINED) {
    if (!has) return 0;
    if (!td.configurable) {
      trap_error(iso, t, "trap returned undefined for a non-configurable property of the target");
      return -1;
    }
    int ext = obj_is_extensible(iso, target);
    if (ext < 0) return -1;
    if (!ext) {
      trap_error(iso, t, "trap returned undefined for a property of a non-extensible target");
      return -1;
    }
    return 0;
  }
  int ext = obj_is_extensible(iso, target);
  if (ext < 0) return -1;
  PropertyDescriptor rd;
  if (desc_from_object(iso, res, &rd) < 0) return -1;
  complete_descriptor(&rd);
  if (!desc_is_compatible(ext != 0, &rd, has ? &td : NULL)) {
    trap_error(iso, t, "trap returned a descriptor incompatible with the target property");
    return -1;
  }
  if (!rd.configurable) {
    if (!has || td.configurable) {
      trap_error(iso, t, "trap reported non-configurability for a property that is configurable or missing on the target");
      return -1;
    }
    if (rd.has_writable && !rd.writable && td.writable) {
      trap_error(iso, t, "trap reported a non-configurable, non-writable property that is writable on the target");
      return -1;
    }
  }
  *out = rd;
  return 1;
}

static int proxy_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "defineProperty", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_define_own_property(iso, target, key, desc);
  Value dobj = desc_to_object(iso, desc);
  if (dobj == VAL_EXCEPTION) return -1;
  Value argv[3] = {target, key_value(iso, key), dobj};
  if (argv[1] == VAL_EXCEPTION) return -1;
  Value r = rt_call(iso, trap, handler, 3, argv);
  if (r == VAL_EXCEPTION) return -1;
  if (!rt_to_boolean(r)) return 0;
  const char *t = "defineProperty";
  PropertyDescriptor td;
  int has = obj_get_own_property(iso, target, key, &td);
  if (has < 0) return -1;
  int ext = obj_is_extensible(iso, target);
  if (ext < 0) return -1;
  bool setting_config_false = desc->has_configurable && !desc->configurable;
  if (!has) {
    if (!ext) {
      trap_error(iso, t, "trap returned truish for adding a property to a non-extensible target");
      return -1;
    }
    if (setting_config_false) {
      trap_error(iso, t, "trap returned truish for defining a non-configurable property that does not exist on the target");
      return -1;
    }
    return 1;
  }
  if (!desc_is_compatible(ext != 0, desc, &td)) {
    trap_error(iso, t, "trap returned truish for a descriptor incompatible with the target property");
    return -1;
  }
  if (setting_config_false && td.configurable) {
    trap_error(iso, t, "trap returned truish for making a configurable target property non-configurable");
    return -1;
  }
  if (desc_is_data(&td) && !td.configurable && td.writable && desc->has_writable && !desc->writable) {
    trap_error(iso, t, "trap returned truish for making a non-configurable writable property non-writable");
    return -1;
  }
  return 1;
}

/* ---- [[HasProperty]] / [[Get]] / [[Set]] / [[Delete]] --------------------------------------- */

static int proxy_has_property(Isolate *iso, Value obj, Value key) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "has", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_has_property(iso, target, key);
  Value argv[2] = {target, key_value(iso, key)};
  if (argv[1] == VAL_EXCEPTION) return -1;
  Value r = rt_call(iso, trap, handler, 2, argv);
  if (r == VAL_EXCEPTION) return -1;
  if (rt_to_boolean(r)) return 1;
  PropertyDescriptor td;
  int has = obj_get_own_property(iso, target, key, &td);
  if (has < 0) return -1;
  if (has) {
    if (!td.configurable) {
      trap_error(iso, "has", "trap returned falsish for a non-configurable property of the target");
      return -1;
    }
    int ext = obj_is_extensible(iso, target);
    if (ext < 0) return -1;
    if (!ext) {
      trap_error(iso, "has", "trap returned falsish for a property of a non-extensible target");
      return -1;
    }
  }
  return 0;
}

static Value proxy_get(Isolate *iso, Value obj, Value key, Value receiver) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "get", &target, &handler);
  if (trap == VAL_EXCEPTION) return trap;
  if (trap == VAL_UNDEFINED) return obj_get(iso, target, key, receiver);
  Value argv[3] = {target, key_value(iso, key), receiver};
  if (argv[1] == VAL_EXCEPTION) return VAL_EXCEPTION;
  Value r = rt_call(iso, trap, handler, 3, argv);
  if (r == VAL_EXCEPTION) return r;
  PropertyDescriptor td;
  int has = obj_get_own_property(iso, target, key, &td);
  if (has < 0) return VAL_EXCEPTION;
  if (has && !td.configurable) {
    if (desc_is_data(&td) && !td.writable && !rt_same_value(r, td.value))
      return trap_error(iso, "get", "trap result differs from the value of a non-writable, non-configurable target property");
    if (desc_is_accessor(&td) && td.get == VAL_UNDEFINED && r != VAL_UNDEFINED)
      return trap_error(iso, "get", "trap returned a value for a non-configurable accessor property without a getter");
  }
  return r;
}

static int proxy_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "set", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_set(iso, target, key, value, receiver);
  Value argv[4] = {target, key_value(iso, key), value, receiver};
  if (argv[1] == VAL_EXCEPTION) return -1;
  Value r = rt_call(iso, trap, handler, 4, argv);
  if (r == VAL_EXCEPTION) return -1;
  if (!rt_to_boolean(r)) return 0;
  PropertyDescriptor td;
  int has = obj_get_own_property(iso, target, key, &td);
  if (has < 0) return -1;
  if (has && !td.configurable) {
    if (desc_is_data(&td) && !td.writable && !rt_same_value(value, td.value)) {
      trap_error(iso, "set", "trap returned truish for a non-writable, non-configurable target property with a different value");
      return -1;
    }
    if (desc_is_accessor(&td) && td.set == VAL_UNDEFINED) {
      trap_error(iso, "set", "trap returned truish for a non-configurable accessor property without a setter");
      return -1;
    }
  }
  return 1;
}

static int proxy_delete(Isolate *iso, Value obj, Value key) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "deleteProperty", &target, &handler);
  if (trap == VAL_EXCEPTION) return -1;
  if (trap == VAL_UNDEFINED) return obj_delete(iso, target, key);
  Value argv[2] = {target, key_value(iso, key)};
  if (argv[1] == VAL_EXCEPTION) return -1;
  Value r = rt_call(iso, trap, handler, 2, argv);
  if (r == VAL_EXCEPTION) return -1;
  if (!rt_to_boolean(r)) return 0;
  PropertyDescriptor td;
  int has = obj_get_own_property(iso, target, key, &td);
  if (has < 0) return -1;
  if (!has) return 1;
  if (!td.configurable) {
    trap_error(iso, "deleteProperty", "trap returned truish for a non-configurable property of the target");
    return -1;
  }
  int ext = obj_is_extensible(iso, target);
  if (ext < 0) return -1;
  if (!ext) {
    trap_error(iso, "deleteProperty", "trap returned truish for a property of a non-extensible target");
    return -1;
  }
  return 1;
}

/* ---- [[OwnPropertyKeys]] -------------------------------------------------------------------- */

int proxy_list_from_array_like(Isolate *iso, Value obj, bool keys_only, Value *out, uint32_t *count) {
  *out = VAL_UNDEFINED;
  *count = 0;
  if (!val_is_object(obj)) {
    rt_throw_type_error(iso, "CreateListFromArrayLike called on non-object");
    return -1;
  }
  double len;
  if (rt_length_of_array_like(iso, obj, &len) < 0) return -1;
  if (len > FIXED_ARRAY_MAX_LENGTH) {
    rt_throw_range_error(iso, "Invalid array length");
    return -1;
  }
  uint32_t n = (uint32_t)len;
  FaView *list = fa_new(iso, n, VAL_UNDEFINED);
  if (!list) return -1;
  for (uint32_t i = 0; i < n; i++) {
    if (!isolate_poll(iso)) return -1;
    Value v = rt_get(iso, obj, key_from_index(i));
    if (v == VAL_EXCEPTION) return -1;
    if (keys_only && !val_is_string(v) && !val_is_symbol(v)) {
      char buf[64];
      rt_throw_type_error(iso, "%s is not a valid property name", key_describe(iso, v, buf, sizeof buf));
      return -1;
    }
    WRITE_FIELD(list, list->data[i], v);
  }
  *out = val_from_ptr(list);
  *count = n;
  return 0;
}

static Value proxy_own_keys(Isolate *iso, Value obj) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "ownKeys", &target, &handler);
  if (trap == VAL_EXCEPTION) return trap;
  if (trap == VAL_UNDEFINED) return obj_own_property_keys(iso, target);
  Value arr = rt_call(iso, trap, handler, 1, &target);
  if (arr == VAL_EXCEPTION) return arr;
  Value list;
  uint32_t n;
  if (proxy_list_from_array_like(iso, arr, true, &list, &n) < 0) return VAL_EXCEPTION;
  const char *t = "ownKeys";
  /* Canonical keys (index strings become numbers) collected in a hash set: duplicates are an
   * error, and the set later tracks which keys the target checks have not consumed. */
  Dictionary *set = dict_new(iso, IT_PROPERTY_DICTIONARY, n + 1);
  if (!set) return VAL_EXCEPTION;
  for (uint32_t i = 0; i < n; i++) {
    Value k = fa(list)->data[i];
    if (val_is_string(k)) {
      k = key_from_string(iso, k);
      if (k == VAL_EXCEPTION) return k;
      WRITE_FIELD(fa(list), fa(list)->data[i], k);
    }
    if (dict_find(iso, set, k) >= 0) return trap_error(iso, t, "trap returned duplicate entries");
    set = dict_put(iso, set, k, VAL_TRUE, 0);
    if (!set) return VAL_EXCEPTION;
  }
  int ext = obj_is_extensible(iso, target);
  if (ext < 0) return VAL_EXCEPTION;
  Value tkeys = obj_own_property_keys(iso, target);
  if (tkeys == VAL_EXCEPTION) return tkeys;
  uint32_t tn = array_length(tkeys);
  /* One [[GetOwnProperty]] per target key (observable when the target is a proxy). */
  FaView *nonconfig = fa_new(iso, tn, VAL_FALSE);
  if (!nonconfig) return VAL_EXCEPTION;
  bool any_nonconfig = false;
  for (uint32_t i = 0; i < tn; i++) {
    PropertyDescriptor d;
    int has = obj_get_own_property(iso, target, fa(js_object(tkeys)->elements)->data[i], &d);
    if (has < 0) return VAL_EXCEPTION;
    if (has && !d.configurable) {
      nonconfig->data[i] = VAL_TRUE;
      any_nonconfig = true;
    }
  }
  if (ext && !any_nonconfig) return array_from_values(iso, fa(list)->data, n);
  /* Every non-configurable target key must be reported; for a non-extensible target, exactly
   * the target's keys. */
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1 && ext) break;
    for (uint32_t i = 0; i < tn; i++) {
      if ((nonconfig->data[i] == VAL_TRUE) != (pass == 0)) continue;
      int32_t e = dict_find(iso, set, fa(js_object(tkeys)->elements)->data[i]);
      if (e < 0)
        return trap_error(iso, t, pass == 0 ? "trap result did not include a non-configurable key of the target"
                                            : "trap result did not include every key of the non-extensible target");
      dict_remove(set, e);
    }
  }
  if (!ext && set->live > 0) return trap_error(iso, t, "trap returned extra keys but the proxy target is non-extensible");
  return array_from_values(iso, fa(list)->data, n);
}

/* ---- [[Call]] / [[Construct]] --------------------------------------------------------------- */

static Value proxy_call(Isolate *iso, Value obj, Value this_val, int argc, Value *argv) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "apply", &target, &handler);
  if (trap == VAL_EXCEPTION) return trap;
  if (trap == VAL_UNDEFINED) return rt_call(iso, target, this_val, argc, argv);
  Value args = array_from_values(iso, argv, (uint32_t)argc);
  if (args == VAL_EXCEPTION) return args;
  Value tv[3] = {target, this_val, args};
  return rt_call(iso, trap, handler, 3, tv);
}

static Value proxy_construct(Isolate *iso, Value obj, int argc, Value *argv, Value new_target) {
  Value target, handler;
  Value trap = get_trap(iso, obj, "construct", &target, &handler);
  if (trap == VAL_EXCEPTION) return trap;
  if (trap == VAL_UNDEFINED) return rt_construct(iso, target, argc, argv, new_target);
  Value args = array_from_values(iso, argv, (uint32_t)argc);
  if (args == VAL_EXCEPTION) return args;
  Value tv[3] = {target, args, new_target};
  Value r = rt_call(iso, trap, handler, 3, tv);
  if (r == VAL_EXCEPTION) return r;
  if (!val_is_object(r)) return trap_error(iso, "construct", "trap returned non-object");
  return r;
}

static const ObjectOps proxy_ops = {
    .get_prototype_of = proxy_get_prototype_of,
    .set_prototype_of = proxy_set_prototype_of,
    .is_extensible = proxy_is_extensible,
    .prevent_extensions = proxy_prevent_extensions,
    .get_own_property = proxy_get_own_property,
    .define_own_property = proxy_define_own_property,
    .has_property = proxy_has_property,
    .get = proxy_get,
    .set = proxy_set,
    .delete_ = proxy_delete,
    .own_property_keys = proxy_own_keys,
    .call = proxy_call,
    .construct = proxy_construct,
};

void proxy_register_ops(void) { object_register_ops(IT_JS_PROXY, &proxy_ops); }

/* ---- Creation and the Proxy constructor ----------------------------------------------------- */

Value proxy_create(Isolate *iso, Value target, Value handler) {
  if (!val_is_object(target) || !val_is_object(handler))
    return rt_throw_type_error(iso, "Cannot create proxy with a non-object as target or handler");
  /* The in-object count only tells apart the three cached maps: plain, callable, constructor. */
  bool callable = val_is_callable(target), ctor = val_is_constructor(target);
  uint32_t variant = ctor ? 2 : callable ? 1 : 0;
  Map *m = map_initial_for_prototype(iso, VAL_NULL, IT_JS_PROXY, sizeof(JSProxy), variant);
  if (!m) return VAL_EXCEPTION;
  if (callable) m->bit_field |= MAP_CALLABLE;
  if (ctor) m->bit_field |= MAP_CONSTRUCTOR;
  Value p = obj_new_from_map(iso, m);
  if (p == VAL_EXCEPTION) return p;
  JSProxy *px = js_proxy(p);
  WRITE_FIELD(px, px->target, target);
  WRITE_FIELD(px, px->handler, handler);
  return p;
}

static Value proxy_constructor(Isolate *iso, const CallArgs *args) {
  if (args->new_target == VAL_UNDEFINED) return rt_throw_type_error(iso, "Constructor Proxy requires 'new'");
  return proxy_create(iso, call_arg(args, 0), call_arg(args, 1));
}

static Value proxy_revoke(Isolate *iso, const CallArgs *args) {
  PT_UNUSED(iso);
  JSFunction *f = js_function(args->callee);
  Value p = f->extra;
  if (val_is_pointer(p)) {
    f->extra = VAL_NULL;
    JSProxy *px = js_proxy(p);
    px->target = VAL_NULL;
    px->handler = VAL_NULL;
  }
  return VAL_UNDEFINED;
}

static Value proxy_revocable(Isolate *iso, const CallArgs *args) {
  Value p = proxy_create(iso, call_arg(args, 0), call_arg(args, 1));
  if (p == VAL_EXCEPTION) return p;
  Value revoke = function_new_native(iso, NAME(iso, empty), 0, proxy_revoke, 0, 0);
  if (revoke == VAL_EXCEPTION) return revoke;
  WRITE_FIELD(js_function(revoke), js_function(revoke)->extra, p);
  Value result = obj_new_plain(iso);
  if (result == VAL_EXCEPTION) return result;
  if (rt_create_data_property(iso, result, NAME(iso, proxy), p) < 0) return VAL_EXCEPTION;
  if (rt_create_data_property(iso, result, NAME(iso, revoke), revoke) < 0) return VAL_EXCEPTION;
  return result;
}

int proxy_install(Isolate *iso, Realm *realm) {
  Value name = key_from_cstr(iso, "Proxy");
  if (name == VAL_EXCEPTION) return -1;
  int has = rt_has_own_property(iso, realm->global_object, name);
  if (has != 0) return has < 0 ? -1 : 0;
  Value ctor = function_new_native(iso, name, 2, proxy_constructor, 0, NATIVE_CONSTRUCTOR);
  if (ctor == VAL_EXCEPTION) return -1;
  Value revocable = key_from_cstr(iso, "revocable");
  if (revocable == VAL_EXCEPTION) return -1;
  Value rev = function_new_native(iso, revocable, 2, proxy_revocable, 0, 0);
  if (rev == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, ctor, revocable, rev, ATTR_BUILTIN) < 0) return -1;
  if (rt_define_data(iso, realm->global_object, name, ctor, ATTR_BUILTIN) < 0) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_PROXY_CONSTRUCTOR], ctor);
  return 0;
}
