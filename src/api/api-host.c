/*
 * The public API, host hooks that test harnesses need from the engine: undetectable objects
 * (V8's ObjectTemplate::MarkAsUndetectable, for test262's $262.IsHTMLDDA) and ClearKeptObjects
 * (V8's Isolate::ClearKeptObjects, for $262.clearKeptObjects).
 */
#include "api/api-internal.h"

#include "builtins/collections.h"
#include "objects/js-object.h"

bool petrel_object_mark_as_undetectable(petrel_context *ctx, petrel_value *obj) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  int r;
  if (!val_is_object(api_val(obj)) || val_instance_type(api_val(obj)) == IT_JS_PROXY) {
    rt_throw_type_error(iso, "petrel_object_mark_as_undetectable: not an ordinary object or function");
    r = -1;
  } else {
    r = obj_is_undetectable(api_val(obj)) ? 0 : obj_mark_undetectable(iso, api_val(obj));
  }
  return r < 0 ? api_exception(iso) : true;
}

bool petrel_object_is_undetectable(petrel_value *obj) { return obj_is_undetectable(api_val(obj)); }

bool petrel_isolate_clear_kept_objects(petrel_isolate *isolate) {
  Isolate *iso = api_iso(isolate);
  return weak_ref_clear_kept_objects(iso) < 0 ? api_exception(iso) : true;
}
