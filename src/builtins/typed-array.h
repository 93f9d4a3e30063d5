/*
 * Typed arrays (ECMA-262 23.2) and DataView (25.3): the object layouts and the element access
 * other modules (DataView, the array iterator, the API) share. A view holds its buffer in a
 * visited field and its geometry in raw fields; the bytes stay in the JSArrayBuffer, so every
 * access rereads buffer->data (a resizable buffer may move them).
 */
#ifndef PETREL_BUILTINS_TYPED_ARRAY_H
#define PETREL_BUILTINS_TYPED_ARRAY_H

#include "builtins/array-buffer.h"
#include "execution/realm.h"

/* Element types, in the order of the realm's INTRINSIC_INT8_ARRAY... entries. */
typedef enum TAKind {
  TA_INT8,
  TA_UINT8,
  TA_UINT8_CLAMPED,
  TA_INT16,
  TA_UINT16,
  TA_INT32,
  TA_UINT32,
  TA_FLOAT16,
  TA_FLOAT32,
  TA_FLOAT64,
  TA_BIGINT64, /* the BigInt kinds stay last: typed_array_kind_is_bigint relies on it */
  TA_BIGUINT64,
  TA_KIND_COUNT
} TAKind;

typedef struct JSTypedArray {
  JSObject base;
  Value buffer; /* a JSArrayBuffer */
  /* Raw fields (not visited). */
  size_t byte_offset;
  size_t fixed_length;  /* element count when !length_tracking */
  uint8_t kind;         /* TAKind */
  bool length_tracking; /* constructed on a resizable buffer without a length */
} JSTypedArray;

typedef struct JSDataView {
  JSObject base;
  Value buffer;
  size_t byte_offset;
  size_t fixed_byte_length;
  bool length_tracking;
} JSDataView;

static inline bool typed_array_is(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_TYPED_ARRAY;
}
static inline JSTypedArray *js_typed_array(Value v) { return (JSTypedArray *)val_to_ptr(v); }

/* Bytes per element of a kind, and its constructor name ("Int8Array"...). */
size_t typed_array_element_size(TAKind kind);
const char *typed_array_name(TAKind kind);
/* TypedArrayLength with IsTypedArrayOutOfBounds: the current element count, or -1 when the view
 * is out of bounds (detached buffer, or a shrunk resizable buffer). */
double typed_array_length(Value ta);
/* Raw element access (index must be valid): reads return canonical numbers. Number kinds only. */
Value typed_array_read(TAKind kind, const uint8_t *p);
void typed_array_write(TAKind kind, uint8_t *p, double d);
/* Element access for every kind (ContentType BigInt included). read_value allocates a BigInt for
 * the BigInt kinds (VAL_EXCEPTION when out of memory). convert is ToBigInt or ToNumber as the kind
 * requires and returns the converted Value; store writes an already converted Value. */
static inline bool typed_array_kind_is_bigint(TAKind kind) { return kind >= TA_BIGINT64; }
Value typed_array_read_value(Isolate *iso, TAKind kind, const uint8_t *p);
Value typed_array_convert(Isolate *iso, TAKind kind, Value v);
void typed_array_store(TAKind kind, uint8_t *p, Value converted);
/* IEEE binary16 conversions (round to nearest, ties to even). */
uint16_t typed_array_f64_to_f16(double x);
double typed_array_f16_to_f64(uint16_t h);
/* Installs the Uint8Array base64/hex methods (typed-array-base64.c). */
int typed_array_install_base64(Isolate *iso, Realm *realm);

#endif
