/*
 * Function objects and the call/construct entry points (rt_call, rt_construct).
 * Natives run in their own realm: iso->realm switches for the call and back.
 */
#include "objects/js-function.h"

#include "execution/realm.h"
#include "interpreter/interpreter.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"
#include "objects/string.h"
#include "objects/symbol.h"

/* ---- Layout --------------------------------------------------------------------------------- */

static void function_visit(HeapObject *obj, HeapVisitor *v) {
  JSFunction *f = (JSFunction *)obj;
  obj_visit_js_object_base(obj, v);
  heap_visit_value(v, &f->shared);
  heap_visit_value(v, &f->context);
  heap_visit_value(v, &f->realm);
  heap_visit_value(v, &f->home_object);
  heap_visit_value(v, &f->class_fields_initializer);
  heap_visit_value(v, &f->feedback);
  heap_visit_value(v, &f->extra);
}

void function_register_types(void) {
  heap_register_type(IT_JS_FUNCTION, obj_js_object_size, function_visit, NULL);
}

static Value function_alloc(Isolate *iso, Value proto, uint32_t kind_flags) {
  Map *m = map_initial_for_prototype(iso, proto, IT_JS_FUNCTION, sizeof(JSFunction), OBJ_DEFAULT_INOBJECT);
  if (!m) return VAL_EXCEPTION;
  Value fv = obj_new_from_map(iso, m);
  if (fv == VAL_EXCEPTION) return fv;
  JSFunction *f = js_function(fv);
  f->native = NULL;
  f->magic = 0;
  f->kind_flags = kind_flags;
  if (iso->realm) WRITE_FIELD(f, f->realm, val_from_ptr(iso->realm));
  return fv;
}

Value function_new_closure(Isolate *iso, Value shared, Value context, Value proto, uint32_t kind_flags) {
  Value fv = function_alloc(iso, proto, kind_flags & ~(uint32_t)FUNC_NATIVE);
  if (fv == VAL_EXCEPTION) return fv;
  JSFunction *f = js_function(fv);
  WRITE_FIELD(f, f->shared, shared);
  WRITE_FIELD(f, f->context, context);
  return fv;
}

/* ---- Name and length ------------------------------------------------------------------------ */

int function_set_name(Isolate *iso, Value fn, Value key, const char *prefix) {
  Value name;
  if (val_is_symbol(key)) {
    Value desc = sym_description(key);
    if (desc == VAL_UNDEFINED) {
      name = NAME(iso, empty);
    } else if (sym_is_private(key)) {
      name = desc;
    } else {
      name = str_concat(iso, str_from_cstr(iso, "["), desc);
      if (name == VAL_EXCEPTION) return -1;
      name = str_concat(iso, name, str_from_cstr(iso, "]"));
    }
  } else if (val_is_number(key)) {
    name = rt_number_to_string(iso, val_to_number_unchecked(key), 10);
  } else if (val_is_string(key)) {
    name = key;
  } else {
    name = NAME(iso, empty);
  }
  if (name == VAL_EXCEPTION) return -1;
  if (prefix) {
    Value p = str_from_cstr(iso, prefix);
    if (p == VAL_EXCEPTION) return -1;
    p = str_concat(iso, p, str_from_cstr(iso, " "));
    if (p == VAL_EXCEPTION) return -1;
    name = str_concat(iso, p, name);
    if (name == VAL_EXCEPTION) return -1;
  }
  return rt_define_data(iso, fn, NAME(iso, name), name, ATTR_CONFIGURABLE);
}

int function_set_length(Isolate *iso, Value fn, double length) {
  return rt_define_data(iso, fn, NAME(iso, length), val_from_number(length), ATTR_CONFIGURABLE);
}

Value function_new_native_with_proto(Isolate *iso, Value name, int length, NativeFunction fn, int magic,
                                     uint32_t kind_flags, Value proto) {
  Value fv = function_alloc(iso, proto, kind_flags | FUNC_NATIVE | FUNC_STRICT);
  if (fv == VAL_EXCEPTION) return fv;
  JSFunction *f = js_function(fv);
  f->native = fn;
  f->magic = magic;
  if (function_set_length(iso, fv, length) < 0) return VAL_EXCEPTION;
  if (function_set_name(iso, fv, name, NULL) < 0) return VAL_EXCEPTION;
  return fv;
}

Value function_new_native(Isolate *iso, Value name, int length, NativeFunction fn, int magic, int flags) {
  Value proto = obj_intrinsic_or_null(iso, INTRINSIC_FUNCTION_PROTOTYPE);
  return function_new_native_with_proto(iso, name, length, fn, magic,
                                        (flags & NATIVE_CONSTRUCTOR) ? FUNC_CONSTRUCTOR : 0, proto);
}

int function_magic(Value fn) { return js_function(fn)->magic; }

int function_make_constructor(Isolate *iso, Value fn, Value proto, bool writable_prototype) {
  if (val_is_js_function(fn)) js_function(fn)->kind_flags |= FUNC_CONSTRUCTOR;
  if (proto == VAL_UNDEFINED) {
    proto = obj_new_plain(iso);
    if (proto == VAL_EXCEPTION) return -1;
    if (rt_define_data(iso, proto, NAME(iso, constructor), fn, ATTR_BUILTIN) < 0) return -1;
  }
  return rt_define_data(iso, fn, NAME(iso, prototype), proto, writable_prototype ? ATTR_WRITABLE : 0);
}

/* ---- Bound functions ------------------------------------------------------------------------ */

Value function_bind(Isolate *iso, Value target, Value bound_this, int argc, const Value *argv) {
  Value proto = obj_get_prototype_of(iso, target);
  if (proto == VAL_EXCEPTION) return proto;
  FaView *args = fa_new(iso, (uint32_t)(argc > 0 ? argc : 0), VAL_UNDEFINED);
  if (!args) return VAL_EXCEPTION;
  for (int i = 0; i < argc; i++) WRITE_FIELD(args, args->data[i], argv[i]);
  Value bv = obj_new_with_type(iso, IT_JS_BOUND_FUNCTION, sizeof(JSBoundFunction), proto);
  if (bv == VAL_EXCEPTION) return bv;
  JSBoundFunction *b = (JSBoundFunction *)val_to_ptr(bv);
  WRITE_FIELD(b, b->target, target);
  WRITE_FIELD(b, b->bound_this, bound_this);
  WRITE_FIELD(b, b->bound_args, val_from_ptr(args));
  /* length: max(0, target.length - argc) when target has an own numeric length. */
  double len = 0;
  int has = rt_has_own_property(iso, target, NAME(iso, length));
  if (has < 0) return VAL_EXCEPTION;
  if (has) {
    Value l = rt_get(iso, target, NAME(iso, length));
    if (l == VAL_EXCEPTION) return l;
    if (val_is_number(l)) {
      double d = val_to_number_unchecked(l);
      if (d == 1.0 / 0.0) {
        len = d;
      } else if (d != -1.0 / 0.0) {
        double li;
        if (rt_to_integer_or_infinity(iso, l, &li) < 0) return VAL_EXCEPTION;
        len = li - argc;
        if (len < 0) len = 0;
      }
    }
  }
  if (function_set_length(iso, bv, len) < 0) return VAL_EXCEPTION;
  Value name = rt_get(iso, target, NAME(iso, name));
  if (name == VAL_EXCEPTION) return name;
  if (!val_is_string(name)) name = NAME(iso, empty);
  if (function_set_name(iso, bv, name, "bound") < 0) return VAL_EXCEPTION;
  return bv;
}

/* Builds bound_args ++ argv on the C stack (scanned conservatively), then calls. */
#define BOUND_MAX_ARGS 65535
static Value bound_call(Isolate *iso, Value fn, Value this_val, int argc, Value *argv, Value new_target,
                        bool construct) {
  JSBoundFunction *b = (JSBoundFunction *)val_to_ptr(fn);
  FaView *ba = fa(b->bound_args);
  size_t total = (size_t)ba->length + (size_t)argc;
  if (total > BOUND_MAX_ARGS) return rt_throw_range_error(iso, "Maximum call stack size exceeded");
  Value *all = NULL;
  Value small[16];
  FaView *heap_args = NULL;
  if (total <= 16) {
    all = small;
  } else {
    heap_args = fa_new(iso, (uint32_t)total, VAL_UNDEFINED);
    if (!heap_args) return VAL_EXCEPTION;
    all = heap_args->data;
  }
  for (uint32_t i = 0; i < ba->length; i++) all[i] = ba->data[i];
  for (int i = 0; i < argc; i++) all[ba->length + (uint32_t)i] = argv[i];
  Value r;
  if (construct) {
    if (new_target == fn) new_target = b->target;
    r = rt_construct(iso, b->target, (int)total, all, new_target);
  } else {
    PT_UNUSED(this_val);
    r = rt_call(iso, b->target, b->bound_this, (int)total, all);
  }
  /* Keep the heap copy reachable until here. */
  __asm__ volatile("" : : "r"(heap_args) : "memory");
  return r;
}

/* ---- Calls ---------------------------------------------------------------------------------- */

static Value call_native(Isolate *iso, JSFunction *f, Value fn, Value this_val, int argc, Value *argv,
                         Value new_target) {
  Realm *saved = iso->realm;
  if (val_is_pointer(f->realm)) iso->realm = (Realm *)val_to_ptr(f->realm);
  CallArgs args = {fn, this_val, new_target, argc, argv};
  Value r = f->native(iso, &args);
  iso->realm = saved;
  return r;
}

static Value throw_not_callable(Isolate *iso, Value fn, const char *what) {
  char buf[128];
  PropertyDescriptor d;
  if (val_is_callable(fn) && !object_get_ops(val_instance_type(fn)) &&
      obj_ordinary_get_own(iso, fn, NAME(iso, name), &d) == 1 && d.has_value && val_is_string(d.value) &&
      str_length(d.value) > 0)
    return rt_throw_type_error(iso, "%s is not a %s", key_describe(iso, d.value, buf, sizeof buf), what);
  return rt_throw_type_error(iso, "%s is not a %s", key_describe(iso, fn, buf, sizeof buf), what);
}

Value rt_call(Isolate *iso, Value fn, Value this_val, int argc, Value *argv) {
  if (!val_is_pointer(fn)) return throw_not_callable(iso, fn, "function");
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  switch (val_instance_type(fn)) {
  case IT_JS_FUNCTION: {
    JSFunction *f = js_function(fn);
    if (f->kind_flags & FUNC_NATIVE) return call_native(iso, f, fn, this_val, argc, argv, VAL_UNDEFINED);
    return interpreter_call(iso, fn, this_val, argc, argv, VAL_UNDEFINED);
  }
  case IT_JS_BOUND_FUNCTION:
    return bound_call(iso, fn, this_val, argc, argv, VAL_UNDEFINED, false);
  default: {
    const ObjectOps *ops = object_get_ops(val_instance_type(fn));
    if (ops && ops->call && (obj_map(fn)->bit_field & MAP_CALLABLE)) return ops->call(iso, fn, this_val, argc, argv);
    return throw_not_callable(iso, fn, "function");
  }
  }
}

Value rt_construct(Isolate *iso, Value fn, int argc, Value *argv, Value new_target) {
  if (new_target == VAL_UNDEFINED) new_target = fn;
  if (!val_is_constructor(fn)) return throw_not_callable(iso, fn, "constructor");
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION;
  switch (val_instance_type(fn)) {
  case IT_JS_FUNCTION: {
    JSFunction *f = js_function(fn);
    if (f->kind_flags & FUNC_NATIVE) return call_native(iso, f, fn, VAL_UNDEFINED, argc, argv, new_target);
    return interpreter_call(iso, fn, VAL_UNDEFINED, argc, argv, new_target);
  }
  case IT_JS_BOUND_FUNCTION:
    return bound_call(iso, fn, VAL_UNDEFINED, argc, argv, new_target, true);
  default: {
    const ObjectOps *ops = object_get_ops(val_instance_type(fn));
    if (ops && ops->construct) return ops->construct(iso, fn, argc, argv, new_target);
    return throw_not_callable(iso, fn, "constructor");
  }
  }
}

Realm *function_get_realm(Isolate *iso, Value fn) {
  for (int depth = 0; depth < 100000; depth++) {
    if (!val_is_pointer(fn)) break;
    InstanceType t = val_instance_type(fn);
    if (t == IT_JS_FUNCTION) {
      Value r = js_function(fn)->realm;
      return val_is_pointer(r) ? (Realm *)val_to_ptr(r) : iso->realm;
    }
    if (t == IT_JS_BOUND_FUNCTION) {
      fn = ((JSBoundFunction *)val_to_ptr(fn))->target;
      continue;
    }
    if (t == IT_JS_PROXY) {
      JSProxy *p = (JSProxy *)val_to_ptr(fn);
      if (p->handler == VAL_NULL) {
        rt_throw_type_error(iso, "Cannot perform 'GetFunctionRealm' on a proxy that has been revoked");
        return NULL;
      }
      fn = p->target;
      continue;
    }
    break;
  }
  return iso->realm;
}

Value rt_prototype_from_constructor(Isolate *iso, Value new_target, int default_intrinsic) {
  if (!val_is_object(new_target)) return obj_intrinsic_or_null(iso, default_intrinsic);
  Value proto = rt_get(iso, new_target, NAME(iso, prototype));
  if (proto == VAL_EXCEPTION) return proto;
  if (val_is_object(proto)) return proto;
  Realm *r = function_get_realm(iso, new_target);
  if (!r) return VAL_EXCEPTION;
  Value p = r->intrinsics[default_intrinsic];
  return val_is_pointer(p) ? p : VAL_NULL;
}
