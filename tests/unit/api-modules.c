/* The module API of include/petrel.h used as an embedder would: an in-memory module map served
 * by a resolve callback, evaluation with and without top-level await, namespaces, link and
 * evaluation errors, JSON modules, import() through the dynamic import callback, and import.meta
 * through its initializer callback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;

/* The host's sources, by name. */
static const struct {
  const char *name, *source;
  bool json;
} sources[] = {
    {"main", "import { x, inc } from 'dep'; import * as ns from 'dep'; import cfg from 'cfg' with { type: 'json' };\n"
             "export let seen = x; inc(); export const after = x, nsx = ns.x, port = cfg.port;\n"
             "globalThis.metaName = import.meta.name;", false},
    {"dep", "export let x = 1; export function inc() { x++; }", false},
    {"cfg", "{\"port\": 8080}", true},
    {"bad-import", "import { missing } from 'dep';", false},
    {"thrower", "export let before = 1; throw new TypeError('from module');", false},
    {"uses-thrower", "import 'thrower';", false},
    {"tla", "export let v = 'start'; await 0; v = 'after await';", false},
    {"dynamic", "globalThis.dyn = import('dep').then(ns => ns.x);", false},
    {"syntax", "export let = ;", false},
};

static int resolve_calls;

static petrel_value *compile_named(const char *name) {
  for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
    if (strcmp(sources[i].name, name) != 0) continue;
    petrel_value *src = petrel_string_new_utf8(iso, sources[i].source, (size_t)-1);
    petrel_script_origin origin = {name, 0, 0};
    petrel_value *m = NULL;
    bool ok = sources[i].json ? petrel_module_compile_json(ctx, src, &origin, &m)
                              : petrel_module_compile(ctx, src, &origin, &m);
    return ok ? m : NULL;
  }
  petrel_throw_error(iso, PETREL_ERROR, "no such module");
  return NULL;
}

/* A module map: each name compiled once. */
static struct {
  char name[32];
  petrel_persistent *module;
} map[16];
static int map_count;

static petrel_value *get_module(const char *name) {
  for (int i = 0; i < map_count; i++)
    if (strcmp(map[i].name, name) == 0) return petrel_persistent_get(iso, map[i].module);
  petrel_value *m = compile_named(name);
  if (m && map_count < 16) {
    snprintf(map[map_count].name, sizeof map[map_count].name, "%s", name);
    map[map_count++].module = petrel_persistent_new(iso, m);
  }
  return m;
}

static petrel_value *resolve(petrel_context *c, petrel_value *specifier, petrel_value *type, petrel_value *referrer,
                             void *data) {
  (void)c;
  (void)data;
  resolve_calls++;
  char name[64];
  petrel_string_write_utf8(iso, specifier, name, sizeof name);
  CHECK(petrel_value_is_module(referrer));
  if (strcmp(name, "cfg") == 0) {
    char t[16] = "";
    if (petrel_value_is_string(type)) petrel_string_write_utf8(iso, type, t, sizeof t);
    CHECK(strcmp(t, "json") == 0);
  }
  return get_module(name);
}

static int dynamic_calls;
static petrel_value *dynamic_import(petrel_context *c, petrel_value *specifier, petrel_value *type,
                                    petrel_value *referrer_name, void *data) {
  (void)type;
  (void)data;
  dynamic_calls++;
  char name[64], ref[64] = "";
  petrel_string_write_utf8(iso, specifier, name, sizeof name);
  if (petrel_value_is_string(referrer_name)) petrel_string_write_utf8(iso, referrer_name, ref, sizeof ref);
  CHECK(strcmp(ref, "dynamic") == 0);
  petrel_value *m = get_module(name);
  if (m && !petrel_module_instantiate(c, m, resolve, NULL)) return NULL;
  return m;
}

static int meta_calls;
static void init_meta(petrel_context *c, petrel_value *module, petrel_value *meta, void *data) {
  (void)data;
  meta_calls++;
  petrel_object_set_named(c, meta, "name", petrel_module_get_name(iso, module));
}

static bool str_eq(petrel_value *v, const char *expected) {
  if (!v || !petrel_value_is_string(v)) return false;
  char buf[256];
  petrel_string_write_utf8(iso, v, buf, sizeof buf);
  return strcmp(buf, expected) == 0;
}

static double ns_number(petrel_value *ns, const char *name) {
  petrel_value *v;
  if (!ns || !petrel_object_get_named(ctx, ns, name, &v)) return -1;
  return petrel_number_value(v);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv);
  CHECK(petrel_initialize());
  iso = petrel_isolate_new(NULL);
  if (!iso) return 1;
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  if (!ctx) return 1;
  petrel_context_enter(ctx);
  petrel_isolate_set_dynamic_import_callback(iso, dynamic_import, NULL);
  petrel_isolate_set_import_meta_callback(iso, init_meta, NULL);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);

  /* Compile, instantiate, evaluate; the namespace reads live bindings. */
  petrel_value *main_m = get_module("main");
  CHECK(main_m && petrel_value_is_module(main_m));
  CHECK(!petrel_value_is_module(petrel_undefined(iso)));
  CHECK(petrel_module_get_status(main_m) == PETREL_MODULE_UNINSTANTIATED);
  CHECK(str_eq(petrel_module_get_name(iso, main_m), "main"));
  CHECK(petrel_module_instantiate(ctx, main_m, resolve, NULL));
  CHECK(resolve_calls == 2); /* dep and cfg, once each */
  CHECK(petrel_module_get_status(main_m) == PETREL_MODULE_INSTANTIATED);
  CHECK(petrel_module_instantiate(ctx, main_m, resolve, NULL)); /* again: nothing to do */
  CHECK(resolve_calls == 2);
  petrel_value *promise;
  CHECK(petrel_module_evaluate(ctx, main_m, &promise));
  CHECK(petrel_value_is_promise(promise) && petrel_promise_get_state(promise) == PETREL_PROMISE_FULFILLED);
  CHECK(petrel_module_get_status(main_m) == PETREL_MODULE_EVALUATED);
  petrel_value *ns = petrel_module_get_namespace(ctx, main_m);
  CHECK(ns && petrel_value_is_object(ns));
  CHECK(ns_number(ns, "seen") == 1);
  CHECK(ns_number(ns, "after") == 2);
  CHECK(ns_number(ns, "nsx") == 2);
  CHECK(ns_number(ns, "port") == 8080);
  CHECK(meta_calls == 1);
  petrel_value *meta_name;
  CHECK(petrel_object_get_named(ctx, petrel_context_global(ctx), "metaName", &meta_name) && str_eq(meta_name, "main"));
  petrel_value *again;
  CHECK(petrel_module_evaluate(ctx, main_m, &again) && petrel_value_strict_equals(again, promise));
  CHECK(!petrel_try_catch_has_caught(&tc));

  /* A JSON module's namespace has one export, default. */
  petrel_value *cfg = get_module("cfg");
  petrel_value *cfg_ns = petrel_module_get_namespace(ctx, cfg);
  petrel_value *keys;
  CHECK(cfg_ns && petrel_object_own_keys(ctx, cfg_ns, &keys) && petrel_array_length(ctx, keys) == 2);

  /* An import nothing exports fails instantiation with V8's SyntaxError. */
  petrel_value *bad = get_module("bad-import");
  CHECK(!petrel_module_instantiate(ctx, bad, resolve, NULL));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_value *s;
  CHECK(petrel_value_to_string(ctx, petrel_try_catch_exception(&tc), &s) &&
        str_eq(s, "SyntaxError: The requested module 'dep' does not provide an export named 'missing'"));
  CHECK(petrel_module_get_status(bad) == PETREL_MODULE_UNINSTANTIATED);
  petrel_try_catch_reset(&tc);

  /* Evaluation errors reject the promise, are kept, and are the same for importers. */
  petrel_value *user = get_module("uses-thrower");
  CHECK(petrel_module_instantiate(ctx, user, resolve, NULL));
  CHECK(petrel_module_evaluate(ctx, user, &promise));
  CHECK(petrel_promise_get_state(promise) == PETREL_PROMISE_REJECTED);
  petrel_value *thrower = get_module("thrower");
  CHECK(petrel_module_get_status(thrower) == PETREL_MODULE_ERRORED);
  petrel_value *err = petrel_module_get_exception(iso, thrower);
  CHECK(petrel_value_strict_equals(err, petrel_promise_result(iso, promise)));
  CHECK(petrel_value_is_error(err));
  CHECK(petrel_module_evaluate(ctx, thrower, &promise));
  CHECK(petrel_promise_get_state(promise) == PETREL_PROMISE_REJECTED);
  CHECK(petrel_value_strict_equals(err, petrel_promise_result(iso, promise)));
  CHECK(!petrel_try_catch_has_caught(&tc));

  /* Top-level await: pending until microtasks run. */
  petrel_value *tla = get_module("tla");
  CHECK(petrel_module_instantiate(ctx, tla, NULL, NULL)); /* no imports: no callback needed */
  CHECK(petrel_module_evaluate(ctx, tla, &promise));
  CHECK(petrel_promise_get_state(promise) == PETREL_PROMISE_PENDING);
  CHECK(petrel_module_get_status(tla) == PETREL_MODULE_EVALUATING);
  petrel_perform_microtask_checkpoint(iso);
  CHECK(petrel_promise_get_state(promise) == PETREL_PROMISE_FULFILLED);
  CHECK(petrel_module_get_status(tla) == PETREL_MODULE_EVALUATED);
  petrel_value *tla_ns = petrel_module_get_namespace(ctx, tla), *v;
  CHECK(tla_ns && petrel_object_get_named(ctx, tla_ns, "v", &v) && str_eq(v, "after await"));

  /* import() goes through the dynamic import callback, from a microtask. */
  petrel_value *dyn = get_module("dynamic");
  CHECK(petrel_module_instantiate(ctx, dyn, resolve, NULL));
  CHECK(petrel_module_evaluate(ctx, dyn, &promise));
  CHECK(dynamic_calls == 0);
  petrel_perform_microtask_checkpoint(iso);
  CHECK(dynamic_calls == 1);
  petrel_value *dp;
  CHECK(petrel_object_get_named(ctx, petrel_context_global(ctx), "dyn", &dp));
  CHECK(petrel_promise_get_state(dp) == PETREL_PROMISE_FULFILLED);
  CHECK(petrel_number_value(petrel_promise_result(iso, dp)) == 2);

  /* Syntax errors fail compilation; misuse fails cleanly. */
  CHECK(compile_named("syntax") == NULL);
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);
  CHECK(!petrel_module_evaluate(ctx, get_module("bad-import"), &promise)); /* not instantiated */
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);
  CHECK(!petrel_module_instantiate(ctx, petrel_undefined(iso), resolve, NULL));
  CHECK(petrel_try_catch_has_caught(&tc));
  petrel_try_catch_reset(&tc);
  CHECK(petrel_module_get_namespace(ctx, get_module("bad-import")) == NULL);
  petrel_try_catch_reset(&tc);

  petrel_try_catch_close(&tc);
  for (int i = 0; i < map_count; i++) petrel_persistent_release(iso, map[i].module);
  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
