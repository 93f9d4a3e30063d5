/*
 * The public API, part 1: process setup, isolates, handle scopes, persistent handles, contexts,
 * try/catch and exception routing, microtasks. Values, objects, functions and scripts are in
 * api-primitives.c, api-object.c, api-function.c and the other api-*.c files.
 */
#include "api/api-internal.h"
#include "api/api-platform.h"

#include <stdio.h>
#include <stdlib.h>

#include "builtins/promise.h"
#include "execution/flags.h"
#include "execution/isolate-control.h"
#include "execution/messages.h"
#include "execution/microtask.h"
#include "interpreter/interpreter.h"
#include "objects/names.h"

_Static_assert(sizeof(void *) == sizeof(Value), "handle scope and try/catch slots hold Values");

/* try/catch private slots. */
enum { TC_PREV, TC_LEVEL, TC_EXCEPTION, TC_MESSAGE, TC_FLAGS };
enum { TC_FLAG_CAUGHT = 1, TC_FLAG_TERMINATED = 2 };
/* handle scope private slots. */
enum { HS_SAVED_CURRENT, HS_SAVED_NEXT, HS_PREV, HS_ESCAPE_SLOT };

static inline Value *slot_value(void **slot) { return (Value *)(void *)slot; }

/* ---- Process ------------------------------------------------------------------------------ */

bool petrel_initialize(void) { return api_platform_initialize(); }
void petrel_dispose(void) { api_platform_dispose(); }

void petrel_set_flags_from_command_line(int *argc, char **argv) { *argc = flags_parse(*argc, argv); }

void petrel_print_flags_help(void *file) { flags_print_help(file); }

bool petrel_flag_enabled(const char *name) {
#define API_FLAG_CHECK_BOOL(c, n) if (strcmp(name, n) == 0) return pt_flags.c;
#define API_FLAG_CHECK_INT(c, n)
#define API_FLAG_CHECK_STRING(c, n)
#define API_FLAG_CHECK(type, c, n, def, help) API_FLAG_CHECK_##type(c, n)
  PT_FLAGS(API_FLAG_CHECK)
#undef API_FLAG_CHECK
  return false;
}

const char *petrel_version(void) { return PETREL_VERSION_STRING; }

const char *petrel_features(void) {
  /* Optional features (ICU, ...) add themselves here when they are compiled in. */
  return "";
}

void petrel_free(void *p) { free(p); }

/* ---- Roots -------------------------------------------------------------------------------- */

static void api_visit_roots(Isolate *iso, HeapVisitor *v, void *data) {
  ApiState *api = data;
  for (HandleBlock *b = api->first; b != NULL; b = b->next) {
    Value *end = (b == api->current) ? api->next : b->slots + API_HANDLE_BLOCK_SIZE;
    heap_visit_values(v, b->slots, (size_t)(end - b->slots));
    if (b == api->current) break;
  }
  for (struct petrel_persistent *p = api->persistents; p != NULL; p = p->next)
    if (p->weak_cb == NULL) heap_visit_value(v, &p->value); /* weak ones: api_weak_process */
  api_templates_visit(api, v);
  for (petrel_context *c = api->contexts; c != NULL; c = c->next) heap_visit_value(v, &c->realm);
  for (petrel_function_template *t = api->templates; t != NULL; t = t->next) {
    heap_visit_value(v, &t->data);
    for (int i = 0; i < t->cache_count; i++) heap_visit_value(v, &t->cache[i].fn);
  }
  for (petrel_try_catch *tc = api->try_top; tc != NULL; tc = tc->reserved[TC_PREV]) {
    heap_visit_value(v, slot_value(&tc->reserved[TC_EXCEPTION]));
    heap_visit_value(v, slot_value(&tc->reserved[TC_MESSAGE]));
  }
}

/* ---- Isolates ----------------------------------------------------------------------------- */

static void api_report_job_error(Isolate *iso, Value exception, Value message, void *data);
static void api_track_rejection(Isolate *iso, Value promise, Value reason, PromiseRejectOp op, void *data);

petrel_isolate *petrel_isolate_new(const petrel_isolate_params *params) {
  HeapOptions options = {0};
  options.max_heap_bytes = (size_t)pt_flags.max_heap_size * 1024 * 1024;
  options.stress_gc = pt_flags.stress_gc;
  options.verify_heap = pt_flags.verify_heap;
  options.trace_gc = pt_flags.trace_gc;
  options.trace_gc_verbose = pt_flags.trace_gc_verbose;
  if (params && params->max_heap_bytes) options.max_heap_bytes = params->max_heap_bytes;
  if (params) {
    options.young_bytes = params->initial_young_bytes;
    options.max_young_bytes = params->max_young_bytes;
  }
  Isolate *iso = isolate_new(&options);
  if (iso == NULL) return NULL;
  if (params && params->stack_limit_bytes) {
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (here > params->stack_limit_bytes) iso->stack_limit = here - params->stack_limit_bytes;
    iso->control->stack_limit_bytes = params->stack_limit_bytes;
  }
  if (params) {
    iso->control->array_buffer_allocator = (const struct ArrayBufferAllocator *)params->array_buffer_allocator;
    iso->control->initial_young_bytes = params->initial_young_bytes;
    iso->control->max_young_bytes = params->max_young_bytes;
  }
  ApiState *api = calloc(1, sizeof *api);
  HandleBlock *block = calloc(1, sizeof *block);
  if (api == NULL || block == NULL) {
    free(api);
    free(block);
    isolate_free(iso);
    return NULL;
  }
  api->first = api->current = block;
  api->next = block->slots;
  api->limit = block->slots + API_HANDLE_BLOCK_SIZE;
  iso->api = api;
  heap_add_root_callback(iso, api_visit_roots, api);
  heap_add_weak_callback(iso, api_weak_process, api);
  microtask_set_error_reporter(iso, api_report_job_error, NULL);
  microtask_set_rejection_tracker(iso, api_track_rejection, NULL);
  return api_public(iso);
}

void petrel_isolate_dispose(petrel_isolate *piso) {
  if (piso == NULL) return;
  Isolate *iso = api_iso(piso);
  ApiState *api = iso->api;
  api_weak_dispose(iso);
  heap_remove_weak_callback(iso, api_weak_process, api);
  heap_remove_root_callback(iso, api_visit_roots, api);
  microtask_dispose(iso);
  interpreter_free_state(iso); /* idempotent; isolate_free does not free it (yet) */
  for (HandleBlock *b = api->first, *n; b != NULL; b = n) {
    n = b->next;
    free(b);
  }
  for (struct petrel_persistent *p = api->persistents, *n; p != NULL; p = n) {
    n = p->next;
    free(p);
  }
  for (petrel_context *c = api->contexts, *n; c != NULL; c = n) {
    n = c->next;
    free(c->global_fields);
    free(c);
  }
  for (petrel_function_template *t = api->templates, *n; t != NULL; t = n) {
    n = t->next;
    free(t->cache);
    free(t->name);
    free(t);
  }
  api_templates_dispose(iso);
  free(api->entered);
  free(api->enter_saved);
  free(api->callbacks);
  free(api);
  iso->api = NULL;
  isolate_free(iso);
}

void petrel_isolate_set_data(petrel_isolate *iso, unsigned slot, void *data) {
  if (slot < PETREL_ISOLATE_DATA_SLOTS) api_iso(iso)->api->data[slot] = data;
}

void *petrel_isolate_get_data(petrel_isolate *iso, unsigned slot) {
  return slot < PETREL_ISOLATE_DATA_SLOTS ? api_iso(iso)->api->data[slot] : NULL;
}

petrel_context *petrel_isolate_get_current_context(petrel_isolate *piso) {
  Isolate *iso = api_iso(piso);
  if (iso->realm == NULL) return NULL;
  return api_context_for_realm(iso, iso->realm);
}

void petrel_isolate_collect_garbage(petrel_isolate *iso) {
  heap_collect(api_iso(iso), GC_REASON_EXPLICIT);
  api_maybe_run_weak_callbacks(api_iso(iso));
}

size_t petrel_isolate_heap_used(petrel_isolate *iso) {
  HeapStats stats;
  heap_get_stats(api_iso(iso), &stats);
  return stats.used_bytes;
}

void petrel_isolate_terminate_execution(petrel_isolate *iso) {
  isolate_request_interrupt(api_iso(iso), INTERRUPT_TERMINATE);
}

void petrel_isolate_cancel_termination(petrel_isolate *piso) {
  Isolate *iso = api_iso(piso);
  isolate_cancel_termination(iso);
}

bool petrel_isolate_is_terminating(petrel_isolate *iso) { return api_iso(iso)->terminating; }

/* ---- Handle scopes ------------------------------------------------------------------------ */

static void api_no_scope(void) {
  fprintf(stderr, "petrel: a local handle was created with no handle scope open\n");
  abort();
}

static Value *api_new_slot(Isolate *iso) {
  ApiState *api = iso->api;
  if (PT_UNLIKELY(api->scope_depth == 0)) api_no_scope();
  if (PT_UNLIKELY(api->next == api->limit)) {
    HandleBlock *b = api->current->next;
    if (b == NULL) {
      b = calloc(1, sizeof *b);
      if (b == NULL) PT_FATAL("out of memory allocating a handle block");
      b->prev = api->current;
      api->current->next = b;
    }
    api->current = b;
    api->next = b->slots;
    api->limit = b->slots + API_HANDLE_BLOCK_SIZE;
  }
  return api->next++;
}

petrel_value *api_local(Isolate *iso, Value v) {
  PT_DCHECK(v != VAL_EXCEPTION && v != VAL_HOLE);
  Value *slot = api_new_slot(iso);
  *slot = v;
  return (petrel_value *)(void *)slot;
}

petrel_value *api_local_or_null(Isolate *iso, Value v) {
  if (v == VAL_EXCEPTION) {
    api_exception(iso);
    return NULL;
  }
  return api_local(iso, v);
}

void petrel_handle_scope_open(petrel_isolate *piso, petrel_handle_scope *scope) {
  Isolate *iso = api_iso(piso);
  ApiState *api = iso->api;
  scope->isolate = piso;
  scope->reserved[HS_SAVED_CURRENT] = api->current;
  scope->reserved[HS_SAVED_NEXT] = api->next;
  scope->reserved[HS_PREV] = api->top_scope;
  scope->reserved[HS_ESCAPE_SLOT] = NULL;
  api->top_scope = scope;
  api->scope_depth++;
}

void petrel_handle_scope_open_escapable(petrel_isolate *piso, petrel_handle_scope *scope) {
  Isolate *iso = api_iso(piso);
  Value *escape = api_new_slot(iso); /* in the enclosing scope */
  *escape = VAL_UNDEFINED;
  petrel_handle_scope_open(piso, scope);
  scope->reserved[HS_ESCAPE_SLOT] = escape;
}

petrel_value *petrel_handle_scope_escape(petrel_handle_scope *scope, petrel_value *value) {
  Value *escape = scope->reserved[HS_ESCAPE_SLOT];
  if (escape == NULL) {
    /* Escaping twice (or from a plain scope) is an embedder error, reported, not fatal. */
    Isolate *iso = api_iso(scope->isolate);
    rt_throw(iso, ERR_ERROR, "petrel_handle_scope_escape: %s",
             "the scope is not escapable or has already escaped a value");
    api_exception(iso);
    return NULL;
  }
  *escape = api_val(value);
  scope->reserved[HS_ESCAPE_SLOT] = NULL;
  return (petrel_value *)(void *)escape;
}

void petrel_handle_scope_close(petrel_handle_scope *scope) {
  Isolate *iso = api_iso(scope->isolate);
  ApiState *api = iso->api;
  if (api->top_scope != scope) PT_FATAL("handle scopes must close in the reverse order of opening");
  HandleBlock *current = scope->reserved[HS_SAVED_CURRENT];
  /* Clear the dead slots so stale handles read undefined rather than keep objects alive. */
  for (HandleBlock *b = current;; b = b->next) {
    Value *from = (b == current) ? (Value *)scope->reserved[HS_SAVED_NEXT] : b->slots;
    Value *to = (b == api->current) ? api->next : b->slots + API_HANDLE_BLOCK_SIZE;
    for (Value *p = from; p < to; p++) *p = VAL_UNDEFINED;
    if (b == api->current) break;
  }
  /* Keep a few spare blocks beyond the current one (a loop that opens and closes scopes then
   * allocates nothing); free the rest, so one deep burst does not hold memory for ever. */
  HandleBlock *spare = current;
  for (int kept = 0; kept < API_SPARE_HANDLE_BLOCKS && spare->next != NULL; kept++) spare = spare->next;
  for (HandleBlock *b = spare->next, *n; b != NULL; b = n) {
    n = b->next;
    free(b);
  }
  spare->next = NULL;
  api->current = current;
  api->next = scope->reserved[HS_SAVED_NEXT];
  api->limit = current->slots + API_HANDLE_BLOCK_SIZE;
  api->top_scope = scope->reserved[HS_PREV];
  api->scope_depth--;
  api_maybe_run_weak_callbacks(iso);
}

size_t petrel_handle_count(petrel_isolate *piso) {
  ApiState *api = api_iso(piso)->api;
  size_t n = 0;
  for (HandleBlock *b = api->first; b != NULL; b = b->next) {
    if (b == api->current) return n + (size_t)(api->next - b->slots);
    n += API_HANDLE_BLOCK_SIZE;
  }
  return n;
}

petrel_value *petrel_local_copy(petrel_isolate *iso, petrel_value *value) {
  return api_local(api_iso(iso), api_val(value));
}

/* ---- Persistent handles ------------------------------------------------------------------- */

petrel_persistent *petrel_persistent_new(petrel_isolate *piso, petrel_value *value) {
  ApiState *api = api_iso(piso)->api;
  struct petrel_persistent *p = malloc(sizeof *p);
  if (p == NULL) return NULL;
  p->value = api_val(value);
  p->weak_cb = NULL;
  p->weak_param = NULL;
  p->weak_pending = false;
  p->prev = NULL;
  p->next = api->persistents;
  if (p->next) p->next->prev = p;
  api->persistents = p;
  return p;
}

petrel_value *petrel_persistent_get(petrel_isolate *iso, petrel_persistent *p) {
  return api_local(api_iso(iso), p->value);
}

void petrel_persistent_set(petrel_isolate *iso, petrel_persistent *p, petrel_value *value) {
  p->value = api_val(value);
}

void petrel_persistent_release(petrel_isolate *piso, petrel_persistent *p) {
  if (p == NULL) return;
  ApiState *api = api_iso(piso)->api;
  if (p->weak_pending) api->weak_pending_count--;
  if (p->prev) p->prev->next = p->next;
  else api->persistents = p->next;
  if (p->next) p->next->prev = p->prev;
  free(p);
}

/* ---- Contexts ----------------------------------------------------------------------------- */

static petrel_context *api_context_wrap(Isolate *iso, Realm *realm) {
  ApiState *api = iso->api;
  petrel_context *ctx = calloc(1, sizeof *ctx);
  if (ctx == NULL) return NULL;
  ctx->iso = iso;
  ctx->realm = val_from_ptr(realm);
  ctx->next = api->contexts;
  if (ctx->next) ctx->next->prev = ctx;
  api->contexts = ctx;
  return ctx;
}

petrel_context *api_context_for_realm(Isolate *iso, Realm *realm) {
  for (petrel_context *c = iso->api->contexts; c != NULL; c = c->next)
    if (val_to_ptr(c->realm) == (HeapObject *)realm) return c;
  return api_context_wrap(iso, realm);
}

petrel_context *petrel_context_new(petrel_isolate *piso) {
  Isolate *iso = api_iso(piso);
  Realm *saved = iso->realm;
  Realm *realm = realm_new(iso);
  /* realm_new makes the first realm current; keep that (calls that take only the isolate need a
   * realm), but never switch away from a context the embedder entered. */
  if (saved != NULL) iso->realm = saved;
  if (realm == NULL) {
    api_exception(iso);
    return NULL;
  }
  petrel_context *ctx = api_context_wrap(iso, realm);
  if (ctx == NULL) {
    isolate_throw_oom(iso);
    api_exception(iso);
  }
  return ctx;
}

void petrel_context_release(petrel_context *ctx) {
  /* Unlinking stops rooting the realm; functions of the realm that are still reachable get a new
   * wrapper from api_context_for_realm if they call back into the API. */
  Isolate *iso = ctx->iso;
  ApiState *api = iso->api;
  if (ctx->prev) ctx->prev->next = ctx->next;
  else api->contexts = ctx->next;
  if (ctx->next) ctx->next->prev = ctx->prev;
  free(ctx->global_fields);
  free(ctx);
}

void petrel_context_enter(petrel_context *ctx) {
  Isolate *iso = ctx->iso;
  ApiState *api = iso->api;
  if (api->entered_count == api->entered_capacity) {
    size_t cap = api->entered_capacity ? api->entered_capacity * 2 : 8;
    EnteredContext *e = realloc(api->entered, cap * sizeof *e);
    if (e == NULL) PT_FATAL("out of memory entering a context");
    api->entered = e;
    api->entered_capacity = cap;
  }
  api->entered[api->entered_count++] = (EnteredContext){ctx, iso->realm};
  iso->realm = (Realm *)val_to_ptr(ctx->realm);
}

void petrel_context_exit(petrel_context *ctx) {
  Isolate *iso = ctx->iso;
  ApiState *api = iso->api;
  if (api->entered_count == 0 || api->entered[api->entered_count - 1].ctx != ctx)
    PT_FATAL("petrel_context_exit: this context is not the last one entered");
  iso->realm = api->entered[--api->entered_count].saved_realm;
}

petrel_isolate *petrel_context_get_isolate(petrel_context *ctx) { return api_public(ctx->iso); }

petrel_value *petrel_context_global(petrel_context *ctx) {
  Realm *realm = (Realm *)val_to_ptr(ctx->realm);
  return api_local(ctx->iso, realm->global_object);
}

void petrel_context_set_data(petrel_context *ctx, void *data) { ctx->data = data; }
void *petrel_context_get_data(petrel_context *ctx) { return ctx->data; }

Realm *api_enter_realm(petrel_context *ctx) {
  Realm *saved = ctx->iso->realm;
  ctx->iso->realm = (Realm *)val_to_ptr(ctx->realm);
  return saved;
}

/* ---- Exceptions and try/catch ------------------------------------------------------------- */

bool api_exception(Isolate *iso) {
  ApiState *api = iso->api;
  petrel_try_catch *tc = api->try_top;
  if (!isolate_has_exception(iso)) {
    /* A failing engine call must leave an exception pending; tolerate one that did not. */
    return false;
  }
  if (tc != NULL && (uintptr_t)tc->reserved[TC_LEVEL] == api->callback_level) {
    Value message = iso->pending_message;
    bool terminated = isolate_is_termination(iso, iso->pending_exception);
    if (terminated) {
      /* Termination is not caught: it stays pending until the embedder cancels it, so script
       * frames further out cannot run. The try/catch only records it. */
      uintptr_t flags = TC_FLAG_CAUGHT | TC_FLAG_TERMINATED;
      tc->reserved[TC_FLAGS] = (void *)flags;
      *slot_value(&tc->reserved[TC_EXCEPTION]) = iso->pending_exception;
      *slot_value(&tc->reserved[TC_MESSAGE]) = VAL_UNDEFINED;
      return false;
    }
    Value exception = isolate_take_exception(iso);
    iso->pending_message = VAL_HOLE;
    api_try_catch_store(tc, exception, message);
  }
  return false;
}

bool api_can_run(Isolate *iso) {
  /* Only the thread holding the isolate may run code in it; another thread must not even touch
   * its pending exception (include/petrel.h, THREADS). */
  if (PT_UNLIKELY(!isolate_on_owner_thread(iso))) return false;
  /* A call from the embedder's top level: no engine frame below us is live (docs/heap.md). */
  if (iso->api->callback_level == 0) isolate_maybe_clear_dead_stack(iso);
  if (!isolate_has_exception(iso)) return true;
  if (iso->terminating) return false;
  if (iso->api->callback_level == 0) {
    /* At top level, a pending exception is one nobody caught in an earlier call: discard it, as
     * V8 does after reporting it. (Inside a native callback it is propagating to the script.) */
    isolate_take_exception(iso);
    iso->pending_message = VAL_HOLE;
    return true;
  }
  api_exception(iso);
  return false;
}

void api_try_catch_store(petrel_try_catch *tc, Value exception, Value message) {
  *slot_value(&tc->reserved[TC_EXCEPTION]) = exception;
  *slot_value(&tc->reserved[TC_MESSAGE]) = message == VAL_HOLE ? VAL_UNDEFINED : message;
  tc->reserved[TC_FLAGS] = (void *)(uintptr_t)TC_FLAG_CAUGHT;
}

void petrel_try_catch_open(petrel_isolate *piso, petrel_try_catch *tc) {
  ApiState *api = api_iso(piso)->api;
  memset(tc, 0, sizeof *tc);
  tc->isolate = piso;
  tc->reserved[TC_PREV] = api->try_top;
  tc->reserved[TC_LEVEL] = (void *)api->callback_level;
  *slot_value(&tc->reserved[TC_EXCEPTION]) = VAL_UNDEFINED;
  *slot_value(&tc->reserved[TC_MESSAGE]) = VAL_UNDEFINED;
  api->try_top = tc;
}

void petrel_try_catch_close(petrel_try_catch *tc) {
  ApiState *api = api_iso(tc->isolate)->api;
  if (api->try_top != tc) PT_FATAL("try/catch blocks must close in the reverse order of opening");
  api->try_top = tc->reserved[TC_PREV];
}

bool petrel_try_catch_has_caught(petrel_try_catch *tc) {
  return ((uintptr_t)tc->reserved[TC_FLAGS] & TC_FLAG_CAUGHT) != 0;
}

bool petrel_try_catch_has_terminated(petrel_try_catch *tc) {
  return ((uintptr_t)tc->reserved[TC_FLAGS] & TC_FLAG_TERMINATED) != 0;
}

petrel_value *petrel_try_catch_exception(petrel_try_catch *tc) {
  if (!petrel_try_catch_has_caught(tc)) return NULL;
  return api_local(api_iso(tc->isolate), *slot_value(&tc->reserved[TC_EXCEPTION]));
}

petrel_value *petrel_try_catch_stack_trace(petrel_try_catch *tc) {
  if (!petrel_try_catch_has_caught(tc) || petrel_try_catch_has_terminated(tc)) return NULL;
  Isolate *iso = api_iso(tc->isolate);
  Value exception = *slot_value(&tc->reserved[TC_EXCEPTION]);
  if (!val_is_object(exception)) return NULL;
  /* Read `stack` as an own data property only: running a getter here could throw again. */
  PropertyDescriptor desc;
  Value key = NAME(iso, stack);
  int found = obj_get_own_property(iso, exception, key, &desc);
  if (found < 0) {
    isolate_take_exception(iso);
    iso->pending_message = VAL_HOLE;
    return NULL;
  }
  if (found == 0 || !desc.has_value || !val_is_string(desc.value)) return NULL;
  return api_local(iso, desc.value);
}

bool petrel_try_catch_message(petrel_try_catch *tc, petrel_value **resource_name, int *line, int *column,
                              petrel_value **source_line) {
  if (!petrel_try_catch_has_caught(tc)) return false;
  Isolate *iso = api_iso(tc->isolate);
  Value message = *slot_value(&tc->reserved[TC_MESSAGE]);
  if (message == VAL_UNDEFINED) return false;
  MessageLocation loc;
  if (!messages_get_location(iso, message, &loc)) return false;
  if (resource_name) *resource_name = api_local(iso, loc.resource_name);
  if (line) *line = loc.line;
  if (column) *column = loc.column;
  if (source_line) *source_line = api_local(iso, loc.source_line);
  return true;
}

void petrel_try_catch_reset(petrel_try_catch *tc) {
  *slot_value(&tc->reserved[TC_EXCEPTION]) = VAL_UNDEFINED;
  *slot_value(&tc->reserved[TC_MESSAGE]) = VAL_UNDEFINED;
  tc->reserved[TC_FLAGS] = NULL;
}

petrel_value *petrel_try_catch_rethrow(petrel_try_catch *tc) {
  if (!petrel_try_catch_has_caught(tc)) return NULL;
  Isolate *iso = api_iso(tc->isolate);
  Value exception = *slot_value(&tc->reserved[TC_EXCEPTION]);
  Value message = *slot_value(&tc->reserved[TC_MESSAGE]);
  petrel_value *h = api_local(iso, exception);
  if (!petrel_try_catch_has_terminated(tc)) {
    iso->pending_exception = exception;
    iso->pending_message = message == VAL_UNDEFINED ? VAL_HOLE : message;
  }
  petrel_try_catch_reset(tc);
  return h;
}

void petrel_throw(petrel_isolate *piso, petrel_value *value) {
  Isolate *iso = api_iso(piso);
  isolate_throw(iso, api_val(value));
}

static const ErrorKind api_error_kinds[] = {ERR_ERROR, ERR_EVAL, ERR_RANGE, ERR_REFERENCE,
                                            ERR_SYNTAX, ERR_TYPE, ERR_URI};

petrel_value *petrel_error_new(petrel_isolate *piso, petrel_error_kind kind, const char *message) {
  Isolate *iso = api_iso(piso);
  ErrorKind k = (unsigned)kind < PT_ARRAY_LEN(api_error_kinds) ? api_error_kinds[kind] : ERR_ERROR;
  return api_local_or_null(iso, rt_new_error(iso, k, "%s", message ? message : ""));
}

void petrel_throw_error(petrel_isolate *piso, petrel_error_kind kind, const char *message) {
  Isolate *iso = api_iso(piso);
  ErrorKind k = (unsigned)kind < PT_ARRAY_LEN(api_error_kinds) ? api_error_kinds[kind] : ERR_ERROR;
  rt_throw(iso, k, "%s", message ? message : "");
}

/* ---- Microtasks and host hooks ------------------------------------------------------------ */

void petrel_perform_microtask_checkpoint(petrel_isolate *piso) {
  Isolate *iso = api_iso(piso);
  if (isolate_has_exception(iso) && !iso->terminating && iso->api->callback_level == 0) {
    isolate_take_exception(iso);
    iso->pending_message = VAL_HOLE;
  }
  microtask_run(iso);
}

bool petrel_enqueue_microtask(petrel_isolate *piso, petrel_value *fn) {
  Isolate *iso = api_iso(piso);
  if (microtask_enqueue_call(iso, api_val(fn), 0, NULL) < 0) return api_exception(iso);
  return true;
}

void petrel_isolate_set_promise_reject_callback(petrel_isolate *piso, petrel_promise_reject_callback cb,
                                                void *data) {
  ApiState *api = api_iso(piso)->api;
  api->reject_cb = cb;
  api->reject_data = data;
}

void petrel_isolate_set_message_callback(petrel_isolate *piso, petrel_message_callback cb, void *data) {
  ApiState *api = api_iso(piso)->api;
  api->message_cb = cb;
  api->message_data = data;
}

static void api_report_job_error(Isolate *iso, Value exception, Value message, void *data) {
  ApiState *api = iso->api;
  if (api->message_cb == NULL) return;
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(api_public(iso), &tc);
  api_try_catch_store(&tc, exception, message);
  api->message_cb(api_public(iso), &tc, api->message_data);
  petrel_try_catch_close(&tc);
  petrel_handle_scope_close(&scope);
}

static void api_track_rejection(Isolate *iso, Value promise, Value reason, PromiseRejectOp op, void *data) {
  ApiState *api = iso->api;
  if (api->reject_cb == NULL) return;
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  api->reject_cb(api_public(iso),
                 op == PROMISE_REJECT_WITH_NO_HANDLER ? PETREL_PROMISE_REJECT_WITH_NO_HANDLER
                                                      : PETREL_PROMISE_HANDLER_ADDED_AFTER_REJECT,
                 api_local(iso, promise), api_local(iso, reason), api->reject_data);
  petrel_handle_scope_close(&scope);
}
