/*
 * The shell's global functions: print, printErr, load, read, readbuffer, quit, setTimeout,
 * clearTimeout, console.*, gc, arguments, and test262's $262 host object (INTERPRETING.md).
 */
#include <stdlib.h>
#include <string.h>

#include "shell/shell.h"

ShellOptions shell_options;

/* ---- Helpers ------------------------------------------------------------------------------ */

static bool define_function(petrel_context *ctx, petrel_value *obj, const char *name, petrel_function_callback cb,
                            int length) {
  petrel_value *fn = petrel_function_new(ctx, cb, NULL, name, length);
  return fn != NULL && petrel_object_define_named(ctx, obj, name, fn, PETREL_PROP_HIDDEN);
}

/* UTF-8 copy of argument i after ToString; NULL when the conversion threw (exception pending). */
static char *arg_utf8(const petrel_callback_info *info, int i) {
  petrel_value *s;
  if (!petrel_value_to_string(petrel_callback_info_context(info), petrel_callback_info_arg(info, i), &s)) return NULL;
  char *text = petrel_string_to_utf8(petrel_callback_info_isolate(info), s, NULL);
  if (text == NULL) petrel_throw_error(petrel_callback_info_isolate(info), PETREL_RANGE_ERROR, "Out of memory");
  return text;
}

char *shell_read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 4096, len = 0;
  char *data = malloc(cap);
  while (data != NULL) {
    size_t n = fread(data + len, 1, cap - len - 1, f);
    len += n;
    if (n == 0) break;
    if (len + 1 == cap) {
      char *bigger = realloc(data, cap * 2);
      if (bigger == NULL) {
        free(data);
        data = NULL;
        break;
      }
      data = bigger;
      cap *= 2;
    }
  }
  bool failed = ferror(f);
  fclose(f);
  if (data == NULL || failed) {
    free(data);
    return NULL;
  }
  data[len] = '\0';
  if (length) *length = len;
  return data;
}

/* ---- print, printErr, console ------------------------------------------------------------- */

static void print_args(const petrel_callback_info *info, FILE *out) {
  int argc = petrel_callback_info_length(info);
  for (int i = 0; i < argc; i++) {
    char *text = arg_utf8(info, i);
    if (text == NULL) return;
    if (i) fputc(' ', out);
    fputs(text, out);
    free(text);
  }
  fputc('\n', out);
  fflush(out);
}

static void shell_print(const petrel_callback_info *info) { print_args(info, stdout); }

static void shell_print_err(const petrel_callback_info *info) {
  fflush(stdout);
  print_args(info, stderr);
}

static void console_out(const petrel_callback_info *info, FILE *out) {
  char *text = shell_format_args(info);
  if (text == NULL) return;
  if (out == stderr) fflush(stdout);
  fputs(text, out);
  fputc('\n', out);
  fflush(out);
  free(text);
}
static void console_log(const petrel_callback_info *info) { console_out(info, stdout); }
static void console_error(const petrel_callback_info *info) { console_out(info, stderr); }

/* ---- Files ---------------------------------------------------------------------------------- */

static void throw_file_error(petrel_isolate *iso, const char *what, const char *path) {
  size_t n = strlen(what) + strlen(path) + 8;
  char *msg = malloc(n);
  if (msg) snprintf(msg, n, "%s '%s'", what, path);
  petrel_throw_error(iso, PETREL_ERROR, msg ? msg : what);
  free(msg);
}

static void shell_load(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  char *path = arg_utf8(info, 0);
  if (path == NULL) return;
  size_t len;
  char *source = shell_read_file(path, &len);
  if (source == NULL) {
    throw_file_error(iso, "Error loading file", path);
  } else {
    petrel_value *result;
    if (shell_run_source(petrel_callback_info_context(info), source, len, path, &result))
      petrel_callback_info_set_return(info, result);
  }
  free(source);
  free(path);
}

static void shell_read(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  char *path = arg_utf8(info, 0);
  if (path == NULL) return;
  size_t len;
  char *data = shell_read_file(path, &len);
  if (data == NULL) {
    throw_file_error(iso, "Error reading file", path);
  } else {
    petrel_value *s = petrel_string_new_utf8(iso, data, len);
    if (s) petrel_callback_info_set_return(info, s);
  }
  free(data);
  free(path);
}

static void shell_readbuffer(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  char *path = arg_utf8(info, 0);
  if (path == NULL) return;
  size_t len;
  char *data = shell_read_file(path, &len);
  if (data == NULL) {
    throw_file_error(iso, "Error reading file", path);
  } else {
    petrel_value *buf = petrel_array_buffer_new(petrel_callback_info_context(info), len);
    if (buf) {
      if (len) memcpy(petrel_array_buffer_data(buf), data, len);
      petrel_callback_info_set_return(info, buf);
    }
  }
  free(data);
  free(path);
}

static void shell_quit(const petrel_callback_info *info) {
  int32_t code = 0;
  if (petrel_callback_info_length(info) > 0 &&
      !petrel_value_to_int32(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0), &code))
    return;
  fflush(stdout);
  fflush(stderr);
  exit(code);
}

static void shell_gc(const petrel_callback_info *info) {
  petrel_isolate_collect_garbage(petrel_callback_info_isolate(info));
}

/* ---- Timers ------------------------------------------------------------------------------- */

/* Timers run on a virtual clock: the loop takes the earliest deadline (ties in creation order)
 * without sleeping, so scripts that wait finish as fast as their work allows, deterministically.
 * A binary min-heap keyed by (deadline, seq) keeps many timers cheap; clearTimeout marks a timer
 * cancelled and the loop drops it when it comes up. */
typedef struct Timer {
  int id;
  bool cancelled;
  double deadline;
  unsigned long seq;
  petrel_persistent *fn;
  petrel_persistent *args; /* an array of the extra arguments */
} Timer;

static Timer **timer_heap;
static size_t timer_count, timer_capacity;
static int timer_next_id = 1;
static unsigned long timer_seq;
static double timer_now;

static bool timer_before(const Timer *a, const Timer *b) {
  return a->deadline < b->deadline || (a->deadline == b->deadline && a->seq < b->seq);
}

static bool timer_push(Timer *t) {
  if (timer_count == timer_capacity) {
    size_t cap = timer_capacity ? timer_capacity * 2 : 16;
    Timer **h = realloc(timer_heap, cap * sizeof *h);
    if (h == NULL) return false;
    timer_heap = h;
    timer_capacity = cap;
  }
  size_t i = timer_count++;
  while (i > 0 && timer_before(t, timer_heap[(i - 1) / 2])) {
    timer_heap[i] = timer_heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  timer_heap[i] = t;
  return true;
}

static Timer *timer_pop(void) {
  if (timer_count == 0) return NULL;
  Timer *top = timer_heap[0], *last = timer_heap[--timer_count];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= timer_count) break;
    if (c + 1 < timer_count && timer_before(timer_heap[c + 1], timer_heap[c])) c++;
    if (!timer_before(timer_heap[c], last)) break;
    timer_heap[i] = timer_heap[c];
    i = c;
  }
  if (timer_count > 0) timer_heap[i] = last;
  return top;
}

static void timer_free(petrel_isolate *iso, Timer *t) {
  petrel_persistent_release(iso, t->fn);
  petrel_persistent_release(iso, t->args);
  free(t);
}

static void shell_set_timeout(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_context *ctx = petrel_callback_info_context(info);
  petrel_value *fn = petrel_callback_info_arg(info, 0);
  if (!petrel_value_is_function(fn)) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "setTimeout: callback is not a function");
    return;
  }
  double delay = 0;
  if (petrel_callback_info_length(info) > 1 &&
      !petrel_value_to_number(ctx, petrel_callback_info_arg(info, 1), &delay))
    return;
  if (!(delay >= 0)) delay = 0; /* NaN and negatives: run as soon as possible */
  int argc = petrel_callback_info_length(info);
  petrel_value *args = petrel_array_new(ctx, 0);
  if (args == NULL) return;
  for (int i = 2; i < argc; i++)
    if (!petrel_object_set_index(ctx, args, (uint32_t)(i - 2), petrel_callback_info_arg(info, i))) return;
  Timer *t = calloc(1, sizeof *t);
  if (t == NULL) {
    petrel_throw_error(iso, PETREL_RANGE_ERROR, "Out of memory");
    return;
  }
  t->id = timer_next_id++;
  t->deadline = timer_now + delay;
  t->seq = timer_seq++;
  t->fn = petrel_persistent_new(iso, fn);
  t->args = petrel_persistent_new(iso, args);
  if (t->fn == NULL || t->args == NULL || !timer_push(t)) {
    timer_free(iso, t);
    petrel_throw_error(iso, PETREL_RANGE_ERROR, "Out of memory");
    return;
  }
  petrel_callback_info_set_return(info, petrel_integer(iso, t->id));
}

static void shell_clear_timeout(const petrel_callback_info *info) {
  petrel_value *id = petrel_callback_info_arg(info, 0);
  if (!petrel_value_is_number(id)) return;
  double want = petrel_number_value(id);
  for (size_t i = 0; i < timer_count; i++) {
    if (timer_heap[i]->id == want) {
      timer_heap[i]->cancelled = true;
      return;
    }
  }
}

bool shell_run_timers(petrel_context *ctx) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  Timer *t;
  for (;;) {
    /* Atomics.waitAsync promises settle between tasks; with no timer left, block for them. */
    int waits = petrel_isolate_process_async_waits(iso, 0);
    if (waits < 0) return false;
    if (timer_count == 0 && waits > 0 && petrel_isolate_process_async_waits(iso, 1e18) < 0) return false;
    if ((t = timer_pop()) == NULL) {
      if (waits > 0) continue;
      break;
    }
    if (t->cancelled) {
      timer_free(iso, t);
      continue;
    }
    if (t->deadline > timer_now) timer_now = t->deadline;
    petrel_handle_scope scope;
    petrel_handle_scope_open(iso, &scope);
    petrel_value *fn = petrel_persistent_get(iso, t->fn);
    petrel_value *args = petrel_persistent_get(iso, t->args);
    timer_free(iso, t);
    uint32_t argc = petrel_array_length(ctx, args);
    petrel_value **argv = calloc(argc ? argc : 1, sizeof *argv);
    bool ok = argv != NULL;
    for (uint32_t i = 0; ok && i < argc; i++) ok = petrel_object_get_index(ctx, args, i, &argv[i]);
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    petrel_value *result;
    if (ok) ok = petrel_function_call(ctx, fn, NULL, (int)argc, argv, &result);
    free(argv);
    if (!ok) shell_report_exception(iso, &tc);
    petrel_try_catch_close(&tc);
    petrel_handle_scope_close(&scope);
    if (!ok) return false;
    petrel_perform_microtask_checkpoint(iso);
  }
  return true;
}

void shell_free_timers(petrel_isolate *iso) {
  Timer *t;
  while ((t = timer_pop()) != NULL) timer_free(iso, t);
  free(timer_heap);
  timer_heap = NULL;
  timer_capacity = 0;
}

/* ---- $262 ----------------------------------------------------------------------------------- */

static bool install_test262(petrel_context *ctx, petrel_value **out);

static void t262_create_realm(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_context *realm = petrel_context_new(iso);
  if (realm == NULL) return;
  petrel_value *global = petrel_context_global(realm);
  petrel_value *host;
  if (!define_function(realm, global, "print", shell_print, 1) || !install_test262(realm, &host)) return;
  petrel_callback_info_set_return(info, host);
}

static void t262_eval_script(const petrel_callback_info *info) {
  petrel_context *ctx = petrel_callback_info_context(info);
  char *source = arg_utf8(info, 0);
  if (source == NULL) return;
  petrel_value *result;
  if (shell_run_source(ctx, source, strlen(source), "evalScript", &result))
    petrel_callback_info_set_return(info, result);
  free(source);
}

static void t262_detach(const petrel_callback_info *info) {
  petrel_value *buf = petrel_callback_info_arg(info, 0);
  if (!petrel_value_is_array_buffer(buf)) {
    petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR,
                       "detachArrayBuffer: argument is not an ArrayBuffer");
    return;
  }
  if (petrel_array_buffer_detach(petrel_callback_info_context(info), buf))
    petrel_callback_info_set_return(info, petrel_null(petrel_callback_info_isolate(info)));
}

/* $262.IsHTMLDDA: called with no arguments or "", it returns null (INTERPRETING.md). */
static void t262_is_html_dda(const petrel_callback_info *info) {
  petrel_value *a = petrel_callback_info_arg(info, 0);
  if (petrel_callback_info_length(info) == 0 || (petrel_value_is_string(a) && petrel_string_length(a) == 0))
    petrel_callback_info_set_return_null(info);
}

static void t262_clear_kept_objects(const petrel_callback_info *info) {
  petrel_isolate_clear_kept_objects(petrel_callback_info_isolate(info));
}

static bool install_test262(petrel_context *ctx, petrel_value **out) {
  petrel_value *global = petrel_context_global(ctx);
  petrel_value *host = petrel_object_new(ctx);
  petrel_value *agent = petrel_object_new(ctx);
  if (host == NULL || agent == NULL) return false;
  if (!shell_agent_install(ctx, agent)) return false;
  if (!petrel_object_define_named(ctx, host, "global", global, PETREL_PROP_HIDDEN) ||
      !petrel_object_define_named(ctx, host, "agent", agent, PETREL_PROP_HIDDEN) ||
      !define_function(ctx, host, "createRealm", t262_create_realm, 0) ||
      !define_function(ctx, host, "evalScript", t262_eval_script, 1) ||
      !define_function(ctx, host, "detachArrayBuffer", t262_detach, 1) ||
      !define_function(ctx, host, "gc", shell_gc, 0) ||
      !define_function(ctx, host, "clearKeptObjects", t262_clear_kept_objects, 0) ||
      !petrel_object_define_named(ctx, global, "$262", host, PETREL_PROP_HIDDEN))
    return false;
  /* Like d8's: callable, but no constructor and no `prototype` (class extends must see neither).
   * The template is per realm and freed with the isolate. */
  petrel_function_template *tpl =
      petrel_function_template_new(petrel_context_get_isolate(ctx), t262_is_html_dda, NULL, "IsHTMLDDA", 0);
  if (tpl == NULL || !petrel_function_template_remove_prototype(tpl)) return false;
  petrel_value *dda = petrel_function_template_get_function(tpl, ctx);
  if (dda == NULL || !petrel_object_mark_as_undetectable(ctx, dda) ||
      !petrel_object_define_named(ctx, host, "IsHTMLDDA", dda, PETREL_PROP_HIDDEN))
    return false;
  if (out) *out = host;
  return true;
}

/* ---- Installation ------------------------------------------------------------------------- */

bool shell_install_globals(petrel_context *ctx) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_value *global = petrel_context_global(ctx);
  if (!define_function(ctx, global, "print", shell_print, 1) ||
      !define_function(ctx, global, "printErr", shell_print_err, 1) ||
      !define_function(ctx, global, "load", shell_load, 1) || !define_function(ctx, global, "read", shell_read, 1) ||
      !define_function(ctx, global, "readbuffer", shell_readbuffer, 1) ||
      !define_function(ctx, global, "quit", shell_quit, 1) ||
      !define_function(ctx, global, "setTimeout", shell_set_timeout, 2) ||
      !define_function(ctx, global, "clearTimeout", shell_clear_timeout, 1))
    return false;
  petrel_value *console = petrel_object_new(ctx);
  if (console == NULL || !define_function(ctx, console, "log", console_log, 0) ||
      !define_function(ctx, console, "info", console_log, 0) ||
      !define_function(ctx, console, "debug", console_log, 0) ||
      !define_function(ctx, console, "error", console_error, 0) ||
      !define_function(ctx, console, "warn", console_error, 0) ||
      !petrel_object_define_named(ctx, global, "console", console, PETREL_PROP_HIDDEN))
    return false;
  if (shell_options.expose_gc && !define_function(ctx, global, "gc", shell_gc, 0)) return false;
  /* d8's `arguments` global (the script's own arguments after --). Not in --test262 mode: the
   * test host must add nothing beyond print and $262, and eval-code tests probe `arguments`. */
  if (shell_options.test262) return install_test262(ctx, NULL);
  if (!shell_worker_install(ctx)) return false;
  petrel_value *arguments = petrel_array_new(ctx, 0);
  if (arguments == NULL) return false;
  for (int i = 0; i < shell_options.script_argc; i++) {
    petrel_value *s = petrel_string_new_utf8(iso, shell_options.script_argv[i], (size_t)-1);
    if (s == NULL || !petrel_object_set_index(ctx, arguments, (uint32_t)i, s)) return false;
  }
  return petrel_object_define_named(ctx, global, "arguments", arguments, PETREL_PROP_HIDDEN);
}
