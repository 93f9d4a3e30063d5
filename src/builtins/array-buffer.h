/*
 * ArrayBuffer (ECMA-262 25.1) for C code: the API, the shell's readbuffer and $262, and later
 * typed arrays and DataView. The bytes live in C memory owned by the buffer (freed by the
 * collector's finalizer or on detach). A resizable buffer reallocates its bytes on resize, so
 * code must reread `data` after anything that can run JavaScript.
 */
#ifndef PETREL_BUILTINS_ARRAY_BUFFER_H
#define PETREL_BUILTINS_ARRAY_BUFFER_H

#include "objects/js-object.h"

typedef struct JSArrayBuffer {
  JSObject base;
  Value detach_key;  /* [[ArrayBufferDetachKey]] (undefined) */
  /* Raw fields (not visited). */
  uint8_t *data;     /* NULL when detached or empty */
  size_t byte_length;
  size_t max_byte_length; /* resizable buffers: [[ArrayBufferMaxByteLength]]; else byte_length */
  bool resizable;
  bool detached;
  /* Embedder memory (petrel_array_buffer_new_external): released through free_cb instead of
   * free(); NULL for buffers whose bytes the engine allocated. */
  void (*free_cb)(void *data, size_t length, void *param);
  void *free_param;
} JSArrayBuffer;

static inline bool array_buffer_is(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ARRAY_BUFFER;
}
static inline JSArrayBuffer *js_array_buffer(Value v) { return (JSArrayBuffer *)val_to_ptr(v); }

/* AllocateArrayBuffer(%ArrayBuffer%, length) in the current realm; RangeError when too large. */
Value array_buffer_new(Isolate *iso, size_t length);
/* A fixed-length ArrayBuffer over embedder memory; free_cb(data, length, param) runs once when the
 * bytes are released (collection, detach, isolate teardown). free_cb may be NULL. */
Value array_buffer_new_external(Isolate *iso, void *data, size_t length,
                                void (*free_cb)(void *data, size_t length, void *param), void *param);
/* DetachArrayBuffer(buffer, key): TypeError when the key does not match. */
int array_buffer_detach(Isolate *iso, Value buffer, Value key);

#endif
