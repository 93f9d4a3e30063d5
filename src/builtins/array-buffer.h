/*
 * ArrayBuffer (ECMA-262 25.1) for C code: the API, the shell's readbuffer and $262, and later
 * typed arrays and DataView. The bytes live in C memory owned by the buffer (freed by the
 * collector's finalizer or on detach). A resizable buffer reallocates its bytes on resize, so
 * code must reread `data` after anything that can run JavaScript.
 */
#ifndef PETREL_BUILTINS_ARRAY_BUFFER_H
#define PETREL_BUILTINS_ARRAY_BUFFER_H

#include "objects/js-object.h"

/* Where backing stores come from: the embedder's allocator (petrel_isolate_params; the same layout
 * as petrel_array_buffer_allocator), or calloc/free when an isolate has none. allocate returns
 * zero-filled bytes; free gets the pointer and the length it was allocated with. */
typedef struct ArrayBufferAllocator {
  void *(*allocate)(void *data, size_t length);
  void (*free)(void *data, void *bytes, size_t length);
  void *data;
} ArrayBufferAllocator;

typedef struct JSArrayBuffer {
  JSObject base;
  Value detach_key;  /* [[ArrayBufferDetachKey]] (undefined) */
  /* Raw fields (not visited). */
  uint8_t *data;     /* NULL when detached or empty */
  size_t byte_length;
  size_t max_byte_length; /* resizable buffers: [[ArrayBufferMaxByteLength]]; else byte_length */
  bool resizable;
  bool detached;
  const ArrayBufferAllocator *allocator; /* that made `data` (NULL: calloc); byte_length bytes */
} JSArrayBuffer;

static inline bool array_buffer_is(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ARRAY_BUFFER;
}
static inline JSArrayBuffer *js_array_buffer(Value v) { return (JSArrayBuffer *)val_to_ptr(v); }

/* AllocateArrayBuffer(%ArrayBuffer%, length) in the current realm; RangeError when too large. */
Value array_buffer_new(Isolate *iso, size_t length);
/* DetachArrayBuffer(buffer, key): TypeError when the key does not match. */
int array_buffer_detach(Isolate *iso, Value buffer, Value key);

#endif
