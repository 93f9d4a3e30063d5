/*
 * Explicit resource management (ECMA-262 proposal, stage 4 in 2025): the DisposeCapability that
 * `using` / `await using` blocks, DisposableStack and AsyncDisposableStack share, and
 * SuppressedError.
 *
 * A dispose capability is an engine-made JS array (never seen by scripts) holding the resources
 * as triples [value, method, kind]; disposal walks it backwards.
 */
#ifndef PETREL_BUILTINS_DISPOSABLE_H
#define PETREL_BUILTINS_DISPOSABLE_H

#include "runtime/runtime.h"

typedef enum { DISPOSE_HINT_SYNC = 0, DISPOSE_HINT_ASYNC = 1 } DisposeHint;

/* NewDisposeCapability: an empty resource list. */
Value dispose_capability_new(Isolate *iso);
/* AddDisposableResource(cap, value, hint) as a using declaration or DisposableStack.use does it:
 * null/undefined are skipped (sync) or recorded as "await only" (async); other non-objects and
 * objects without the dispose method are a TypeError. Returns value, or VAL_EXCEPTION. */
Value dispose_add_resource(Isolate *iso, Value cap, Value value, DisposeHint hint);
/* Records a callback: adopt (called as fn(undefined, value)) or defer (value is VAL_HOLE: fn()). */
int dispose_add_callback(Isolate *iso, Value cap, Value value, Value fn, DisposeHint hint);
/* Number of resources recorded. */
uint32_t dispose_capability_count(Isolate *iso, Value cap);

/* DisposeResources for a synchronous scope: the completion is a throw of `completion` when
 * `throwing`, else normal. Returns undefined, or VAL_EXCEPTION with the resulting error pending
 * (the original one, a disposal error, or SuppressedErrors chaining them). */
Value dispose_resources_sync(Isolate *iso, Value cap, bool throwing, Value completion);
/* DisposeResources for an asynchronous scope: runs the first disposal now and the rest from
 * promise jobs; returns a promise that fulfills with undefined or rejects with the resulting
 * error. */
Value dispose_resources_async(Isolate *iso, Value cap, bool throwing, Value completion);

/* The same loop driven by bytecode, so an `await using` scope awaits each disposal in its own
 * frame as the spec does (no extra promise in between):
 *   dispose_async_begin: undefined when no resource was added (a throw completion is rethrown),
 *     else a state object;
 *   dispose_async_step: runs disposals up to the next Await and returns the value to await; when
 *     the loop is over returns the state itself, or throws the resulting error;
 *   dispose_async_rejected: the awaited value rejected with error (merged into the completion). */
Value dispose_async_begin(Isolate *iso, Value cap, bool throwing, Value completion);
Value dispose_async_step(Isolate *iso, Value state);
Value dispose_async_rejected(Isolate *iso, Value state, Value error);

/* A SuppressedError of the current realm with own `error` and `suppressed` and no message. */
Value builtins_new_suppressed_error(Isolate *iso, Value error, Value suppressed);

#endif
