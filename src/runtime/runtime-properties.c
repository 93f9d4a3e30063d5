/*
 * Property keys and the convenience property operations of runtime.h (GetV, Set, CreateDataProperty,
 * DefinePropertyOrThrow...), including V8's error messages for the failing cases.
 */
#include <stdio.h>

#include "execution/realm.h"
#include "objects/bigint.h"
#include "objects/js-function.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"
#include "objects/string.h"
#include "objects/symbol.h"

/* ---- Keys ----------------------------------------------------------------------------------- */

Value key_from_index(uint32_t index) { return val_from_number((double)index); }

bool key_is_index(Value key) {
  if (val_is_int(key)) return val_to_int(key) >= 0;
  if (!val_is_double(key)) return false;
  double d = val_to_double_unchecked(key);
  return d >= 0 && d <= 4294967294.0 && d == (double)(uint32_t)d;
}

uint32_t key_to_index(Value key) {
  if (val_is_int(key)) return (uint32_t)val_to_int(key);
  return (uint32_t)val_to_double_unchecked(key);
}

/* Is units[0..len) a canonical array index ("0", or digits without a leading zero, value at most
 * 2^32 - 2)? */
static bool parse_index_units(const uint16_t *u16, const uint8_t *u8, size_t len, uint32_t *out) {
  if (len == 0 || len > 10) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned c = u8 ? u8[i] : u16[i];
    if (c < '0' || c > '9') return false;
    if (i == 0 && c == '0' && len > 1) return false;
    v = v * 10 + (c - '0');
  }
  if (v > 4294967294ull) return false;
  *out = (uint32_t)v;
  return true;
}

Value key_from_string(Isolate *iso, Value string) {
  uint32_t len = str_length(string);
  /* Fast path: an internalized string that cannot be an index is already canonical. */
  if (str_is_internalized(string) && val_instance_type(string) != IT_CONS_STRING) {
    if (len == 0 || len > 10) return string;
    uint16_t c = str_char_at(string, 0);
    if (c < '0' || c > '9') return string;
  }
  if (len >= 1 && len <= 10) {
    Value flat = str_flatten(iso, string);
    if (flat == VAL_EXCEPTION) return VAL_EXCEPTION;
    uint32_t idx;
    bool one = str_is_one_byte(flat);
    if (parse_index_units(one ? NULL : str_utf16_chars(flat), one ? str_latin1_chars(flat) : NULL, len, &idx))
      return key_from_index(idx);
    string = flat;
  }
  return str_intern(iso, string);
}

Value key_from_cstr(Isolate *iso, const char *ascii) {
  uint32_t idx;
  if (parse_index_units(NULL, (const uint8_t *)ascii, strlen(ascii), &idx)) return key_from_index(idx);
  return str_intern_cstr(iso, ascii);
}

Value key_to_string(Isolate *iso, Value key) {
  if (val_is_number(key)) return rt_number_to_string(iso, val_to_number_unchecked(key), 10);
  return key;
}

Value rt_to_property_key(Isolate *iso, Value v) {
  if (val_is_int(v) && val_to_int(v) >= 0) return v;
  if (val_is_pointer(v)) {
    InstanceType t = val_instance_type(v);
    if (t <= IT_LAST_STRING) return key_from_string(iso, v);
    if (t == IT_SYMBOL) return v;
  }
  if (val_is_number(v) && key_is_index(v)) return key_from_index(key_to_index(v)); /* -0 -> 0 */
  Value p = rt_to_primitive(iso, v, HINT_STRING);
  if (p == VAL_EXCEPTION) return p;
  if (val_is_symbol(p)) return p;
  Value s = rt_to_string(iso, p);
  if (s == VAL_EXCEPTION) return s;
  return key_from_string(iso, s);
}

/* Writes at most size-1 chars of a string's contents (ASCII-safe) into buf. */
static void str_to_buf(Value s, char *buf, size_t size) {
  uint32_t len = str_length(s);
  size_t n = 0;
  uint16_t tmp[64];
  uint32_t take = len < 64 ? len : 64;
  str_copy_utf16(s, 0, take, tmp);
  for (uint32_t i = 0; i < take && n + 1 < size; i++) buf[n++] = tmp[i] < 128 ? (char)tmp[i] : '?';
  if (len > take && n + 4 < size) {
    memcpy(buf + n, "...", 3);
    n += 3;
  }
  buf[n] = 0;
}

const char *key_describe(Isolate *iso, Value key, char *buf, size_t size) {
  if (val_is_number(key)) {
    Value s = rt_number_to_string(iso, val_to_number_unchecked(key), 10);
    if (s == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      snprintf(buf, size, "?");
    } else {
      str_to_buf(s, buf, size);
    }
    return buf;
  }
  if (val_is_string(key)) {
    str_to_buf(key, buf, size);
    return buf;
  }
  if (val_is_bigint(key)) {
    Value s = bigint_to_string(iso, key, 10);
    if (s == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      snprintf(buf, size, "?");
    } else {
      str_to_buf(s, buf, size);
    }
    return buf;
  }
  if (val_is_symbol(key)) {
    Value d = sym_description(key);
    if (val_is_string(d)) {
      char inner[120];
      str_to_buf(d, inner, sizeof inner);
      snprintf(buf, size, "Symbol(%s)", inner);
    } else {
      snprintf(buf, size, "Symbol()");
    }
    return buf;
  }
  if (key == VAL_UNDEFINED) snprintf(buf, size, "undefined");
  else if (key == VAL_NULL) snprintf(buf, size, "null");
  else if (key == VAL_TRUE) snprintf(buf, size, "true");
  else if (key == VAL_FALSE) snprintf(buf, size, "false");
  else if (val_is_callable(key)) snprintf(buf, size, "function");
  else if (val_is_object(key)) return obj_describe(iso, key, buf, size);
  else snprintf(buf, size, "?");
  return buf;
}

/* V8 prints objects in messages as #<Ctor> using the constructor's name found without running
 * code: here the `name` data property of a `constructor` data property on the prototype chain. */
const char *obj_describe(Isolate *iso, Value obj, char *buf, size_t size) {
  if (obj_is_js_array(obj)) {
    snprintf(buf, size, "[object Array]");
    return buf;
  }
  Value p = obj;
  for (int depth = 0; depth < 32 && val_is_object(p); depth++) {
    PropertyDescriptor d;
    if (!object_get_ops(val_instance_type(p)) && obj_ordinary_get_own(iso, p, NAME(iso, constructor), &d) == 1 &&
        d.has_value && val_is_js_function(d.value)) {
      PropertyDescriptor nd;
      if (obj_ordinary_get_own(iso, d.value, NAME(iso, name), &nd) == 1 && nd.has_value && val_is_string(nd.value) &&
          str_length(nd.value) > 0) {
        char name[100];
        str_to_buf(nd.value, name, sizeof name);
        snprintf(buf, size, "#<%s>", name);
        return buf;
      }
      break;
    }
    if (object_get_ops(val_instance_type(p))) break;
    p = js_object(p)->map->prototype;
  }
  snprintf(buf, size, "#<Object>");
  return buf;
}

/* ---- GetV / Set ----------------------------------------------------------------------------- */

/* The prototype used for property lookups on a primitive (GetV's ToObject without allocating). */
static Value primitive_proto(Isolate *iso, Value v) {
  int which;
  if (val_is_number(v)) which = INTRINSIC_NUMBER_PROTOTYPE;
  else if (val_is_bool(v)) which = INTRINSIC_BOOLEAN_PROTOTYPE;
  else if (val_is_string(v)) which = INTRINSIC_STRING_PROTOTYPE;
  else if (val_is_symbol(v)) which = INTRINSIC_SYMBOL_PROTOTYPE;
  else which = INTRINSIC_BIGINT_PROTOTYPE;
  return obj_intrinsic_or_null(iso, which);
}

Value rt_get(Isolate *iso, Value obj, Value key) {
  if (val_is_pointer(obj) && val_instance_type(obj) >= IT_FIRST_JS_OBJECT) return obj_get(iso, obj, key, obj);
  if (val_is_nullish(obj)) {
    char buf[128];
    return rt_throw_type_error(iso, "Cannot read properties of %s (reading '%s')",
                               obj == VAL_NULL ? "null" : "undefined", key_describe(iso, key, buf, sizeof buf));
  }
  if (val_is_string(obj)) {
    if (key == NAME(iso, length)) return val_from_int((int32_t)str_length(obj));
    if (key_is_index(key)) {
      uint32_t i = key_to_index(key);
      if (i < str_length(obj)) {
        /* Flatten (once, in place) rather than walk a rope per access: s[i] in a loop over a
         * concatenated string would otherwise be quadratic. */
        Value flat = str_flatten(iso, obj);
        if (flat == VAL_EXCEPTION) return flat;
        return str_from_char_code(iso, str_char_at(flat, i));
      }
    }
  }
  Value proto = primitive_proto(iso, obj);
  if (proto == VAL_NULL) return VAL_UNDEFINED;
  return obj_get(iso, proto, key, obj);
}

Value rt_get_str(Isolate *iso, Value obj, const char *name) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return key;
  return rt_get(iso, obj, key);
}

/* Explains why [[Set]] returned false, with V8's texts. */
static Value throw_set_failure(Isolate *iso, Value obj, Value key) {
  char kb[128], ob[128];
  key_describe(iso, key, kb, sizeof kb);
  if (!val_is_object(obj)) {
    char vb[128];
    const char *type = val_is_string(obj) ? "string" : val_is_number(obj) ? "number" : val_is_bool(obj) ? "boolean" : "symbol";
    if (val_is_string(obj)) {
      str_to_buf(obj, vb, sizeof vb);
      return rt_throw_type_error(iso, "Cannot create property '%s' on %s '%s'", kb, type, vb);
    }
    return rt_throw_type_error(iso, "Cannot create property '%s' on %s '%s'", kb, type, key_describe(iso, obj, vb, sizeof vb));
  }
  Value p = obj;
  for (int depth = 0; depth < 10000 && val_is_object(p); depth++) {
    PropertyDescriptor d;
    int f = obj_get_own_property(iso, p, key, &d);
    if (f < 0) return VAL_EXCEPTION;
    if (f) {
      if (desc_is_accessor(&d))
        return rt_throw_type_error(iso, "Cannot set property %s of %s which has only a getter", kb,
                                   obj_describe(iso, obj, ob, sizeof ob));
      if (!d.writable)
        return rt_throw_type_error(iso, "Cannot assign to read only property '%s' of object '%s'", kb,
                                   obj_describe(iso, obj, ob, sizeof ob));
      break;
    }
    p = obj_get_prototype_of(iso, p);
    if (p == VAL_EXCEPTION) return p;
  }
  int ext = obj_is_extensible(iso, obj);
  if (ext < 0) return VAL_EXCEPTION;
  if (!ext) return rt_throw_type_error(iso, "Cannot add property %s, object is not extensible", kb);
  return rt_throw_type_error(iso, "Cannot assign to property '%s' of %s", kb, obj_describe(iso, obj, ob, sizeof ob));
}

int rt_set(Isolate *iso, Value obj, Value key, Value value, bool throw_on_fail) {
  int r;
  if (val_is_pointer(obj) && val_instance_type(obj) >= IT_FIRST_JS_OBJECT) {
    r = obj_set(iso, obj, key, value, obj);
  } else {
    if (val_is_nullish(obj)) {
      char buf[128];
      rt_throw_type_error(iso, "Cannot set properties of %s (setting '%s')", obj == VAL_NULL ? "null" : "undefined",
                          key_describe(iso, key, buf, sizeof buf));
      return -1;
    }
    Value proto = primitive_proto(iso, obj);
    if (proto == VAL_NULL) return 0;
    r = obj_set(iso, proto, key, value, obj);
  }
  if (r == 0 && throw_on_fail) {
    throw_set_failure(iso, obj, key);
    return -1;
  }
  return r;
}

/* ---- Defining ------------------------------------------------------------------------------- */

int rt_create_data_property(Isolate *iso, Value obj, Value key, Value value) {
  PropertyDescriptor d;
  desc_data(&d, value, ATTR_DEFAULT);
  return obj_define_own_property(iso, obj, key, &d);
}

static int throw_define_failure(Isolate *iso, Value obj, Value key) {
  char kb[128];
  key_describe(iso, key, kb, sizeof kb);
  int has = obj_get_own_property(iso, obj, key, NULL);
  if (has < 0) return -1;
  if (!has) {
    int ext = obj_is_extensible(iso, obj);
    if (ext < 0) return -1;
    if (!ext) {
      rt_throw_type_error(iso, "Cannot define property %s, object is not extensible", kb);
      return -1;
    }
  }
  rt_throw_type_error(iso, "Cannot redefine property: %s", kb);
  return -1;
}

int rt_create_data_property_or_throw(Isolate *iso, Value obj, Value key, Value value) {
  int r = rt_create_data_property(iso, obj, key, value);
  if (r == 0) return throw_define_failure(iso, obj, key);
  return r;
}

int rt_define_property_or_throw(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  int r = obj_define_own_property(iso, obj, key, desc);
  if (r == 0) return throw_define_failure(iso, obj, key);
  return r;
}

int rt_delete_property_or_throw(Isolate *iso, Value obj, Value key) {
  int r = obj_delete(iso, obj, key);
  if (r == 0) {
    char kb[128], ob[128];
    rt_throw_type_error(iso, "Cannot delete property '%s' of %s", key_describe(iso, key, kb, sizeof kb),
                        obj_describe(iso, obj, ob, sizeof ob));
    return -1;
  }
  return r;
}

int rt_has_own_property(Isolate *iso, Value obj, Value key) { return obj_get_own_property(iso, obj, key, NULL); }

Value rt_get_method(Isolate *iso, Value v, Value key) {
  Value f = rt_get(iso, v, key);
  if (f == VAL_EXCEPTION) return f;
  if (val_is_nullish(f)) return VAL_UNDEFINED;
  if (!val_is_callable(f)) {
    char kb[128];
    return rt_throw_type_error(iso, "%s is not a function", key_describe(iso, f, kb, sizeof kb));
  }
  return f;
}

int rt_length_of_array_like(Isolate *iso, Value obj, double *out) {
  if (obj_is_js_array(obj)) {
    *out = (double)array_length(obj);
    return 0;
  }
  Value len = rt_get(iso, obj, NAME(iso, length));
  if (len == VAL_EXCEPTION) return -1;
  return rt_to_length(iso, len, out);
}

int rt_define_data(Isolate *iso, Value obj, Value key, Value value, int attrs) {
  attrs &= PD_ATTR_MASK;
  /* Fast path for building built-ins and literals: a new property on an ordinary object. */
  if (!object_get_ops(val_instance_type(obj)) && (js_object(obj)->map->bit_field & MAP_EXTENSIBLE) &&
      !obj_ordinary_get_own(iso, obj, key, NULL)) {
    return obj_add_property(iso, obj, key, value, attrs) < 0 ? -1 : 0;
  }
  PropertyDescriptor d;
  desc_data(&d, value, attrs);
  return rt_define_property_or_throw(iso, obj, key, &d) < 0 ? -1 : 0;
}

int rt_define_accessor(Isolate *iso, Value obj, Value key, Value getter, Value setter, int attrs) {
  PropertyDescriptor d;
  desc_init(&d);
  d.has_get = getter != VAL_UNDEFINED || setter == VAL_UNDEFINED;
  d.get = getter;
  d.has_set = setter != VAL_UNDEFINED || getter == VAL_UNDEFINED;
  d.set = setter;
  d.has_enumerable = d.has_configurable = true;
  d.enumerable = (attrs & ATTR_ENUMERABLE) != 0;
  d.configurable = (attrs & ATTR_CONFIGURABLE) != 0;
  return rt_define_property_or_throw(iso, obj, key, &d) < 0 ? -1 : 0;
}
