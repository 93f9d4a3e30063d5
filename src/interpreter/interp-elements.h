/*
 * Keyed element fast paths for the interpreter's GetKeyedProperty / SetKeyedProperty: an int32
 * key that is a valid index of a typed array, or of the fast (FixedArray) elements of an ordinary
 * object or array, is read or written directly. Each function answers "handled" or "not handled";
 * "not handled" sends the access down the generic [[Get]]/[[Set]] path, which is always correct,
 * so every guard here only has to be sufficient, never complete.
 *
 * Why no map checks: a typed array's integer-indexed [[Get]]/[[Set]] with a numeric key never
 * consults the prototype chain or own named properties (ECMA-262 10.4.5.4-5), and an element that
 * is present in fast elements is an own writable data property (non-default attributes move the
 * elements to a dictionary; docs/objects.md), so neither its read nor its overwrite can run code.
 */
#ifndef PETREL_INTERPRETER_INTERP_ELEMENTS_H
#define PETREL_INTERPRETER_INTERP_ELEMENTS_H

#include "builtins/typed-array.h"
#include "heap/fixed-array.h"
#include "objects/map.h"
#include <string.h>

/* The address of element `i` of typed array `ta` when `i` is a valid index (in bounds of a
 * non-detached buffer, IsValidIntegerIndex), else NULL. `es` is the element size. For a store
 * (`write`), also NULL when the buffer is immutable: the same single load tests both flags
 * (JSArrayBuffer.unwritable), and the generic [[Set]] then refuses the write. */
static inline uint8_t *interp_ta_element_for(JSTypedArray *ta, uint32_t i, size_t es, bool write) {
  JSArrayBuffer *ab = js_array_buffer(ta->buffer);
  if (PT_UNLIKELY(write ? ab->unwritable != 0 : ab->detached)) return NULL;
  size_t blen = ab->byte_length, off = ta->byte_offset;
  if (PT_UNLIKELY(off > blen)) return NULL;
  if (PT_UNLIKELY(ta->length_tracking)) {
    if ((size_t)i >= (blen - off) / es) return NULL;
  } else {
    /* The whole fixed-length view must fit (else it is out of bounds: every index invalid). */
    if ((size_t)i >= ta->fixed_length || ta->fixed_length * es > blen - off) return NULL;
  }
  return ab->data + off + (size_t)i * es;
}

static inline uint8_t *interp_ta_element(JSTypedArray *ta, uint32_t i, size_t es) {
  return interp_ta_element_for(ta, i, es, false);
}

/* Loads element i of typed array o into *out. False: not handled here (kinds this fast path does
 * not know, invalid indices: the generic path answers undefined or the right value). */
static inline bool interp_ta_load(Value o, uint32_t i, Value *out) {
  JSTypedArray *ta = js_typed_array(o);
  uint8_t *p;
  switch (ta->kind) {
  case TA_INT8:
    if (!(p = interp_ta_element(ta, i, 1))) return false;
    *out = val_from_int((int8_t)p[0]);
    return true;
  case TA_UINT8:
  case TA_UINT8_CLAMPED:
    if (!(p = interp_ta_element(ta, i, 1))) return false;
    *out = val_from_int(p[0]);
    return true;
  case TA_INT16: {
    if (!(p = interp_ta_element(ta, i, 2))) return false;
    int16_t v;
    memcpy(&v, p, 2);
    *out = val_from_int(v);
    return true;
  }
  case TA_UINT16: {
    if (!(p = interp_ta_element(ta, i, 2))) return false;
    uint16_t v;
    memcpy(&v, p, 2);
    *out = val_from_int(v);
    return true;
  }
  case TA_INT32: {
    if (!(p = interp_ta_element(ta, i, 4))) return false;
    int32_t v;
    memcpy(&v, p, 4);
    *out = val_from_int(v);
    return true;
  }
  case TA_UINT32: {
    if (!(p = interp_ta_element(ta, i, 4))) return false;
    uint32_t v;
    memcpy(&v, p, 4);
    *out = v <= INT32_MAX ? val_from_int((int32_t)v) : val_from_double((double)v);
    return true;
  }
  case TA_FLOAT32: {
    if (!(p = interp_ta_element(ta, i, 4))) return false;
    float v;
    memcpy(&v, p, 4);
    *out = val_from_double((double)v); /* canonicalizes NaN: a stored payload must not forge a tag */
    return true;
  }
  case TA_FLOAT64: {
    if (!(p = interp_ta_element(ta, i, 8))) return false;
    double v;
    memcpy(&v, p, 8);
    *out = val_from_double(v);
    return true;
  }
  default:
    return false;
  }
}

/* Stores number v into element i of typed array o. False: not handled (v not a number, so
 * ToNumber may run code; invalid index; kinds not known here). */
static inline bool interp_ta_store(Value o, uint32_t i, Value v) {
  JSTypedArray *ta = js_typed_array(o);
  TAKind kind = (TAKind)ta->kind;
  if (val_is_int(v)) {
    int32_t x = val_to_int(v);
    uint8_t *p;
    switch (kind) {
    case TA_INT8:
    case TA_UINT8:
      if (!(p = interp_ta_element_for(ta, i, 1, true))) return false;
      p[0] = (uint8_t)x;
      return true;
    case TA_UINT8_CLAMPED:
      if (!(p = interp_ta_element_for(ta, i, 1, true))) return false;
      p[0] = x < 0 ? 0 : x > 255 ? 255 : (uint8_t)x;
      return true;
    case TA_INT16:
    case TA_UINT16: {
      if (!(p = interp_ta_element_for(ta, i, 2, true))) return false;
      uint16_t u = (uint16_t)(uint32_t)x;
      memcpy(p, &u, 2);
      return true;
    }
    case TA_INT32:
    case TA_UINT32: {
      if (!(p = interp_ta_element_for(ta, i, 4, true))) return false;
      uint32_t u = (uint32_t)x;
      memcpy(p, &u, 4);
      return true;
    }
    case TA_FLOAT32: {
      if (!(p = interp_ta_element_for(ta, i, 4, true))) return false;
      float f = (float)x;
      memcpy(p, &f, 4);
      return true;
    }
    case TA_FLOAT64: {
      if (!(p = interp_ta_element_for(ta, i, 8, true))) return false;
      double d = (double)x;
      memcpy(p, &d, 8);
      return true;
    }
    default:
      return false;
    }
  }
  if (!val_is_double(v)) return false;
  size_t es;
  switch (kind) {
  case TA_INT8: case TA_UINT8: case TA_UINT8_CLAMPED: es = 1; break;
  case TA_INT16: case TA_UINT16: case TA_FLOAT16: es = 2; break;
  case TA_INT32: case TA_UINT32: case TA_FLOAT32: es = 4; break;
  case TA_FLOAT64: es = 8; break;
  default: return false;
  }
  uint8_t *p = interp_ta_element_for(ta, i, es, true);
  if (!p) return false;
  typed_array_write(kind, p, val_to_double_unchecked(v));
  return true;
}

/* The fast elements of an ordinary object or array, or NULL. Other instance types (arguments,
 * string wrappers, typed arrays, proxies ...) have exotic or differently stored elements. */
static inline FixedArray *interp_fast_elements(Value o) {
  JSObject *jo = (JSObject *)val_to_ptr(o);
  InstanceType t = heap_object_type((HeapObject *)jo);
  if ((t != IT_JS_ARRAY && t != IT_JS_OBJECT) || jo->map->elements_kind == ELEMENTS_DICTIONARY) return NULL;
  return (FixedArray *)val_to_ptr(jo->elements);
}

/* GetKeyedProperty with an int32 index key i >= 0 on a heap object o. */
static inline bool interp_keyed_load_fast(Value o, uint32_t i, Value *out) {
  if (heap_object_type(val_to_ptr(o)) == IT_JS_TYPED_ARRAY) return interp_ta_load(o, i, out);
  FixedArray *el = interp_fast_elements(o);
  if (el && i < el->length && el->data[i] != VAL_HOLE) {
    *out = el->data[i];
    return true;
  }
  return false;
}

/* SetKeyedProperty o[i] = v with an int32 index key i >= 0 on a heap object o: typed arrays, and
 * overwriting a present fast element (appends and holes take the generic path, which checks the
 * prototype chain, extensibility and `length`). */
static inline bool interp_keyed_store_fast(Value o, uint32_t i, Value v) {
  if (heap_object_type(val_to_ptr(o)) == IT_JS_TYPED_ARRAY) return interp_ta_store(o, i, v);
  FixedArray *el = interp_fast_elements(o);
  if (el && i < el->length && el->data[i] != VAL_HOLE) {
    WRITE_FIELD(el, el->data[i], v);
    return true;
  }
  return false;
}

#endif
