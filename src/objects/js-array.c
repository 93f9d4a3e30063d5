/*
 * Array exotic objects (ECMA-262 10.4.2) and String exotic objects (10.4.3).
 *
 * An array's `length` is not stored as a property: JSArray.length holds it and the map bit
 * MAP_LENGTH_READONLY its writability; [[GetOwnProperty]] synthesizes the descriptor
 * (non-enumerable, non-configurable). Elements at or past length are always holes.
 */
#include <math.h>

#include "execution/realm.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"
#include "objects/string.h"

static JSArray *js_array(Value v) { return (JSArray *)val_to_ptr(v); }

uint32_t array_length(Value arr) { return (uint32_t)val_to_number_unchecked(js_array(arr)->length); }

static bool length_writable(Value arr) { return !(js_object(arr)->map->bit_field & MAP_LENGTH_READONLY); }

static Value array_proto(Isolate *iso) {
  Value p = obj_intrinsic_or_null(iso, INTRINSIC_ARRAY_PROTOTYPE);
  if (p == VAL_NULL) p = obj_intrinsic_or_null(iso, INTRINSIC_OBJECT_PROTOTYPE);
  return p;
}

static Value array_alloc(Isolate *iso, Value proto) {
  Map *m = map_initial_for_prototype(iso, proto, IT_JS_ARRAY, sizeof(JSArray), 0);
  if (!m) return VAL_EXCEPTION;
  Value a = obj_new_from_map(iso, m);
  if (a == VAL_EXCEPTION) return a;
  js_array(a)->length = val_from_int(0);
  return a;
}

Value array_new_with_proto(Isolate *iso, uint32_t length, Value proto) {
  Value a = array_alloc(iso, proto);
  if (a == VAL_EXCEPTION || length == 0) return a;
  JSObject *o = js_object(a);
  Map *m = map_with_elements_kind(iso, o->map, ELEMENTS_HOLEY);
  if (!m) return VAL_EXCEPTION;
  obj_set_map(o, m);
  if (length <= 1024) {
    FaView *el = fa_new(iso, length, VAL_HOLE);
    if (!el) return VAL_EXCEPTION;
    WRITE_FIELD(o, o->elements, val_from_ptr(el));
  }
  js_array(a)->length = val_from_number((double)length);
  return a;
}

Value array_new(Isolate *iso, uint32_t length) { return array_new_with_proto(iso, length, array_proto(iso)); }

Value array_from_values(Isolate *iso, const Value *values, uint32_t count) {
  Value a = array_alloc(iso, array_proto(iso));
  if (a == VAL_EXCEPTION || count == 0) return a;
  FaView *el = fa_new(iso, count, VAL_UNDEFINED);
  if (!el) return VAL_EXCEPTION;
  bool holey = false;
  for (uint32_t i = 0; i < count; i++) {
    WRITE_FIELD(el, el->data[i], values[i]);
    holey |= values[i] == VAL_HOLE;
  }
  JSObject *o = js_object(a);
  WRITE_FIELD(o, o->elements, val_from_ptr(el));
  js_array(a)->length = val_from_number((double)count);
  if (holey) {
    Map *m = map_with_elements_kind(iso, o->map, ELEMENTS_HOLEY);
    if (!m) return VAL_EXCEPTION;
    obj_set_map(o, m);
  }
  return a;
}

int array_push(Isolate *iso, Value arr, Value v) {
  uint32_t len = array_length(arr);
  if (len == UINT32_MAX) {
    rt_throw_range_error(iso, "Invalid array length");
    return -1;
  }
  JSObject *o = js_object(arr);
  if (o->map->elements_kind != ELEMENTS_DICTIONARY && length_writable(arr) && (o->map->bit_field & MAP_EXTENSIBLE))
    return obj_add_property(iso, arr, key_from_index(len), v, ATTR_DEFAULT);
  return rt_create_data_property_or_throw(iso, arr, key_from_index(len), v) < 0 ? -1 : 0;
}

/* Sets the length, deleting elements from the end; stops at a non-configurable element. */
int array_set_length(Isolate *iso, Value arr, uint32_t new_len) {
  JSObject *o = js_object(arr);
  uint32_t old_len = array_length(arr);
  if (new_len == old_len) return 1;
  if (!length_writable(arr)) return 0;
  if (new_len > old_len) {
    if (o->map->elements_kind == ELEMENTS_PACKED) {
      Map *m = map_with_elements_kind(iso, o->map, ELEMENTS_HOLEY);
      if (!m) return -1;
      obj_set_map(o, m);
    }
    js_array(arr)->length = val_from_number((double)new_len);
    return 1;
  }
  if (o->map->elements_kind != ELEMENTS_DICTIONARY) {
    FaView *el = fa(o->elements);
    uint32_t cap = el->length;
    for (uint32_t i = new_len; i < cap && i < old_len; i++) el->data[i] = VAL_HOLE;
    if (new_len == 0 && cap > 16) WRITE_FIELD(o, o->elements, fa_empty(iso));
    js_array(arr)->length = val_from_number((double)new_len);
    return 1;
  }
  Dictionary *d = (Dictionary *)val_to_ptr(o->elements);
  /* The highest non-configurable index at or above new_len blocks the deletion below it. */
  double stop = -1;
  for (uint32_t i = 0; i < d->used; i++) {
    Value k = DICT_KEY(d, i);
    if (k == VAL_HOLE) continue;
    double idx = val_to_number_unchecked(k);
    if (idx >= new_len && !(val_to_int(DICT_DETAILS(d, i)) & ATTR_CONFIGURABLE) && idx > stop) stop = idx;
  }
  double final_len = stop >= 0 ? stop + 1 : new_len;
  for (uint32_t i = 0; i < d->used; i++) {
    Value k = DICT_KEY(d, i);
    if (k != VAL_HOLE && val_to_number_unchecked(k) >= final_len) dict_remove(d, (int32_t)i);
  }
  js_array(arr)->length = val_from_number(final_len);
  return stop >= 0 ? 0 : 1;
}

static int set_length_readonly(Isolate *iso, Value arr) {
  JSObject *o = js_object(arr);
  if (!length_writable(arr)) return 0;
  Map *m = map_copy(iso, o->map);
  if (!m) return -1;
  m->bit_field |= MAP_LENGTH_READONLY;
  obj_set_map(o, m);
  return 0;
}

static void length_desc(Value arr, PropertyDescriptor *out) {
  desc_data(out, js_array(arr)->length, length_writable(arr) ? ATTR_WRITABLE : 0);
}

/* ArraySetLength (ECMA-262 10.4.2.4). */
static int array_define_length(Isolate *iso, Value arr, const PropertyDescriptor *desc) {
  PropertyDescriptor cur;
  length_desc(arr, &cur);
  if (!desc->has_value) {
    if (!desc_is_compatible(false, desc, &cur)) return 0;
    if (desc->has_writable && !desc->writable && set_length_readonly(iso, arr) < 0) return -1;
    return 1;
  }
  uint32_t new_len;
  if (rt_to_uint32(iso, desc->value, &new_len) < 0) return -1;
  double number_len;
  if (rt_to_number_double(iso, desc->value, &number_len) < 0) return -1;
  if ((double)new_len != number_len) {
    rt_throw_range_error(iso, "Invalid array length");
    return -1;
  }
  length_desc(arr, &cur); /* the conversions may have run code that changed it */
  PropertyDescriptor nd = *desc;
  nd.value = val_from_number((double)new_len);
  /* Validate everything but the value first (configurable/enumerable/accessor changes). */
  PropertyDescriptor check = nd;
  check.has_value = false;
  if (!desc_is_compatible(false, &check, &cur)) return 0;
  uint32_t old_len = array_length(arr);
  if (new_len == old_len) {
    if (nd.has_writable && !nd.writable && set_length_readonly(iso, arr) < 0) return -1;
    return 1;
  }
  if (!length_writable(arr)) return 0;
  int r = array_set_length(iso, arr, new_len);
  if (r < 0) return -1;
  if (nd.has_writable && !nd.writable && set_length_readonly(iso, arr) < 0) return -1;
  return r;
}

static int array_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  if (key == NAME(iso, length)) {
    length_desc(obj, out);
    return 1;
  }
  return obj_ordinary_get_own(iso, obj, key, out);
}

static int array_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  if (key == NAME(iso, length)) return array_define_length(iso, obj, desc);
  if (key_is_index(key)) {
    uint32_t index = key_to_index(key);
    uint32_t len = array_length(obj);
    if (index >= len && !length_writable(obj)) return 0;
    /* ordinary_define_own_property updates length through elem_add's bookkeeping. */
    return ordinary_define_own_property(iso, obj, key, desc);
  }
  return ordinary_define_own_property(iso, obj, key, desc);
}

static int array_delete(Isolate *iso, Value obj, Value key) {
  if (key == NAME(iso, length)) return 0;
  return ordinary_delete(iso, obj, key);
}

static Value array_own_keys(Isolate *iso, Value obj) { return obj_collect_own_keys(iso, obj, 0, NAME(iso, length)); }

static bool protos_have_no_elements(JSObject *o) {
  Value p = o->map->prototype;
  for (int depth = 0; p != VAL_NULL; depth++) {
    JSObject *po = js_object(p);
    InstanceType t = po->map->instance_type;
    if (depth > 16 || (t != IT_JS_OBJECT && t != IT_JS_ARRAY) || po->map->elements_kind == ELEMENTS_DICTIONARY ||
        fa_length(po->elements) != 0)
      return false;
    p = po->map->prototype;
  }
  return true;
}

/* [[Set]] fast path for the hot case arr[i] = v on an extensible array with fast elements. */
static int array_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  if (obj == receiver && key_is_index(key)) {
    JSObject *o = js_object(obj);
    if (o->map->elements_kind != ELEMENTS_DICTIONARY) {
      uint32_t i = key_to_index(key);
      FaView *el = fa(o->elements);
      if (i < el->length && el->data[i] != VAL_HOLE) {
        WRITE_FIELD(el, el->data[i], value);
        return 1;
      }
      /* Appending: no prototype may have an element or exotic behaviour that a [[Set]] would
       * have to consult. */
      if (i == array_length(obj) && i < UINT32_MAX - 1 && length_writable(obj) &&
          (o->map->bit_field & MAP_EXTENSIBLE) && protos_have_no_elements(o)) {
        return obj_add_property(iso, obj, key, value, ATTR_DEFAULT) < 0 ? -1 : 1;
      }
    }
  }
  PropertyDescriptor d;
  int r = array_get_own_property(iso, obj, key, &d);
  if (r < 0) return -1;
  return ordinary_set_with_own_descriptor(iso, obj, key, value, receiver, r ? &d : NULL);
}

static const ObjectOps array_ops = {
    .get_own_property = array_get_own_property,
    .define_own_property = array_define_own_property,
    .set = array_set,
    .delete_ = array_delete,
    .own_property_keys = array_own_keys,
};

/* ---- String wrappers ------------------------------------------------------------------------ */

static Value wrapper_string(Value obj) {
  JSPrimitiveWrapper *w = (JSPrimitiveWrapper *)val_to_ptr(obj);
  return val_is_string(w->value) ? w->value : VAL_UNDEFINED;
}

/* StringGetOwnProperty: the character at an index below the length. */
static int string_index_desc(Isolate *iso, Value s, Value key, PropertyDescriptor *out) {
  if (!key_is_index(key)) return 0;
  uint32_t i = key_to_index(key);
  if (i >= str_length(s)) return 0;
  uint16_t u;
  str_copy_utf16(s, i, 1, &u);
  Value ch = str_from_char_code(iso, u);
  if (ch == VAL_EXCEPTION) return -1;
  desc_data(out, ch, ATTR_ENUMERABLE);
  return 1;
}

static int string_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  int r = obj_ordinary_get_own(iso, obj, key, out);
  if (r) return r;
  Value s = wrapper_string(obj);
  if (s == VAL_UNDEFINED) return 0;
  return string_index_desc(iso, s, key, out);
}

static int string_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  Value s = wrapper_string(obj);
  if (s != VAL_UNDEFINED) {
    PropertyDescriptor cur;
    int r = string_index_desc(iso, s, key, &cur);
    if (r < 0) return -1;
    if (r) return desc_is_compatible(false, desc, &cur);
  }
  return ordinary_define_own_property(iso, obj, key, desc);
}

static Value string_own_keys(Isolate *iso, Value obj) {
  Value s = wrapper_string(obj);
  return obj_collect_own_keys(iso, obj, s == VAL_UNDEFINED ? 0 : str_length(s), VAL_UNDEFINED);
}

static const ObjectOps string_wrapper_ops = {
    .get_own_property = string_get_own_property,
    .define_own_property = string_define_own_property,
    .own_property_keys = string_own_keys,
};

Value obj_new_primitive_wrapper(Isolate *iso, Value primitive) {
  int which;
  if (val_is_number(primitive)) which = INTRINSIC_NUMBER_PROTOTYPE;
  else if (val_is_bool(primitive)) which = INTRINSIC_BOOLEAN_PROTOTYPE;
  else if (val_is_string(primitive)) which = INTRINSIC_STRING_PROTOTYPE;
  else if (val_is_symbol(primitive)) which = INTRINSIC_SYMBOL_PROTOTYPE;
  else which = INTRINSIC_BIGINT_PROTOTYPE;
  Value proto = obj_intrinsic_or_null(iso, which);
  Value w = obj_new_with_type(iso, IT_JS_PRIMITIVE_WRAPPER, sizeof(JSPrimitiveWrapper), proto);
  if (w == VAL_EXCEPTION) return w;
  JSPrimitiveWrapper *pw = (JSPrimitiveWrapper *)val_to_ptr(w);
  WRITE_FIELD(pw, pw->value, primitive);
  if (val_is_string(primitive) &&
      obj_add_property(iso, w, NAME(iso, length), val_from_int((int32_t)str_length(primitive)), 0) < 0)
    return VAL_EXCEPTION;
  return w;
}

void array_register_ops(void) {
  object_register_ops(IT_JS_ARRAY, &array_ops);
  object_register_ops(IT_JS_PRIMITIVE_WRAPPER, &string_wrapper_ops);
}
