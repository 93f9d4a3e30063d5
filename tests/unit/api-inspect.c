/* The inspection API: petrel_map_as_array / petrel_set_as_array (entries in insertion order,
 * TypeError for other kinds), WeakMap/WeakSet tests, petrel_object_wrapped_primitive for every
 * wrapper kind, and petrel_object_get_own_property_descriptor (no getter runs). */
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
  petrel_value *global = petrel_context_global(ctx);

  petrel_value *m = NULL, *s = NULL, *arr = NULL;
  CHECK(petrel_eval(ctx, "var m = new Map([['a', 1], [2, 'b']]); m.delete('a'); m.set('c', 3); m", (size_t)-1, "t.js", &m));
  CHECK(petrel_map_as_array(ctx, m, &arr));
  CHECK(arr && petrel_array_length(ctx, arr) == 4);
  CHECK(arr && petrel_object_set_named(ctx, global, "arr", arr));
  CHECK(js_true(ctx, "arr.length === 4 && arr[0] === 2 && arr[1] === 'b' && arr[2] === 'c' && arr[3] === 3"));
  CHECK(petrel_eval(ctx, "new Set(['x', 'y'])", (size_t)-1, "t.js", &s));
  CHECK(petrel_set_as_array(ctx, s, &arr));
  CHECK(arr && petrel_object_set_named(ctx, global, "arr", arr));
  CHECK(js_true(ctx, "arr.join() === 'x,y'"));
  /* Wrong kinds fail with a TypeError. */
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  CHECK(!petrel_map_as_array(ctx, s, &arr));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);
  CHECK(!petrel_set_as_array(ctx, m, &arr));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);

  petrel_value *wm = NULL, *ws = NULL;
  CHECK(petrel_eval(ctx, "new WeakMap()", (size_t)-1, "t.js", &wm));
  CHECK(petrel_eval(ctx, "new WeakSet()", (size_t)-1, "t.js", &ws));
  CHECK(petrel_value_is_weak_map(wm) && !petrel_value_is_weak_set(wm));
  CHECK(petrel_value_is_weak_set(ws) && !petrel_value_is_weak_map(ws));
  CHECK(!petrel_value_is_weak_map(m));

  /* Wrapped primitives. */
  const char *wrappers[] = {"Object(5)", "Object('s')", "Object(false)", "Object(7n)", "Object(Symbol.iterator)"};
  const char *checks[] = {"p === 5", "p === 's'", "p === false", "p === 7n", "p === Symbol.iterator"};
  for (int i = 0; i < 5; i++) {
    petrel_value *w = NULL;
    CHECK(petrel_eval(ctx, wrappers[i], (size_t)-1, "t.js", &w));
    petrel_value *p = w ? petrel_object_wrapped_primitive(iso, w) : NULL;
    CHECK(p != NULL && !petrel_value_is_object(p));
    if (p) {
      CHECK(petrel_object_set_named(ctx, global, "p", p));
      CHECK(js_true(ctx, checks[i]));
    }
  }
  CHECK(petrel_object_wrapped_primitive(iso, m) == NULL);
  CHECK(petrel_object_wrapped_primitive(iso, petrel_number(iso, 1)) == NULL);

  /* Descriptors without running getters. */
  petrel_value *o = NULL, *desc = NULL;
  CHECK(petrel_eval(ctx, "var hits = 0; var o = { get g() { hits++; return 1; }, v: 2 }; o", (size_t)-1, "t.js", &o));
  CHECK(petrel_object_get_own_property_descriptor(ctx, o, petrel_string_new_utf8(iso, "g", (size_t)-1), &desc));
  CHECK(desc && petrel_object_set_named(ctx, global, "d", desc));
  CHECK(js_true(ctx, "typeof d.get === 'function' && d.set === undefined && d.enumerable && hits === 0"));
  CHECK(petrel_object_get_own_property_descriptor(ctx, o, petrel_string_new_utf8(iso, "v", (size_t)-1), &desc));
  CHECK(desc && petrel_object_set_named(ctx, global, "d", desc));
  CHECK(js_true(ctx, "d.value === 2 && d.writable && d.configurable"));
  CHECK(petrel_object_get_own_property_descriptor(ctx, o, petrel_string_new_utf8(iso, "none", (size_t)-1), &desc));
  CHECK(desc && petrel_value_is_undefined(desc));
  CHECK(!petrel_object_get_own_property_descriptor(ctx, petrel_number(iso, 1), petrel_string_new_utf8(iso, "x", (size_t)-1), &desc));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_close(&tc);

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
