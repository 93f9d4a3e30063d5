/*
 * Internals of the public API (include/petrel.h): the per-isolate ApiState (iso->api) that holds
 * handle blocks, persistent handles, contexts, try/catch chains and the native-callback registry.
 * Public handle types are thin views of engine types:
 *   petrel_isolate *  == Isolate *
 *   petrel_value *    == Value *   (a slot in a handle block, or in a persistent node)
 */
#ifndef PETREL_API_API_INTERNAL_H
#define PETREL_API_API_INTERNAL_H

#include "petrel.h"
#include "execution/realm.h"
#include "objects/js-object.h"

/* An object with embedder internal fields (IT_JS_API_OBJECT). The fields are raw pointers: the
 * visitor skips them (and, NaN-boxed, a user-space pointer would read as a double anyway). */
typedef struct JSApiObject {
  JSObject base;
  Value field_count; /* an int Value */
  uintptr_t template_id; /* the function template whose `new` made it (api-template.c); 0: none */
  void *fields[];
} JSApiObject;

#define API_HANDLE_BLOCK_SIZE 255
#define API_SPARE_HANDLE_BLOCKS 16 /* kept after a scope closes (16 * 2 KB) */

typedef struct HandleBlock {
  struct HandleBlock *prev, *next;
  Value slots[API_HANDLE_BLOCK_SIZE];
} HandleBlock;

struct petrel_persistent {
  Value value;
  struct petrel_persistent *prev, *next;
  /* Weak handles (api-weak.c): not a root while weak_cb is set; cleared when the object dies. */
  petrel_weak_callback weak_cb;
  void *weak_param;
  bool weak_pending;           /* cleared by the collector, callback not run yet */
};

struct petrel_context {
  Isolate *iso;
  Value realm;                 /* the Realm heap object */
  void *data;
  struct petrel_context *prev, *next;
  /* api-context.c: the global object's internal fields (from a global template), malloc'd. */
  void **global_fields;
  int global_field_count;
};

struct petrel_function_template {
  Isolate *iso;
  petrel_function_callback callback;
  Value data;                  /* rooted through the template list */
  struct TemplateCacheEntry { petrel_context *ctx; Value fn; } *cache; /* one function per context */
  int cache_count, cache_capacity;
  char *name;
  int length;
  int callback_index;
  struct petrel_function_template *prev, *next;
  /* api-template.c */
  struct petrel_object_template *instance_template, *prototype_template; /* made on demand */
  struct petrel_function_template *parent;  /* petrel_function_template_inherit */
  bool remove_prototype, read_only_prototype;
  bool instantiated;           /* a function was made: the template is frozen */
  uintptr_t id;                /* unique in the isolate, never reused (JSApiObject.template_id) */
};

struct petrel_callback_info {
  Isolate *iso;
  petrel_context *ctx;
  int argc;
  Value *args;                 /* handle slots: args[0..argc) */
  Value *this_slot, *new_target_slot, *data_slot, *undefined_slot, *return_slot;
  Value *holder_slot;          /* NULL: the holder is `this` */
};

typedef struct EnteredContext {
  petrel_context *ctx;
  Realm *saved_realm;
} EnteredContext;

typedef struct ApiState {
  /* Local handles: a chain of blocks; `next` is the first free slot of `current`. */
  HandleBlock *first, *current;
  Value *next, *limit;
  size_t scope_depth;
  petrel_handle_scope *top_scope;
  /* Persistent handles, contexts and templates: intrusive lists (roots). */
  struct petrel_persistent *persistents;
  petrel_context *contexts;
  petrel_function_template *templates;
  /* Entered contexts (a stack). */
  EnteredContext *entered;
  size_t entered_count, entered_capacity;
  /* try/catch: the innermost one, and the native-callback nesting level it belongs to. */
  petrel_try_catch *try_top;
  uintptr_t callback_level;
  /* Native callbacks (JSFunction.magic indexes this table). */
  petrel_function_callback *callbacks;
  int callback_count, callback_capacity;
  void *data[PETREL_ISOLATE_DATA_SLOTS];
  petrel_promise_reject_callback reject_cb;
  void *reject_data;
  petrel_message_callback message_cb;
  void *message_data;
  /* api-template.c: object templates (roots), and the template owning each callback index. */
  struct petrel_object_template *object_templates;
  petrel_function_template **callback_templates;   /* parallel to callbacks; may hold NULL */
  /* api-weak.c */
  size_t weak_pending_count;
  bool running_weak_callbacks;
  /* api-context.c: PETREL_MICROTASKS_AUTO (a checkpoint when the outermost call returns). */
  bool microtasks_auto;
  /* api-isolate-scope.c: petrel_isolate_enter's saved previous current isolates (a stack). */
  petrel_isolate **enter_saved;
  size_t enter_count, enter_capacity;
} ApiState;

static inline Isolate *api_iso(petrel_isolate *iso) { return (Isolate *)(void *)iso; }
static inline petrel_isolate *api_public(Isolate *iso) { return (petrel_isolate *)(void *)iso; }
static inline Value api_val(petrel_value *v) { return v ? *(Value *)(void *)v : VAL_UNDEFINED; }

static inline bool api_is_type(Value v, InstanceType t) { return val_is_pointer(v) && val_instance_type(v) == t; }

/* A new local handle in the innermost scope (fatal when no scope is open: an embedder bug). */
petrel_value *api_local(Isolate *iso, Value v);
/* A local handle, or NULL when v is VAL_EXCEPTION (the exception is routed as for a failed call). */
petrel_value *api_local_or_null(Isolate *iso, Value v);

/* Routes a pending exception after a failed engine call: into the innermost try/catch of the
 * current callback level, else left pending on the isolate. Always returns false. */
bool api_exception(Isolate *iso);
/* Before running JavaScript: false (the call must fail) when an exception is already pending. */
bool api_can_run(Isolate *iso);

/* Switches the isolate to ctx's realm for the duration of one call. */
Realm *api_enter_realm(petrel_context *ctx);
/* api-context.c: the automatic microtask checkpoint at the end of an outermost API call. */
void api_auto_checkpoint(Isolate *iso);
static inline void api_leave_realm(Isolate *iso, Realm *saved) {
  iso->realm = saved;
  if (PT_UNLIKELY(iso->api->microtasks_auto)) api_auto_checkpoint(iso);
}
/* Leaves the realm entered for a call and returns a handle for v (NULL when v is VAL_EXCEPTION):
 * the epilogue of the infallible-looking constructors that still run in a realm. */
static inline petrel_value *api_local_after(petrel_context *ctx, Realm *saved, Value v) {
  api_leave_realm(ctx->iso, saved);
  return api_local_or_null(ctx->iso, v);
}
/* The API context object for a realm (made on demand for realms created by the engine). */
petrel_context *api_context_for_realm(Isolate *iso, Realm *realm);

/* Room for one more entry in callbacks and callback_templates (grown together); -1 on OOM. */
int api_callbacks_reserve(ApiState *api);
/* Registers a native callback; returns its index (the native function's magic), -1 on OOM. */
int api_register_callback(Isolate *iso, petrel_function_callback cb);
/* Makes a native API function in the current realm. */
Value api_make_function(Isolate *iso, int callback_index, Value data, const char *name, int length);

/* api-template.c: roots and teardown of object templates; the `this` of a construct call of a
 * template's function (an instance of its instance template), VAL_EXCEPTION on failure. */
void api_templates_visit(ApiState *api, HeapVisitor *v);
void api_templates_dispose(Isolate *iso);
Value api_template_construct_receiver(Isolate *iso, petrel_function_template *t, Value new_target);
petrel_function_template *api_template_for_callback(Isolate *iso, int index); /* NULL: no template */
int api_template_setup_function(Isolate *iso, petrel_function_template *t, petrel_context *ctx, Value fn);
void api_function_template_forget(petrel_function_template *t); /* before freeing t */
/* api-function.c: the template's function in ctx (cached); VAL_EXCEPTION with the exception pending. */
Value api_function_template_function(petrel_function_template *t, petrel_context *ctx);
/* A native API function named by a property key (prefix "get"/"set" or NULL, as function_set_name);
 * a constructor gets a `prototype` object. */
Value api_make_function_ex(Isolate *iso, int callback_index, Value data, Value name_key, int length,
                           bool constructor, const char *prefix);
void api_object_register_type(void);
/* Registers the template's callback under an index of its own (so the trampoline finds t). */
int api_register_template_callback(Isolate *iso, petrel_function_template *t);

/* api-weak.c: the collector's weak hook, and running the callbacks of cleared weak handles
 * (outside the collector; cheap when there are none). */
void api_weak_process(Isolate *iso, void *data);
void api_run_weak_callbacks(Isolate *iso);
static inline void api_maybe_run_weak_callbacks(Isolate *iso) {
  if (PT_UNLIKELY(iso->api->weak_pending_count != 0)) api_run_weak_callbacks(iso);
}
void api_weak_dispose(Isolate *iso);

/* api-object.c: DefinePropertyOrThrow of a data property with PETREL_PROP_* attributes; -1 with
 * the exception pending (TypeError when obj is not an object). */
int api_define_data(Isolate *iso, Value obj, Value key, Value value, int attributes);

/* A fallible call's epilogue: leaves the realm entered for the call, runs pending weak callbacks,
 * then stores a handle for `v` in *out (api_result) or the truth of `r` (api_status), or routes
 * the pending exception (returning false). */
static inline bool api_result(Isolate *iso, Realm *saved, Value v, petrel_value **out) {
  api_leave_realm(iso, saved);
  api_maybe_run_weak_callbacks(iso);
  if (v == VAL_EXCEPTION) return api_exception(iso);
  if (out) *out = api_local(iso, v);
  return true;
}
static inline bool api_status(Isolate *iso, Realm *saved, int r, bool *out) {
  api_leave_realm(iso, saved);
  api_maybe_run_weak_callbacks(iso);
  if (r < 0) return api_exception(iso);
  if (out) *out = r != 0;
  return true;
}

/* api-template.c: defines t's properties on obj with ctx's realm current; marks t instantiated. */
int api_template_apply(Isolate *iso, petrel_object_template *t, petrel_context *ctx, Value obj);
/* api-context.c: the internal fields of obj when it is the global object of a context made with
 * a global template (NULL, *count 0, otherwise). */
void **api_global_fields(Value obj, int *count);

/* Fills a try/catch with an exception and message (used for the message callback). */
void api_try_catch_store(petrel_try_catch *tc, Value exception, Value message);

#endif
