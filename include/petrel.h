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
  /* The young generation's initial and maximum size in bytes (0: defaults). Reserved for the
   * generational collector: accepted and reported, without effect until it lands. */
  size_t initial_young_bytes;
  size_t max_young_bytes;
} petrel_isolate_params;

/* Creates an isolate; params may be NULL for defaults. Returns NULL when out of memory. */
PETREL_EXPORT petrel_isolate *petrel_isolate_new(const petrel_isolate_params *params);
/* Destroys the isolate, its contexts, handles and heap. No handle scope may be open. */
PETREL_EXPORT void petrel_isolate_dispose(petrel_isolate *iso);

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
 * called once per escapable scope. */
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
/* DetachArrayBuffer: frees the bytes; the buffer's length becomes 0. */
PETREL_EXPORT bool petrel_array_buffer_detach(petrel_context *ctx, petrel_value *buffer);

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
  size_t initial_young_bytes; /* as given in the isolate parameters (reserved) */
  size_t max_young_bytes;
} petrel_heap_statistics;
PETREL_EXPORT void petrel_isolate_get_heap_statistics(petrel_isolate *iso, petrel_heap_statistics *out);

/* Reports C memory kept alive by JavaScript objects (e.g. a buffer freed by a weak callback), so
 * that it drives collections. Returns the new total. */
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
 *      closing handle scopes or try/catch blocks out of order, exiting a context that was not
 *      entered last;
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
