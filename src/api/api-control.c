/*
 * The public API, isolate control: lockers and the owner thread, interrupt requests, the heap
 * limit callback, heap statistics, external memory, GC callbacks, fatal-error handlers
 * (include/petrel.h, "Threads: lockers" to "Fatal errors"). The engine side is
 * execution/isolate-control.c and the heap's hooks (heap/heap.h).
 */
#include "api/api-internal.h"

#include <stddef.h>
#include <stdlib.h>

#include "builtins/array-buffer.h"
#include "execution/isolate-control.h"

/* petrel_isolate_params.array_buffer_allocator is used as the engine's ArrayBufferAllocator. */
_Static_assert(sizeof(petrel_array_buffer_allocator) == sizeof(ArrayBufferAllocator) &&
                   offsetof(petrel_array_buffer_allocator, allocate) == offsetof(ArrayBufferAllocator, allocate) &&
                   offsetof(petrel_array_buffer_allocator, free) == offsetof(ArrayBufferAllocator, free) &&
                   offsetof(petrel_array_buffer_allocator, data) == offsetof(ArrayBufferAllocator, data),
               "the public ArrayBuffer allocator mirrors the engine's");

_Static_assert(sizeof(petrel_gc_reason) == sizeof(int), "petrel_gc_reason is an int enum");
_Static_assert((int)PETREL_GC_ALLOCATION == (int)GC_REASON_ALLOCATION && (int)PETREL_GC_EXPLICIT == (int)GC_REASON_EXPLICIT &&
                   (int)PETREL_GC_STRESS == (int)GC_REASON_STRESS && (int)PETREL_GC_LOW_MEMORY == (int)GC_REASON_LOW_MEMORY,
               "public GC reasons mirror the heap's");

/* Per-isolate state of this file, made on first use (always on the isolate's thread) and freed
 * with the isolate. */
typedef struct GcCallbackRecord {
  struct GcCallbackRecord *next;
  petrel_isolate *iso;
  petrel_gc_callback cb;
  void *data;
  bool epilogue;
} GcCallbackRecord;

typedef struct ApiControl {
  GcCallbackRecord *gc_callbacks;
  petrel_near_heap_limit_callback near_limit_cb;
  void *near_limit_data;
} ApiControl;

static void api_control_dispose(Isolate *iso, void *data) {
  ApiControl *c = data;
  for (GcCallbackRecord *r = c->gc_callbacks, *n; r != NULL; r = n) {
    n = r->next;
    free(r);
  }
  free(c);
  iso->control->api = NULL;
}

static ApiControl *api_control(Isolate *iso) {
  if (iso->control->api != NULL) return iso->control->api;
  ApiControl *c = calloc(1, sizeof *c);
  if (c == NULL) PT_FATAL("out of memory creating the isolate's control state");
  if (isolate_add_dispose_callback(iso, api_control_dispose, c) < 0) PT_FATAL("out of memory creating the isolate's control state");
  iso->control->api = c;
  return c;
}

/* ---- Lockers and threads ------------------------------------------------------------------ */

void petrel_locker_lock(petrel_isolate *piso, petrel_locker *locker) {
  Isolate *iso = api_iso(piso);
  locker->isolate = piso;
  locker->reserved[0] = (void *)isolate_thread_id();
  locker->reserved[1] = NULL;
  isolate_lock(iso);
}

bool petrel_locker_unlock(petrel_locker *locker) {
  if (locker == NULL || locker->isolate == NULL) return false;
  if ((uintptr_t)locker->reserved[0] != isolate_thread_id()) return false;
  if (!isolate_unlock(api_iso(locker->isolate))) return false;
  locker->isolate = NULL;
  return true;
}

bool petrel_locker_is_locked(petrel_isolate *iso) { return isolate_is_locked_by_me(api_iso(iso)); }

bool petrel_isolate_is_current_thread(petrel_isolate *iso) { return isolate_on_owner_thread(api_iso(iso)); }

/* ---- Interrupts ----------------------------------------------------------------------------- */

typedef struct InterruptRequest {
  petrel_interrupt_callback cb;
  void *data;
} InterruptRequest;

/* On the isolate's thread, at a poll: the embedder's callback gets a handle scope of its own, and
 * its exceptions (none are expected) do not leak into the interrupted code. */
static void api_run_interrupt(Isolate *iso, void *data) {
  InterruptRequest req = *(InterruptRequest *)data;
  free(data);
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  Value saved_exc = iso->pending_exception, saved_msg = iso->pending_message;
  req.cb(api_public(iso), req.data);
  if (!iso->terminating) {
    iso->pending_exception = saved_exc;
    iso->pending_message = saved_msg;
  }
  petrel_handle_scope_close(&scope);
}

bool petrel_isolate_request_interrupt(petrel_isolate *piso, petrel_interrupt_callback callback, void *data) {
  if (callback == NULL) return false;
  InterruptRequest *req = malloc(sizeof *req);
  if (req == NULL) return false;
  req->cb = callback;
  req->data = data;
  if (isolate_request_interrupt_callback(api_iso(piso), api_run_interrupt, req) < 0) {
    free(req);
    return false;
  }
  return true;
}

/* ---- Heap limit and statistics -------------------------------------------------------------- */

static size_t api_near_limit(Isolate *iso, size_t current, size_t initial, void *data) {
  ApiControl *c = data;
  if (c->near_limit_cb == NULL) return current;
  return c->near_limit_cb(api_public(iso), current, initial, c->near_limit_data);
}

void petrel_isolate_set_near_heap_limit_callback(petrel_isolate *piso, petrel_near_heap_limit_callback cb,
                                                 void *data) {
  Isolate *iso = api_iso(piso);
  ApiControl *c = api_control(iso);
  c->near_limit_cb = cb;
  c->near_limit_data = data;
  heap_set_near_limit_callback(iso, cb ? api_near_limit : NULL, cb ? c : NULL);
}

void petrel_isolate_restore_heap_limit(petrel_isolate *piso, size_t limit) {
  Isolate *iso = api_iso(piso);
  heap_set_limit(iso, limit ? limit : heap_initial_limit(iso));
}

void petrel_isolate_get_heap_statistics(petrel_isolate *piso, petrel_heap_statistics *out) {
  Isolate *iso = api_iso(piso);
  HeapStats st;
  heap_get_stats(iso, &st);
  out->total_heap_size = st.committed_bytes;
  out->used_heap_size = st.used_bytes;
  out->heap_size_limit = st.limit_bytes;
  out->external_memory = st.external_bytes;
  out->gc_count = (size_t)st.gc_count;
  out->gc_total_ms = st.gc_total_ms;
  out->initial_young_bytes = iso->control->initial_young_bytes;
  out->max_young_bytes = iso->control->max_young_bytes;
}

int64_t petrel_isolate_adjust_external_memory(petrel_isolate *iso, int64_t change_in_bytes) {
  return heap_adjust_external_memory(api_iso(iso), change_in_bytes);
}

void petrel_isolate_low_memory_notification(petrel_isolate *piso) {
  Isolate *iso = api_iso(piso);
  /* Called between scripts: the dead stack holds nothing the embedder still uses. */
  isolate_clear_dead_stack(iso);
  heap_collect(iso, GC_REASON_LOW_MEMORY);
}

/* ---- GC callbacks --------------------------------------------------------------------------- */

static void api_gc_hook(Isolate *iso, GcReason reason, bool epilogue, void *data) {
  GcCallbackRecord *r = data;
  if (r->epilogue == epilogue) r->cb(api_public(iso), (petrel_gc_reason)reason, r->data);
}

static void api_add_gc_callback(petrel_isolate *piso, petrel_gc_callback cb, void *data, bool epilogue) {
  if (cb == NULL) return;
  Isolate *iso = api_iso(piso);
  ApiControl *c = api_control(iso);
  GcCallbackRecord *r = malloc(sizeof *r);
  if (r == NULL) PT_FATAL("out of memory registering a GC callback");
  *r = (GcCallbackRecord){c->gc_callbacks, piso, cb, data, epilogue};
  c->gc_callbacks = r;
  heap_add_gc_hook(iso, api_gc_hook, r);
}

static void api_remove_gc_callback(petrel_isolate *piso, petrel_gc_callback cb, void *data, bool epilogue) {
  Isolate *iso = api_iso(piso);
  ApiControl *c = api_control(iso);
  for (GcCallbackRecord **link = &c->gc_callbacks; *link != NULL; link = &(*link)->next) {
    GcCallbackRecord *r = *link;
    if (r->cb == cb && r->data == data && r->epilogue == epilogue) {
      *link = r->next;
      heap_remove_gc_hook(iso, api_gc_hook, r);
      free(r);
      return;
    }
  }
}

void petrel_isolate_add_gc_prologue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data) {
  api_add_gc_callback(iso, cb, data, false);
}
void petrel_isolate_remove_gc_prologue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data) {
  api_remove_gc_callback(iso, cb, data, false);
}
void petrel_isolate_add_gc_epilogue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data) {
  api_add_gc_callback(iso, cb, data, true);
}
void petrel_isolate_remove_gc_epilogue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data) {
  api_remove_gc_callback(iso, cb, data, true);
}

/* ---- Fatal errors --------------------------------------------------------------------------- */

static _Atomic(petrel_fatal_error_callback) fatal_handler;
static _Atomic(petrel_oom_error_callback) oom_handler;

/* pt_fatal's hook: C-memory exhaustion (messages starting "out of memory") goes to the OOM
 * handler, everything else to the fatal-error handler. */
static void api_fatal_hook(const char *location, const char *message) {
  petrel_oom_error_callback oom = atomic_load(&oom_handler);
  if (oom != NULL && strncmp(message, "out of memory", 13) == 0) {
    oom(location, message);
    return;
  }
  petrel_fatal_error_callback fatal = atomic_load(&fatal_handler);
  if (fatal != NULL) fatal(location, message);
}

static void api_update_fatal_hook(void) {
  bool any = atomic_load(&fatal_handler) != NULL || atomic_load(&oom_handler) != NULL;
  pt_set_fatal_hook(any ? api_fatal_hook : NULL);
}

void petrel_set_fatal_error_handler(petrel_fatal_error_callback handler) {
  atomic_store(&fatal_handler, handler);
  api_update_fatal_hook();
}

void petrel_set_oom_error_handler(petrel_oom_error_callback handler) {
  atomic_store(&oom_handler, handler);
  api_update_fatal_hook();
}
