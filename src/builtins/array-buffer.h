/*
 * ArrayBuffer (ECMA-262 25.1) for C code: the API, the shell's readbuffer and $262, and later
 * typed arrays and DataView. The bytes live in C memory owned by the buffer (freed by the
 * collector's finalizer or on detach). A resizable buffer reallocates its bytes on resize, so
 * code must reread `data` after anything that can run JavaScript.
 */
#ifndef PETREL_BUILTINS_ARRAY_BUFFER_H
#define PETREL_BUILTINS_ARRAY_BUFFER_H

#include <stdatomic.h>

#include "objects/js-object.h"

/* The bytes of a SharedArrayBuffer (shared-array-buffer.c): malloc'd once at their maximum size
 * (a growable buffer never moves, since other threads read it without a lock), reference counted
 * by every JSArrayBuffer in every isolate that holds them, freed when the last one lets go. */
typedef struct SharedStore {
  _Atomic size_t refcount;
  _Atomic size_t byte_length; /* grows (never shrinks) under compare-and-swap */
  size_t max_byte_length;
  bool growable;
  uint8_t *data;
} SharedStore;

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
  /* Writers test both flags with one load (`unwritable`, the interpreter's typed-array store fast
   * path); readers test `detached` alone. */
  union {
    struct {
      bool detached;
      bool immutable; /* [[ArrayBufferIsImmutable]]: never written, detached or resized */
    };
    uint16_t unwritable; /* nonzero when detached or immutable */
  };
  /* Embedder memory (petrel_array_buffer_new_external): released through free_cb instead of
   * free(); NULL for buffers whose bytes the engine allocated. */
  void (*free_cb)(void *data, size_t length, void *param);
  void *free_param;
  SharedStore *shared; /* non-NULL for a SharedArrayBuffer (one reference held) */
  const ArrayBufferAllocator *allocator; /* that made `data` (NULL: calloc); byte_length bytes */
} JSArrayBuffer;

static inline bool array_buffer_is(Value v) {
  return val_is_pointer(v) && heap_object_type(val_to_ptr(v)) == IT_JS_ARRAY_BUFFER;
}
static inline JSArrayBuffer *js_array_buffer(Value v) { return (JSArrayBuffer *)val_to_ptr(v); }

/* ArrayBufferByteLength(buffer, seq-cst): a growable SharedArrayBuffer may grow on another thread. */
static inline size_t array_buffer_byte_length(const JSArrayBuffer *ab) {
  return ab->shared ? atomic_load(&ab->shared->byte_length) : ab->byte_length;
}
static inline bool array_buffer_is_shared(Value v) { return array_buffer_is(v) && js_array_buffer(v)->shared; }
/* IsImmutableBuffer (the immutable-ArrayBuffer proposal). */
static inline bool array_buffer_is_immutable(Value v) { return array_buffer_is(v) && js_array_buffer(v)->immutable; }

/* Shared stores (shared-array-buffer.c). new: NULL on allocation failure (no exception). */
SharedStore *shared_store_new(size_t length, size_t max_length, bool growable);
void shared_store_retain(SharedStore *s);
void shared_store_release(SharedStore *s);
/* A SharedArrayBuffer object over `store` in the current realm (takes a new reference). */
Value shared_array_buffer_from_store(Isolate *iso, SharedStore *store);

/* GetArrayBufferMaxByteLengthOption(options): *max = -1 when absent; -1 with the exception pending. */
int array_buffer_max_length_option(Isolate *iso, Value options, double *max);
/* AllocateArrayBuffer(%ArrayBuffer%, length) in the current realm; RangeError when too large. */
Value array_buffer_new(Isolate *iso, size_t length);
/* A fixed-length ArrayBuffer over embedder memory; free_cb(data, length, param) runs once when the
 * bytes are released (collection, detach, isolate teardown). free_cb may be NULL. */
Value array_buffer_new_external(Isolate *iso, void *data, size_t length,
                                void (*free_cb)(void *data, size_t length, void *param), void *param);
/* DetachArrayBuffer(buffer, key): TypeError when the key does not match, or the buffer is shared
 * or immutable. */
int array_buffer_detach(Isolate *iso, Value buffer, Value key);

#endif
