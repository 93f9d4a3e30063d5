/*
 * The shell's module host, on the public module API: resolves specifiers as file paths relative
 * to the importing module or script, keeps a module map keyed by context (realm), absolute path
 * and type so each module is compiled and evaluated once per realm, loads JSON modules for `with { type: "json" }`, serves
 * import() and sets import.meta.url.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell/shell.h"

typedef struct ModuleEntry {
  petrel_context *ctx; /* each realm has its own module instances */
  char *path;        /* absolute, normalized */
  bool json;
  petrel_persistent *module;
  struct ModuleEntry *next;
} ModuleEntry;
static ModuleEntry *module_map;

typedef struct Evaluation {
  petrel_persistent *promise;
  struct Evaluation *next;
} Evaluation;
static Evaluation *evaluations; /* promises of modules run with --module */

/* Collapses "." and ".." segments of an absolute path in place. */
static void normalize_path(char *path) {
  char *out = path;
  const char *p = path;
  while (*p) {
    while (*p == '/') p++;
    const char *seg = p;
    while (*p && *p != '/') p++;
    size_t n = (size_t)(p - seg);
    if (n == 0 || (n == 1 && seg[0] == '.')) continue;
    if (n == 2 && seg[0] == '.' && seg[1] == '.') {
      while (out > path && *--out != '/') {}
      continue;
    }
    *out++ = '/';
    memmove(out, seg, n);
    out += n;
  }
  if (out == path) *out++ = '/';
  *out = '\0';
}

/* The absolute path of specifier imported from referrer (a path, or NULL: the current directory). */
static char *resolve_path(const char *referrer, const char *specifier) {
  char dir[PATH_MAX];
  if (specifier[0] == '/') {
    dir[0] = '\0';
  } else if (referrer && referrer[0] == '/') {
    snprintf(dir, sizeof dir, "%s", referrer);
    char *slash = strrchr(dir, '/');
    if (slash) slash[1] = '\0';
  } else {
    if (!getcwd(dir, sizeof dir - 1)) snprintf(dir, sizeof dir, ".");
    if (referrer && strchr(referrer, '/')) {
      size_t len = strlen(dir);
      snprintf(dir + len, sizeof dir - len, "/%s", referrer);
      char *slash = strrchr(dir, '/');
      if (slash) slash[1] = '\0';
    } else {
      strncat(dir, "/", sizeof dir - strlen(dir) - 1);
    }
  }
  size_t n = strlen(dir) + strlen(specifier) + 2;
  char *path = malloc(n);
  if (!path) return NULL;
  snprintf(path, n, "%s%s", dir, specifier);
  normalize_path(path);
  return path;
}

static char *to_utf8(petrel_isolate *iso, petrel_value *v) {
  return petrel_value_is_string(v) ? petrel_string_to_utf8(iso, v, NULL) : NULL;
}

/* The module at path (compiled and put in the map on first use); NULL after throwing. */
static petrel_value *load_module(petrel_context *ctx, const char *path, petrel_value *type) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  bool json = false;
  if (type && !petrel_value_is_undefined(type)) {
    char *t = to_utf8(iso, type);
    json = t && strcmp(t, "json") == 0;
    if (!json) {
      char msg[256];
      snprintf(msg, sizeof msg, "Import attribute 'type' with value '%s' is not supported", t ? t : "");
      free(t);
      petrel_throw_error(iso, PETREL_TYPE_ERROR, msg);
      return NULL;
    }
    free(t);
  }
  for (ModuleEntry *e = module_map; e; e = e->next)
    if (e->ctx == ctx && e->json == json && strcmp(e->path, path) == 0) return petrel_persistent_get(iso, e->module);
  size_t len;
  char *text = shell_read_file(path, &len);
  if (!text) {
    char msg[PATH_MAX + 64];
    snprintf(msg, sizeof msg, "Cannot find module '%s'", path);
    petrel_throw_error(iso, PETREL_ERROR, msg);
    return NULL;
  }
  petrel_value *source = petrel_string_new_utf8(iso, text, len);
  free(text);
  if (!source) return NULL;
  petrel_script_origin origin = {path, 0, 0};
  petrel_value *module;
  bool ok = json ? petrel_module_compile_json(ctx, source, &origin, &module)
                 : petrel_module_compile(ctx, source, &origin, &module);
  if (!ok) return NULL;
  ModuleEntry *e = calloc(1, sizeof *e);
  if (e) {
    e->ctx = ctx;
    e->path = strdup(path);
    e->json = json;
    e->module = petrel_persistent_new(iso, module);
    e->next = module_map;
    module_map = e;
  }
  return module;
}

static petrel_value *import_from(petrel_context *ctx, petrel_value *specifier, petrel_value *type,
                                 const char *referrer) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  char *spec = to_utf8(iso, specifier);
  if (!spec) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "module specifier must be a string");
    return NULL;
  }
  char *path = resolve_path(referrer, spec);
  free(spec);
  if (!path) {
    petrel_throw_error(iso, PETREL_ERROR, "out of memory");
    return NULL;
  }
  petrel_value *m = load_module(ctx, path, type);
  free(path);
  return m;
}

static petrel_value *resolve_static(petrel_context *ctx, petrel_value *specifier, petrel_value *type,
                                    petrel_value *referrer, void *data) {
  (void)data;
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  char *ref = to_utf8(iso, petrel_module_get_name(iso, referrer));
  petrel_value *m = import_from(ctx, specifier, type, ref);
  free(ref);
  return m;
}

static petrel_value *resolve_dynamic(petrel_context *ctx, petrel_value *specifier, petrel_value *type,
                                     petrel_value *referrer_name, void *data) {
  (void)data;
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  char *ref = to_utf8(iso, referrer_name);
  petrel_value *m = import_from(ctx, specifier, type, ref);
  free(ref);
  if (m && !petrel_module_instantiate(ctx, m, resolve_static, NULL)) return NULL;
  return m;
}

static void init_import_meta(petrel_context *ctx, petrel_value *module, petrel_value *meta, void *data) {
  (void)data;
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  char *name = to_utf8(iso, petrel_module_get_name(iso, module));
  if (!name) return;
  size_t n = strlen(name) + 8;
  char *url = malloc(n);
  if (url) {
    snprintf(url, n, "file://%s", name);
    petrel_value *v = petrel_string_new_utf8(iso, url, (size_t)-1);
    if (v) petrel_object_set_named(ctx, meta, "url", v);
  }
  free(url);
  free(name);
}

void shell_modules_install(petrel_isolate *iso) {
  petrel_isolate_set_dynamic_import_callback(iso, resolve_dynamic, NULL);
  petrel_isolate_set_import_meta_callback(iso, init_import_meta, NULL);
}

bool shell_run_module(petrel_context *ctx, const char *file, bool *reported) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  char *path = resolve_path(NULL, file);
  if (!path) return false;
  if (access(path, R_OK) != 0) {
    /* as for a script file (an exception thrown here, outside any call, has no try/catch) */
    fprintf(stderr, "Error reading '%s'\n", file);
    free(path);
    *reported = true;
    return false;
  }
  petrel_value *m = load_module(ctx, path, NULL);
  free(path);
  if (!m || !petrel_module_instantiate(ctx, m, resolve_static, NULL)) return false;
  petrel_value *promise;
  if (!petrel_module_evaluate(ctx, m, &promise)) return false;
  Evaluation *ev = calloc(1, sizeof *ev);
  if (ev) {
    ev->promise = petrel_persistent_new(iso, promise);
    ev->next = evaluations;
    evaluations = ev;
  }
  return true;
}

/* Prints a module's evaluation error as d8 prints an uncaught exception: its text, then its stack. */
static void report_error(petrel_context *ctx, petrel_value *error) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *s;
  char *text = petrel_value_to_string(ctx, error, &s) ? petrel_string_to_utf8(iso, s, NULL) : NULL;
  char *stack = NULL;
  petrel_value *st;
  if (petrel_value_is_object(error) && petrel_object_get_named(ctx, error, "stack", &st)) stack = to_utf8(iso, st);
  petrel_try_catch_close(&tc);
  fflush(stdout);
  fprintf(stderr, "Uncaught %s\n", text ? text : "<exception>");
  if (stack && *stack) fprintf(stderr, "%s\n", stack);
  fflush(stderr);
  free(text);
  free(stack);
}

int shell_check_modules(petrel_context *ctx) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  int failed = 0;
  while (evaluations) {
    Evaluation *ev = evaluations;
    evaluations = ev->next;
    petrel_handle_scope scope;
    petrel_handle_scope_open(iso, &scope);
    petrel_value *promise = petrel_persistent_get(iso, ev->promise);
    if (petrel_promise_get_state(promise) == PETREL_PROMISE_REJECTED) {
      /* report the error as the uncaught exception it is, not as an unhandled rejection */
      shell_forget_rejection(iso, promise);
      report_error(ctx, petrel_promise_result(iso, promise));
      failed++;
    }
    petrel_handle_scope_close(&scope);
    petrel_persistent_release(iso, ev->promise);
    free(ev);
  }
  return failed;
}

void shell_free_modules(petrel_isolate *iso) {
  while (module_map) {
    ModuleEntry *e = module_map;
    module_map = e->next;
    petrel_persistent_release(iso, e->module);
    free(e->path);
    free(e);
  }
}
