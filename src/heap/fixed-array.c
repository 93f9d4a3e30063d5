/* FixedArray, ByteArray and Foreign: layouts, constructors, heap registration. */
#include "heap/fixed-array.h"

static size_t fixed_array_size(const HeapObject *o) {
  return sizeof(FixedArray) + (size_t)((const FixedArray *)o)->length * sizeof(Value);
}
static void fixed_array_visit(HeapObject *o, HeapVisitor *v) {
  FixedArray *a = (FixedArray *)o;
  heap_visit_values(v, a->data, a->length);
}
static size_t byte_array_size(const HeapObject *o) {
  return sizeof(ByteArray) + ((const ByteArray *)o)->length;
}
static size_t foreign_size(const HeapObject *o) {
  PT_UNUSED(o);
  return sizeof(Foreign);
}
static void foreign_finalize(HeapObject *o) {
  Foreign *f = (Foreign *)o;
  if (f->finalizer) f->finalizer(f->ptr);
}

void fixed_array_register_types(void) {
  heap_register_type(IT_FIXED_ARRAY, fixed_array_size, fixed_array_visit, NULL);
  heap_register_type(IT_BYTE_ARRAY, byte_array_size, NULL, NULL);
  heap_register_type(IT_FOREIGN, foreign_size, NULL, foreign_finalize);
}

FixedArray *fixed_array_new(Isolate *iso, uint32_t length, Value fill) {
  if (length > FIXED_ARRAY_MAX_LENGTH) {
    isolate_throw_oom(iso);
    return NULL;
  }
  FixedArray *a = heap_alloc(iso, sizeof(FixedArray) + (size_t)length * sizeof(Value),
                             map_for_type(iso, IT_FIXED_ARRAY));
  if (!a) return NULL;
  a->length = length;
  for (uint32_t i = 0; i < length; i++) a->data[i] = fill;
  return a;
}

FixedArray *fixed_array_resize(Isolate *iso, FixedArray *a, uint32_t new_length, Value fill) {
  FixedArray *n = fixed_array_new(iso, new_length, fill);
  if (!n) return NULL;
  uint32_t keep = a->length < new_length ? a->length : new_length;
  memcpy(n->data, a->data, keep * sizeof(Value));
  return n;
}

ByteArray *byte_array_new(Isolate *iso, uint32_t length) {
  ByteArray *a = heap_alloc(iso, sizeof(ByteArray) + length, map_for_type(iso, IT_BYTE_ARRAY));
  if (!a) return NULL;
  a->length = length;
  return a;
}

Foreign *foreign_new(Isolate *iso, void *ptr, ForeignFinalizer finalizer) {
  Foreign *f = heap_alloc(iso, sizeof(Foreign), map_for_type(iso, IT_FOREIGN));
  if (!f) return NULL;
  f->ptr = ptr;
  f->finalizer = finalizer;
  return f;
}
