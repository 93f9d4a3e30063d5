/*
 * Promises (ECMA-262 27.2) for C code: the interpreter's async functions, the API and the host
 * use these rather than calling the JavaScript-visible methods.
 */
#ifndef PETREL_BUILTINS_PROMISE_H
#define PETREL_BUILTINS_PROMISE_H

#include "objects/js-object.h"

typedef enum { PROMISE_PENDING = 0, PROMISE_FULFILLED = 1, PROMISE_REJECTED = 2 } PromiseState;

typedef struct JSPromise {
  JSObject base;
  Value state;       /* PromiseState as an int Value */
  Value result;      /* fulfillment value or rejection reason; undefined while pending */
  Value reactions;   /* pending: a list of PromiseRecords (newest first); undefined otherwise */
  Value is_handled;  /* a boolean Value */
} JSPromise;

bool promise_is_promise(Value v); /* IsPromise */
PromiseState promise_state(Value promise);
Value promise_result(Value promise);

/* A new pending %Promise% of the current realm. */
Value promise_new(Isolate *iso);
/* Settles a pending promise as the resolve function would (thenables are followed) / rejects it.
 * Returns undefined or VAL_EXCEPTION (only on out of memory). */
Value promise_resolve_value(Isolate *iso, Value promise, Value resolution);
Value promise_reject_value(Isolate *iso, Value promise, Value reason);
/* CreateResolvingFunctions: stores the resolve and reject functions in out[0], out[1]. */
int promise_create_resolving_functions(Isolate *iso, Value promise, Value out[2]);
/* PromiseResolve(C, x) — Promise.resolve's abstract operation. */
Value promise_resolve(Isolate *iso, Value constructor, Value x);
/* PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability) with the capability's
 * promise given directly (undefined: no result promise, as Await uses). */
Value promise_then(Isolate *iso, Value promise, Value on_fulfilled, Value on_rejected, Value result_promise);

#endif
