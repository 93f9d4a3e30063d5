/*
 * The public API, weak persistent handles (V8's SetWeak with kParameter, first-pass callbacks).
 *
 * A weak persistent is not visited as a root. After marking, the collector calls api_weak_process
 * (a heap weak callback): every weak handle whose object is unmarked is cleared (set to
 * undefined) and flagged pending. The collector must not run embedder code, so the callbacks run
 * later, at the next safe point, through api_run_weak_callbacks: the end of an explicit
 * collection, of a handle scope, or of an API call that ran JavaScript. Each runs exactly once
 * (the pending flag is cleared before the call; the handle is no longer weak). Disposing the
 * isolate kills every object: the callbacks of weak handles still set run then (api_weak_dispose).
 */
#include "api/api-internal.h"

void api_weak_process(Isolate *iso, void *data) {
  ApiState *api = data;
  for (struct petrel_persistent *p = api->persistents; p != NULL; p = p->next) {
    if (p->weak_cb == NULL || p->weak_pending || !val_is_pointer(p->value)) continue;
    /* In a scavenge a surviving young object may have moved: follow it. */
    HeapObject *alive = heap_weak_forward(val_to_ptr(p->value));
    if (alive) {
      p->value = val_from_ptr(alive);
      continue;
    }
    p->value = VAL_UNDEFINED;
    p->weak_pending = true;
    api->weak_pending_count++;
  }
}

void api_run_weak_callbacks(Isolate *iso) {
  ApiState *api = iso->api;
  if (api->running_weak_callbacks) return; /* a callback that triggers the check again */
  api->running_weak_callbacks = true;
  /* A callback may release any persistent (also others than its own), so rescan from the head
   * after each call instead of holding a pointer into the list. */
  while (api->weak_pending_count > 0) {
    struct petrel_persistent *p = api->persistents;
    while (p != NULL && !p->weak_pending) p = p->next;
    if (p == NULL) {
      api->weak_pending_count = 0;
      break;
    }
    petrel_weak_callback cb = p->weak_cb;
    void *param = p->weak_param;
    p->weak_pending = false;
    p->weak_cb = NULL;
    p->weak_param = NULL;
    api->weak_pending_count--;
    cb(api_public(iso), p, param);
  }
  api->running_weak_callbacks = false;
}

void api_weak_dispose(Isolate *iso) {
  ApiState *api = iso->api;
  api_run_weak_callbacks(iso);
  /* Every object dies with the isolate: the weak handles still set get their callbacks now, so
   * C structs owned by wrappers (and external strings' characters) are released, not leaked. */
  for (;;) {
    struct petrel_persistent *p = api->persistents;
    while (p != NULL && p->weak_cb == NULL) p = p->next;
    if (p == NULL) break;
    petrel_weak_callback cb = p->weak_cb;
    void *param = p->weak_param;
    p->weak_cb = NULL;
    p->weak_param = NULL;
    p->value = VAL_UNDEFINED;
    cb(api_public(iso), p, param);
  }
}

void petrel_persistent_set_weak(petrel_isolate *iso, petrel_persistent *p, void *param,
                                petrel_weak_callback callback) {
  if (p == NULL || callback == NULL) return;
  p->weak_cb = callback;
  p->weak_param = param;
}

void *petrel_persistent_clear_weak(petrel_isolate *iso, petrel_persistent *p) {
  if (p == NULL || p->weak_cb == NULL) return NULL;
  void *param = p->weak_param;
  if (p->weak_pending) {
    /* Already collected: the callback is cancelled. */
    p->weak_pending = false;
    api_iso(iso)->api->weak_pending_count--;
  }
  p->weak_cb = NULL;
  p->weak_param = NULL;
  return param;
}

bool petrel_persistent_is_weak(petrel_persistent *p) { return p != NULL && p->weak_cb != NULL; }

bool petrel_persistent_is_empty(petrel_persistent *p) { return p == NULL || p->value == VAL_UNDEFINED; }
