/* Shared installation and argument helpers for the library families (see object-helpers.h). */
#include "builtins/object-helpers.h"

#include "heap/fixed-array.h"
#include "objects/js-object.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* "get foo" / "get [Symbol.iterator]": the name an accessor function gets (SetFunctionName). */
static Value accessor_name(Isolate *iso, Value key, const char *prefix) {
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, prefix);
  if (val_is_symbol(key)) {
    Value d = sym_description(key);
    sb_append_unit(&sb, '[');
    if (!val_is_undefined(d)) sb_append_string(&sb, d);
    sb_append_unit(&sb, ']');
  } else {
    Value s = key_to_string(iso, key);
    if (s == VAL_EXCEPTION) {
      sb_discard(&sb);
      return VAL_EXCEPTION;
    }
    sb_append_string(&sb, s);
  }
  Value s = sb_finish(&sb);
  if (s == VAL_EXCEPTION) return s;
  return key_from_string(iso, s);
}

Value builtins_def_getter(Isolate *iso, Value obj, Value key, NativeFunction getter,
                          NativeFunction setter, int attrs) {
  Value g = VAL_UNDEFINED, s = VAL_UNDEFINED;
  if (getter) {
    Value n = accessor_name(iso, key, "get ");
    if (n == VAL_EXCEPTION) return n;
    g = function_new_native(iso, n, 0, getter, 0, 0);
    if (g == VAL_EXCEPTION) return g;
  }
  if (setter) {
    Value n = accessor_name(iso, key, "set ");
    if (n == VAL_EXCEPTION) return n;
    s = function_new_native(iso, n, 1, setter, 0, 0);
    if (s == VAL_EXCEPTION) return s;
  }
  if (rt_define_accessor(iso, obj, key, g, s, attrs) < 0) return VAL_EXCEPTION;
  return getter ? g : s;
}

Value builtins_make_constructor(Isolate *iso, Realm *realm, const char *name, NativeFunction fn,
                                int length, int magic, Value proto) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return key;
  Value c = function_new_native(iso, key, length, fn, magic, NATIVE_CONSTRUCTOR);
  if (c == VAL_EXCEPTION) return c;
  if (rt_define_data(iso, c, NAME(iso, prototype), proto, 0) < 0) return VAL_EXCEPTION;
  if (rt_define_data(iso, proto, NAME(iso, constructor), c, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  if (rt_define_data(iso, realm->global_object, key, c, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  return c;
}

Value builtins_this_object(Isolate *iso, const CallArgs *args, const char *method) {
  if (val_is_nullish(args->this_val))
    return rt_throw_type_error(iso, "%s called on null or undefined", method);
  return rt_to_object(iso, args->this_val);
}

int builtins_relative_index(Isolate *iso, Value arg, double len, double dflt, double *out) {
  double rel;
  if (val_is_undefined(arg)) {
    rel = dflt;
  } else if (rt_to_integer_or_infinity(iso, arg, &rel) < 0) {
    return -1;
  }
  if (rel < 0) {
    rel += len;
    if (rel < 0) rel = 0;
  } else if (rel > len) {
    rel = len;
  }
  *out = rel;
  return 0;
}

Value builtins_index_key(Isolate *iso, double index) {
  if (index >= 0 && index <= 4294967294.0) return key_from_index((uint32_t)index);
  Value s = rt_number_to_string(iso, index, 10);
  if (s == VAL_EXCEPTION) return s;
  return key_from_string(iso, s);
}

const char *builtins_class_name(Value obj) {
  switch (val_instance_type(obj)) {
    case IT_JS_ARRAY: return "Array";
    case IT_JS_FUNCTION:
    case IT_JS_BOUND_FUNCTION: return "Function";
    case IT_JS_ERROR: return "Error";
    case IT_JS_DATE: return "Date";
    case IT_JS_REGEXP: return "RegExp";
    case IT_JS_PROMISE: return "Promise";
    case IT_JS_MAP: return "Map";
    case IT_JS_SET: return "Set";
    default: return "Object";
  }
}

/* A data property found on obj or its prototypes without running any code (no getters, no proxy
 * traps): VAL_HOLE when absent or when finding it would need code to run. */
static Value peek_data_property(Isolate *iso, Value obj, Value key) {
  for (int depth = 0; depth < 64 && val_is_object(obj); depth++) {
    if (val_instance_type(obj) == IT_JS_PROXY) return VAL_HOLE;
    PropertyDescriptor d;
    if (obj_ordinary_get_own(iso, obj, key, &d) == 1) return d.has_get || d.has_set ? VAL_HOLE : d.value;
    obj = obj_map(obj)->prototype;
  }
  return VAL_HOLE;
}

static const char *wrapper_tag(Value obj) {
  Value p = builtins_wrapper_value(obj);
  if (val_is_bool(p)) return "Boolean";
  if (val_is_number(p)) return "Number";
  if (val_is_string(p)) return "String";
  return "Object";
}

static void append_utf8(Isolate *iso, Value s, char *buf, size_t size, size_t *pos) {
  size_t n = 0;
  char *u = val_is_string(s) ? str_to_utf8(iso, s, &n) : NULL;
  if (!u) {
    if (isolate_has_exception(iso)) isolate_take_exception(iso);
    return;
  }
  int w = snprintf(buf + *pos, size - *pos, "%s", u);
  if (w > 0) *pos = *pos + (size_t)w < size ? *pos + (size_t)w : size - 1;
  free(u);
}

/* V8's side-effect-free rendering of an object in messages: "Error: msg" for errors, "#<Ctor>"
 * when toString is Object.prototype.toString, else "[object Tag]". */
static void describe_object(Isolate *iso, Value v, char *buf, size_t size) {
  size_t pos = 0;
  if (val_instance_type(v) == IT_JS_ERROR) {
    Value name = peek_data_property(iso, v, NAME(iso, name));
    Value msg = peek_data_property(iso, v, NAME(iso, message));
    if (val_is_string(name)) append_utf8(iso, name, buf, size, &pos);
    else pos = (size_t)snprintf(buf, size, "Error");
    if (val_is_string(msg) && str_length(msg) > 0) {
      pos += (size_t)snprintf(buf + pos, size > pos ? size - pos : 0, ": ");
      if (pos < size) append_utf8(iso, msg, buf, size, &pos);
    }
    return;
  }
  Value ts = peek_data_property(iso, v, NAME(iso, toString));
  if (ts != VAL_HOLE && ts == intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE_TO_STRING)) {
    Value ctor = peek_data_property(iso, v, NAME(iso, constructor));
    Value name = val_is_callable(ctor) ? peek_data_property(iso, ctor, NAME(iso, name)) : VAL_HOLE;
    if (val_is_string(name) && str_length(name) > 0) {
      pos = (size_t)snprintf(buf, size, "#<");
      append_utf8(iso, name, buf, size, &pos);
      if (pos + 1 < size) snprintf(buf + pos, size - pos, ">");
      return;
    }
    snprintf(buf, size, "#<Object>");
    return;
  }
  const char *tag;
  switch (val_instance_type(v)) {
    case IT_JS_ARRAY: tag = "Array"; break;
    case IT_JS_ARGUMENTS:
    case IT_JS_MAPPED_ARGUMENTS: tag = "Arguments"; break;
    case IT_JS_DATE: tag = "Date"; break;
    case IT_JS_REGEXP: tag = "RegExp"; break;
    case IT_JS_PRIMITIVE_WRAPPER: tag = wrapper_tag(v); break;
    default: tag = val_is_callable(v) ? "Function" : "Object"; break;
  }
  snprintf(buf, size, "[object %s]", tag);
}

const char *builtins_describe(Isolate *iso, Value v, char *buf, size_t size) {
  if (size == 0) return buf;
  buf[0] = 0;
  if (val_is_object(v)) {
    describe_object(iso, v, buf, size);
    return buf;
  }
  Value s;
  if (val_is_symbol(v)) {
    Value d = sym_description(v);
    StringBuilder sb;
    sb_init(&sb, iso);
    sb_append_cstr(&sb, "Symbol(");
    if (!val_is_undefined(d)) sb_append_string(&sb, d);
    sb_append_unit(&sb, ')');
    s = sb_finish(&sb);
  } else {
    s = rt_to_string(iso, v); /* primitives other than symbols convert without running code */
  }
  if (s == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return buf;
  }
  size_t pos = 0;
  append_utf8(iso, s, buf, size, &pos);
  return buf;
}

Value builtins_throw_incompatible_receiver(Isolate *iso, const char *method, Value receiver) {
  char buf[128];
  return rt_throw_type_error(iso, "Method %s called on incompatible receiver %s", method,
                             builtins_describe(iso, receiver, buf, sizeof buf));
}

int builtins_own_keys(Isolate *iso, Value obj, Value *keys, uint32_t *count) {
  Value k = obj_own_property_keys(iso, obj);
  if (k == VAL_EXCEPTION) return -1;
  double len;
  if (rt_length_of_array_like(iso, k, &len) < 0) return -1;
  *keys = k;
  *count = (uint32_t)len;
  return 0;
}

bool builtins_fast_element(Value o, double k, Value *out) {
  if (!obj_is_js_array(o) || obj_map(o)->elements_kind == ELEMENTS_DICTIONARY) return false;
  Value el = js_object(o)->elements;
  if (!val_is_pointer(el) || heap_object_type(val_to_ptr(el)) != IT_FIXED_ARRAY) return false;
  const FixedArray *fa = (const FixedArray *)val_to_ptr(el);
  if (!(k >= 0 && k < fa->length && k < array_length(o))) return false;
  Value v = fa->data[(uint32_t)k];
  if (v == VAL_HOLE) return false;
  *out = v;
  return true;
}

Value builtins_list_get(Isolate *iso, Value list, uint32_t i) {
  Value v;
  if (builtins_fast_element(list, i, &v)) return v;
  return obj_get(iso, list, key_from_index(i), list);
}
