/*
 * The structured-clone serializer (V8's ValueSerializer wire format, version 15): what
 * postMessage and the embedder API (petrel_serializer_*) use to copy values between isolates.
 * Objects get ids in the order they are first written, so a later occurrence (a cycle, a shared
 * subobject) is a back-reference; ArrayBuffers listed for transfer are written by transfer id,
 * SharedArrayBuffers by index into the serializer's list of shared stores.
 */
#ifndef PETREL_OBJECTS_VALUE_SERIALIZER_H
#define PETREL_OBJECTS_VALUE_SERIALIZER_H

#include "builtins/array-buffer.h"

#define VS_VERSION 15

typedef struct ValueSerializer {
  Isolate *iso;
  uint8_t *buf;
  size_t len, cap;
  Value ids;       /* a Map: object -> id (rooted) */
  Value transfers; /* a Map: ArrayBuffer -> transfer id (rooted) */
  uint32_t next_id;
  SharedStore **shared; /* one reference each */
  size_t shared_count, shared_cap;
} ValueSerializer;

/* 0 / -1 with an exception pending (out of memory). */
int vs_init(ValueSerializer *s, Isolate *iso);
void vs_free(ValueSerializer *s);
int vs_write_header(ValueSerializer *s);
/* Writes one value; -1 with an exception pending (DataCloneError: an Error "... could not be
 * cloned.", or anything a getter threw). */
int vs_write_value(ValueSerializer *s, Value v);
/* Marks an ArrayBuffer to be written as a transfer with this id. */
int vs_transfer_array_buffer(ValueSerializer *s, uint32_t id, Value buffer);
/* Takes the buffer (malloc'd) from the serializer. */
uint8_t *vs_release(ValueSerializer *s, size_t *size);

typedef struct ValueDeserializer {
  Isolate *iso;
  const uint8_t *p, *end;
  uint32_t version;
  Value ids;       /* a Map: id -> object (rooted) */
  Value transfers; /* a Map: transfer id -> ArrayBuffer (rooted) */
  uint32_t next_id;
  SharedStore *const *shared;
  size_t shared_count;
} ValueDeserializer;

int vd_init(ValueDeserializer *d, Isolate *iso, const uint8_t *data, size_t size);
void vd_free(ValueDeserializer *d);
/* Reads and checks the version header: -1 with an Error pending when malformed. */
int vd_read_header(ValueDeserializer *d);
/* One value, or VAL_EXCEPTION (malformed data raises an Error, never crashes). */
Value vd_read_value(ValueDeserializer *d);
int vd_transfer_array_buffer(ValueDeserializer *d, uint32_t id, Value buffer);

#endif
