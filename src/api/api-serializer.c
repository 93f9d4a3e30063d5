/*
 * The structured-clone API (include/petrel.h, "Structured clone"): thin wrappers over
 * objects/value-serializer.c that switch to the context's realm and route exceptions.
 */
#include <stdlib.h>

#include "api/api-internal.h"
#include "objects/value-serializer.h"

#define V(h) api_val(h)

struct petrel_serializer {
  petrel_context *ctx;
  ValueSerializer vs;
};

struct petrel_deserializer {
  petrel_context *ctx;
  ValueDeserializer vd;
};

static bool finish(Isolate *iso, Realm *saved, int r) {
  api_leave_realm(iso, saved);
  return r < 0 ? api_exception(iso) : true;
}

petrel_serializer *petrel_serializer_new(petrel_context *ctx) {
  petrel_serializer *s = calloc(1, sizeof *s);
  if (s == NULL) return NULL;
  s->ctx = ctx;
  Realm *saved = api_enter_realm(ctx);
  int r = vs_init(&s->vs, ctx->iso);
  api_leave_realm(ctx->iso, saved);
  if (r < 0) {
    isolate_take_exception(ctx->iso);
    vs_free(&s->vs);
    free(s);
    return NULL;
  }
  return s;
}

void petrel_serializer_write_header(petrel_serializer *s) {
  Isolate *iso = s->ctx->iso;
  Realm *saved = api_enter_realm(s->ctx);
  finish(iso, saved, vs_write_header(&s->vs));
}

bool petrel_serializer_write_value(petrel_serializer *s, petrel_value *value) {
  Isolate *iso = s->ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(s->ctx);
  return finish(iso, saved, vs_write_value(&s->vs, V(value)));
}

bool petrel_serializer_transfer_array_buffer(petrel_serializer *s, uint32_t id, petrel_value *buffer) {
  Isolate *iso = s->ctx->iso;
  Realm *saved = api_enter_realm(s->ctx);
  return finish(iso, saved, vs_transfer_array_buffer(&s->vs, id, V(buffer)));
}

size_t petrel_serializer_shared_memory(petrel_serializer *s, petrel_shared_memory *const **list) {
  if (list) *list = (petrel_shared_memory *const *)s->vs.shared;
  return s->vs.shared_count;
}

petrel_shared_memory *petrel_serializer_share_memory(petrel_serializer *s, size_t i) {
  if (i >= s->vs.shared_count) return NULL;
  shared_store_retain(s->vs.shared[i]);
  return (petrel_shared_memory *)s->vs.shared[i];
}

uint8_t *petrel_serializer_release(petrel_serializer *s, size_t *size) { return vs_release(&s->vs, size); }

void petrel_serializer_free(petrel_serializer *s) {
  if (s == NULL) return;
  vs_free(&s->vs);
  free(s);
}

petrel_deserializer *petrel_deserializer_new(petrel_context *ctx, const uint8_t *data, size_t size) {
  petrel_deserializer *d = calloc(1, sizeof *d);
  if (d == NULL) return NULL;
  d->ctx = ctx;
  Realm *saved = api_enter_realm(ctx);
  int r = vd_init(&d->vd, ctx->iso, data, size);
  api_leave_realm(ctx->iso, saved);
  if (r < 0) {
    isolate_take_exception(ctx->iso);
    vd_free(&d->vd);
    free(d);
    return NULL;
  }
  return d;
}

bool petrel_deserializer_read_header(petrel_deserializer *d) {
  Isolate *iso = d->ctx->iso;
  Realm *saved = api_enter_realm(d->ctx);
  return finish(iso, saved, vd_read_header(&d->vd));
}

bool petrel_deserializer_read_value(petrel_deserializer *d, petrel_value **out) {
  Isolate *iso = d->ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(d->ctx);
  Value v = vd_read_value(&d->vd);
  api_leave_realm(iso, saved);
  if (v == VAL_EXCEPTION) return api_exception(iso);
  *out = api_local(iso, v);
  return true;
}

bool petrel_deserializer_transfer_array_buffer(petrel_deserializer *d, uint32_t id, petrel_value *buffer) {
  Isolate *iso = d->ctx->iso;
  Realm *saved = api_enter_realm(d->ctx);
  return finish(iso, saved, vd_transfer_array_buffer(&d->vd, id, V(buffer)));
}

void petrel_deserializer_set_shared_memory(petrel_deserializer *d, petrel_shared_memory *const *list, size_t count) {
  d->vd.shared = (SharedStore *const *)list;
  d->vd.shared_count = count;
}

void petrel_deserializer_free(petrel_deserializer *d) {
  if (d == NULL) return;
  vd_free(&d->vd);
  free(d);
}
