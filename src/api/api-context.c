/*
 * The public API, contexts made from a global object template, and the microtask policy.
 *
 * A global template's properties are defined on the new realm's global object with that realm
 * current, so functions from function templates are the new context's own (the template's
 * per-context cache). The global object is an engine object, not an API object, so its internal
 * fields live in the petrel_context (malloc'd) and the internal-field functions find them through
 * the object's heap chunk (its isolate) and the isolate's context list.
 *
 * PETREL_MICROTASKS_AUTO (V8's MicrotasksPolicy::kAuto): every API call that entered a context
 * ends in api_leave_realm, which calls api_auto_checkpoint; the checkpoint runs only when no
 * JavaScript is on the stack (no interpreter frame, not inside a native callback), i.e. when the
 * outermost call returns to the embedder.
 */
#include "api/api-internal.h"

#include <stdlib.h>

#include "execution/microtask.h"
#include "heap/heap-internal.h"
#include "interpreter/frames.h"

petrel_context *petrel_context_new_with_global_template(petrel_isolate *piso, petrel_object_template *tpl) {
  Isolate *iso = api_iso(piso);
  petrel_context *ctx = petrel_context_new(piso);
  if (ctx == NULL || tpl == NULL) return ctx;
  int fields = petrel_object_template_internal_field_count(tpl);
  if (fields > 0) {
    ctx->global_fields = calloc((size_t)fields, sizeof(void *));
    if (ctx->global_fields == NULL) {
      petrel_context_release(ctx);
      isolate_throw_oom(iso);
      api_exception(iso);
      return NULL;
    }
    ctx->global_field_count = fields;
  }
  Realm *realm = (Realm *)val_to_ptr(ctx->realm);
  Realm *saved = iso->realm;
  iso->realm = realm; /* not api_enter_realm: no microtask checkpoint inside context creation */
  int r = api_template_apply(iso, tpl, ctx, realm->global_object);
  iso->realm = saved;
  if (r < 0) {
    petrel_context_release(ctx);
    api_exception(iso);
    return NULL;
  }
  return ctx;
}

void **api_global_fields(Value obj, int *count) {
  *count = 0;
  if (!val_is_object(obj)) return NULL;
  Chunk *chunk = heap_chunk_of(val_to_ptr(obj));
  Isolate *iso = chunk->heap->iso;
  if (iso == NULL || iso->api == NULL) return NULL;
  for (petrel_context *c = iso->api->contexts; c != NULL; c = c->next) {
    if (c->global_field_count == 0) continue;
    Realm *realm = (Realm *)val_to_ptr(c->realm);
    if (realm->global_object == obj) {
      *count = c->global_field_count;
      return c->global_fields;
    }
  }
  return NULL;
}

void petrel_isolate_set_microtasks_policy(petrel_isolate *piso, petrel_microtasks_policy policy) {
  api_iso(piso)->api->microtasks_auto = policy == PETREL_MICROTASKS_AUTO;
}

petrel_microtasks_policy petrel_isolate_get_microtasks_policy(petrel_isolate *piso) {
  return api_iso(piso)->api->microtasks_auto ? PETREL_MICROTASKS_AUTO : PETREL_MICROTASKS_EXPLICIT;
}

void api_auto_checkpoint(Isolate *iso) {
  if (iso->api->callback_level != 0 || iso->terminating) return;
  if (iso->interpreter != NULL && iso->interpreter->top != NULL) return; /* JavaScript below us */
  if (microtask_pending_count(iso) == 0) return;
  /* A failed call's exception is still pending here (it is routed to the try/catch after this);
   * set it aside so the jobs run, then put it back unless the checkpoint was terminated. The
   * values stay alive on the C stack (conservative scan). */
  Value exception = iso->pending_exception, message = iso->pending_message;
  iso->pending_exception = VAL_HOLE;
  iso->pending_message = VAL_HOLE;
  microtask_run(iso);
  if (exception != VAL_HOLE && !isolate_has_exception(iso)) {
    iso->pending_exception = exception;
    iso->pending_message = message;
  }
}
