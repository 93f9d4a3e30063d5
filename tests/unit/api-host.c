/* Host hooks in the public API: petrel_object_mark_as_undetectable ([[IsHTMLDDA]]: typeof, ToBoolean,
 * loose equality; other objects of the same shape unaffected; misuse fails with a TypeError) and
 * petrel_isolate_clear_kept_objects. */
#include <stdio.h>

#include "petrel.h"

#include "unit-check.h"

static bool js_true(petrel_context *ctx, const char *src) {
  petrel_value *v = NULL;
  bool ok = petrel_eval(ctx, src, (size_t)-1, "test.js", &v) && petrel_value_is_true(v);
  if (!ok) fprintf(stderr, "  JS check failed: %s\n", src);
  return ok;
}

int main(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  petrel_value *a = NULL, *b = NULL;
  CHECK(petrel_eval(ctx, "var a = {x: 1}, b = {x: 2}; a", (size_t)-1, "t.js", &a));
  CHECK(petrel_eval(ctx, "b", (size_t)-1, "t.js", &b));
  CHECK(!petrel_object_is_undetectable(a));
  CHECK(petrel_object_mark_as_undetectable(ctx, a));
  CHECK(petrel_object_mark_as_undetectable(ctx, a)); /* twice is fine */
  CHECK(petrel_object_is_undetectable(a));
  CHECK(!petrel_object_is_undetectable(b));
  CHECK(js_true(ctx, "typeof a === 'undefined' && !a && a == null && a == undefined && a !== undefined"));
  CHECK(js_true(ctx, "a.x === 1 && (a ?? 0) === a"));
  CHECK(js_true(ctx, "typeof b === 'object' && !!b && b != null"));
  /* Objects built the same way after the mark keep the ordinary shape. */
  CHECK(js_true(ctx, "var c = {x: 3}; typeof c === 'object' && !!c"));
  CHECK(js_true(ctx, "a.y = 2; typeof a === 'undefined' && !a"));

  /* Misuse: primitives and proxies are refused with a TypeError. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *prim = NULL, *proxy = NULL;
  CHECK(petrel_eval(ctx, "5", (size_t)-1, "t.js", &prim));
  CHECK(!petrel_object_mark_as_undetectable(ctx, prim));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);
  CHECK(petrel_eval(ctx, "new Proxy({}, {})", (size_t)-1, "t.js", &proxy));
  CHECK(!petrel_object_mark_as_undetectable(ctx, proxy));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_close(&tc);

  CHECK(petrel_isolate_clear_kept_objects(iso));
  CHECK(js_true(ctx, "var r = new WeakRef({}); typeof r.deref() === 'object'"));
  CHECK(petrel_isolate_clear_kept_objects(iso));

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
