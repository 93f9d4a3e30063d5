/* The module part of the public API (include/petrel.h, "Modules") over src/modules/module.h. */
#include <stdlib.h>
#include <string.h>

#include "api/api-internal.h"
#include "modules/module.h"
#include "objects/string.h"

static bool result(Isolate *iso, Realm *saved, Value v, petrel_value **out) {
  api_leave_realm(iso, saved);
  if (v == VAL_EXCEPTION) return api_exception(iso);
  if (out) *out = api_local(iso, v);
  return true;
}

static Value origin_name(Isolate *iso, const petrel_script_origin *origin) {
  if (!origin || !origin->resource_name) return VAL_UNDEFINED;
  return str_new_utf8(iso, origin->resource_name, strlen(origin->resource_name));
}

bool petrel_module_compile(petrel_context *ctx, petrel_value *source, const petrel_script_origin *origin,
                           petrel_value **module) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value name = origin_name(iso, origin);
  Value m = name == VAL_EXCEPTION ? name : module_compile(iso, api_val(source), name);
  return result(iso, saved, m, module);
}

bool petrel_module_compile_json(petrel_context *ctx, petrel_value *source, const petrel_script_origin *origin,
                                petrel_value **module) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value name = origin_name(iso, origin);
  Value m = name == VAL_EXCEPTION ? name : module_new_json(iso, api_val(source), name);
  return result(iso, saved, m, module);
}

bool petrel_value_is_module(petrel_value *v) { return v && module_is_record(api_val(v)); }

/* Runs an embedder callback as a native callback runs: in its own handle scope, one callback
 * level in (so its failed API calls leave their exception pending for the engine). */
typedef struct ResolveCall {
  petrel_module_resolve_callback cb;
  void *data;
} ResolveCall;

static Value callback_result(Isolate *iso, petrel_value *r, petrel_handle_scope *scope, const char *what) {
  Value out = r ? api_val(r) : VAL_EXCEPTION;
  petrel_handle_scope_close(scope);
  if (isolate_has_exception(iso)) return VAL_EXCEPTION;
  if (r == NULL) return rt_throw(iso, ERR_ERROR, "%s failed", what);
  if (!module_is_record(out)) return rt_throw_type_error(iso, "%s returned something that is not a module", what);
  return out;
}

static Value resolve_trampoline(Isolate *iso, Value specifier, Value type, Value referrer, void *data) {
  ResolveCall *call = data;
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  petrel_context *ctx = api_context_for_realm(iso, iso->realm);
  if (!ctx) {
    petrel_handle_scope_close(&scope);
    return isolate_throw_oom(iso);
  }
  petrel_value *s = api_local(iso, specifier), *t = api_local(iso, type), *ref = api_local(iso, referrer);
  iso->api->callback_level++;
  petrel_value *r = call->cb(ctx, s, t, ref, call->data);
  iso->api->callback_level--;
  return callback_result(iso, r, &scope, "the module resolve callback");
}

bool petrel_module_instantiate(petrel_context *ctx, petrel_value *module, petrel_module_resolve_callback resolve,
                               void *data) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Value m = api_val(module);
  Realm *saved = api_enter_realm(ctx);
  int rc;
  if (!module_is_record(m)) {
    rt_throw_type_error(iso, "petrel_module_instantiate: not a module");
    rc = -1;
  } else {
    ResolveCall call = {resolve, data};
    rc = module_link(iso, m, resolve ? resolve_trampoline : NULL, &call);
  }
  api_leave_realm(iso, saved);
  return rc < 0 ? api_exception(iso) : true;
}

bool petrel_module_evaluate(petrel_context *ctx, petrel_value *module, petrel_value **promise) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Value m = api_val(module);
  Realm *saved = api_enter_realm(ctx);
  Value p = module_is_record(m) ? module_evaluate(iso, m) : rt_throw_type_error(iso, "petrel_module_evaluate: not a module");
  return result(iso, saved, p, promise);
}

petrel_module_status petrel_module_get_status(petrel_value *module) {
  Value m = api_val(module);
  if (!module_is_record(m)) return PETREL_MODULE_UNINSTANTIATED;
  switch (module_status(m)) {
  case MODULE_UNLINKED: return PETREL_MODULE_UNINSTANTIATED;
  case MODULE_LINKING: return PETREL_MODULE_INSTANTIATING;
  case MODULE_LINKED: return PETREL_MODULE_INSTANTIATED;
  case MODULE_EVALUATING: case MODULE_EVALUATING_ASYNC: return PETREL_MODULE_EVALUATING;
  case MODULE_EVALUATED: return module_exception(m) == VAL_UNDEFINED ? PETREL_MODULE_EVALUATED : PETREL_MODULE_ERRORED;
  }
  return PETREL_MODULE_UNINSTANTIATED;
}

petrel_value *petrel_module_get_namespace(petrel_context *ctx, petrel_value *module) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return NULL;
  Value m = api_val(module);
  Realm *saved = api_enter_realm(ctx);
  Value ns;
  if (!module_is_record(m) || module_status(m) < MODULE_LINKED)
    ns = rt_throw_type_error(iso, "petrel_module_get_namespace: the module is not instantiated");
  else
    ns = module_namespace(iso, m);
  petrel_value *out = NULL;
  return result(iso, saved, ns, &out) ? out : NULL;
}

petrel_value *petrel_module_get_exception(petrel_isolate *piso, petrel_value *module) {
  Isolate *iso = api_iso(piso);
  Value m = api_val(module);
  return api_local(iso, module_is_record(m) ? module_exception(m) : VAL_UNDEFINED);
}

petrel_value *petrel_module_get_name(petrel_isolate *piso, petrel_value *module) {
  Isolate *iso = api_iso(piso);
  Value m = api_val(module);
  return api_local(iso, module_is_record(m) ? module_name(m) : VAL_UNDEFINED);
}

/* ---- host hooks ------------------------------------------------------------------------------ */

typedef struct HookData {
  void (*fn)(void);
  void *data;
} HookData;

static void free_hook(Isolate *iso, void *data) {
  PT_UNUSED(iso);
  free(data);
}

/* The HookData for a hook: reuses the one registered before (freed with the isolate). */
static HookData *hook_data(Isolate *iso, void *current) {
  if (current) return current;
  HookData *h = calloc(1, sizeof *h);
  if (h && isolate_add_dispose_callback(iso, free_hook, h) < 0) {
    free(h);
    h = NULL;
  }
  return h;
}

static Value dynamic_import_trampoline(Isolate *iso, Value specifier, Value type, Value referrer, void *data) {
  HookData *h = data;
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  petrel_context *ctx = api_context_for_realm(iso, iso->realm);
  if (!ctx) {
    petrel_handle_scope_close(&scope);
    return isolate_throw_oom(iso);
  }
  petrel_value *s = api_local(iso, specifier), *t = api_local(iso, type), *ref = api_local(iso, referrer);
  iso->api->callback_level++;
  petrel_value *r = ((petrel_dynamic_import_callback)h->fn)(ctx, s, t, ref, h->data);
  iso->api->callback_level--;
  return callback_result(iso, r, &scope, "the dynamic import callback");
}

void petrel_isolate_set_dynamic_import_callback(petrel_isolate *piso, petrel_dynamic_import_callback cb,
                                                void *data) {
  Isolate *iso = api_iso(piso);
  HookData *h = hook_data(iso, module_dynamic_import_hook_data(iso));
  if (!h) return;
  h->fn = (void (*)(void))cb;
  h->data = data;
  module_set_dynamic_import_hook(iso, cb ? dynamic_import_trampoline : NULL, h);
}

static int import_meta_trampoline(Isolate *iso, Value module, Value meta, void *data) {
  HookData *h = data;
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  petrel_context *ctx = api_context_for_realm(iso, iso->realm);
  if (ctx) {
    petrel_value *m = api_local(iso, module), *o = api_local(iso, meta);
    iso->api->callback_level++;
    ((petrel_import_meta_callback)h->fn)(ctx, m, o, h->data);
    iso->api->callback_level--;
  } else {
    isolate_throw_oom(iso);
  }
  petrel_handle_scope_close(&scope);
  return isolate_has_exception(iso) ? -1 : 0;
}

void petrel_isolate_set_import_meta_callback(petrel_isolate *piso, petrel_import_meta_callback cb, void *data) {
  Isolate *iso = api_iso(piso);
  HookData *h = hook_data(iso, module_import_meta_hook_data(iso));
  if (!h) return;
  h->fn = (void (*)(void))cb;
  h->data = data;
  module_set_import_meta_hook(iso, cb ? import_meta_trampoline : NULL, h);
}
