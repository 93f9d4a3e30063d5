/*
 * Typed arrays (ECMA-262 23.2): the integer-indexed exotic object (10.4.5), %TypedArray% and its
 * prototype, the ten Number-typed concrete constructors and BigInt64Array/BigUint64Array (whose
 * elements are BigInts: ContentType BigInt).
 *
 * Element access always recomputes the view's length from its buffer, so detached buffers and
 * shrunk resizable buffers behave as the spec's IsValidIntegerIndex says.
 */
#include "builtins/typed-array.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "heap/fixed-array.h"
#include "objects/bigint.h"
#include "objects/object-ops.h"

static const struct {
  const char *name;
  uint8_t size;
} ta_info[TA_KIND_COUNT] = {
    {"Int8Array", 1},   {"Uint8Array", 1},  {"Uint8ClampedArray", 1}, {"Int16Array", 2},   {"Uint16Array", 2},
    {"Int32Array", 4},  {"Uint32Array", 4}, {"Float16Array", 2},      {"Float32Array", 4}, {"Float64Array", 8},
    {"BigInt64Array", 8}, {"BigUint64Array", 8},
};

size_t typed_array_element_size(TAKind kind) { return ta_info[kind].size; }
const char *typed_array_name(TAKind kind) { return ta_info[kind].name; }

/* ---- Numbers in memory ------------------------------------------------------------------- */

uint16_t typed_array_f64_to_f16(double x) {
  uint16_t sign = signbit(x) ? 0x8000 : 0;
  if (x != x) return 0x7e00;
  double a = fabs(x);
  if (a >= 65520.0) return sign | 0x7c00; /* rounds to infinity */
  if (a < 0x1p-14) {
    /* Subnormal: units of 2^-24; 1024 units carry into the smallest normal exactly. */
    return (uint16_t)(sign | (uint16_t)rint(a * 0x1p24));
  }
  int e;
  double f = frexp(a, &e); /* a = f * 2^e, f in [0.5, 1) */
  double m = rint((f * 2 - 1) * 1024); /* exact scaling; rint rounds ties to even */
  uint32_t bits = ((uint32_t)(e + 14) << 10) + (uint32_t)m; /* a mantissa carry bumps the exponent */
  return (uint16_t)(sign | bits);
}

double typed_array_f16_to_f64(uint16_t h) {
  int exp = (h >> 10) & 0x1f;
  int mant = h & 0x3ff;
  double r;
  if (exp == 0) r = ldexp((double)mant, -24);
  else if (exp == 31) r = mant ? NAN : INFINITY;
  else r = ldexp((double)(1024 + mant), exp - 25);
  return (h & 0x8000) ? -r : r;
}

/* The modular integer conversions (ToInt32 and friends) share this. */
static uint32_t to_uint32_bits(double d) {
  if (!isfinite(d)) return 0;
  d = trunc(d);
  d = fmod(d, 4294967296.0);
  if (d < 0) d += 4294967296.0;
  return (uint32_t)d;
}

Value typed_array_read(TAKind kind, const uint8_t *p) {
  switch (kind) {
    case TA_INT8: return val_from_int((int8_t)p[0]);
    case TA_UINT8:
    case TA_UINT8_CLAMPED: return val_from_int(p[0]);
    case TA_INT16: { int16_t v; memcpy(&v, p, 2); return val_from_int(v); }
    case TA_UINT16: { uint16_t v; memcpy(&v, p, 2); return val_from_int(v); }
    case TA_INT32: { int32_t v; memcpy(&v, p, 4); return val_from_int(v); }
    case TA_UINT32: { uint32_t v; memcpy(&v, p, 4); return val_from_number((double)v); }
    case TA_FLOAT16: { uint16_t v; memcpy(&v, p, 2); return val_from_double(typed_array_f16_to_f64(v)); }
    case TA_FLOAT32: { float v; memcpy(&v, p, 4); return val_from_double((double)v); }
    case TA_FLOAT64: { double v; memcpy(&v, p, 8); return val_from_double(v); }
    default: return VAL_UNDEFINED;
  }
}

void typed_array_write(TAKind kind, uint8_t *p, double d) {
  switch (kind) {
    case TA_INT8:
    case TA_UINT8: p[0] = (uint8_t)to_uint32_bits(d); break;
    case TA_UINT8_CLAMPED:
      if (!(d > 0)) p[0] = 0; /* NaN too */
      else if (d >= 255) p[0] = 255;
      else p[0] = (uint8_t)rint(d); /* ties to even */
      break;
    case TA_INT16:
    case TA_UINT16: { uint16_t v = (uint16_t)to_uint32_bits(d); memcpy(p, &v, 2); break; }
    case TA_INT32:
    case TA_UINT32: { uint32_t v = to_uint32_bits(d); memcpy(p, &v, 4); break; }
    case TA_FLOAT16: { uint16_t v = typed_array_f64_to_f16(d); memcpy(p, &v, 2); break; }
    case TA_FLOAT32: { float v = (float)d; memcpy(p, &v, 4); break; }
    case TA_FLOAT64: memcpy(p, &d, 8); break;
    default: break;
  }
}

Value typed_array_read_value(Isolate *iso, TAKind kind, const uint8_t *p) {
  if (!typed_array_kind_is_bigint(kind)) return typed_array_read(kind, p);
  uint64_t bits;
  memcpy(&bits, p, 8);
  if (kind == TA_BIGINT64) return bigint_from_int64(iso, (int64_t)bits);
  return bigint_from_uint64(iso, bits);
}

Value typed_array_convert(Isolate *iso, TAKind kind, Value v) {
  if (typed_array_kind_is_bigint(kind)) return rt_to_bigint(iso, v);
  return rt_to_number(iso, v);
}

void typed_array_store(TAKind kind, uint8_t *p, Value converted) {
  if (typed_array_kind_is_bigint(kind)) {
    uint64_t bits = bigint_to_uint64(converted, NULL); /* two's complement: right for both kinds */
    memcpy(p, &bits, 8);
    return;
  }
  typed_array_write(kind, p, val_to_number_unchecked(converted));
}

/* Copies n elements between typed arrays of the same ContentType (bytes may overlap only when
 * the kinds are equal, which the callers handle with memmove). */
static void ta_copy_elements(TAKind dk, uint8_t *dst, TAKind sk, const uint8_t *src, size_t n) {
  size_t ds = ta_info[dk].size, ss = ta_info[sk].size;
  if (n == 0) return; /* an empty buffer may have no data pointer */
  if (typed_array_kind_is_bigint(sk)) { /* the 64 bits carry over unchanged */
    memmove(dst, src, n * 8);
    return;
  }
  for (size_t k = 0; k < n; k++)
    typed_array_write(dk, dst + k * ds, val_to_number_unchecked(typed_array_read(sk, src + k * ss)));
}

static Value content_type_mismatch(Isolate *iso) {
  return rt_throw_type_error(iso, "Content type mismatch: cannot mix BigInt and Number typed arrays");
}

/* ---- Geometry ---------------------------------------------------------------------------- */

double typed_array_length(Value v) {
  JSTypedArray *ta = js_typed_array(v);
  JSArrayBuffer *ab = js_array_buffer(ta->buffer);
  if (ab->detached) return -1;
  size_t blen = array_buffer_byte_length(ab), es = ta_info[ta->kind].size;
  if (ta->byte_offset > blen) return -1;
  if (ta->length_tracking) return (double)((blen - ta->byte_offset) / es);
  if (ta->byte_offset + ta->fixed_length * es > blen) return -1;
  return (double)ta->fixed_length;
}

static inline uint8_t *ta_ptr(Value v, size_t index) {
  JSTypedArray *ta = js_typed_array(v);
  return js_array_buffer(ta->buffer)->data + ta->byte_offset + index * ta_info[ta->kind].size;
}

static inline TAKind ta_kind(Value v) { return (TAKind)js_typed_array(v)->kind; }

/* IsImmutableBuffer(O.[[ViewedArrayBuffer]]). */
static inline bool ta_immutable(Value v) { return js_array_buffer(js_typed_array(v)->buffer)->immutable; }

static bool ta_valid_index(Value o, double index) {
  if (index != trunc(index) || (index == 0 && signbit(index))) return false;
  double len = typed_array_length(o);
  return index >= 0 && index < len;
}

/* Get(O, index) for a typed array: undefined when the index is not valid. */
static Value ta_get_index(Isolate *iso, Value o, double index) {
  if (!ta_valid_index(o, index)) return VAL_UNDEFINED;
  return typed_array_read_value(iso, ta_kind(o), ta_ptr(o, (size_t)index));
}

/* TypedArraySetElement: converts first (user code may detach), then stores if still valid and
 * the buffer is not immutable (silently, like a store past the end). */
static int ta_set_element(Isolate *iso, Value o, double index, Value value) {
  Value v = typed_array_convert(iso, ta_kind(o), value);
  if (v == VAL_EXCEPTION) return -1;
  if (ta_valid_index(o, index) && !ta_immutable(o)) typed_array_store(ta_kind(o), ta_ptr(o, (size_t)index), v);
  return 0;
}

/* CanonicalNumericIndexString on a property key: 1 with *out set when the key is numeric. */
static int ta_numeric_key(Isolate *iso, Value key, double *out) {
  if (key_is_index(key)) {
    *out = (double)key_to_index(key);
    return 1;
  }
  if (!val_is_string(key)) return 0;
  uint32_t n = str_length(key);
  if (n == 0) return 0;
  Value flat = str_flatten(iso, key);
  if (flat == VAL_EXCEPTION) return 0;
  uint16_t c = str_char_at(flat, 0);
  if (!((c >= '0' && c <= '9') || c == '-' || c == 'I' || c == 'N')) return 0;
  if (str_equals_cstr(flat, "-0")) {
    *out = -0.0;
    return 1;
  }
  double d = rt_string_to_number(flat);
  Value s = rt_number_to_string(iso, d, 10);
  if (s == VAL_EXCEPTION) {
    isolate_take_exception(iso); /* out of memory only: treat as a non-numeric key */
    return 0;
  }
  if (!str_equals(s, flat)) return 0;
  *out = d;
  return 1;
}

/* ---- The integer-indexed exotic object (10.4.5) ------------------------------------------ */

static int ta_get_own_property(Isolate *iso, Value obj, Value key, PropertyDescriptor *out) {
  double idx;
  if (ta_numeric_key(iso, key, &idx)) {
    if (!ta_valid_index(obj, idx)) return 0;
    Value v = ta_get_index(iso, obj, idx);
    if (v == VAL_EXCEPTION) return -1;
    /* The elements of an immutable buffer's view are non-writable, non-configurable. */
    desc_data(out, v, ta_immutable(obj) ? ATTR_ENUMERABLE : ATTR_DEFAULT);
    return 1;
  }
  return ordinary_get_own_property(iso, obj, key, out);
}

static int ta_has_property(Isolate *iso, Value obj, Value key) {
  double idx;
  if (ta_numeric_key(iso, key, &idx)) return ta_valid_index(obj, idx) ? 1 : 0;
  return ordinary_has_property(iso, obj, key);
}

static int ta_define_own_property(Isolate *iso, Value obj, Value key, const PropertyDescriptor *desc) {
  double idx;
  if (ta_numeric_key(iso, key, &idx)) {
    if (!ta_valid_index(obj, idx)) return 0;
    bool mut = !ta_immutable(obj);
    if (desc->has_configurable && desc->configurable != mut) return 0;
    if (desc->has_enumerable && !desc->enumerable) return 0;
    if (desc_is_accessor(desc)) return 0;
    if (desc->has_writable && desc->writable != mut) return 0;
    if (desc->has_value && !mut) {
      /* Redefining a frozen element is allowed only with its current value (SameValue). */
      Value cur = ta_get_index(iso, obj, idx);
      if (cur == VAL_EXCEPTION) return -1;
      return rt_same_value(desc->value, cur) ? 1 : 0;
    }
    if (desc->has_value && ta_set_element(iso, obj, idx, desc->value) < 0) return -1;
    return 1;
  }
  return ordinary_define_own_property(iso, obj, key, desc);
}

static Value ta_get(Isolate *iso, Value obj, Value key, Value receiver) {
  double idx;
  if (ta_numeric_key(iso, key, &idx)) return ta_get_index(iso, obj, idx);
  return ordinary_get(iso, obj, key, receiver);
}

static int ta_set(Isolate *iso, Value obj, Value key, Value value, Value receiver) {
  double idx;
  if (ta_numeric_key(iso, key, &idx)) {
    if (obj == receiver) {
      if (ta_immutable(obj) && ta_valid_index(obj, idx)) return 0; /* strict code throws */
      if (ta_set_element(iso, obj, idx, value) < 0) return -1;
      return 1;
    }
    if (!ta_valid_index(obj, idx)) return 1;
  }
  return ordinary_set(iso, obj, key, value, receiver);
}

static int ta_delete(Isolate *iso, Value obj, Value key) {
  double idx;
  if (ta_numeric_key(iso, key, &idx)) return ta_valid_index(obj, idx) ? 0 : 1;
  return ordinary_delete(iso, obj, key);
}

static Value ta_own_property_keys(Isolate *iso, Value obj) {
  Value rest = ordinary_own_property_keys(iso, obj);
  if (rest == VAL_EXCEPTION) return rest;
  double len = typed_array_length(obj);
  if (len <= 0) return rest;
  uint32_t n = array_length(rest);
  Value out = array_new(iso, 0);
  if (out == VAL_EXCEPTION) return out;
  for (double i = 0; i < len; i++)
    if (array_push(iso, out, builtins_index_key(iso, i)) < 0) return VAL_EXCEPTION;
  for (uint32_t i = 0; i < n; i++)
    if (array_push(iso, out, builtins_list_get(iso, rest, i)) < 0) return VAL_EXCEPTION;
  return out;
}

/* [[PreventExtensions]]: a view whose length can change (length-tracking, or on a resizable
 * buffer) cannot be made non-extensible. */
static int ta_prevent_extensions(Isolate *iso, Value obj) {
  JSTypedArray *ta = js_typed_array(obj);
  /* IsTypedArrayFixedLength: a growable SharedArrayBuffer never shrinks, so a fixed-length view
   * on one keeps its length. */
  JSArrayBuffer *ab = js_array_buffer(ta->buffer);
  if (ta->length_tracking || (ab->resizable && !ab->shared)) return 0;
  return ordinary_prevent_extensions(iso, obj);
}

static const ObjectOps ta_ops = {
    .prevent_extensions = ta_prevent_extensions,
    .get_own_property = ta_get_own_property,
    .define_own_property = ta_define_own_property,
    .has_property = ta_has_property,
    .get = ta_get,
    .set = ta_set,
    .delete_ = ta_delete,
    .own_property_keys = ta_own_property_keys,
};

static void ta_visit(HeapObject *obj, HeapVisitor *v) {
  obj_visit_js_object_base(obj, v);
  heap_visit_value(v, &((JSTypedArray *)obj)->buffer);
}

/* ---- Creation ---------------------------------------------------------------------------- */

static Value ta_alloc(Isolate *iso, Value proto, TAKind kind, Value buffer, size_t offset, size_t length,
                      bool tracking) {
  Value o = obj_new_with_type(iso, IT_JS_TYPED_ARRAY, sizeof(JSTypedArray), proto);
  if (o == VAL_EXCEPTION) return o;
  JSTypedArray *ta = js_typed_array(o);
  WRITE_FIELD(ta, ta->buffer, buffer);
  ta->byte_offset = offset;
  ta->fixed_length = length;
  ta->kind = (uint8_t)kind;
  ta->length_tracking = tracking;
  return o;
}

/* A fresh typed array of `kind` and `length` zeroed elements with prototype proto. */
static Value ta_create_with_proto(Isolate *iso, Value proto, TAKind kind, double length) {
  if (length * ta_info[kind].size > (double)((size_t)1 << 32))
    return rt_throw_range_error(iso, "Invalid typed array length: %.0f", length);
  Value buf = array_buffer_new(iso, (size_t)length * ta_info[kind].size);
  if (buf == VAL_EXCEPTION) return buf;
  return ta_alloc(iso, proto, kind, buf, 0, (size_t)length, false);
}

/* TypedArrayCreateSameType. */
static Value ta_create_same_type(Isolate *iso, TAKind kind, double length) {
  return ta_create_with_proto(iso, intrinsic(iso, INTRINSIC_INT8_ARRAY_PROTOTYPE + kind), kind, length);
}

static Value not_typed_array(Isolate *iso) { return rt_throw_type_error(iso, "this is not a typed array."); }

/* The TypeError of a writer given a view of an immutable buffer. */
static Value ta_immutable_error(Isolate *iso, const char *method) {
  return rt_throw_type_error(iso, "Cannot perform %s on an immutable ArrayBuffer", method);
}

/* ValidateTypedArray(O, order, use): *len receives the current length. A ~write~ use refuses a
 * view of an immutable buffer, before the bounds check. */
static int ta_validate_use(Isolate *iso, Value o, const char *method, double *len, bool write) {
  if (!typed_array_is(o)) {
    not_typed_array(iso);
    return -1;
  }
  if (write && ta_immutable(o)) {
    ta_immutable_error(iso, method);
    return -1;
  }
  double l = typed_array_length(o);
  if (l < 0) {
    rt_throw_type_error(iso, "Cannot perform %s on a detached ArrayBuffer", method);
    return -1;
  }
  if (len) *len = l;
  return 0;
}

static int ta_validate(Isolate *iso, Value o, const char *method, double *len) {
  return ta_validate_use(iso, o, method, len, false);
}

/* TypedArrayCreateFromConstructor(C, args, use): `write` when the caller will fill the result. */
static Value ta_create_from_ctor(Isolate *iso, Value c, int argc, Value *argv, const char *method, bool write) {
  Value n = rt_construct(iso, c, argc, argv, c);
  if (n == VAL_EXCEPTION) return n;
  double len;
  if (ta_validate_use(iso, n, method, &len, write) < 0) return VAL_EXCEPTION;
  if (argc == 1 && val_is_number(argv[0]) && len < val_to_number_unchecked(argv[0]))
    return rt_throw_type_error(iso, "Derived TypedArray constructor created an array which was too small");
  return n;
}

/* TypedArraySpeciesCreate(exemplar, args, use). */
static Value ta_species_create(Isolate *iso, Value exemplar, int argc, Value *argv, const char *method, bool write) {
  Value dflt = intrinsic(iso, INTRINSIC_INT8_ARRAY + ta_kind(exemplar));
  Value c = rt_get(iso, exemplar, NAME(iso, constructor));
  if (c == VAL_EXCEPTION) return c;
  if (c != VAL_UNDEFINED) {
    if (!val_is_object(c)) return rt_throw_type_error(iso, "The .constructor property is not an object");
    Value s = rt_get(iso, c, sym_well_known(iso, WKS_SPECIES));
    if (s == VAL_EXCEPTION) return s;
    if (val_is_nullish(s)) c = dflt;
    else if (val_is_constructor(s)) c = s;
    else return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
  } else {
    c = dflt;
  }
  Value r = ta_create_from_ctor(iso, c, argc, argv, method, write);
  if (r == VAL_EXCEPTION) return r;
  if (typed_array_kind_is_bigint(ta_kind(r)) != typed_array_kind_is_bigint(ta_kind(exemplar)))
    return content_type_mismatch(iso);
  return r;
}

/* Fills a fresh typed array from a JS list of values (IterableToList result). */
static int ta_fill_from_list(Isolate *iso, Value o, Value list, uint32_t n) {
  for (uint32_t k = 0; k < n; k++)
    if (ta_set_element(iso, o, k, builtins_list_get(iso, list, k)) < 0) return -1;
  return 0;
}

static Value ta_constructor(Isolate *iso, const CallArgs *args) {
  TAKind kind = (TAKind)function_magic(args->callee);
  const char *name = ta_info[kind].name;
  size_t es = ta_info[kind].size;
  if (args->new_target == VAL_UNDEFINED) return rt_throw_type_error(iso, "Constructor %s requires 'new'", name);
  Value first = call_arg(args, 0);
  if (!val_is_object(first)) {
    double len;
    if (rt_to_index(iso, first, &len) < 0) return VAL_EXCEPTION;
    Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_INT8_ARRAY_PROTOTYPE + kind);
    if (proto == VAL_EXCEPTION) return proto;
    return ta_create_with_proto(iso, proto, kind, len);
  }
  Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_INT8_ARRAY_PROTOTYPE + kind);
  if (proto == VAL_EXCEPTION) return proto;
  if (typed_array_is(first)) {
    double len = typed_array_length(first);
    if (len < 0) return rt_throw_type_error(iso, "Cannot perform Construct on a detached ArrayBuffer");
    Value o = ta_create_with_proto(iso, proto, kind, len);
    if (o == VAL_EXCEPTION) return o;
    TAKind sk = ta_kind(first);
    if (typed_array_kind_is_bigint(sk) != typed_array_kind_is_bigint(kind)) return content_type_mismatch(iso);
    if (sk == kind) {
      if (len > 0) memcpy(ta_ptr(o, 0), ta_ptr(first, 0), (size_t)len * es);
    } else {
      ta_copy_elements(kind, ta_ptr(o, 0), sk, ta_ptr(first, 0), (size_t)len);
    }
    return o;
  }
  if (array_buffer_is(first)) {
    double offset, new_len = 0;
    if (rt_to_index(iso, call_arg(args, 1), &offset) < 0) return VAL_EXCEPTION;
    if (fmod(offset, (double)es) != 0)
      return rt_throw_range_error(iso, "start offset of %s should be a multiple of %zu", name, es);
    Value lenv = call_arg(args, 2);
    if (lenv != VAL_UNDEFINED && rt_to_index(iso, lenv, &new_len) < 0) return VAL_EXCEPTION;
    JSArrayBuffer *ab = js_array_buffer(first);
    if (ab->detached) return rt_throw_type_error(iso, "Cannot perform Construct on a detached ArrayBuffer");
    double blen = (double)array_buffer_byte_length(ab);
    if (lenv == VAL_UNDEFINED && ab->resizable) {
      if (offset > blen) return rt_throw_range_error(iso, "Start offset %.0f is outside the bounds of the buffer", offset);
      return ta_alloc(iso, proto, kind, first, (size_t)offset, 0, true);
    }
    double new_bytes;
    if (lenv == VAL_UNDEFINED) {
      if (fmod(blen, (double)es) != 0)
        return rt_throw_range_error(iso, "byte length of %s should be a multiple of %zu", name, es);
      new_bytes = blen - offset;
      if (new_bytes < 0) return rt_throw_range_error(iso, "Start offset %.0f is outside the bounds of the buffer", offset);
    } else {
      new_bytes = new_len * (double)es;
      if (offset + new_bytes > blen) return rt_throw_range_error(iso, "Invalid typed array length: %.0f", new_len);
    }
    return ta_alloc(iso, proto, kind, first, (size_t)offset, (size_t)(new_bytes / (double)es), false);
  }
  /* An iterable or an array-like object. */
  Value method = rt_get_method(iso, first, sym_well_known(iso, WKS_ITERATOR));
  if (method == VAL_EXCEPTION) return method;
  if (method != VAL_UNDEFINED) {
    IteratorRecord rec;
    if (builtins_get_iterator_from_method(iso, first, method, &rec) < 0) return VAL_EXCEPTION;
    Value list = array_new(iso, 0);
    if (list == VAL_EXCEPTION) return list;
    for (;;) {
      Value v = builtins_iterator_step_value(iso, &rec);
      if (v == VAL_EXCEPTION) return v;
      if (v == VAL_HOLE) break;
      if (array_push(iso, list, v) < 0) return VAL_EXCEPTION;
    }
    uint32_t n = array_length(list);
    Value o = ta_create_with_proto(iso, proto, kind, n);
    if (o == VAL_EXCEPTION) return o;
    if (ta_fill_from_list(iso, o, list, n) < 0) return VAL_EXCEPTION;
    return o;
  }
  double len;
  if (rt_length_of_array_like(iso, first, &len) < 0) return VAL_EXCEPTION;
  Value o = ta_create_with_proto(iso, proto, kind, len);
  if (o == VAL_EXCEPTION) return o;
  for (double k = 0; k < len; k++) {
    Value key = builtins_index_key(iso, k);
    if (key == VAL_EXCEPTION) return key;
    Value v = rt_get(iso, first, key);
    if (v == VAL_EXCEPTION) return v;
    if (ta_set_element(iso, o, k, v) < 0) return VAL_EXCEPTION;
  }
  return o;
}

static Value ta_abstract_constructor(Isolate *iso, const CallArgs *args) {
  if (args->new_target == VAL_UNDEFINED) return rt_throw_type_error(iso, "Constructor TypedArray requires 'new'");
  return rt_throw_type_error(iso, "Abstract class TypedArray not directly constructable");
}

/* ---- %TypedArray% statics ---------------------------------------------------------------- */

static Value ta_from(Isolate *iso, const CallArgs *args) {
  Value c = args->this_val;
  if (!val_is_constructor(c)) return rt_throw_type_error(iso, "%%TypedArray%%.from: this is not a constructor");
  Value mapfn = call_arg(args, 1), this_arg = call_arg(args, 2);
  bool mapping = mapfn != VAL_UNDEFINED;
  if (mapping && !val_is_callable(mapfn)) {
    char buf[64];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, mapfn, buf, sizeof buf));
  }
  Value source = call_arg(args, 0);
  Value method = rt_get_method(iso, source, sym_well_known(iso, WKS_ITERATOR));
  if (method == VAL_EXCEPTION) return method;
  Value list = VAL_UNDEFINED, obj;
  double len;
  if (method != VAL_UNDEFINED) {
    IteratorRecord rec;
    if (builtins_get_iterator_from_method(iso, source, method, &rec) < 0) return VAL_EXCEPTION;
    list = array_new(iso, 0);
    if (list == VAL_EXCEPTION) return list;
    for (;;) {
      Value v = builtins_iterator_step_value(iso, &rec);
      if (v == VAL_EXCEPTION) return v;
      if (v == VAL_HOLE) break;
      if (array_push(iso, list, v) < 0) return VAL_EXCEPTION;
    }
    obj = list;
    len = array_length(list);
  } else {
    obj = rt_to_object(iso, source);
    if (obj == VAL_EXCEPTION) return obj;
    if (rt_length_of_array_like(iso, obj, &len) < 0) return VAL_EXCEPTION;
  }
  Value lenv = val_from_number(len);
  Value target = ta_create_from_ctor(iso, c, 1, &lenv, "%TypedArray%.from", true);
  if (target == VAL_EXCEPTION) return target;
  for (double k = 0; k < len; k++) {
    Value key = builtins_index_key(iso, k);
    if (key == VAL_EXCEPTION) return key;
    Value v = list != VAL_UNDEFINED ? builtins_list_get(iso, list, (uint32_t)k) : rt_get(iso, obj, key);
    if (v == VAL_EXCEPTION) return v;
    if (mapping) {
      Value cargs[2] = {v, val_from_number(k)};
      v = rt_call(iso, mapfn, this_arg, 2, cargs);
      if (v == VAL_EXCEPTION) return v;
    }
    if (rt_set(iso, target, key, v, true) < 0) return VAL_EXCEPTION;
  }
  return target;
}

static Value ta_of(Isolate *iso, const CallArgs *args) {
  Value c = args->this_val;
  if (!val_is_constructor(c)) return rt_throw_type_error(iso, "%%TypedArray%%.of: this is not a constructor");
  Value lenv = val_from_int(args->argc);
  Value target = ta_create_from_ctor(iso, c, 1, &lenv, "%TypedArray%.of", true);
  if (target == VAL_EXCEPTION) return target;
  for (int k = 0; k < args->argc; k++)
    if (rt_set(iso, target, key_from_index((uint32_t)k), args->argv[k], true) < 0) return VAL_EXCEPTION;
  return target;
}

static Value ta_species(Isolate *iso, const CallArgs *args) {
  (void)iso;
  return args->this_val;
}

/* ---- Accessors --------------------------------------------------------------------------- */

enum { G_BUFFER, G_BYTE_LENGTH, G_BYTE_OFFSET, G_LENGTH };

static Value ta_getter(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"buffer", "byteLength", "byteOffset", "length"};
  int which = function_magic(args->callee);
  Value o = args->this_val;
  if (!typed_array_is(o)) {
    char buf[64];
    return rt_throw_type_error(iso, "Method get %%TypedArray%%.prototype.%s called on incompatible receiver %s",
                               names[which], builtins_describe(iso, o, buf, sizeof buf));
  }
  if (which == G_BUFFER) return js_typed_array(o)->buffer;
  double len = typed_array_length(o);
  if (len < 0) return val_from_int(0);
  switch (which) {
    case G_BYTE_LENGTH: return val_from_number(len * ta_info[ta_kind(o)].size);
    case G_BYTE_OFFSET: return val_from_number((double)js_typed_array(o)->byte_offset);
    default: return val_from_number(len);
  }
}

static Value ta_to_string_tag(Isolate *iso, const CallArgs *args) {
  if (!typed_array_is(args->this_val)) return VAL_UNDEFINED;
  return str_intern_cstr(iso, ta_info[ta_kind(args->this_val)].name);
}

/* ---- Prototype methods ------------------------------------------------------------------- */

#define VALIDATE(method)                                                                           \
  Value o = args->this_val;                                                                        \
  double len;                                                                                      \
  if (ta_validate(iso, o, "%TypedArray%.prototype." method, &len) < 0) return VAL_EXCEPTION

/* VALIDATE for the methods that write into the receiver: ValidateTypedArray(O, seq-cst, ~write~). */
#define VALIDATE_WRITE(method)                                                                     \
  Value o = args->this_val;                                                                        \
  double len;                                                                                      \
  if (ta_validate_use(iso, o, "%TypedArray%.prototype." method, &len, true) < 0) return VAL_EXCEPTION

static Value callback_arg(Isolate *iso, const CallArgs *args) {
  Value fn = call_arg(args, 0);
  if (!val_is_callable(fn)) {
    char buf[64];
    return rt_throw_type_error(iso, "%s is not a function", builtins_describe(iso, fn, buf, sizeof buf));
  }
  return fn;
}

static Value ta_at(Isolate *iso, const CallArgs *args) {
  VALIDATE("at");
  double rel;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &rel) < 0) return VAL_EXCEPTION;
  double k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return VAL_UNDEFINED;
  return ta_get_index(iso, o, k);
}

/* every(0) some(1) forEach(2) find(3) findIndex(4) findLast(5) findLastIndex(6) */
enum { IT_EVERY, IT_SOME, IT_FOR_EACH, IT_FIND, IT_FIND_INDEX, IT_FIND_LAST, IT_FIND_LAST_INDEX };

static Value ta_iterate(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"%TypedArray%.prototype.every", "%TypedArray%.prototype.some",
                                      "%TypedArray%.prototype.forEach", "%TypedArray%.prototype.find",
                                      "%TypedArray%.prototype.findIndex", "%TypedArray%.prototype.findLast",
                                      "%TypedArray%.prototype.findLastIndex"};
  int mode = function_magic(args->callee);
  Value o = args->this_val;
  double len;
  if (ta_validate(iso, o, names[mode], &len) < 0) return VAL_EXCEPTION;
  Value fn = callback_arg(iso, args);
  if (fn == VAL_EXCEPTION) return fn;
  Value this_arg = call_arg(args, 1);
  bool backwards = mode == IT_FIND_LAST || mode == IT_FIND_LAST_INDEX;
  for (double i = 0; i < len; i++) {
    double k = backwards ? len - 1 - i : i;
    Value v = ta_get_index(iso, o, k);
    if (v == VAL_EXCEPTION) return v;
    Value cargs[3] = {v, val_from_number(k), o};
    Value r = rt_call(iso, fn, this_arg, 3, cargs);
    if (r == VAL_EXCEPTION) return r;
    bool t = rt_to_boolean(r);
    switch (mode) {
      case IT_EVERY: if (!t) return VAL_FALSE; break;
      case IT_SOME: if (t) return VAL_TRUE; break;
      case IT_FIND:
      case IT_FIND_LAST: if (t) return v; break;
      case IT_FIND_INDEX:
      case IT_FIND_LAST_INDEX: if (t) return val_from_number(k); break;
      default: break;
    }
  }
  switch (mode) {
    case IT_EVERY: return VAL_TRUE;
    case IT_SOME: return VAL_FALSE;
    case IT_FIND_INDEX:
    case IT_FIND_LAST_INDEX: return val_from_int(-1);
    default: return VAL_UNDEFINED;
  }
}

static Value ta_copy_within(Isolate *iso, const CallArgs *args) {
  VALIDATE_WRITE("copyWithin");
  double to, from, final;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &to) < 0 ||
      builtins_relative_index(iso, call_arg(args, 1), len, 0, &from) < 0 ||
      builtins_relative_index(iso, call_arg(args, 2), len, len, &final) < 0)
    return VAL_EXCEPTION;
  double count = fmin(final - from, len - to);
  if (count > 0) {
    double now = typed_array_length(o);
    if (now < 0) return rt_throw_type_error(iso, "Cannot perform %%TypedArray%%.prototype.copyWithin on a detached ArrayBuffer");
    size_t es = ta_info[ta_kind(o)].size;
    double limit = now * (double)es;
    double to_b = to * (double)es, from_b = from * (double)es, count_b = count * (double)es;
    if (from_b + count_b > limit) count_b = limit - from_b;
    if (to_b + count_b > limit) count_b = limit - to_b;
    if (count_b > 0) memmove(ta_ptr(o, 0) + (size_t)to_b, ta_ptr(o, 0) + (size_t)from_b, (size_t)count_b);
  }
  return o;
}

static Value ta_iter_method(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"%TypedArray%.prototype.keys", "%TypedArray%.prototype.values",
                                      "%TypedArray%.prototype.entries"};
  int kind = function_magic(args->callee);
  if (ta_validate(iso, args->this_val, names[kind], NULL) < 0) return VAL_EXCEPTION;
  return builtins_create_array_iterator(iso, args->this_val, (IterKind)kind);
}

static Value ta_fill(Isolate *iso, const CallArgs *args) {
  VALIDATE_WRITE("fill");
  double k, final;
  Value d = typed_array_convert(iso, ta_kind(o), call_arg(args, 0));
  if (d == VAL_EXCEPTION) return d;
  if (builtins_relative_index(iso, call_arg(args, 1), len, 0, &k) < 0 ||
      builtins_relative_index(iso, call_arg(args, 2), len, len, &final) < 0)
    return VAL_EXCEPTION;
  double now = typed_array_length(o);
  if (now < 0) return rt_throw_type_error(iso, "Cannot perform %%TypedArray%%.prototype.fill on a detached ArrayBuffer");
  if (final > now) final = now;
  TAKind kind = ta_kind(o);
  for (; k < final; k++) typed_array_store(kind, ta_ptr(o, (size_t)k), d);
  return o;
}

static Value ta_filter(Isolate *iso, const CallArgs *args) {
  VALIDATE("filter");
  Value fn = callback_arg(iso, args);
  if (fn == VAL_EXCEPTION) return fn;
  Value kept = array_new(iso, 0);
  if (kept == VAL_EXCEPTION) return kept;
  for (double k = 0; k < len; k++) {
    Value v = ta_get_index(iso, o, k);
    if (v == VAL_EXCEPTION) return v;
    Value cargs[3] = {v, val_from_number(k), o};
    Value r = rt_call(iso, fn, call_arg(args, 1), 3, cargs);
    if (r == VAL_EXCEPTION) return r;
    if (rt_to_boolean(r) && array_push(iso, kept, v) < 0) return VAL_EXCEPTION;
  }
  uint32_t n = array_length(kept);
  Value nv = val_from_int((int32_t)n);
  Value a = ta_species_create(iso, o, 1, &nv, "%TypedArray%.prototype.filter", true);
  if (a == VAL_EXCEPTION) return a;
  for (uint32_t k = 0; k < n; k++)
    if (rt_set(iso, a, key_from_index(k), builtins_list_get(iso, kept, k), true) < 0) return VAL_EXCEPTION;
  return a;
}

/* SameValueZero (includes) or IsStrictlyEqual (indexOf/lastIndexOf). */
enum { S_INCLUDES, S_INDEX_OF, S_LAST_INDEX_OF };

static Value ta_search(Isolate *iso, const CallArgs *args) {
  static const char *const names[] = {"%TypedArray%.prototype.includes", "%TypedArray%.prototype.indexOf",
                                      "%TypedArray%.prototype.lastIndexOf"};
  int mode = function_magic(args->callee);
  Value o = args->this_val;
  double len;
  if (ta_validate(iso, o, names[mode], &len) < 0) return VAL_EXCEPTION;
  Value target = call_arg(args, 0);
  if (len == 0) return mode == S_INCLUDES ? VAL_FALSE : val_from_int(-1);
  double n;
  if (mode == S_LAST_INDEX_OF) {
    if (args->argc > 1) {
      if (rt_to_integer_or_infinity(iso, args->argv[1], &n) < 0) return VAL_EXCEPTION;
    } else {
      n = len - 1;
    }
    if (n == -INFINITY) return val_from_int(-1);
    double k = n >= 0 ? fmin(n, len - 1) : len + n;
    for (; k >= 0; k--) {
      if (!ta_valid_index(o, k)) continue;
      Value v = ta_get_index(iso, o, k);
      if (v == VAL_EXCEPTION) return v;
      if (rt_strict_equals(v, target)) return val_from_number(k);
    }
    return val_from_int(-1);
  }
  if (rt_to_integer_or_infinity(iso, call_arg(args, 1), &n) < 0) return VAL_EXCEPTION;
  if (n == INFINITY) return mode == S_INCLUDES ? VAL_FALSE : val_from_int(-1);
  if (n == -INFINITY) n = 0;
  double k = n >= 0 ? n : fmax(len + n, 0);
  for (; k < len; k++) {
    if (mode != S_INCLUDES && !ta_valid_index(o, k)) continue;
    Value v = ta_get_index(iso, o, k);
    if (v == VAL_EXCEPTION) return v;
    if (mode == S_INCLUDES) {
      if (rt_same_value_zero(v, target)) return VAL_TRUE;
    } else if (rt_strict_equals(v, target)) {
      return val_from_number(k);
    }
  }
  return mode == S_INCLUDES ? VAL_FALSE : val_from_int(-1);
}

static Value ta_join(Isolate *iso, const CallArgs *args) {
  VALIDATE("join");
  Value sep = call_arg(args, 0);
  if (sep == VAL_UNDEFINED) sep = str_intern_cstr(iso, ",");
  else sep = rt_to_string(iso, sep);
  if (sep == VAL_EXCEPTION) return sep;
  StringBuilder sb;
  sb_init(&sb, iso);
  for (double k = 0; k < len; k++) {
    if (k > 0) sb_append_string(&sb, sep);
    Value v = ta_get_index(iso, o, k);
    if (v == VAL_UNDEFINED) continue;
    Value s = v == VAL_EXCEPTION ? v : rt_to_string(iso, v);
    if (s == VAL_EXCEPTION) {
      sb_discard(&sb);
      return s;
    }
    sb_append_string(&sb, s);
  }
  return sb_finish(&sb);
}

static Value ta_map(Isolate *iso, const CallArgs *args) {
  VALIDATE("map");
  Value fn = callback_arg(iso, args);
  if (fn == VAL_EXCEPTION) return fn;
  Value lv = val_from_number(len);
  Value a = ta_species_create(iso, o, 1, &lv, "%TypedArray%.prototype.map", true);
  if (a == VAL_EXCEPTION) return a;
  for (double k = 0; k < len; k++) {
    Value cargs[3] = {ta_get_index(iso, o, k), val_from_number(k), o};
    if (cargs[0] == VAL_EXCEPTION) return VAL_EXCEPTION;
    Value r = rt_call(iso, fn, call_arg(args, 1), 3, cargs);
    if (r == VAL_EXCEPTION) return r;
    if (rt_set(iso, a, key_from_index((uint32_t)k), r, true) < 0) return VAL_EXCEPTION;
  }
  return a;
}

static Value ta_reduce(Isolate *iso, const CallArgs *args) {
  bool right = function_magic(args->callee) == 1;
  Value o = args->this_val;
  double len;
  if (ta_validate(iso, o, right ? "%TypedArray%.prototype.reduceRight" : "%TypedArray%.prototype.reduce", &len) < 0)
    return VAL_EXCEPTION;
  Value fn = callback_arg(iso, args);
  if (fn == VAL_EXCEPTION) return fn;
  double i = 0;
  Value acc;
  if (args->argc >= 2) {
    acc = args->argv[1];
  } else {
    if (len == 0) return rt_throw_type_error(iso, "Reduce of empty array with no initial value");
    acc = ta_get_index(iso, o, right ? len - 1 : 0);
    if (acc == VAL_EXCEPTION) return acc;
    i = 1;
  }
  for (; i < len; i++) {
    double k = right ? len - 1 - i : i;
    Value cargs[4] = {acc, ta_get_index(iso, o, k), val_from_number(k), o};
    if (cargs[1] == VAL_EXCEPTION) return VAL_EXCEPTION;
    acc = rt_call(iso, fn, VAL_UNDEFINED, 4, cargs);
    if (acc == VAL_EXCEPTION) return acc;
  }
  return acc;
}

static Value ta_reverse(Isolate *iso, const CallArgs *args) {
  VALIDATE_WRITE("reverse");
  size_t es = ta_info[ta_kind(o)].size, n = (size_t)len;
  uint8_t tmp[8];
  for (size_t lo = 0, hi = n ? n - 1 : 0; lo < hi; lo++, hi--) {
    memcpy(tmp, ta_ptr(o, lo), es);
    memcpy(ta_ptr(o, lo), ta_ptr(o, hi), es);
    memcpy(ta_ptr(o, hi), tmp, es);
  }
  return o;
}

static Value ta_to_reversed(Isolate *iso, const CallArgs *args) {
  VALIDATE("toReversed");
  Value a = ta_create_same_type(iso, ta_kind(o), len);
  if (a == VAL_EXCEPTION) return a;
  size_t es = ta_info[ta_kind(o)].size, n = (size_t)len;
  for (size_t k = 0; k < n; k++) memcpy(ta_ptr(a, k), ta_ptr(o, n - 1 - k), es);
  return a;
}

static Value ta_set_method(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!typed_array_is(o)) return not_typed_array(iso);
  if (ta_immutable(o)) return ta_immutable_error(iso, "%TypedArray%.prototype.set");
  double offset;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 1), &offset) < 0) return VAL_EXCEPTION;
  if (offset < 0) return rt_throw_range_error(iso, "offset is out of bounds");
  double tlen = typed_array_length(o);
  if (tlen < 0) return rt_throw_type_error(iso, "Cannot perform %%TypedArray%%.prototype.set on a detached ArrayBuffer");
  Value src = call_arg(args, 0);
  TAKind tk = ta_kind(o);
  if (typed_array_is(src)) {
    double slen = typed_array_length(src);
    if (slen < 0) return rt_throw_type_error(iso, "Cannot perform %%TypedArray%%.prototype.set on a detached ArrayBuffer");
    if (slen + offset > tlen) return rt_throw_range_error(iso, "offset is out of bounds");
    TAKind sk = ta_kind(src);
    if (typed_array_kind_is_bigint(sk) != typed_array_kind_is_bigint(tk)) return content_type_mismatch(iso);
    size_t n = (size_t)slen, off = (size_t)offset;
    if (n == 0) return VAL_UNDEFINED;
    if (sk == tk) {
      memmove(ta_ptr(o, off), ta_ptr(src, 0), n * ta_info[tk].size);
      return VAL_UNDEFINED;
    }
    /* Different types may share a buffer: copy the source bytes first. */
    size_t sbytes = n * ta_info[sk].size;
    uint8_t *copy = malloc(sbytes);
    if (copy == NULL) return rt_throw_range_error(iso, "Array buffer allocation failed");
    memcpy(copy, ta_ptr(src, 0), sbytes);
    ta_copy_elements(tk, ta_ptr(o, off), sk, copy, n);
    free(copy);
    return VAL_UNDEFINED;
  }
  Value so = rt_to_object(iso, src);
  if (so == VAL_EXCEPTION) return so;
  double slen;
  if (rt_length_of_array_like(iso, so, &slen) < 0) return VAL_EXCEPTION;
  if (slen + offset > tlen) return rt_throw_range_error(iso, "offset is out of bounds");
  for (double k = 0; k < slen; k++) {
    Value key = builtins_index_key(iso, k);
    if (key == VAL_EXCEPTION) return key;
    Value v = rt_get(iso, so, key);
    if (v == VAL_EXCEPTION) return v;
    if (ta_set_element(iso, o, offset + k, v) < 0) return VAL_EXCEPTION;
  }
  return VAL_UNDEFINED;
}

static Value ta_slice(Isolate *iso, const CallArgs *args) {
  VALIDATE("slice");
  double start, final;
  if (builtins_relative_index(iso, call_arg(args, 0), len, 0, &start) < 0 ||
      builtins_relative_index(iso, call_arg(args, 1), len, len, &final) < 0)
    return VAL_EXCEPTION;
  double count = final - start > 0 ? final - start : 0;
  Value cv = val_from_number(count);
  Value a = ta_species_create(iso, o, 1, &cv, "%TypedArray%.prototype.slice", true);
  if (a == VAL_EXCEPTION) return a;
  if (count > 0) {
    double now = typed_array_length(o);
    if (now < 0) return rt_throw_type_error(iso, "Cannot perform %%TypedArray%%.prototype.slice on a detached ArrayBuffer");
    if (final > now) final = now;
    count = final - start > 0 ? final - start : 0;
    TAKind sk = ta_kind(o), tk = ta_kind(a);
    if (sk == tk) {
      size_t es = ta_info[sk].size;
      /* Byte copy, bounded by the target's current size too. */
      double alen = typed_array_length(a);
      if (alen >= 0 && count > alen) count = alen;
      /* The spec copies byte by byte in ascending order: a species constructor returning a view
       * of the same buffer sees that order, so no memmove. */
      uint8_t *dst = ta_ptr(a, 0), *src = ta_ptr(o, (size_t)start);
      for (size_t i = 0, nb = count > 0 ? (size_t)count * es : 0; i < nb; i++) dst[i] = src[i];
    } else {
      for (double n = 0; start < final; start++, n++) {
        Value v = ta_get_index(iso, o, start);
        if (v == VAL_EXCEPTION) return v;
        if (rt_set(iso, a, key_from_index((uint32_t)n), v, true) < 0) return VAL_EXCEPTION;
      }
    }
  }
  return a;
}

/* The default comparator: numeric, -0 before +0, NaN last. */
static int ta_compare_numbers(double x, double y) {
  if (x != x) return y != y ? 0 : 1;
  if (y != y) return -1;
  if (x < y) return -1;
  if (x > y) return 1;
  if (x == 0 && y == 0) {
    if (signbit(x) && !signbit(y)) return -1;
    if (!signbit(x) && signbit(y)) return 1;
  }
  return 0;
}

typedef struct SortCtx {
  Isolate *iso;
  Value fn;
  bool failed;
} SortCtx;

static int sort_cmp(SortCtx *c, Value a, Value b) {
  if (c->failed) return 0;
  if (c->fn == VAL_UNDEFINED) {
    if (val_is_bigint(a)) return bigint_compare(a, b);
    return ta_compare_numbers(val_to_number_unchecked(a), val_to_number_unchecked(b));
  }
  Value cargs[2] = {a, b};
  Value r = rt_call(c->iso, c->fn, VAL_UNDEFINED, 2, cargs);
  double d;
  if (r == VAL_EXCEPTION || rt_to_number_double(c->iso, r, &d) < 0) {
    c->failed = true;
    return 0;
  }
  return d < 0 ? -1 : (d > 0 ? 1 : 0);
}

/* A stable merge sort (user comparators may be inconsistent: merge sort still terminates). */
static void merge_sort(SortCtx *c, Value *v, Value *tmp, size_t n) {
  if (n < 2) return;
  size_t mid = n / 2;
  merge_sort(c, v, tmp, mid);
  merge_sort(c, v + mid, tmp, n - mid);
  size_t i = 0, j = mid, k = 0;
  while (i < mid && j < n) {
    if (sort_cmp(c, v[j], v[i]) < 0) tmp[k++] = v[j++];
    else tmp[k++] = v[i++];
  }
  while (i < mid) tmp[k++] = v[i++];
  while (j < n) tmp[k++] = v[j++];
  memcpy(v, tmp, n * sizeof(Value));
}

/* Sorts the first len elements of o into the target typed array `dst` (o itself for sort). */
static Value ta_sort_into(Isolate *iso, Value o, double len, Value fn, Value dst) {
  size_t n = (size_t)len;
  /* The values live in a heap array: BigInt elements must stay visible to the collector while
   * the comparator runs. */
  if (n > UINT32_MAX / 2) return rt_throw_range_error(iso, "Invalid typed array length: %zu", n);
  FixedArray *store = fixed_array_new(iso, (uint32_t)(n ? n : 1) * 2, VAL_UNDEFINED);
  if (store == NULL) return VAL_EXCEPTION;
  Value *vals = store->data;
  for (size_t k = 0; k < n; k++) {
    Value v = ta_get_index(iso, o, (double)k);
    if (v == VAL_EXCEPTION) return v;
    WRITE_FIELD(store, vals[k], v);
  }
  SortCtx c = {iso, fn, false};
  merge_sort(&c, vals, vals + n, n);
  if (c.failed) return VAL_EXCEPTION;
  for (size_t k = 0; k < n; k++) {
    if (ta_valid_index(dst, (double)k)) typed_array_store(ta_kind(dst), ta_ptr(dst, k), vals[k]);
  }
  return dst;
}

static Value ta_sort(Isolate *iso, const CallArgs *args) {
  Value fn = call_arg(args, 0);
  if (fn != VAL_UNDEFINED && !val_is_callable(fn))
    return rt_throw_type_error(iso, "The comparison function must be either a function or undefined");
  VALIDATE_WRITE("sort");
  return ta_sort_into(iso, o, len, fn, o);
}

static Value ta_to_sorted(Isolate *iso, const CallArgs *args) {
  Value fn = call_arg(args, 0);
  if (fn != VAL_UNDEFINED && !val_is_callable(fn))
    return rt_throw_type_error(iso, "The comparison function must be either a function or undefined");
  VALIDATE("toSorted");
  Value a = ta_create_same_type(iso, ta_kind(o), len);
  if (a == VAL_EXCEPTION) return a;
  return ta_sort_into(iso, o, len, fn, a);
}

static Value ta_subarray(Isolate *iso, const CallArgs *args) {
  Value o = args->this_val;
  if (!typed_array_is(o)) return not_typed_array(iso);
  JSTypedArray *ta = js_typed_array(o);
  Value buffer = ta->buffer;
  double src_len = typed_array_length(o);
  if (src_len < 0) src_len = 0;
  double begin, end;
  Value endv = call_arg(args, 1);
  if (builtins_relative_index(iso, call_arg(args, 0), src_len, 0, &begin) < 0 ||
      builtins_relative_index(iso, endv, src_len, src_len, &end) < 0)
    return VAL_EXCEPTION;
  ta = js_typed_array(o);
  size_t es = ta_info[ta->kind].size;
  double begin_byte = (double)ta->byte_offset + begin * (double)es;
  Value argv[3] = {buffer, val_from_number(begin_byte), VAL_UNDEFINED};
  int argc = 2;
  if (!(ta->length_tracking && endv == VAL_UNDEFINED)) {
    argv[2] = val_from_number(end - begin > 0 ? end - begin : 0);
    argc = 3;
  }
  Value dflt = intrinsic(iso, INTRINSIC_INT8_ARRAY + ta->kind);
  Value c = rt_get(iso, o, NAME(iso, constructor));
  if (c == VAL_EXCEPTION) return c;
  if (c == VAL_UNDEFINED) {
    c = dflt;
  } else {
    if (!val_is_object(c)) return rt_throw_type_error(iso, "The .constructor property is not an object");
    Value s = rt_get(iso, c, sym_well_known(iso, WKS_SPECIES));
    if (s == VAL_EXCEPTION) return s;
    if (val_is_nullish(s)) c = dflt;
    else if (val_is_constructor(s)) c = s;
    else return rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
  }
  return ta_create_from_ctor(iso, c, argc, argv, "%TypedArray%.prototype.subarray", false);
}

static Value ta_to_locale_string(Isolate *iso, const CallArgs *args) {
  VALIDATE("toLocaleString");
  StringBuilder sb;
  sb_init(&sb, iso);
  for (double k = 0; k < len; k++) {
    if (k > 0) sb_append_unit(&sb, ',');
    Value v = ta_get_index(iso, o, k);
    if (v == VAL_UNDEFINED) continue;
    Value f = v == VAL_EXCEPTION ? v : rt_get(iso, v, str_intern_cstr(iso, "toLocaleString"));
    Value s = f == VAL_EXCEPTION ? f : rt_call(iso, f, v, 0, NULL);
    if (s != VAL_EXCEPTION) s = rt_to_string(iso, s);
    if (s == VAL_EXCEPTION) {
      sb_discard(&sb);
      return s;
    }
    sb_append_string(&sb, s);
  }
  return sb_finish(&sb);
}

static Value ta_with(Isolate *iso, const CallArgs *args) {
  VALIDATE("with");
  double rel;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &rel) < 0) return VAL_EXCEPTION;
  double actual = rel >= 0 ? rel : len + rel;
  Value d = typed_array_convert(iso, ta_kind(o), call_arg(args, 1));
  if (d == VAL_EXCEPTION) return d;
  if (!ta_valid_index(o, actual)) return rt_throw_range_error(iso, "Invalid typed array index");
  Value a = ta_create_same_type(iso, ta_kind(o), len);
  if (a == VAL_EXCEPTION) return a;
  for (double k = 0; k < len; k++) {
    if (k == actual) {
      typed_array_store(ta_kind(a), ta_ptr(a, (size_t)k), d);
    } else if (ta_valid_index(o, k)) {
      ta_copy_elements(ta_kind(a), ta_ptr(a, (size_t)k), ta_kind(o), ta_ptr(o, (size_t)k), 1);
    } else if (!typed_array_kind_is_bigint(ta_kind(a))) {
      typed_array_write(ta_kind(a), ta_ptr(a, (size_t)k), NAN); /* undefined -> NaN */
    } else {
      return rt_throw_type_error(iso, "Cannot convert undefined to a BigInt");
    }
  }
  return a;
}

/* ---- Installation ------------------------------------------------------------------------ */

static int def_getter(Isolate *iso, Value obj, const char *name, NativeFunction fn, int magic) {
  Value key = key_from_cstr(iso, name);
  if (key == VAL_EXCEPTION) return -1;
  Value gname = str_printf(iso, "get %s", name);
  if (gname == VAL_EXCEPTION) return -1;
  gname = str_intern(iso, gname);
  if (gname == VAL_EXCEPTION) return -1;
  Value g = function_new_native(iso, gname, 0, fn, magic, 0);
  if (g == VAL_EXCEPTION) return -1;
  return rt_define_accessor(iso, obj, key, g, VAL_UNDEFINED, ATTR_CONFIGURABLE);
}

int builtins_install_typed_array(Isolate *iso, Realm *realm) {
  heap_register_type(IT_JS_TYPED_ARRAY, obj_js_object_size, ta_visit, NULL);
  object_register_ops(IT_JS_TYPED_ARRAY, &ta_ops);
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  Value key = key_from_cstr(iso, "TypedArray");
  if (key == VAL_EXCEPTION) return -1;
  Value ctor = function_new_native(iso, key, 0, ta_abstract_constructor, 0, NATIVE_CONSTRUCTOR);
  if (ctor == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, ctor, NAME(iso, prototype), proto, 0) < 0) return -1;
  if (rt_define_data(iso, proto, NAME(iso, constructor), ctor, ATTR_BUILTIN) < 0) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_TYPED_ARRAY], ctor);
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_TYPED_ARRAY_PROTOTYPE], proto);

  if (builtins_def_method(iso, ctor, "from", ta_from, 1, 0) == VAL_EXCEPTION ||
      builtins_def_method(iso, ctor, "of", ta_of, 0, 0) == VAL_EXCEPTION ||
      builtins_def_getter(iso, ctor, sym_well_known(iso, WKS_SPECIES), ta_species, NULL, ATTR_CONFIGURABLE) ==
          VAL_EXCEPTION)
    return -1;

  if (def_getter(iso, proto, "buffer", ta_getter, G_BUFFER) < 0 ||
      def_getter(iso, proto, "byteLength", ta_getter, G_BYTE_LENGTH) < 0 ||
      def_getter(iso, proto, "byteOffset", ta_getter, G_BYTE_OFFSET) < 0 ||
      def_getter(iso, proto, "length", ta_getter, G_LENGTH) < 0)
    return -1;
  if (builtins_def_getter(iso, proto, sym_well_known(iso, WKS_TO_STRING_TAG), ta_to_string_tag, NULL,
                          ATTR_CONFIGURABLE) == VAL_EXCEPTION)
    return -1;

  static const struct {
    const char *name;
    NativeFunction fn;
    int length, magic;
  } methods[] = {
      {"at", ta_at, 1, 0},
      {"copyWithin", ta_copy_within, 2, 0},
      {"entries", ta_iter_method, 0, ITER_KIND_ENTRIES},
      {"every", ta_iterate, 1, IT_EVERY},
      {"fill", ta_fill, 1, 0},
      {"filter", ta_filter, 1, 0},
      {"find", ta_iterate, 1, IT_FIND},
      {"findIndex", ta_iterate, 1, IT_FIND_INDEX},
      {"findLast", ta_iterate, 1, IT_FIND_LAST},
      {"findLastIndex", ta_iterate, 1, IT_FIND_LAST_INDEX},
      {"forEach", ta_iterate, 1, IT_FOR_EACH},
      {"includes", ta_search, 1, S_INCLUDES},
      {"indexOf", ta_search, 1, S_INDEX_OF},
      {"join", ta_join, 1, 0},
      {"keys", ta_iter_method, 0, ITER_KIND_KEYS},
      {"lastIndexOf", ta_search, 1, S_LAST_INDEX_OF},
      {"map", ta_map, 1, 0},
      {"reduce", ta_reduce, 1, 0},
      {"reduceRight", ta_reduce, 1, 1},
      {"reverse", ta_reverse, 0, 0},
      {"set", ta_set_method, 1, 0},
      {"slice", ta_slice, 2, 0},
      {"some", ta_iterate, 1, IT_SOME},
      {"sort", ta_sort, 1, 0},
      {"subarray", ta_subarray, 2, 0},
      {"toLocaleString", ta_to_locale_string, 0, 0},
      {"toReversed", ta_to_reversed, 0, 0},
      {"toSorted", ta_to_sorted, 1, 0},
      {"with", ta_with, 2, 0},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(methods); i++)
    if (builtins_def_method(iso, proto, methods[i].name, methods[i].fn, methods[i].length, methods[i].magic) ==
        VAL_EXCEPTION)
      return -1;
  Value values = builtins_def_method(iso, proto, "values", ta_iter_method, 0, ITER_KIND_VALUES);
  if (values == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, proto, sym_well_known(iso, WKS_ITERATOR), values, ATTR_BUILTIN) < 0) return -1;
  /* toString is the very function object of Array.prototype.toString. */
  Value ts = rt_get_str(iso, realm->intrinsics[INTRINSIC_ARRAY_PROTOTYPE], "toString");
  if (ts == VAL_EXCEPTION) return -1;
  if (builtins_def_value(iso, proto, "toString", ts, ATTR_BUILTIN) < 0) return -1;

  for (int k = 0; k < TA_KIND_COUNT; k++) {
    Value p = obj_new(iso, proto);
    if (p == VAL_EXCEPTION) return -1;
    Value c = builtins_make_constructor(iso, realm, ta_info[k].name, ta_constructor, 3, k, p);
    if (c == VAL_EXCEPTION) return -1;
    if (obj_set_prototype_of(iso, c, ctor) < 0) return -1;
    Value bpe = val_from_int(ta_info[k].size);
    if (builtins_def_value(iso, c, "BYTES_PER_ELEMENT", bpe, 0) < 0 ||
        builtins_def_value(iso, p, "BYTES_PER_ELEMENT", bpe, 0) < 0)
      return -1;
    WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_INT8_ARRAY + k], c);
    WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_INT8_ARRAY_PROTOTYPE + k], p);
  }
  return typed_array_install_base64(iso, realm);
}
