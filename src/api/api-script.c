/*
 * The public API: compiling and running scripts.
 */
#include "api/api-internal.h"

#include "execution/isolate-control.h"
#include "interpreter/compiler.h"
#include "objects/string.h"

#define V(h) api_val(h)

/* ---- Scripts ------------------------------------------------------------------------------ */

bool petrel_script_compile(petrel_context *ctx, petrel_value *source, const petrel_script_origin *origin,
                           petrel_value **script) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value name = VAL_UNDEFINED;
  if (origin && origin->resource_name) {
    name = str_new_utf8(iso, origin->resource_name, strlen(origin->resource_name));
    if (name == VAL_EXCEPTION) return api_result(iso, saved, name, NULL);
  }
  Value src = V(source);
  Value fn;
  if (!val_is_string(src)) fn = rt_throw_type_error(iso, "script source must be a string");
  else
    fn = compiler_compile_script(iso, src, name, origin ? origin->line_offset : 0,
                                 origin ? origin->column_offset : 0);
  return api_result(iso, saved, fn, script);
}

bool petrel_script_run(petrel_context *ctx, petrel_value *script, petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Realm *realm = (Realm *)val_to_ptr(ctx->realm);
  Value r = rt_call(iso, V(script), realm->global_this, 0, NULL);
  return api_result(iso, saved, r, result);
}

bool petrel_eval(petrel_context *ctx, const char *source, size_t length, const char *resource_name,
                 petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!isolate_on_owner_thread(iso)) return false; /* before touching the heap (include/petrel.h, THREADS) */
  petrel_value *src = petrel_string_new_utf8(api_public(iso), source, length);
  if (src == NULL) return false;
  petrel_script_origin origin = {resource_name, 0, 0};
  petrel_value *script;
  if (!petrel_script_compile(ctx, src, &origin, &script)) return false;
  petrel_value *r;
  if (!petrel_script_run(ctx, script, &r)) return false;
  if (result) *result = r;
  return true;
}
