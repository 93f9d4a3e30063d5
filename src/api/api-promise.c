/*
 * The public API: promises, their state and result, and promise resolvers.
 */
#include "api/api-internal.h"

#include "builtins/promise.h"
#include "objects/js-object.h"

#define V(h) api_val(h)

/* ---- Promises ----------------------------------------------------------------------------- */

bool petrel_promise_new(petrel_context *ctx, petrel_value **promise, petrel_value **resolve,
                        petrel_value **reject) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  Value p = promise_new(iso);
  Value fns[2] = {VAL_UNDEFINED, VAL_UNDEFINED};
  if (p != VAL_EXCEPTION && promise_create_resolving_functions(iso, p, fns) < 0) p = VAL_EXCEPTION;
  if (!api_result(iso, saved, p, promise)) return false;
  if (resolve) *resolve = api_local(iso, fns[0]);
  if (reject) *reject = api_local(iso, fns[1]);
  return true;
}

petrel_promise_state petrel_promise_get_state(petrel_value *promise) {
  if (!promise_is_promise(V(promise))) return PETREL_PROMISE_PENDING;
  switch (promise_state(V(promise))) {
    case PROMISE_FULFILLED: return PETREL_PROMISE_FULFILLED;
    case PROMISE_REJECTED: return PETREL_PROMISE_REJECTED;
    default: return PETREL_PROMISE_PENDING;
  }
}

petrel_value *petrel_promise_result(petrel_isolate *piso, petrel_value *promise) {
  Isolate *iso = api_iso(piso);
  return api_local(iso, promise_is_promise(V(promise)) ? promise_result(V(promise)) : VAL_UNDEFINED);
}

/* ---- Promise resolvers -------------------------------------------------------------------- */

/* The resolver is the promise itself (as in V8); the handle types differ only in intent. */
petrel_value *petrel_promise_resolver_new(petrel_context *ctx) {
  Isolate *iso = ctx->iso;
  Realm *saved = api_enter_realm(ctx);
  return api_local_after(ctx, saved, promise_new(iso));
}

petrel_value *petrel_promise_resolver_get_promise(petrel_isolate *iso, petrel_value *resolver) {
  return api_local(api_iso(iso), promise_is_promise(V(resolver)) ? V(resolver) : VAL_UNDEFINED);
}

static bool resolver_settle(petrel_context *ctx, petrel_value *resolver, petrel_value *value, bool reject) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value p = V(resolver), r = VAL_UNDEFINED;
  if (!promise_is_promise(p)) r = rt_throw_type_error(iso, "not a promise resolver");
  else if (promise_state(p) == PROMISE_PENDING)
    r = reject ? promise_reject_value(iso, p, V(value)) : promise_resolve_value(iso, p, V(value));
  return api_result(iso, saved, r, NULL);
}

bool petrel_promise_resolver_resolve(petrel_context *ctx, petrel_value *resolver, petrel_value *value) {
  return resolver_settle(ctx, resolver, value, false);
}

bool petrel_promise_resolver_reject(petrel_context *ctx, petrel_value *resolver, petrel_value *reason) {
  return resolver_settle(ctx, resolver, reason, true);
}
