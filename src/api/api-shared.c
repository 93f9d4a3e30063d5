/*
 * SharedArrayBuffer memory across isolates (include/petrel.h, "SharedArrayBuffers and shared
 * memory"): a petrel_shared_memory is a SharedStore reference (builtins/array-buffer.h).
 */
#include "api/api-internal.h"
#include "builtins/array-buffer.h"
#include "builtins/atomics.h"

#define V(h) api_val(h)

bool petrel_value_is_shared_array_buffer(petrel_value *v) { return array_buffer_is_shared(V(v)); }

petrel_shared_memory *petrel_shared_array_buffer_share(petrel_value *sab) {
  if (!array_buffer_is_shared(V(sab))) return NULL;
  SharedStore *s = js_array_buffer(V(sab))->shared;
  shared_store_retain(s);
  return (petrel_shared_memory *)s;
}

petrel_value *petrel_shared_array_buffer_new_from(petrel_context *ctx, petrel_shared_memory *mem) {
  Isolate *iso = ctx->iso;
  if (mem == NULL) {
    rt_throw_type_error(iso, "petrel_shared_array_buffer_new_from: no shared memory");
    api_exception(iso);
    return NULL;
  }
  Realm *saved = api_enter_realm(ctx);
  Value b = shared_array_buffer_from_store(iso, (SharedStore *)mem);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, b);
}

void petrel_shared_memory_release(petrel_shared_memory *mem) {
  if (mem) shared_store_release((SharedStore *)mem);
}

int petrel_isolate_process_async_waits(petrel_isolate *piso, double block_ms) {
  Isolate *iso = api_iso(piso);
  int resolved;
  int r = atomics_process_async_waits(iso, block_ms, &resolved);
  if (r < 0) {
    /* Termination stays pending for the embedder to cancel; anything else is dropped here. */
    if (!iso->terminating) isolate_take_exception(iso);
    return -1;
  }
  if (resolved > 0) petrel_perform_microtask_checkpoint(piso);
  return r;
}
