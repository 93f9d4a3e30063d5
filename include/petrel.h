/*
 * petrel.h — the public C API of the Petrel JavaScript engine.
 *
 * This one header is the whole interface an embedder needs. It follows V8's model, in C:
 *
 *   - A process initializes once (petrel_initialize), optionally after setting engine flags
 *     (petrel_set_flags_from_command_line).
 *   - An ISOLATE is an independent VM with its own heap. One thread at a time may use an
 *     isolate; different isolates may run on different threads in parallel.
 *   - A CONTEXT is a realm: a global object and its own set of built-ins. An isolate may hold
 *     many contexts. Code runs in the context that was entered last (petrel_context_enter).
 *   - Values are reached through HANDLES, never directly. A LOCAL handle (petrel_value *) lives
 *     in the innermost open HANDLE SCOPE and dies when that scope closes; a PERSISTENT handle
 *     lives until it is released. The garbage collector sees every handle, so a value held by a
 *     handle is never collected. A petrel_value * must not be used after its scope closes.
 *   - Calls that can run JavaScript or throw are FALLIBLE: they return bool (true on success)
 *     and deliver results through an out-parameter. On failure the JavaScript exception is
 *     caught by the innermost open petrel_try_catch; with none open, it stays pending on the
 *     isolate (inside a native callback, it then propagates to the calling script when the
 *     callback returns).
 *   - Native functions are C callbacks (petrel_function_callback) that receive a
 *     petrel_callback_info describing the call.
 *
 * The header never exposes the engine's value encoding or object layouts. Every function here is
 * exported from libpetrel; nothing else is.
 *
 * THREADS. Unless a function's documentation says otherwise ("Threads: any", "Threads: ..."):
 *   - a function taking an isolate, or a context, handle, template or try/catch of one, may be
 *     called only by the thread that holds that isolate: the thread that created it, or, once
 *     petrel_locker_lock has been used for it, the thread holding its locker;
 *   - process-wide functions (petrel_initialize, petrel_dispose, petrel_set_flags_*,
 *     petrel_set_platform, the fatal-error and OOM handler setters) are called by one thread
 *     while no other thread uses the library;
 *   - functions that take neither (petrel_version, petrel_features, petrel_free, petrel_platform_*
 *     task posting) may be called from any thread.
 * Calls that run JavaScript check the calling thread and fail (return false, nothing pending)
 * when it does not hold the isolate.
 *
 * Minimal embedding:
 *
 *     petrel_initialize();
 *     petrel_isolate *iso = petrel_isolate_new(NULL);
 *     petrel_handle_scope scope;
 *     petrel_handle_scope_open(iso, &scope);
 *     petrel_context *ctx = petrel_context_new(iso);
 *     petrel_context_enter(ctx);
 *     petrel_value *result;
 *     if (petrel_eval(ctx, "1 + 2", (size_t)-1, "example.js", &result))
 *       printf("%g\n", petrel_number_value(result));
 *     petrel_context_exit(ctx);
 *     petrel_handle_scope_close(&scope);
 *     petrel_isolate_dispose(iso);
 */
#ifndef PETREL_H
#define PETREL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PETREL_VERSION_MAJOR 0
#define PETREL_VERSION_MINOR 1
#define PETREL_VERSION_PATCH 0
#define PETREL_VERSION_STRING "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define PETREL_EXPORT __attribute__((visibility("default")))
#else
#define PETREL_EXPORT
#endif

/* ---- Opaque types ----------------------------------------------------------------------- */

/* An isolate: one VM instance with its own heap. */
typedef struct petrel_isolate petrel_isolate;
/* A context (realm): a global object and its built-ins. */
typedef struct petrel_context petrel_context;
/* A local handle: valid until the handle scope it was created in closes. */
typedef struct petrel_value petrel_value;
/* A persistent handle: valid until petrel_persistent_release. */
typedef struct petrel_persistent petrel_persistent;
/* Describes one call of a native function (see petrel_function_callback). */
typedef struct petrel_callback_info petrel_callback_info;
/* A function template: a native callback plus data, from which functions are made per context. */
typedef struct petrel_function_template petrel_function_template;

/* ---- Process ------------------------------------------------------------------------------ */

/* Initializes the engine for this process. Call once, before the first isolate; calling it again
 * does nothing. Returns true on success. */
PETREL_EXPORT bool petrel_initialize(void);
/* Releases process-wide resources; no isolate may exist any more. */
PETREL_EXPORT void petrel_dispose(void);

/* Parses engine flags (`--name`, `--no-name`, `--name=value`, `--name value`; `_` and `-` are
 * the same) from argv, and removes the ones it recognizes, updating *argc. Unknown arguments stay
 * in place for the caller. Call before creating isolates. */
PETREL_EXPORT void petrel_set_flags_from_command_line(int *argc, char **argv);
/* Prints the list of engine flags with their help text to `file` (a FILE *; NULL: stdout). */
PETREL_EXPORT void petrel_print_flags_help(void *file);
/* True when the engine flag `name` is a boolean flag that is set. False when unknown. */
PETREL_EXPORT bool petrel_flag_enabled(const char *name);

/* The library's version as "MAJOR.MINOR.PATCH" (may differ from PETREL_VERSION_STRING when the
 * program was compiled against another header). */
PETREL_EXPORT const char *petrel_version(void);
/* A space-separated list of optional features compiled into the library ("" when none). */
PETREL_EXPORT const char *petrel_features(void);

/* Frees memory the library allocated for the caller (petrel_string_to_utf8, ...). */
PETREL_EXPORT void petrel_free(void *p);

/* ---- Isolates ----------------------------------------------------------------------------- */

/* Allocates and frees the bytes of ArrayBuffers (V8's ArrayBuffer::Allocator). `allocate` returns
 * `length` zero-filled bytes or NULL (the script then gets a RangeError); `free` gets back exactly
 * what allocate returned, with the same length. Both may be called on any thread that runs the
 * isolate, and must be thread-safe when one allocator serves several isolates. The structure
 * must outlive every isolate using it. */
typedef struct petrel_array_buffer_allocator {
  void *(*allocate)(void *data, size_t length);
  void (*free)(void *data, void *bytes, size_t length);
  void *data;
} petrel_array_buffer_allocator;

typedef struct petrel_isolate_params {
  size_t max_heap_bytes;   /* heap limit in bytes; 0: the default (or --max-heap-size) */
  size_t stack_limit_bytes; /* native stack JavaScript may use; 0: from the thread's stack */
  /* ArrayBuffer backing stores; NULL: the C library's calloc/free. */
  const petrel_array_buffer_allocator *array_buffer_allocator;
  /* The young generation's (nursery's) initial and maximum size in bytes (0: defaults: 4 and
   * 16 MB). A scavenge runs when the nursery fills; it grows from the initial toward the maximum
   * size while much of it survives (docs/heap.md). The flag --no-young-gen (petrel_set_flags)
   * turns the young generation off: old space only, and these sizes are unused. */
  size_t initial_young_bytes;
  size_t max_young_bytes;
} petrel_isolate_params;

/* Creates an isolate; params may be NULL for defaults. Returns NULL when out of memory. */
PETREL_EXPORT petrel_isolate *petrel_isolate_new(const petrel_isolate_params *params);
/* Destroys the isolate, its contexts, handles and heap. No handle scope may be open. */
PETREL_EXPORT void petrel_isolate_dispose(petrel_isolate *iso);

/* Entering an isolate (V8's Isolate::Enter / Exit, Isolate::Scope) makes it the calling thread's
 * current isolate, returned by petrel_isolate_get_current, until the matching exit; enters nest,
 * also across isolates (exit restores the one current before). Entering neither takes a locker
 * nor changes which thread may use the isolate (see THREADS and petrel_locker_lock): it only
 * records, per thread, which isolate the embedder is working with. Exiting an isolate that is not
 * the thread's current one is API misuse (fatal). Exit every enter before disposing. Threads: the
 * thread that may use iso. */
PETREL_EXPORT void petrel_isolate_enter(petrel_isolate *iso);
PETREL_EXPORT void petrel_isolate_exit(petrel_isolate *iso);
/* The calling thread's current (innermost entered) isolate, NULL when none. Threads: any. */
PETREL_EXPORT petrel_isolate *petrel_isolate_get_current(void);

/* Embedder data slots, PETREL_ISOLATE_DATA_SLOTS of them, initially NULL. */
#define PETREL_ISOLATE_DATA_SLOTS 4
PETREL_EXPORT void petrel_isolate_set_data(petrel_isolate *iso, unsigned slot, void *data);
PETREL_EXPORT void *petrel_isolate_get_data(petrel_isolate *iso, unsigned slot);

/* The current context: inside a native callback the callee's, else the one entered last (before
 * any enter: the first context created); NULL while the isolate has no context. */
PETREL_EXPORT petrel_context *petrel_isolate_get_current_context(petrel_isolate *iso);

/* Runs a full garbage collection. */
PETREL_EXPORT void petrel_isolate_collect_garbage(petrel_isolate *iso);

/* Heap usage in bytes (allocated and not yet collected). */
PETREL_EXPORT size_t petrel_isolate_heap_used(petrel_isolate *iso);

/* Asks running JavaScript to stop as soon as possible. Threads: any (also from a signal-free
 * watchdog thread while the isolate runs). The running call fails with an uncatchable
 * termination: no JavaScript catch or finally block runs; every long-running built-in (sorting,
 * JSON, regular expressions, joins...) checks for it at least every few thousand steps, so the
 * call returns within milliseconds. Afterwards call petrel_isolate_cancel_termination (on the
 * isolate's thread) to make the isolate usable again. A request made while no JavaScript runs
 * stops the next call. */
PETREL_EXPORT void petrel_isolate_terminate_execution(petrel_isolate *iso);
PETREL_EXPORT void petrel_isolate_cancel_termination(petrel_isolate *iso);
/* Threads: any. */
PETREL_EXPORT bool petrel_isolate_is_terminating(petrel_isolate *iso);

/* ---- Microtasks and promise rejections ---------------------------------------------------- */

/* Runs queued microtasks (promise jobs) until none remain. Exceptions thrown by jobs are reported
 * to the message callback (petrel_isolate_set_message_callback) and do not stop the checkpoint. */
PETREL_EXPORT void petrel_perform_microtask_checkpoint(petrel_isolate *iso);
/* Enqueues a call of `fn` (a function handle) with no arguments as a microtask. */
PETREL_EXPORT bool petrel_enqueue_microtask(petrel_isolate *iso, petrel_value *fn);

/* When microtasks run (V8's MicrotasksPolicy). EXPLICIT (the default): only in
 * petrel_perform_microtask_checkpoint (and the engine's own checkpoints, e.g. the shell's). AUTO:
 * also automatically when the outermost API call that entered a context (petrel_eval,
 * petrel_script_run, petrel_function_call, petrel_object_get, ...) is about to return to the
 * embedder, i.e. with no JavaScript on the stack and outside native callbacks; the checkpoint runs
 * even when the call failed (its exception is kept for the caller) but not after termination. */
typedef enum petrel_microtasks_policy {
  PETREL_MICROTASKS_EXPLICIT = 0,
  PETREL_MICROTASKS_AUTO = 1
} petrel_microtasks_policy;
PETREL_EXPORT void petrel_isolate_set_microtasks_policy(petrel_isolate *iso, petrel_microtasks_policy policy);
PETREL_EXPORT petrel_microtasks_policy petrel_isolate_get_microtasks_policy(petrel_isolate *iso);

typedef enum petrel_promise_reject_event {
  PETREL_PROMISE_REJECT_WITH_NO_HANDLER = 0,   /* a promise was rejected and has no handler */
  PETREL_PROMISE_HANDLER_ADDED_AFTER_REJECT = 1 /* a handler was added to such a promise */
} petrel_promise_reject_event;

/* Called when a promise is rejected without a handler, and again if one is added later. The
 * handles are valid during the call only (wrap them in persistents to keep them). */
typedef void (*petrel_promise_reject_callback)(petrel_isolate *iso, petrel_promise_reject_event event,
                                               petrel_value *promise, petrel_value *reason, void *data);
PETREL_EXPORT void petrel_isolate_set_promise_reject_callback(petrel_isolate *iso,
                                                              petrel_promise_reject_callback cb,
                                                              void *data);

/* Receives exceptions the engine cannot return to a caller (a microtask that threw). `caught` is
 * a try/catch holding the exception: read it with petrel_try_catch_exception, _message and
 * _stack_trace during the call. */
typedef struct petrel_try_catch petrel_try_catch;
typedef void (*petrel_message_callback)(petrel_isolate *iso, petrel_try_catch *caught, void *data);
PETREL_EXPORT void petrel_isolate_set_message_callback(petrel_isolate *iso, petrel_message_callback cb,
                                                       void *data);

/* ---- Handle scopes ------------------------------------------------------------------------ */

/* A handle scope lives on the C stack; local handles created while it is the innermost open scope
 * die when it closes. Scopes nest strictly. The fields are private. */
typedef struct petrel_handle_scope {
  petrel_isolate *isolate;
  void *reserved[4];
} petrel_handle_scope;

PETREL_EXPORT void petrel_handle_scope_open(petrel_isolate *iso, petrel_handle_scope *scope);
PETREL_EXPORT void petrel_handle_scope_close(petrel_handle_scope *scope);
/* An escapable scope reserves one slot in the enclosing scope, so one value can outlive it. */
PETREL_EXPORT void petrel_handle_scope_open_escapable(petrel_isolate *iso, petrel_handle_scope *scope);
/* Copies `value` into the reserved slot and returns a handle valid in the enclosing scope. May be
 * called once per escapable scope: a second call (or a call on a plain scope) returns NULL with an
 * Error thrown (caught by the innermost try/catch, else pending). */
PETREL_EXPORT petrel_value *petrel_handle_scope_escape(petrel_handle_scope *scope, petrel_value *value);
/* The number of local handles alive in the isolate (for tests and leak checks). */
PETREL_EXPORT size_t petrel_handle_count(petrel_isolate *iso);

/* A new local handle for the same value (in the innermost scope). */
PETREL_EXPORT petrel_value *petrel_local_copy(petrel_isolate *iso, petrel_value *value);

/* ---- Persistent handles ------------------------------------------------------------------- */

/* A strong reference that keeps `value` alive until released. NULL when out of memory. */
PETREL_EXPORT petrel_persistent *petrel_persistent_new(petrel_isolate *iso, petrel_value *value);
/* A local handle (in the innermost scope) for the persistent's value. */
PETREL_EXPORT petrel_value *petrel_persistent_get(petrel_isolate *iso, petrel_persistent *p);
PETREL_EXPORT void petrel_persistent_set(petrel_isolate *iso, petrel_persistent *p, petrel_value *value);
PETREL_EXPORT void petrel_persistent_release(petrel_isolate *iso, petrel_persistent *p);

/* ---- Contexts ----------------------------------------------------------------------------- */

/* Creates a context with the standard built-ins. It lives until petrel_context_release or the
 * isolate's disposal. NULL on failure (exception pending or caught as usual). */
PETREL_EXPORT petrel_context *petrel_context_new(petrel_isolate *iso);
/* Creates a context whose global object is configured by `global_template` (an object template of
 * iso; NULL: like petrel_context_new): the template's values, C accessors and functions from
 * function templates become properties of the global object (functions are made for this context:
 * each context gets its own), and its internal field count gives the global object internal
 * fields (petrel_object_get/set_internal_field / _aligned_pointer on petrel_context_global).
 * The template is frozen (instantiated) by this call. Contexts are separate worlds: one context's
 * scripts see only its own global object and built-ins, and reach another context's objects only
 * if the embedder hands them over (e.g. with petrel_object_set on the other global). NULL on
 * failure (exception routed as usual). */
typedef struct petrel_object_template petrel_object_template;
PETREL_EXPORT petrel_context *petrel_context_new_with_global_template(petrel_isolate *iso,
                                                                     petrel_object_template *global_template);
PETREL_EXPORT void petrel_context_release(petrel_context *ctx);
/* Makes ctx the current context; enters nest (exit restores the previous one). */
PETREL_EXPORT void petrel_context_enter(petrel_context *ctx);
PETREL_EXPORT void petrel_context_exit(petrel_context *ctx);
PETREL_EXPORT petrel_isolate *petrel_context_get_isolate(petrel_context *ctx);
/* The global object (a local handle in the innermost scope). */
PETREL_EXPORT petrel_value *petrel_context_global(petrel_context *ctx);
PETREL_EXPORT void petrel_context_set_data(petrel_context *ctx, void *data);
PETREL_EXPORT void *petrel_context_get_data(petrel_context *ctx);

/* ---- Try/catch ---------------------------------------------------------------------------- */

/* Catches exceptions thrown by API calls made while it is the innermost open try/catch. Lives on
 * the C stack; close it before the enclosing handle scope. Fields are private. */
typedef struct petrel_try_catch {
  petrel_isolate *isolate;
  void *reserved[6];
} petrel_try_catch;

PETREL_EXPORT void petrel_try_catch_open(petrel_isolate *iso, petrel_try_catch *tc);
/* Closes it; a caught exception that was not rethrown is discarded. */
PETREL_EXPORT void petrel_try_catch_close(petrel_try_catch *tc);
PETREL_EXPORT bool petrel_try_catch_has_caught(petrel_try_catch *tc);
/* True when execution was terminated (the exception cannot be handled by script). */
PETREL_EXPORT bool petrel_try_catch_has_terminated(petrel_try_catch *tc);
/* The thrown value, or NULL when nothing was caught. */
PETREL_EXPORT petrel_value *petrel_try_catch_exception(petrel_try_catch *tc);
/* The exception's `stack` property when it is a string (V8's stack trace text), else NULL. */
PETREL_EXPORT petrel_value *petrel_try_catch_stack_trace(petrel_try_catch *tc);
/* Where the exception was thrown. Each returns false when nothing was caught or the location is
 * unknown. line and column are 1-based; the column counts UTF-16 units. */
PETREL_EXPORT bool petrel_try_catch_message(petrel_try_catch *tc, petrel_value **resource_name,
                                            int *line, int *column, petrel_value **source_line);
/* Forgets the caught exception (the try/catch stays open). */
PETREL_EXPORT void petrel_try_catch_reset(petrel_try_catch *tc);
/* Makes the caught exception pending again, so it propagates to the caller (from a native
 * callback: to the calling script) or to an outer try/catch. Returns the exception handle. */
PETREL_EXPORT petrel_value *petrel_try_catch_rethrow(petrel_try_catch *tc);

/* ---- Throwing ----------------------------------------------------------------------------- */

typedef enum petrel_error_kind {
  PETREL_ERROR,
  PETREL_EVAL_ERROR,
  PETREL_RANGE_ERROR,
  PETREL_REFERENCE_ERROR,
  PETREL_SYNTAX_ERROR,
  PETREL_TYPE_ERROR,
  PETREL_URI_ERROR
} petrel_error_kind;

/* Makes `value` the pending exception (from a native callback: the call throws it). */
PETREL_EXPORT void petrel_throw(petrel_isolate *iso, petrel_value *value);
/* Creates an error of the current context (message in UTF-8) and throws it. */
PETREL_EXPORT void petrel_throw_error(petrel_isolate *iso, petrel_error_kind kind, const char *message);
/* Creates an error object without throwing it. */
PETREL_EXPORT petrel_value *petrel_error_new(petrel_isolate *iso, petrel_error_kind kind, const char *message);

/* ---- Primitive values --------------------------------------------------------------------- */

PETREL_EXPORT petrel_value *petrel_undefined(petrel_isolate *iso);
PETREL_EXPORT petrel_value *petrel_null(petrel_isolate *iso);
PETREL_EXPORT petrel_value *petrel_boolean(petrel_isolate *iso, bool b);
PETREL_EXPORT petrel_value *petrel_number(petrel_isolate *iso, double d);
PETREL_EXPORT petrel_value *petrel_integer(petrel_isolate *iso, int32_t i);
/* A string from UTF-8 (invalid sequences become U+FFFD; WTF-8 surrogates are kept). `length` is
 * in bytes; (size_t)-1 means NUL-terminated. NULL when out of memory (exception pending). */
PETREL_EXPORT petrel_value *petrel_string_new_utf8(petrel_isolate *iso, const char *utf8, size_t length);
/* A string from UTF-16 code units. */
PETREL_EXPORT petrel_value *petrel_string_new_utf16(petrel_isolate *iso, const uint16_t *units, size_t length);
/* A new unique symbol; description (UTF-8) may be NULL. */
PETREL_EXPORT petrel_value *petrel_symbol_new(petrel_isolate *iso, const char *description);
/* BigInts from 64-bit integers. NULL when out of memory (exception pending). */
PETREL_EXPORT petrel_value *petrel_bigint_new_from_int64(petrel_isolate *iso, int64_t value);
PETREL_EXPORT petrel_value *petrel_bigint_new_from_uint64(petrel_isolate *iso, uint64_t value);
/* A BigInt's value modulo 2^64 (as BigInt.asIntN(64) / asUintN(64) give it). *lossless (may be
 * NULL) says whether the value fit exactly; 0 and false when v is not a BigInt. */
PETREL_EXPORT int64_t petrel_bigint_to_int64(petrel_value *v, bool *lossless);
PETREL_EXPORT uint64_t petrel_bigint_to_uint64(petrel_value *v, bool *lossless);

/* ---- Type tests (never throw) ------------------------------------------------------------- */

PETREL_EXPORT bool petrel_value_is_undefined(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_null(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_null_or_undefined(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_boolean(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_true(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_false(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_number(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_int32(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_string(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_symbol(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_bigint(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_object(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_function(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_constructor(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_array(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_error(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_promise(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_array_buffer(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_date(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_regexp(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_map(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_set(petrel_value *v);
/* Loose equality (==; may run JavaScript) and `instanceof` (@@hasInstance, then the prototype
 * chain). *out gets the answer. */
PETREL_EXPORT bool petrel_value_equals(petrel_context *ctx, petrel_value *a, petrel_value *b, bool *out);
PETREL_EXPORT bool petrel_value_instance_of(petrel_context *ctx, petrel_value *v, petrel_value *constructor,
                                            bool *out);
/* Strict equality (===) and SameValue. */
PETREL_EXPORT bool petrel_value_strict_equals(petrel_value *a, petrel_value *b);
PETREL_EXPORT bool petrel_value_same_value(petrel_value *a, petrel_value *b);

/* ---- Reading primitives (no conversion; the value must have the type) --------------------- */

PETREL_EXPORT double petrel_number_value(petrel_value *v);   /* NaN when not a number */
PETREL_EXPORT bool petrel_boolean_value(petrel_value *v);    /* false when not a boolean */

/* ---- Conversions (ECMAScript abstract operations; may run JavaScript) ---------------------- */

PETREL_EXPORT bool petrel_value_to_boolean(petrel_value *v); /* ToBoolean never throws */
PETREL_EXPORT bool petrel_value_to_number(petrel_context *ctx, petrel_value *v, double *out);
PETREL_EXPORT bool petrel_value_to_int32(petrel_context *ctx, petrel_value *v, int32_t *out);
PETREL_EXPORT bool petrel_value_to_string(petrel_context *ctx, petrel_value *v, petrel_value **out);
PETREL_EXPORT bool petrel_value_to_object(petrel_context *ctx, petrel_value *v, petrel_value **out);
/* The `typeof` string of v ("undefined", "object", ...), a static C string. */
PETREL_EXPORT const char *petrel_value_typeof(petrel_value *v);

/* ---- Strings ------------------------------------------------------------------------------ */

/* Length in UTF-16 code units; 0 when v is not a string. */
PETREL_EXPORT size_t petrel_string_length(petrel_value *v);
/* Bytes of the UTF-8 form (lone surrogates as U+FFFD), without a terminator. */
PETREL_EXPORT size_t petrel_string_utf8_length(petrel_isolate *iso, petrel_value *v);
/* Writes the UTF-8 form into buf (capacity bytes), always NUL-terminated when capacity > 0,
 * truncated at a character boundary when too long. Returns the bytes written without the NUL. */
PETREL_EXPORT size_t petrel_string_write_utf8(petrel_isolate *iso, petrel_value *v, char *buf, size_t capacity);
/* A malloc'd NUL-terminated UTF-8 copy (free it with petrel_free); *length gets the byte count
 * when length is not NULL. NULL when v is not a string or out of memory. */
PETREL_EXPORT char *petrel_string_to_utf8(petrel_isolate *iso, petrel_value *v, size_t *length);
/* Concatenation. */
PETREL_EXPORT petrel_value *petrel_string_concat(petrel_isolate *iso, petrel_value *a, petrel_value *b);

/* ---- Objects ------------------------------------------------------------------------------ */

PETREL_EXPORT petrel_value *petrel_object_new(petrel_context *ctx);
/* Property access by key (any value, converted with ToPropertyKey), by UTF-8 name, by index. */
PETREL_EXPORT bool petrel_object_get(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value **out);
PETREL_EXPORT bool petrel_object_get_named(petrel_context *ctx, petrel_value *obj, const char *name, petrel_value **out);
PETREL_EXPORT bool petrel_object_get_index(petrel_context *ctx, petrel_value *obj, uint32_t index, petrel_value **out);
PETREL_EXPORT bool petrel_object_set(petrel_context *ctx, petrel_value *obj, petrel_value *key, petrel_value *value);
PETREL_EXPORT bool petrel_object_set_named(petrel_context *ctx, petrel_value *obj, const char *name, petrel_value *value);
PETREL_EXPORT bool petrel_object_set_index(petrel_context *ctx, petrel_value *obj, uint32_t index, petrel_value *value);
/* Defines an own data property (like Object.defineProperty); attributes from the flags below. */
enum { PETREL_PROP_WRITABLE = 1, PETREL_PROP_ENUMERABLE = 2, PETREL_PROP_CONFIGURABLE = 4,
       PETREL_PROP_DEFAULT = 7, PETREL_PROP_HIDDEN = 5 /* writable, configurable: like built-ins */ };
PETREL_EXPORT bool petrel_object_define_named(petrel_context *ctx, petrel_value *obj, const char *name,
                                              petrel_value *value, int attributes);
/* *out gets true/false. */
PETREL_EXPORT bool petrel_object_has(petrel_context *ctx, petrel_value *obj, petrel_value *key, bool *out);
PETREL_EXPORT bool petrel_object_has_named(petrel_context *ctx, petrel_value *obj, const char *name, bool *out);
PETREL_EXPORT bool petrel_object_has_own_named(petrel_context *ctx, petrel_value *obj, const char *name, bool *out);
PETREL_EXPORT bool petrel_object_delete(petrel_context *ctx, petrel_value *obj, petrel_value *key, bool *out);
PETREL_EXPORT bool petrel_object_delete_named(petrel_context *ctx, petrel_value *obj, const char *name, bool *out);
/* The own enumerable string-keyed property names, in order (like Object.keys), as an array. */
PETREL_EXPORT bool petrel_object_keys(petrel_context *ctx, petrel_value *obj, petrel_value **out);
/* Every own property key, strings (index keys as strings) then symbols, in the spec's order (like
 * Reflect.ownKeys), as an array. */
PETREL_EXPORT bool petrel_object_own_keys(petrel_context *ctx, petrel_value *obj, petrel_value **out);
/* Defines an accessor property; getter and setter are functions or NULL (absent). */
PETREL_EXPORT bool petrel_object_define_accessor(petrel_context *ctx, petrel_value *obj, const char *name,
                                                 petrel_value *getter, petrel_value *setter, int attributes);
/* [[GetPrototypeOf]]: an object or null. */
PETREL_EXPORT bool petrel_object_get_prototype(petrel_context *ctx, petrel_value *obj, petrel_value **out);
PETREL_EXPORT bool petrel_object_set_prototype(petrel_context *ctx, petrel_value *obj, petrel_value *proto);
/* Makes obj (an ordinary object or a function, not a proxy) undetectable, like V8's
 * ObjectTemplate::MarkAsUndetectable: the [[IsHTMLDDA]] slot of ECMA-262 Annex B.3.6 (typeof is
 * "undefined", ToBoolean is false, == null and == undefined are true; ?? and ?. still see an
 * object). Only obj changes, not other objects of its shape. For test harnesses ($262.IsHTMLDDA). */
PETREL_EXPORT bool petrel_object_mark_as_undetectable(petrel_context *ctx, petrel_value *obj);
PETREL_EXPORT bool petrel_object_is_undetectable(petrel_value *obj);
/* Inspection (console.log, debuggers), running no JavaScript: a Map's entries as a new array
 * [k1, v1, k2, v2, ...] and a Set's as [k1, k2, ...] (V8's Map::AsArray / Set::AsArray; a TypeError
 * for other values); WeakMap/WeakSet tests; the primitive inside a Number/String/Boolean/Symbol/
 * BigInt wrapper object (NULL for anything else); an own property's descriptor as a new object
 * like Object.getOwnPropertyDescriptor's (undefined when absent; getters are not called). */
PETREL_EXPORT bool petrel_map_as_array(petrel_context *ctx, petrel_value *map, petrel_value **out);
PETREL_EXPORT bool petrel_set_as_array(petrel_context *ctx, petrel_value *set, petrel_value **out);
PETREL_EXPORT bool petrel_value_is_weak_map(petrel_value *v);
PETREL_EXPORT bool petrel_value_is_weak_set(petrel_value *v);
PETREL_EXPORT petrel_value *petrel_object_wrapped_primitive(petrel_isolate *iso, petrel_value *obj);
PETREL_EXPORT bool petrel_object_get_own_property_descriptor(petrel_context *ctx, petrel_value *obj,
                                                             petrel_value *key, petrel_value **out);
/* ClearKeptObjects: releases the targets WeakRef construction and deref() kept alive during the
 * current job (V8's Isolate::ClearKeptObjects; the engine also clears them after each job). */
PETREL_EXPORT bool petrel_isolate_clear_kept_objects(petrel_isolate *iso);

/* Objects with internal fields (V8's SetInternalFieldCount): up to PETREL_MAX_INTERNAL_FIELDS
 * pointer slots that JavaScript cannot see, e.g. to wrap a C struct. The engine never
 * dereferences or frees them. Fields start NULL. */
#define PETREL_MAX_INTERNAL_FIELDS 16
PETREL_EXPORT petrel_value *petrel_object_new_with_internal_fields(petrel_context *ctx, int count);
/* 0 for objects made without internal fields. */
PETREL_EXPORT int petrel_object_internal_field_count(petrel_value *obj);
/* NULL when index is out of range. */
PETREL_EXPORT void *petrel_object_get_internal_field(petrel_value *obj, int index);
/* Returns false when index is out of range. */
PETREL_EXPORT bool petrel_object_set_internal_field(petrel_value *obj, int index, void *value);

/* ---- Arrays ------------------------------------------------------------------------------- */

PETREL_EXPORT petrel_value *petrel_array_new(petrel_context *ctx, uint32_t length);
/* The `length` property of an array (0 when v is not an array). */
PETREL_EXPORT uint32_t petrel_array_length(petrel_context *ctx, petrel_value *array);

/* ---- ArrayBuffers ------------------------------------------------------------------------- */

/* A new zero-filled ArrayBuffer of `length` bytes; NULL on failure (exception pending). */
PETREL_EXPORT petrel_value *petrel_array_buffer_new(petrel_context *ctx, size_t length);
/* Its bytes (valid until the buffer is detached or collected) and length; NULL/0 if detached. */
PETREL_EXPORT void *petrel_array_buffer_data(petrel_value *buffer);
PETREL_EXPORT size_t petrel_array_buffer_byte_length(petrel_value *buffer);
/* DetachArrayBuffer: frees the bytes; the buffer's length becomes 0. Fails (TypeError pending)
 * for an immutable buffer. */
PETREL_EXPORT bool petrel_array_buffer_detach(petrel_context *ctx, petrel_value *buffer);
/* Whether the buffer is immutable (transferToImmutable, sliceToImmutable): its bytes must not be
 * written through petrel_array_buffer_data, and it cannot be detached. False for non-buffers. */
PETREL_EXPORT bool petrel_array_buffer_is_immutable(petrel_value *buffer);

/* ---- SharedArrayBuffers and shared memory -------------------------------------------------- */

/* The bytes of a SharedArrayBuffer, reference counted across isolates and threads: share them
 * from one isolate, make a SharedArrayBuffer over them in another (a Worker, an agent), and
 * release your reference when done. The bytes are freed when the last buffer and reference go. */
typedef struct petrel_shared_memory petrel_shared_memory;

PETREL_EXPORT bool petrel_value_is_shared_array_buffer(petrel_value *v);
/* A new reference to a SharedArrayBuffer's memory; NULL when v is not one. */
PETREL_EXPORT petrel_shared_memory *petrel_shared_array_buffer_share(petrel_value *sab);
/* A SharedArrayBuffer over `mem` in ctx (it takes its own reference); NULL with an exception
 * pending on failure. */
PETREL_EXPORT petrel_value *petrel_shared_array_buffer_new_from(petrel_context *ctx, petrel_shared_memory *mem);
PETREL_EXPORT void petrel_shared_memory_release(petrel_shared_memory *mem);
/* Atomics.waitAsync: an event loop calls this between tasks. It resolves the promises of iso's
 * async waits that were notified (by any thread) or timed out, after first waiting up to
 * block_ms for one when none is ready (0: never block; blocking wakes for termination), then
 * runs a microtask checkpoint if it settled any. Returns the number of waits still pending, or
 * -1 if the isolate was terminated or ran out of memory while doing so. */
PETREL_EXPORT int petrel_isolate_process_async_waits(petrel_isolate *iso, double block_ms);

/* ---- Structured clone (ValueSerializer) --------------------------------------------------- */

/* Serializes values in V8's ValueSerializer wire format (version 15): primitives, strings,
 * plain objects, arrays (dense and sparse), Date, RegExp, Map, Set, primitive wrappers, Error
 * objects, ArrayBuffers (copied, or transferred by id), typed arrays and DataViews, and
 * SharedArrayBuffers (by index into the serializer's shared-memory list), with back-references
 * for shared and cyclic objects. Functions, symbols, proxies and other exotic objects raise an
 * Error "... could not be cloned." (V8's DataCloneError). Use within one entered context. */
typedef struct petrel_serializer petrel_serializer;
typedef struct petrel_deserializer petrel_deserializer;

PETREL_EXPORT petrel_serializer *petrel_serializer_new(petrel_context *ctx); /* NULL: out of memory */
PETREL_EXPORT void petrel_serializer_write_header(petrel_serializer *s);
/* false with an exception pending when the value cannot be cloned (or a getter threw). */
PETREL_EXPORT bool petrel_serializer_write_value(petrel_serializer *s, petrel_value *value);
/* Writes `buffer` (an ArrayBuffer) as transfer `id` instead of copying it; the embedder moves
 * its contents and gives the deserializer the new buffer under the same id. */
PETREL_EXPORT bool petrel_serializer_transfer_array_buffer(petrel_serializer *s, uint32_t id, petrel_value *buffer);
/* The SharedArrayBuffers written so far, in id order; the serializer holds these references
 * until it is freed (retain them with petrel_shared_array_buffer_share on a buffer, or pass the
 * list straight to a deserializer on another isolate while the serializer is alive). */
PETREL_EXPORT size_t petrel_serializer_shared_memory(petrel_serializer *s, petrel_shared_memory *const **list);
/* A new reference to shared-memory entry i (NULL when out of range). */
PETREL_EXPORT petrel_shared_memory *petrel_serializer_share_memory(petrel_serializer *s, size_t i);
/* Hands over the bytes written (free with petrel_free); the serializer is left empty. */
PETREL_EXPORT uint8_t *petrel_serializer_release(petrel_serializer *s, size_t *size);
PETREL_EXPORT void petrel_serializer_free(petrel_serializer *s);

/* The deserializer reads from `data`, which must stay valid until it is freed. */
PETREL_EXPORT petrel_deserializer *petrel_deserializer_new(petrel_context *ctx, const uint8_t *data, size_t size);
PETREL_EXPORT bool petrel_deserializer_read_header(petrel_deserializer *d);
/* Malformed or hostile data gives false with an Error pending, never a crash. */
PETREL_EXPORT bool petrel_deserializer_read_value(petrel_deserializer *d, petrel_value **out);
PETREL_EXPORT bool petrel_deserializer_transfer_array_buffer(petrel_deserializer *d, uint32_t id, petrel_value *buffer);
/* Shared memory for the 'u' (SharedArrayBuffer) entries, by index; the array and its references
 * must outlive the reads. */
PETREL_EXPORT void petrel_deserializer_set_shared_memory(petrel_deserializer *d, petrel_shared_memory *const *list,
                                                       size_t count);
PETREL_EXPORT void petrel_deserializer_free(petrel_deserializer *d);

/* ---- Functions and native callbacks ------------------------------------------------------- */

/* A native function. Read the call through the petrel_callback_info_* functions; set the result
 * with petrel_callback_info_set_return (the default is undefined); throw with petrel_throw or
 * petrel_throw_error, or by returning after an API call that failed with no try/catch open. */
typedef void (*petrel_function_callback)(const petrel_callback_info *info);

PETREL_EXPORT petrel_isolate *petrel_callback_info_isolate(const petrel_callback_info *info);
/* The context the function belongs to. */
PETREL_EXPORT petrel_context *petrel_callback_info_context(const petrel_callback_info *info);
PETREL_EXPORT int petrel_callback_info_length(const petrel_callback_info *info);
/* Argument i; an undefined handle when i >= length. */
PETREL_EXPORT petrel_value *petrel_callback_info_arg(const petrel_callback_info *info, int i);
PETREL_EXPORT petrel_value *petrel_callback_info_this(const petrel_callback_info *info);
/* new.target: undefined for a plain call, the constructor for `new`. */
PETREL_EXPORT petrel_value *petrel_callback_info_new_target(const petrel_callback_info *info);
PETREL_EXPORT bool petrel_callback_info_is_construct_call(const petrel_callback_info *info);
/* The data value given when the function was created (undefined when none). */
PETREL_EXPORT petrel_value *petrel_callback_info_data(const petrel_callback_info *info);
PETREL_EXPORT void petrel_callback_info_set_return(const petrel_callback_info *info, petrel_value *value);

/* A template: a callback, an optional data value, a name and a `length`. It belongs to its isolate
 * and is freed with it (or with petrel_function_template_release). */
PETREL_EXPORT petrel_function_template *petrel_function_template_new(petrel_isolate *iso,
                                                                     petrel_function_callback callback,
                                                                     petrel_value *data, const char *name,
                                                                     int length);
/* The function for this template in ctx (created once per context, then the same object). */
PETREL_EXPORT petrel_value *petrel_function_template_get_function(petrel_function_template *tpl,
                                                                 petrel_context *ctx);
PETREL_EXPORT void petrel_function_template_release(petrel_function_template *tpl);

/* A new native function in ctx (no template). data may be NULL; name may be NULL ("").
 * A native function can be called with `new`: `this` is then a new ordinary object whose
 * prototype is new.target.prototype, and the result is the callback's return value when it is an
 * object, otherwise `this`. */
PETREL_EXPORT petrel_value *petrel_function_new(petrel_context *ctx, petrel_function_callback callback,
                                                petrel_value *data, const char *name, int length);

/* [[Call]] and [[Construct]]. recv may be NULL (undefined). */
PETREL_EXPORT bool petrel_function_call(petrel_context *ctx, petrel_value *fn, petrel_value *recv, int argc,
                                        petrel_value **argv, petrel_value **result);
PETREL_EXPORT bool petrel_function_construct(petrel_context *ctx, petrel_value *fn, int argc,
                                             petrel_value **argv, petrel_value **result);
/* The function's `name` property as a string handle ("" when absent or not a string). */
PETREL_EXPORT petrel_value *petrel_function_get_name(petrel_context *ctx, petrel_value *fn);

/* ---- Scripts ------------------------------------------------------------------------------ */

typedef struct petrel_script_origin {
  const char *resource_name; /* UTF-8, e.g. a file name; NULL: "undefined" as V8 does */
  int line_offset;           /* added to line numbers (0: the script starts at line 1) */
  int column_offset;         /* added to the first line's columns */
} petrel_script_origin;

/* Compiles source (a string handle) into a script (a function handle to run with
 * petrel_script_run). Syntax errors fail like exceptions, with their location in the message. */
PETREL_EXPORT bool petrel_script_compile(petrel_context *ctx, petrel_value *source,
                                         const petrel_script_origin *origin, petrel_value **script);
/* Runs a compiled script in ctx with the global object as `this`; *result is its completion value. */
PETREL_EXPORT bool petrel_script_run(petrel_context *ctx, petrel_value *script, petrel_value **result);
/* Compile and run UTF-8 source in one step (length (size_t)-1: NUL-terminated). result may be NULL. */
PETREL_EXPORT bool petrel_eval(petrel_context *ctx, const char *source, size_t length,
                               const char *resource_name, petrel_value **result);

/* ---- Modules ------------------------------------------------------------------------------ */
/* A module is a handle (petrel_value *) to an engine-internal module record: it is not a
 * JavaScript value, so pass it only to the petrel_module_* functions (petrel_value_is_module tells
 * one apart). Keep it in a persistent handle to reuse it (a host's module map does: a module must
 * be compiled, and so evaluated, once per context).
 *
 * Life cycle, as V8's: compile -> instantiate (resolves every static import through the resolve
 * callback, recursively, then links the graph) -> evaluate (runs the graph once; returns a
 * promise, pending while top-level await is under way) -> namespace / exception. */

typedef enum petrel_module_status {
  PETREL_MODULE_UNINSTANTIATED,
  PETREL_MODULE_INSTANTIATING,
  PETREL_MODULE_INSTANTIATED,
  PETREL_MODULE_EVALUATING,   /* running, or waiting for top-level await */
  PETREL_MODULE_EVALUATED,
  PETREL_MODULE_ERRORED       /* evaluation threw: see petrel_module_get_exception */
} petrel_module_status;

/* Compiles source (a string handle) as module code; origin->resource_name names the module (the
 * host's resolved path or URL: the referrer it is given back for this module's imports). Syntax
 * errors fail like exceptions. */
PETREL_EXPORT bool petrel_module_compile(petrel_context *ctx, petrel_value *source,
                                         const petrel_script_origin *origin, petrel_value **module);
/* A JSON module (`import v from "./x.json" with { type: "json" }`): its default export is the
 * parsed source; fails with a SyntaxError when source is not JSON. */
PETREL_EXPORT bool petrel_module_compile_json(petrel_context *ctx, petrel_value *source,
                                              const petrel_script_origin *origin, petrel_value **module);
PETREL_EXPORT bool petrel_value_is_module(petrel_value *v);

/* Returns the module for an import of specifier (a string) from referrer (a module), with the
 * import's `type` attribute (a string, or undefined when absent; other attribute keys are
 * rejected with a SyntaxError before the callback runs). Return NULL after throwing (e.g.
 * petrel_throw_error) to fail the instantiation. The same (specifier, referrer) is asked once. */
typedef petrel_value *(*petrel_module_resolve_callback)(petrel_context *ctx, petrel_value *specifier,
                                                        petrel_value *type, petrel_value *referrer,
                                                        void *data);
/* Loads (through resolve) and links the module graph. Fails with the SyntaxError V8 gives for an
 * import nothing exports ("The requested module './x.js' does not provide an export named 'y'").
 * Instantiating an instantiated module does nothing. */
PETREL_EXPORT bool petrel_module_instantiate(petrel_context *ctx, petrel_value *module,
                                             petrel_module_resolve_callback resolve, void *data);
/* Evaluates an instantiated module (once: later calls return the same promise). *promise settles
 * when the graph has run: fulfilled with undefined, or rejected with the error a module threw.
 * Run microtasks (petrel_perform_microtask_checkpoint) to let top-level await proceed. Fails
 * only when the module is not instantiated (TypeError) or on termination / out of memory. */
PETREL_EXPORT bool petrel_module_evaluate(petrel_context *ctx, petrel_value *module, petrel_value **promise);
PETREL_EXPORT petrel_module_status petrel_module_get_status(petrel_value *module);
/* The module namespace object (instantiated modules); NULL after throwing otherwise. */
PETREL_EXPORT petrel_value *petrel_module_get_namespace(petrel_context *ctx, petrel_value *module);
/* The error an errored module threw; undefined otherwise. */
PETREL_EXPORT petrel_value *petrel_module_get_exception(petrel_isolate *iso, petrel_value *module);
/* The module's name (origin->resource_name) as a string handle. */
PETREL_EXPORT petrel_value *petrel_module_get_name(petrel_isolate *iso, petrel_value *module);

/* import(specifier, options) support. The callback gets the specifier (a string), the `type`
 * attribute (string or undefined) and the name of the importing script or module (its
 * resource_name: a string, or undefined); it returns an instantiated module, or NULL after
 * throwing, which rejects the import() promise. The engine calls it from a microtask, then
 * evaluates the module and resolves the promise with its namespace. Without a callback, import()
 * rejects with a TypeError. */
typedef petrel_value *(*petrel_dynamic_import_callback)(petrel_context *ctx, petrel_value *specifier,
                                                        petrel_value *type, petrel_value *referrer_name,
                                                        void *data);
PETREL_EXPORT void petrel_isolate_set_dynamic_import_callback(petrel_isolate *iso,
                                                              petrel_dynamic_import_callback cb, void *data);
/* Called once per module the first time its code reads import.meta, with the fresh object
 * (null prototype) to fill, e.g. with a `url` property. */
typedef void (*petrel_import_meta_callback)(petrel_context *ctx, petrel_value *module, petrel_value *meta,
                                            void *data);
PETREL_EXPORT void petrel_isolate_set_import_meta_callback(petrel_isolate *iso, petrel_import_meta_callback cb,
                                                           void *data);

/* ---- Promises ----------------------------------------------------------------------------- */

typedef enum petrel_promise_state {
  PETREL_PROMISE_PENDING,
  PETREL_PROMISE_FULFILLED,
  PETREL_PROMISE_REJECTED
} petrel_promise_state;

/* A new pending promise with its resolve/reject functions in *resolve / *reject. */
PETREL_EXPORT bool petrel_promise_new(petrel_context *ctx, petrel_value **promise, petrel_value **resolve,
                                      petrel_value **reject);
PETREL_EXPORT petrel_promise_state petrel_promise_get_state(petrel_value *promise);
/* The fulfillment value or rejection reason (undefined while pending). */
PETREL_EXPORT petrel_value *petrel_promise_result(petrel_isolate *iso, petrel_value *promise);

/* ======== Weak persistent handles ============================================================ */
/* Thread: all functions below are called on the thread that owns the isolate. */

/* Called once after the object of a weak persistent handle was collected. By then the handle is
 * already empty (it holds undefined) and no longer weak; `param` is what was given to
 * petrel_persistent_set_weak. The callback runs outside the collector, at the next safe point
 * (the end of petrel_isolate_collect_garbage, of a handle scope, or of an API call that ran
 * JavaScript); like V8's first-pass callbacks it should only free C memory and release the handle
 * (petrel_persistent_release(iso, p) is allowed here), not run JavaScript. */
typedef void (*petrel_weak_callback)(petrel_isolate *iso, petrel_persistent *p, void *param);

/* Makes p weak: it no longer keeps its object alive. When the object dies the handle is cleared
 * and `callback` is called with `param`, exactly once. Every object dies when the isolate is
 * disposed: callbacks of weak handles still set run during petrel_isolate_dispose (they must then
 * only free C memory and release the handle). A primitive value is never collected, so its
 * callback runs only at disposal. Calling it again replaces param and callback. callback must not
 * be NULL. */
PETREL_EXPORT void petrel_persistent_set_weak(petrel_isolate *iso, petrel_persistent *p, void *param,
                                              petrel_weak_callback callback);
/* Makes p strong again; returns the param it had (NULL if it was not weak). */
PETREL_EXPORT void *petrel_persistent_clear_weak(petrel_isolate *iso, petrel_persistent *p);
PETREL_EXPORT bool petrel_persistent_is_weak(petrel_persistent *p);
/* True when p holds undefined (e.g. a weak handle whose object was collected). */
PETREL_EXPORT bool petrel_persistent_is_empty(petrel_persistent *p);

/* ======== Templates =========================================================================== */
/* Thread: the isolate's thread. Templates belong to their isolate (not to a context) and are freed
 * with it, or earlier with *_release. Configure a template before it is first instantiated: a
 * change after that fails (returns false) because instances already made would disagree. */

/* An object template: properties (values, C accessors, functions from function templates) and an
 * internal field count that every instance gets (V8's ObjectTemplate). The type
 * petrel_object_template is declared above, with petrel_context_new_with_global_template. */

/* C accessors. `property` is the property name (a string handle); `info` describes the access:
 * petrel_callback_info_this is the receiver, _holder the object that has the property, _data the
 * data given with the accessor, _isolate and _context as for functions. A getter sets its result
 * with petrel_callback_info_set_return (default undefined). Both may throw (petrel_throw...). */
typedef void (*petrel_accessor_getter)(petrel_value *property, const petrel_callback_info *info);
typedef void (*petrel_accessor_setter)(petrel_value *property, petrel_value *value,
                                       const petrel_callback_info *info);

/* A new empty object template; NULL when out of memory. */
PETREL_EXPORT petrel_object_template *petrel_object_template_new(petrel_isolate *iso);
/* Frees it. Instances already made are not affected; a function template's instance or prototype
 * template is owned by that function template and must not be released. */
PETREL_EXPORT void petrel_object_template_release(petrel_object_template *tpl);
/* Adds a data property `name` (UTF-8) = value to every instance. attributes: PETREL_PROP_* flags
 * (V8's ReadOnly = no PETREL_PROP_WRITABLE, DontEnum = no _ENUMERABLE, DontDelete = no
 * _CONFIGURABLE). An object value is shared by all instances (all contexts): prefer primitives
 * and function templates. Setting the same name again replaces the earlier entry. */
PETREL_EXPORT bool petrel_object_template_set(petrel_object_template *tpl, const char *name, petrel_value *value,
                                              int attributes);
/* Adds a property whose value is the function of `fn` in the instance's context. fn must not be
 * released while tpl is still used. */
PETREL_EXPORT bool petrel_object_template_set_function_template(petrel_object_template *tpl, const char *name,
                                                                petrel_function_template *fn, int attributes);
/* Adds an accessor property backed by C callbacks (setter may be NULL: read-only, assignments are
 * ignored in sloppy code and throw in strict code). data may be NULL (undefined). attributes:
 * PETREL_PROP_ENUMERABLE and _CONFIGURABLE are used. */
PETREL_EXPORT bool petrel_object_template_set_accessor(petrel_object_template *tpl, const char *name,
                                                       petrel_accessor_getter getter,
                                                       petrel_accessor_setter setter, petrel_value *data,
                                                       int attributes);
/* Instances get `count` internal fields (0..PETREL_MAX_INTERNAL_FIELDS), all NULL at first. */
PETREL_EXPORT bool petrel_object_template_set_internal_field_count(petrel_object_template *tpl, int count);
PETREL_EXPORT int petrel_object_template_internal_field_count(petrel_object_template *tpl);
/* A new instance in ctx. Its prototype is %Object.prototype%, or, for a function template's
 * instance template, that function's `prototype` in ctx. Fails (exception as usual) when a
 * property cannot be defined. */
PETREL_EXPORT bool petrel_object_template_new_instance(petrel_object_template *tpl, petrel_context *ctx,
                                                       petrel_value **out);

/* Function templates, continued. The instance template describes objects made by `new F()` (their
 * internal fields and own properties); the prototype template adds properties to F.prototype.
 * Both are created on first request and owned by the function template. */
PETREL_EXPORT petrel_object_template *petrel_function_template_instance_template(petrel_function_template *tpl);
PETREL_EXPORT petrel_object_template *petrel_function_template_prototype_template(petrel_function_template *tpl);
/* F.prototype inherits from the parent's function's prototype (in the same context), and
 * instances also get the parent's instance template properties. */
PETREL_EXPORT bool petrel_function_template_inherit(petrel_function_template *tpl,
                                                    petrel_function_template *parent);
/* The functions' `name` (V8's SetClassName). */
PETREL_EXPORT bool petrel_function_template_set_class_name(petrel_function_template *tpl, const char *name);
PETREL_EXPORT bool petrel_function_template_set_length(petrel_function_template *tpl, int length);
/* The functions get no `prototype` property and are not constructors (`new` throws TypeError). */
PETREL_EXPORT bool petrel_function_template_remove_prototype(petrel_function_template *tpl);
/* The functions' `prototype` property is not writable. */
PETREL_EXPORT bool petrel_function_template_read_only_prototype(petrel_function_template *tpl);
/* True when v is an object made by `new` on this template's function (in any context), or on a
 * function of a template that inherits from it. */
PETREL_EXPORT bool petrel_function_template_has_instance(petrel_function_template *tpl, petrel_value *v);

/* ======== Callback info, continued ============================================================ */

/* The object on which the function or accessor was found: for accessors, the object in the
 * receiver's prototype chain that has the property; for functions, the receiver. */
PETREL_EXPORT petrel_value *petrel_callback_info_holder(const petrel_callback_info *info);
/* Return-value conveniences (no handle needed). */
PETREL_EXPORT void petrel_callback_info_set_return_int32(const petrel_callback_info *info, int32_t i);
PETREL_EXPORT void petrel_callback_info_set_return_uint32(const petrel_callback_info *info, uint32_t u);
PETREL_EXPORT void petrel_callback_info_set_return_double(const petrel_callback_info *info, double d);
PETREL_EXPORT void petrel_callback_info_set_return_bool(const petrel_callback_info *info, bool b);
PETREL_EXPORT void petrel_callback_info_set_return_undefined(const petrel_callback_info *info);
PETREL_EXPORT void petrel_callback_info_set_return_null(const petrel_callback_info *info);
PETREL_EXPORT void petrel_callback_info_set_return_empty_string(const petrel_callback_info *info);


/* ======== Values, continued =================================================================== */
/* Thread: the isolate's thread. Creation functions return NULL when out of memory (the exception is
 * routed like a failed call's). */

/* Integers: a number handle from an int32 / uint32. */
PETREL_EXPORT petrel_value *petrel_int32(petrel_isolate *iso, int32_t i);
PETREL_EXPORT petrel_value *petrel_uint32(petrel_isolate *iso, uint32_t u);
/* True when v is a number whose value is an integer in uint32 range (not -0). */
PETREL_EXPORT bool petrel_value_is_uint32(petrel_value *v);
/* Reading a number without conversion (ToInt32 / ToUint32 of it; 0 when v is not a number). */
PETREL_EXPORT int32_t petrel_int32_value(petrel_value *v);
PETREL_EXPORT uint32_t petrel_uint32_value(petrel_value *v);
/* ToUint32 (may run JavaScript). */
PETREL_EXPORT bool petrel_value_to_uint32(petrel_context *ctx, petrel_value *v, uint32_t *out);

/* A string from Latin-1 bytes (each byte one character U+0000..U+00FF); length in bytes. */
PETREL_EXPORT petrel_value *petrel_string_new_latin1(petrel_isolate *iso, const uint8_t *chars, size_t length);

/* External strings: the string uses the embedder's characters in place (no copy) and the
 * embedder learns through `dispose` when the engine no longer needs them. The characters must
 * stay valid and unchanged until dispose(data, param) is called, which happens once: when the
 * string has been collected, or at the latest when the isolate is disposed. dispose may be NULL
 * (the characters must then outlive the isolate). One-byte strings are Latin-1. A two-byte
 * string whose units all fit Latin-1 is copied (the engine keeps such text one-byte); the
 * contract stays the same. Strings derived from an external one (concatenations, slices,
 * property keys) are ordinary copies. */
typedef void (*petrel_external_string_dispose)(const void *data, void *param);
PETREL_EXPORT petrel_value *petrel_string_new_external_one_byte(petrel_isolate *iso, const char *chars,
                                                                size_t length,
                                                                petrel_external_string_dispose dispose,
                                                                void *param);
PETREL_EXPORT petrel_value *petrel_string_new_external_two_byte(petrel_isolate *iso, const uint16_t *units,
                                                                size_t length,
                                                                petrel_external_string_dispose dispose,
                                                                void *param);

/* Private symbols (V8's Private): keys JavaScript cannot see — no reflection (Object.keys,
 * Reflect.ownKeys, getOwnPropertySymbols), no proxy traps — for embedder data on objects. Use
 * them only with the *_private functions. */
PETREL_EXPORT petrel_value *petrel_private_symbol_new(petrel_isolate *iso, const char *description);
PETREL_EXPORT bool petrel_object_get_private(petrel_context *ctx, petrel_value *obj, petrel_value *key,
                                             petrel_value **out); /* undefined when absent */
PETREL_EXPORT bool petrel_object_set_private(petrel_context *ctx, petrel_value *obj, petrel_value *key,
                                             petrel_value *value);
PETREL_EXPORT bool petrel_object_has_private(petrel_context *ctx, petrel_value *obj, petrel_value *key, bool *out);
PETREL_EXPORT bool petrel_object_delete_private(petrel_context *ctx, petrel_value *obj, petrel_value *key);

/* An array holding count elements (elements[i] may not be NULL). */
PETREL_EXPORT petrel_value *petrel_array_new_with_elements(petrel_context *ctx, petrel_value **elements,
                                                           uint32_t count);

/* Promise resolvers (V8's Promise::Resolver): the resolver is a handle from which the promise is
 * settled from C. resolve follows thenables like the resolve function; settling a promise that is
 * no longer pending does nothing. */
PETREL_EXPORT petrel_value *petrel_promise_resolver_new(petrel_context *ctx);
PETREL_EXPORT petrel_value *petrel_promise_resolver_get_promise(petrel_isolate *iso, petrel_value *resolver);
PETREL_EXPORT bool petrel_promise_resolver_resolve(petrel_context *ctx, petrel_value *resolver, petrel_value *value);
PETREL_EXPORT bool petrel_promise_resolver_reject(petrel_context *ctx, petrel_value *resolver, petrel_value *reason);

/* Dates: a Date object for a time value (ms since the epoch, TimeClip'd: NaN when out of range),
 * and a Date's time value (NaN when v is not a Date). */
PETREL_EXPORT petrel_value *petrel_date_new(petrel_context *ctx, double time);
PETREL_EXPORT double petrel_date_value(petrel_value *v);

/* Typed arrays. */
typedef enum petrel_typed_array_kind {
  PETREL_INT8_ARRAY, PETREL_UINT8_ARRAY, PETREL_UINT8_CLAMPED_ARRAY, PETREL_INT16_ARRAY,
  PETREL_UINT16_ARRAY, PETREL_INT32_ARRAY, PETREL_UINT32_ARRAY, PETREL_FLOAT16_ARRAY,
  PETREL_FLOAT32_ARRAY, PETREL_FLOAT64_ARRAY, PETREL_BIGINT64_ARRAY, PETREL_BIGUINT64_ARRAY
} petrel_typed_array_kind;
/* `new Kind(buffer, byte_offset, length)`: RangeError when out of bounds or misaligned. */
PETREL_EXPORT bool petrel_typed_array_new(petrel_context *ctx, petrel_typed_array_kind kind, petrel_value *buffer,
                                          size_t byte_offset, size_t length, petrel_value **out);
PETREL_EXPORT bool petrel_value_is_typed_array(petrel_value *v);
/* The kind (PETREL_UINT8_ARRAY when v is not a typed array), the element count (0 when out of
 * bounds or detached), the byte offset, and the buffer (undefined when v is not a typed array). */
PETREL_EXPORT petrel_typed_array_kind petrel_typed_array_get_kind(petrel_value *v);
PETREL_EXPORT size_t petrel_typed_array_length(petrel_value *v);
PETREL_EXPORT size_t petrel_typed_array_byte_offset(petrel_value *v);
PETREL_EXPORT petrel_value *petrel_typed_array_buffer(petrel_isolate *iso, petrel_value *v);

/* ArrayBuffers over embedder memory: the buffer uses `data` (length bytes) in place; when the
 * buffer is collected, detached, or the isolate disposed, free_cb(data, length, param) is called
 * once (free_cb may be NULL: the embedder frees the memory after the isolate is gone). */
typedef void (*petrel_backing_store_free)(void *data, size_t length, void *param);
PETREL_EXPORT petrel_value *petrel_array_buffer_new_external(petrel_context *ctx, void *data, size_t length,
                                                             petrel_backing_store_free free_cb, void *param);

/* ======== Objects, continued ================================================================== */

PETREL_EXPORT bool petrel_object_has_index(petrel_context *ctx, petrel_value *obj, uint32_t index, bool *out);
PETREL_EXPORT bool petrel_object_delete_index(petrel_context *ctx, petrel_value *obj, uint32_t index, bool *out);
/* Defines an own data property with a key handle (string, symbol, or converted with ToPropertyKey)
 * and PETREL_PROP_* attributes (read-only = no WRITABLE, don't-enum = no ENUMERABLE, don't-delete
 * = no CONFIGURABLE). Fails with a TypeError when the property cannot be redefined. */
PETREL_EXPORT bool petrel_object_define(petrel_context *ctx, petrel_value *obj, petrel_value *key,
                                        petrel_value *value, int attributes);
/* The own string-keyed property names, enumerable or not (like Object.getOwnPropertyNames). */
PETREL_EXPORT bool petrel_object_get_own_property_names(petrel_context *ctx, petrel_value *obj, petrel_value **out);
/* The PETREL_PROP_* attributes of an own property (accessors: ENUMERABLE and CONFIGURABLE only);
 * *out = -1 when there is no such own property. */
PETREL_EXPORT bool petrel_object_get_property_attributes(petrel_context *ctx, petrel_value *obj, petrel_value *key,
                                                         int *out);
/* Internal fields holding aligned C pointers (V8's SetAlignedPointerInInternalField): the pointer
 * must be at least 2-byte aligned; false when not, or when index is out of range. */
PETREL_EXPORT bool petrel_object_set_aligned_pointer(petrel_value *obj, int index, void *ptr);
PETREL_EXPORT void *petrel_object_get_aligned_pointer(petrel_value *obj, int index);

/* ---- Threads: lockers --------------------------------------------------------------------- */

/* A locker hands an isolate between threads (V8's v8::Locker): while a thread holds it, only that
 * thread may use the isolate; petrel_locker_lock blocks while another thread holds it. Lockers
 * nest on one thread. Taking the lock on a new thread moves the isolate there: its stack limit is
 * re-derived for that thread's stack. Without lockers an isolate belongs to the thread that
 * created it. Open handle scopes and try/catch blocks belong to the thread that opened them:
 * close them before unlocking. Lives on the C stack; fields are private. Threads: any. */
typedef struct petrel_locker {
  petrel_isolate *isolate;
  void *reserved[2];
} petrel_locker;

PETREL_EXPORT void petrel_locker_lock(petrel_isolate *iso, petrel_locker *locker);
/* Releases the lock taken by petrel_locker_lock on the same thread; false if this thread did not
 * hold it (nothing done). */
PETREL_EXPORT bool petrel_locker_unlock(petrel_locker *locker);
/* Does the calling thread hold the isolate's locker? Threads: any. */
PETREL_EXPORT bool petrel_locker_is_locked(petrel_isolate *iso);
/* May the calling thread use the isolate now (it created it and no locker was used, or it holds
 * the locker)? Threads: any. */
PETREL_EXPORT bool petrel_isolate_is_current_thread(petrel_isolate *iso);

/* ---- Interrupts, heap limits, statistics, GC callbacks ------------------------------------ */

/* Runs callback(iso, data) on the isolate's thread at its next interrupt check: inside running
 * JavaScript (loop back-edges, calls, long built-ins), or at the start of the next call that runs
 * JavaScript. Requests run in order, each once. The callback may use the API on the isolate (a
 * handle scope is open) and may call petrel_isolate_terminate_execution; it must not dispose the
 * isolate. Returns false when out of memory. Threads: any. */
typedef void (*petrel_interrupt_callback)(petrel_isolate *iso, void *data);
PETREL_EXPORT bool petrel_isolate_request_interrupt(petrel_isolate *iso, petrel_interrupt_callback callback,
                                                    void *data);

/* Called when an allocation would pass the heap limit even after a full collection, with the
 * current and the initial limit (bytes). Return a larger limit to let the script continue, or
 * current_limit to let the allocation fail: the script then gets a catchable RangeError
 * "Out of memory". The callback runs inside the allocation: it must not create values or run
 * JavaScript (it may call petrel_isolate_terminate_execution). NULL removes it. */
typedef size_t (*petrel_near_heap_limit_callback)(petrel_isolate *iso, size_t current_limit,
                                                  size_t initial_limit, void *data);
PETREL_EXPORT void petrel_isolate_set_near_heap_limit_callback(petrel_isolate *iso,
                                                               petrel_near_heap_limit_callback cb, void *data);
/* Restores the heap limit to `limit` bytes (e.g. the initial limit after a raise), or to the
 * initial limit when 0. */
PETREL_EXPORT void petrel_isolate_restore_heap_limit(petrel_isolate *iso, size_t limit);

typedef struct petrel_heap_statistics {
  size_t total_heap_size;     /* bytes held from the OS for the heap (pages and large objects) */
  size_t used_heap_size;      /* bytes of allocated objects (live or not yet collected) */
  size_t heap_size_limit;     /* the current limit */
  size_t external_memory;     /* bytes reported with petrel_isolate_adjust_external_memory */
  size_t gc_count;            /* collections so far */
  double gc_total_ms;         /* time spent collecting */
  size_t initial_young_bytes; /* as given in the isolate parameters */
  size_t max_young_bytes;
} petrel_heap_statistics;
PETREL_EXPORT void petrel_isolate_get_heap_statistics(petrel_isolate *iso, petrel_heap_statistics *out);

/* External memory accounting: tells the collector that JavaScript objects keep `change_in_bytes`
 * more (or, negative, fewer) bytes of C memory alive (e.g. a buffer freed by a weak callback).
 * Growth counts like heap allocation, so wrappers of big C buffers are collected in time.
 * Returns the new total. */
PETREL_EXPORT int64_t petrel_isolate_adjust_external_memory(petrel_isolate *iso, int64_t change_in_bytes);

/* The embedder is short of memory: collect everything collectable now and release unused pages. */
PETREL_EXPORT void petrel_isolate_low_memory_notification(petrel_isolate *iso);

typedef enum petrel_gc_reason {
  PETREL_GC_ALLOCATION,  /* the heap grew past its trigger */
  PETREL_GC_EXPLICIT,    /* petrel_isolate_collect_garbage, gc(), an interrupt */
  PETREL_GC_STRESS,      /* --stress-gc */
  PETREL_GC_LOW_MEMORY   /* near the limit, or petrel_isolate_low_memory_notification */
} petrel_gc_reason;
/* Called before (prologue) and after (epilogue) each collection, on the isolate's thread. It must
 * not create values or run JavaScript. Several may be registered; removal needs the same pair. */
typedef void (*petrel_gc_callback)(petrel_isolate *iso, petrel_gc_reason reason, void *data);
PETREL_EXPORT void petrel_isolate_add_gc_prologue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data);
PETREL_EXPORT void petrel_isolate_remove_gc_prologue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data);
PETREL_EXPORT void petrel_isolate_add_gc_epilogue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data);
PETREL_EXPORT void petrel_isolate_remove_gc_epilogue_callback(petrel_isolate *iso, petrel_gc_callback cb, void *data);

/* ---- Fatal errors ------------------------------------------------------------------------- */

/* The engine stops the process only for these (everything else, including JavaScript running out
 * of heap, is an exception or an error status):
 *   1. C memory exhausted where no error can be reported: growing the collector's mark stack,
 *      a handle block, the entered-context stack, a root table (the OOM handler);
 *   2. API misuse the engine cannot recover from: creating a handle with no handle scope open,
 *      closing handle scopes or try/catch blocks out of order, exiting a context (or an
 *      isolate) that was not entered last;
 *   3. the native stack exhausted while already reporting a stack overflow (a thread whose stack
 *      is too small for the limits given);
 *   4. a broken internal invariant (a bug in Petrel: heap corruption found by the collector).
 * The handler receives where ("file:line") and what happened; it must not return (if it does, the
 * process aborts) and must not use any isolate. With no handler, the message goes to stderr and
 * the process aborts. Process-wide. */
typedef void (*petrel_fatal_error_callback)(const char *location, const char *message);
PETREL_EXPORT void petrel_set_fatal_error_handler(petrel_fatal_error_callback handler);
/* Called instead of the fatal-error handler for case 1 above. */
typedef void (*petrel_oom_error_callback)(const char *location, const char *message);
PETREL_EXPORT void petrel_set_oom_error_handler(petrel_oom_error_callback handler);

/* ---- Platform: worker threads and task runners -------------------------------------------- */

/* A platform runs tasks for the engine and the embedder (V8's v8::Platform): background tasks on
 * a pool of worker threads, optionally after a delay, and FOREGROUND tasks, which run on an
 * isolate's own thread when the embedder pumps its message loop. The engine uses it for nothing
 * critical yet; embedders may use it for their own work. petrel_initialize installs a default
 * platform (petrel_platform_new_default) unless petrel_set_platform gave another before. */
typedef struct petrel_platform petrel_platform;
typedef void (*petrel_task_callback)(void *data);

/* The operations of an embedder's own platform. Every callback may be called from any thread.
 * post_worker_task and post_foreground_task are required; a NULL pump_message_loop makes
 * petrel_platform_pump_message_loop return false. delay_seconds is 0 for immediate tasks. */
typedef struct petrel_platform_callbacks {
  void *data;
  bool (*post_worker_task)(void *data, petrel_task_callback task, void *task_data, double delay_seconds);
  bool (*post_foreground_task)(void *data, petrel_isolate *iso, petrel_task_callback task, void *task_data,
                               double delay_seconds);
  bool (*pump_message_loop)(void *data, petrel_isolate *iso, bool wait);
  double (*monotonic_time)(void *data); /* seconds; NULL: the engine's clock */
  int worker_count;                     /* reported by petrel_platform_worker_count */
  void (*dispose)(void *data);          /* called by petrel_platform_dispose; may be NULL */
} petrel_platform_callbacks;

/* The default platform with `worker_threads` workers (0: one less than the processors, at least
 * one). NULL when threads cannot be made. */
PETREL_EXPORT petrel_platform *petrel_platform_new_default(int worker_threads);
/* A platform made of the embedder's callbacks (copied). */
PETREL_EXPORT petrel_platform *petrel_platform_new_custom(const petrel_platform_callbacks *callbacks);
/* Stops the workers (tasks not started are dropped, running ones finish first) and frees it. No
 * task may be posted to it any more. */
PETREL_EXPORT void petrel_platform_dispose(petrel_platform *platform);
/* Before petrel_initialize: the platform the library uses (owned by the caller). */
PETREL_EXPORT void petrel_set_platform(petrel_platform *platform);
/* The platform in use (NULL before petrel_initialize). Threads: any. */
PETREL_EXPORT petrel_platform *petrel_get_platform(void);

/* Threads: any, for all of these. Tasks posted to a disposed platform are refused (false). */
PETREL_EXPORT int petrel_platform_worker_count(petrel_platform *platform);
/* Runs task(data) on a worker thread, after delay_seconds (0: as soon as a worker is free). */
PETREL_EXPORT bool petrel_platform_post_task(petrel_platform *platform, petrel_task_callback task, void *data);
PETREL_EXPORT bool petrel_platform_post_delayed_task(petrel_platform *platform, petrel_task_callback task,
                                                     void *data, double delay_seconds);
/* Queues task(data) for iso's own thread: it runs inside petrel_platform_pump_message_loop. Tasks
 * run in the order posted (delayed ones once due); tasks still queued when the isolate is disposed
 * are dropped without running. */
PETREL_EXPORT bool petrel_platform_post_foreground_task(petrel_platform *platform, petrel_isolate *iso,
                                                        petrel_task_callback task, void *data);
PETREL_EXPORT bool petrel_platform_post_delayed_foreground_task(petrel_platform *platform, petrel_isolate *iso,
                                                                petrel_task_callback task, void *data,
                                                                double delay_seconds);
/* On iso's thread: runs one due foreground task and returns true; with none due, returns false,
 * or with `wait` blocks until one is due (until one is posted, if none is queued). */
PETREL_EXPORT bool petrel_platform_pump_message_loop(petrel_platform *platform, petrel_isolate *iso, bool wait);
/* Seconds on the platform's monotonic clock. */
PETREL_EXPORT double petrel_platform_monotonic_time(petrel_platform *platform);

#ifdef __cplusplus
}
#endif
#endif
