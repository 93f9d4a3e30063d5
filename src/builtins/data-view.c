/*
 * DataView (ECMA-262 25.3): unaligned, explicitly-endian reads and writes of a buffer's bytes,
 * including length-tracking views on resizable buffers. The element conversions are the typed
 * arrays' (typed-array.c), BigInt64/BigUint64 included.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins/object-helpers.h"
#include "builtins/typed-array.h"

static inline bool data_view_is(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_DATA_VIEW;
}
static inline JSDataView *js_data_view(Value v) { return (JSDataView *)val_to_ptr(v); }

static void dv_visit(HeapObject *obj, HeapVisitor *v) {
  obj_visit_js_object_base(obj, v);
  heap_visit_value(v, &((JSDataView *)obj)->buffer);
}

/* GetViewByteLength with IsViewOutOfBounds: -1 when out of bounds or detached. */
static double dv_length(Value v) {
  JSDataView *dv = js_data_view(v);
  JSArrayBuffer *ab = js_array_buffer(dv->buffer);
  size_t blen = array_buffer_byte_length(ab);
  if (ab->detached || dv->byte_offset > blen) return -1;
  if (dv->length_tracking) return (double)(blen - dv->byte_offset);
  if (dv->byte_offset + dv->fixed_byte_length > blen) return -1;
  return (double)dv->fixed_byte_length;
}

static Value dv_constructor(Isolate *iso, const CallArgs *args) {
  if (args->new_target == VAL_UNDEFINED) return rt_throw_type_error(iso, "Constructor DataView requires 'new'");
  Value buffer = call_arg(args, 0);
  if (!array_buffer_is(buffer))
    return rt_throw_type_error(iso, "First argument to DataView constructor must be an ArrayBuffer");
  double offset, view_len = 0;
  if (rt_to_index(iso, call_arg(args, 1), &offset) < 0) return VAL_EXCEPTION;
  if (js_array_buffer(buffer)->detached)
    return rt_throw_type_error(iso, "Cannot perform DataView constructor on a detached ArrayBuffer");
  double blen = (double)array_buffer_byte_length(js_array_buffer(buffer));
  if (offset > blen) return rt_throw_range_error(iso, "Start offset %.0f is outside the bounds of the buffer", offset);
  Value lenv = call_arg(args, 2);
  bool tracking = false;
  if (lenv == VAL_UNDEFINED) {
    if (js_array_buffer(buffer)->resizable) tracking = true;
    else view_len = blen - offset;
  } else {
    if (rt_to_index(iso, lenv, &view_len) < 0) return VAL_EXCEPTION;
    if (offset + view_len > blen) return rt_throw_range_error(iso, "Invalid DataView length %.0f", view_len);
  }
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_DATA_VIEW_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  /* The prototype getter may have detached or shrunk the buffer. */
  JSArrayBuffer *ab = js_array_buffer(buffer);
  if (ab->detached) return rt_throw_type_error(iso, "Cannot perform DataView constructor on a detached ArrayBuffer");
  blen = (double)array_buffer_byte_length(ab);
  if (offset > blen) return rt_throw_range_error(iso, "Start offset %.0f is outside the bounds of the buffer", offset);
  if (lenv != VAL_UNDEFINED && offset + view_len > blen)
    return rt_throw_range_error(iso, "Invalid DataView length %.0f", view_len);
  Value o = obj_new_with_type(iso, IT_JS_DATA_VIEW, sizeof(JSDataView), proto);
  if (o == VAL_EXCEPTION) return o;
  JSDataView *dv = js_data_view(o);
  WRITE_FIELD(dv, dv->buffer, buffer);
  dv->byte_offset = (size_t)offset;
  dv->fixed_byte_length = (size_t)view_len;
  dv->length_tracking = tracking;
  return o;
}


enum { G_BUFFER, G_BYTE_LENGTH, G_BYTE_OFFSET };

static Value dv_getter(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"DataView.prototype.buffer", "DataView.prototype.byteLength",
                                      "DataView.prototype.byteOffset"};
  int which = function_magic(args->callee);
  Value o = args->this_val;
  if (!data_view_is(o)) return builtins_throw_incompatible_receiver(iso, names[which], o);
  if (which == G_BUFFER) return js_data_view(o)->buffer;
  double len = dv_length(o);
  if (len < 0)
    return rt_throw_type_error(iso, "Cannot perform %s on a detached ArrayBuffer", names[which]);
  return val_from_number(which == G_BYTE_LENGTH ? len : (double)js_data_view(o)->byte_offset);
}

static bool host_little_endian(void) {
  uint16_t x = 1;
  uint8_t b;
  memcpy(&b, &x, 1);
  return b == 1;
}

static void maybe_swap(uint8_t *bytes, size_t n, bool little) {
  if (little == host_little_endian()) return;
  for (size_t i = 0; i < n / 2; i++) {
    uint8_t t = bytes[i];
    bytes[i] = bytes[n - 1 - i];
    bytes[n - 1 - i] = t;
  }
}

static const char *const dv_names[TA_KIND_COUNT] = {"Int8", "Uint8", "Uint8", "Int16", "Uint16",
                                                     "Int32", "Uint32", "Float16", "Float32", "Float64",
                                                     "BigInt64", "BigUint64"};

/* The view's byte index for an access of n bytes at getIndex, or -1 with an exception. */
static double dv_index(Isolate *iso, Value o, double get_index, size_t n, const char *method) {
  double len = dv_length(o);
  if (len < 0) {
    rt_throw_type_error(iso, "Cannot perform %s on a detached ArrayBuffer", method);
    return -1;
  }
  if (get_index + (double)n > len) {
    rt_throw_range_error(iso, "Offset is outside the bounds of the DataView");
    return -1;
  }
  return (double)js_data_view(o)->byte_offset + get_index;
}

static Value dv_get(Isolate *iso, const CallArgs *args) {
  TAKind kind = (TAKind)function_magic(args->callee);
  Value o = args->this_val;
  char method[48];
  snprintf(method, sizeof method, "DataView.prototype.get%s", dv_names[kind]);
  if (!data_view_is(o)) return builtins_throw_incompatible_receiver(iso, method, o);
  double idx;
  if (rt_to_index(iso, call_arg(args, 0), &idx) < 0) return VAL_EXCEPTION;
  bool little = rt_to_boolean(call_arg(args, 1));
  size_t n = typed_array_element_size(kind);
  double at = dv_index(iso, o, idx, n, method);
  if (at < 0) return VAL_EXCEPTION;
  uint8_t bytes[8];
  memcpy(bytes, js_array_buffer(js_data_view(o)->buffer)->data + (size_t)at, n);
  maybe_swap(bytes, n, little);
  return typed_array_read_value(iso, kind, bytes);
}

static Value dv_set(Isolate *iso, const CallArgs *args) {
  TAKind kind = (TAKind)function_magic(args->callee);
  Value o = args->this_val;
  char method[48];
  snprintf(method, sizeof method, "DataView.prototype.set%s", dv_names[kind]);
  if (!data_view_is(o)) return builtins_throw_incompatible_receiver(iso, method, o);
  /* SetViewValue refuses an immutable buffer before converting its arguments (it can never
   * become mutable, so no recheck is needed after them). */
  if (js_array_buffer(js_data_view(o)->buffer)->immutable)
    return rt_throw_type_error(iso, "Cannot perform %s on an immutable ArrayBuffer", method);
  double idx;
  if (rt_to_index(iso, call_arg(args, 0), &idx) < 0) return VAL_EXCEPTION;
  Value v = typed_array_convert(iso, kind, call_arg(args, 1));
  if (v == VAL_EXCEPTION) return v;
  bool little = rt_to_boolean(call_arg(args, 2));
  size_t n = typed_array_element_size(kind);
  double at = dv_index(iso, o, idx, n, method);
  if (at < 0) return VAL_EXCEPTION;
  uint8_t bytes[8];
  typed_array_store(kind, bytes, v);
  maybe_swap(bytes, n, little);
  memcpy(js_array_buffer(js_data_view(o)->buffer)->data + (size_t)at, bytes, n);
  return VAL_UNDEFINED;
}

int builtins_install_data_view(Isolate *iso, Realm *realm) {
  heap_register_type(IT_JS_DATA_VIEW, obj_js_object_size, dv_visit, NULL);
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value ctor = builtins_make_constructor(iso, realm, "DataView", dv_constructor, 1, 0, proto);
  if (ctor == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_DATA_VIEW], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_DATA_VIEW_PROTOTYPE], proto);
  static const char *const getters[] = {"buffer", "byteLength", "byteOffset"};
  for (int i = 0; i < 3; i++) {
    Value key = key_from_cstr(iso, getters[i]);
    if (key == VAL_EXCEPTION) return -1;
    Value gname = str_printf(iso, "get %s", getters[i]);
    if (gname == VAL_EXCEPTION || (gname = str_intern(iso, gname)) == VAL_EXCEPTION) return -1;
    Value g = function_new_native(iso, gname, 0, dv_getter, i, 0);
    if (g == VAL_EXCEPTION) return -1;
    if (rt_define_accessor(iso, proto, key, g, VAL_UNDEFINED, ATTR_CONFIGURABLE) < 0) return -1;
  }
  static const TAKind kinds[] = {TA_INT8,    TA_UINT8,   TA_INT16,   TA_UINT16,  TA_INT32,
                                 TA_UINT32, TA_FLOAT16, TA_FLOAT32, TA_FLOAT64,
                                 TA_BIGINT64, TA_BIGUINT64};
  for (size_t i = 0; i < PT_ARRAY_LEN(kinds); i++) {
    char name[24];
    snprintf(name, sizeof name, "get%s", dv_names[kinds[i]]);
    if (builtins_def_method(iso, proto, name, dv_get, 1, kinds[i]) == VAL_EXCEPTION) return -1;
    snprintf(name, sizeof name, "set%s", dv_names[kinds[i]]);
    if (builtins_def_method(iso, proto, name, dv_set, 2, kinds[i]) == VAL_EXCEPTION) return -1;
  }
  Value tag = str_from_cstr(iso, "DataView");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  return 0;
}
