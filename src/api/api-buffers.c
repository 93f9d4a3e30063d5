/*
 * The public API: ArrayBuffers (also over embedder memory with a free callback) and typed
 * arrays.
 */
#include "api/api-internal.h"

#include <stdlib.h>

#include "builtins/array-buffer.h"
#include "builtins/typed-array.h"
#include "objects/js-object.h"

#define V(h) api_val(h)

/* ---- ArrayBuffers ------------------------------------------------------------------------- */

petrel_value *petrel_array_buffer_new(petrel_context *ctx, size_t length) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value b = array_buffer_new(iso, length);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, b);
}

void *petrel_array_buffer_data(petrel_value *buffer) {
  return array_buffer_is(V(buffer)) ? js_array_buffer(V(buffer))->data : NULL;
}

size_t petrel_array_buffer_byte_length(petrel_value *buffer) {
  return array_buffer_is(V(buffer)) ? array_buffer_byte_length(js_array_buffer(V(buffer))) : 0;
}

bool petrel_array_buffer_is_immutable(petrel_value *buffer) { return array_buffer_is_immutable(V(buffer)); }

bool petrel_array_buffer_detach(petrel_context *ctx, petrel_value *buffer) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  int r;
  if (!array_buffer_is(V(buffer))) r = (rt_throw_type_error(iso, "not an ArrayBuffer"), -1);
  else r = array_buffer_detach(iso, V(buffer), VAL_UNDEFINED);
  return api_status(iso, saved, r, NULL);
}

/* ---- Typed arrays ------------------------------------------------------------------------- */

static const int typed_array_ctor[] = {
    INTRINSIC_INT8_ARRAY,    INTRINSIC_UINT8_ARRAY,  INTRINSIC_UINT8_CLAMPED_ARRAY, INTRINSIC_INT16_ARRAY,
    INTRINSIC_UINT16_ARRAY,  INTRINSIC_INT32_ARRAY,  INTRINSIC_UINT32_ARRAY,        INTRINSIC_FLOAT16_ARRAY,
    INTRINSIC_FLOAT32_ARRAY, INTRINSIC_FLOAT64_ARRAY, INTRINSIC_BIGINT64_ARRAY,    INTRINSIC_BIGUINT64_ARRAY};
_Static_assert(PT_ARRAY_LEN(typed_array_ctor) == TA_KIND_COUNT, "one constructor per kind");
_Static_assert((int)PETREL_FLOAT64_ARRAY == (int)TA_FLOAT64 && (int)PETREL_INT8_ARRAY == (int)TA_INT8 &&
                   (int)PETREL_BIGUINT64_ARRAY == (int)TA_BIGUINT64,
               "petrel_typed_array_kind follows TAKind");

bool petrel_typed_array_new(petrel_context *ctx, petrel_typed_array_kind kind, petrel_value *buffer,
                            size_t byte_offset, size_t length, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value r;
  if ((unsigned)kind >= TA_KIND_COUNT) r = rt_throw_range_error(iso, "unknown typed array kind");
  else if (!array_buffer_is(V(buffer))) r = rt_throw_type_error(iso, "not an ArrayBuffer");
  else {
    Value ctor = intrinsic(iso, typed_array_ctor[kind]);
    Value args[3] = {V(buffer), val_from_number((double)byte_offset), val_from_number((double)length)};
    r = rt_construct(iso, ctor, 3, args, ctor);
  }
  return api_result(iso, saved, r, out);
}

bool petrel_value_is_typed_array(petrel_value *v) { return typed_array_is(V(v)); }

petrel_typed_array_kind petrel_typed_array_get_kind(petrel_value *v) {
  return typed_array_is(V(v)) ? (petrel_typed_array_kind)js_typed_array(V(v))->kind : PETREL_UINT8_ARRAY;
}

size_t petrel_typed_array_length(petrel_value *v) {
  if (!typed_array_is(V(v))) return 0;
  double n = typed_array_length(V(v));
  return n > 0 ? (size_t)n : 0;
}

size_t petrel_typed_array_byte_offset(petrel_value *v) {
  return typed_array_is(V(v)) ? js_typed_array(V(v))->byte_offset : 0;
}

petrel_value *petrel_typed_array_buffer(petrel_isolate *iso, petrel_value *v) {
  return api_local(api_iso(iso), typed_array_is(V(v)) ? js_typed_array(V(v))->buffer : VAL_UNDEFINED);
}

/* ---- ArrayBuffers over embedder memory -------------------------------------------------- */

petrel_value *petrel_array_buffer_new_external(petrel_context *ctx, void *data, size_t length,
                                               petrel_backing_store_free free_cb, void *param) {
  Isolate *iso = ctx->iso;
  if (data == NULL && length > 0) {
    rt_throw_range_error(iso, "external ArrayBuffer without data");
    api_exception(iso);
    return NULL;
  }
  Realm *saved = api_enter_realm(ctx);
  return api_local_after(ctx, saved, array_buffer_new_external(iso, data, length, free_cb, param));
}
