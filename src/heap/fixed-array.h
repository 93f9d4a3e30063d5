/*
 * The heap's raw containers, used by every module for internal storage:
 *   FixedArray  a length and that many Values (visited by the collector);
 *   ByteArray   a length and that many bytes (never visited);
 *   Foreign     a C pointer with an optional finalizer, run when the object dies.
 */
#ifndef PETREL_HEAP_FIXED_ARRAY_H
#define PETREL_HEAP_FIXED_ARRAY_H

#include "execution/isolate.h"

typedef struct FixedArray {
  HeapObject header; /* IT_FIXED_ARRAY */
  uint32_t length;
  uint32_t pad_;
  Value data[];
} FixedArray;

typedef struct ByteArray {
  HeapObject header; /* IT_BYTE_ARRAY */
  uint32_t length;
  uint32_t pad_;
  uint8_t data[];
} ByteArray;

typedef void (*ForeignFinalizer)(void *ptr);
typedef struct Foreign {
  HeapObject header; /* IT_FOREIGN */
  void *ptr;
  ForeignFinalizer finalizer; /* may be NULL */
} Foreign;

#define FIXED_ARRAY_MAX_LENGTH ((uint32_t)1 << 27)

/* New arrays; NULL with the out-of-memory RangeError pending on failure. */
FixedArray *fixed_array_new(Isolate *iso, uint32_t length, Value fill);
/* A copy with new_length slots: the first min(length, new_length) copied, the rest `fill`. */
FixedArray *fixed_array_resize(Isolate *iso, FixedArray *a, uint32_t new_length, Value fill);
static inline Value fixed_array_get(const FixedArray *a, uint32_t i) { return a->data[i]; }
static inline void fixed_array_set(FixedArray *a, uint32_t i, Value v) { WRITE_FIELD(a, a->data[i], v); }
ByteArray *byte_array_new(Isolate *iso, uint32_t length);
Foreign *foreign_new(Isolate *iso, void *ptr, ForeignFinalizer finalizer);

/* Registers the layouts above with the heap (called by isolate_new). */
void fixed_array_register_types(void);

#endif
