/*
 * petrel — the d8-style shell: `petrel [flags] [-e CODE] [FILE...] [-- ARGS...]`.
 * Runs each script in one context, runs microtasks after each, then timers until none remain;
 * reports uncaught exceptions the way d8 does and exits 1. With no script and a terminal on
 * stdin it is a REPL; with no script and a pipe it runs stdin.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell/shell.h"

/* libedit's readline, when the shell is linked with -ledit (config.mk: SHELL_LDLIBS = -ledit);
 * weak, so a plain build without it falls back to fgets. */
extern char *readline(const char *prompt) __attribute__((weak));
extern int add_history(const char *line) __attribute__((weak));

/* ---- Running and reporting ---------------------------------------------------------------- */

bool shell_run_source(petrel_context *ctx, const char *source, size_t length, const char *name,
                      petrel_value **result) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_value *src = petrel_string_new_utf8(iso, source, length);
  if (src == NULL) return false;
  petrel_script_origin origin = {name, 0, 0};
  petrel_value *script;
  if (!petrel_script_compile(ctx, src, &origin, &script)) return false;
  return petrel_script_run(ctx, script, result);
}

/* Writes a value's string form (never throws: falls back to a placeholder). */
static char *safe_string(petrel_isolate *iso, petrel_value *v) {
  petrel_context *ctx = petrel_isolate_get_current_context(iso);
  if (ctx == NULL) return strdup("<unknown>");
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *s;
  char *text = NULL;
  if (petrel_value_to_string(ctx, v, &s)) text = petrel_string_to_utf8(iso, s, NULL);
  petrel_try_catch_close(&tc);
  return text;
}

void shell_report_exception(petrel_isolate *iso, petrel_try_catch *tc) {
  fflush(stdout);
  if (petrel_try_catch_has_terminated(tc)) {
    fprintf(stderr, "Execution terminated\n");
    return;
  }
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_value *exception = petrel_try_catch_exception(tc);
  petrel_value *stack = petrel_try_catch_stack_trace(tc);
  char *text = exception ? safe_string(iso, exception) : strdup("<no exception>");
  if (text == NULL && stack != NULL) {
    /* ToString failed (out of memory, or a throwing toString): the stack's first line says the
     * same without running anything. */
    text = petrel_string_to_utf8(iso, stack, NULL);
    if (text) text[strcspn(text, "\n")] = '\0';
  }
  if (text == NULL) text = strdup("<exception>");
  petrel_value *resource, *source_line;
  int line, column;
  if (petrel_try_catch_message(tc, &resource, &line, &column, &source_line)) {
    char *name = petrel_value_is_string(resource) ? petrel_string_to_utf8(iso, resource, NULL) : strdup("undefined");
    fprintf(stderr, "%s:%d: %s\n", name ? name : "undefined", line, text ? text : "");
    free(name);
    if (petrel_value_is_string(source_line)) {
      char *src = petrel_string_to_utf8(iso, source_line, NULL);
      if (src) {
        fprintf(stderr, "%s\n", src);
        for (int i = 1; i < column; i++) fputc(src[i - 1] == '\t' ? '\t' : ' ', stderr);
        fprintf(stderr, "^\n");
      }
      free(src);
    }
  } else {
    fprintf(stderr, "%s\n", text ? text : "");
  }
  if (stack) {
    char *s = petrel_string_to_utf8(iso, stack, NULL);
    if (s && *s) fprintf(stderr, "%s\n", s);
    free(s);
  }
  free(text);
  fflush(stderr);
  petrel_handle_scope_close(&scope);
}

/* Exceptions from microtasks (a job that threw where no promise could take the error). */
static void report_job_exception(petrel_isolate *iso, petrel_try_catch *caught, void *data) {
  shell_report_exception(iso, caught);
  *(int *)data = 1;
}

/* ---- Unhandled rejections ----------------------------------------------------------------- */

typedef struct Rejection {
  petrel_persistent *promise, *reason;
  struct Rejection *next;
} Rejection;
static Rejection *rejections;

static void on_reject(petrel_isolate *iso, petrel_promise_reject_event event, petrel_value *promise,
                      petrel_value *reason, void *data) {
  if (event == PETREL_PROMISE_REJECT_WITH_NO_HANDLER) {
    Rejection *r = calloc(1, sizeof *r);
    if (r == NULL) return;
    r->promise = petrel_persistent_new(iso, promise);
    r->reason = petrel_persistent_new(iso, reason);
    r->next = rejections;
    rejections = r;
    return;
  }
  for (Rejection **p = &rejections; *p; p = &(*p)->next) {
    petrel_value *known = petrel_persistent_get(iso, (*p)->promise);
    if (petrel_value_strict_equals(known, promise)) {
      Rejection *r = *p;
      *p = r->next;
      petrel_persistent_release(iso, r->promise);
      petrel_persistent_release(iso, r->reason);
      free(r);
      return;
    }
  }
}

void shell_forget_rejection(petrel_isolate *iso, petrel_value *promise) {
  on_reject(iso, PETREL_PROMISE_HANDLER_ADDED_AFTER_REJECT, promise, NULL, NULL);
}

void shell_track_rejections(petrel_isolate *iso) { petrel_isolate_set_promise_reject_callback(iso, on_reject, NULL); }

int shell_report_unhandled_rejections(petrel_context *ctx) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  int count = 0;
  /* The list is newest first; report in rejection order. */
  Rejection *ordered = NULL;
  while (rejections) {
    Rejection *r = rejections;
    rejections = r->next;
    r->next = ordered;
    ordered = r;
  }
  while (ordered) {
    Rejection *r = ordered;
    ordered = r->next;
    petrel_handle_scope scope;
    petrel_handle_scope_open(iso, &scope);
    if (!shell_options.test262) {
      petrel_value *reason = petrel_persistent_get(iso, r->reason);
      char *text = shell_inspect(ctx, reason, false);
      fflush(stdout);
      fprintf(stderr, "Unhandled promise rejection: %s\n", text ? text : "");
      free(text);
      count++;
    }
    petrel_handle_scope_close(&scope);
    petrel_persistent_release(iso, r->promise);
    petrel_persistent_release(iso, r->reason);
    free(r);
  }
  return count;
}

/* ---- REPL --------------------------------------------------------------------------------- */

static char *repl_read_line(const char *prompt) {
  /* Line editing only on a terminal: on a pipe, libedit would swallow the prompt. */
  if (readline != NULL && isatty(STDIN_FILENO)) {
    char *line = readline(prompt);
    if (line && *line && add_history) add_history(line);
    return line;
  }
  fputs(prompt, stdout);
  fflush(stdout);
  size_t cap = 256, len = 0;
  char *buf = malloc(cap);
  if (buf == NULL) return NULL;
  int c;
  while ((c = fgetc(stdin)) != EOF && c != '\n') {
    if (len + 1 == cap) {
      char *bigger = realloc(buf, cap * 2);
      if (bigger == NULL) break;
      buf = bigger;
      cap *= 2;
    }
    buf[len++] = (char)c;
  }
  if (c == EOF && len == 0) {
    free(buf);
    return NULL;
  }
  buf[len] = '\0';
  return buf;
}

/* True when a failed compile only lacks more input (an open block, template or comment): the
 * REPL then reads another line instead of reporting the error. */
static bool repl_needs_more(petrel_context *ctx, petrel_try_catch *tc) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_value *e = petrel_try_catch_exception(tc), *msg;
  if (e == NULL || !petrel_value_is_error(e)) return false;
  petrel_try_catch inner;
  petrel_try_catch_open(iso, &inner);
  char buf[128] = "";
  if (petrel_object_get_named(ctx, e, "message", &msg) && petrel_value_is_string(msg))
    petrel_string_write_utf8(iso, msg, buf, sizeof buf);
  petrel_try_catch_close(&inner);
  return strcmp(buf, "Unexpected end of input") == 0 || strcmp(buf, "Unterminated template literal") == 0;
}

static void repl(petrel_context *ctx) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  printf("Petrel %s (type quit() or end of input to exit)\n", petrel_version());
  char *pending = NULL; /* lines of an unfinished statement */
  char *line;
  while ((line = repl_read_line(pending ? "... " : "petrel> ")) != NULL) {
    size_t n = (pending ? strlen(pending) + 1 : 0) + strlen(line) + 1;
    char *source = malloc(n);
    if (source == NULL) break;
    snprintf(source, n, "%s%s%s", pending ? pending : "", pending ? "\n" : "", line);
    free(pending);
    pending = NULL;
    free(line);
    petrel_handle_scope scope;
    petrel_handle_scope_open(iso, &scope);
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    petrel_value *src = petrel_string_new_utf8(iso, source, strlen(source)), *script, *result;
    petrel_script_origin origin = {"(repl)", 0, 0};
    if (src && petrel_script_compile(ctx, src, &origin, &script)) {
      if (petrel_script_run(ctx, script, &result)) {
        char *text = shell_inspect(ctx, result, false);
        if (text) printf("%s\n", text);
        free(text);
      } else {
        shell_report_exception(iso, &tc);
      }
    } else if (repl_needs_more(ctx, &tc)) {
      pending = source;
      source = NULL;
    } else {
      shell_report_exception(iso, &tc);
    }
    free(source);
    petrel_try_catch_close(&tc);
    petrel_perform_microtask_checkpoint(iso);
    petrel_handle_scope_close(&scope);
  }
  free(pending);
  putchar('\n');
}

/* ---- Command line ------------------------------------------------------------------------- */

typedef enum { ITEM_FILE, ITEM_CODE, ITEM_STDIN, ITEM_MODULE } ItemKind;
typedef struct Item {
  ItemKind kind;
  const char *text;
} Item;

static void usage(void) {
  printf("Usage: petrel [options] [engine flags] [-e CODE | FILE]... [-- ARGS...]\n"
         "Runs JavaScript files with the Petrel engine (a REPL when no file is given and stdin is a\n"
         "terminal; the script from stdin when it is not).\n\n"
         "Shell options:\n"
         "  -e CODE          run CODE (may repeat, mixed with files, in order)\n"
         "  --module FILE    run FILE as a module (imports resolve as paths relative to it)\n"
         "  --shell          start the REPL after running the scripts\n"
         "  --test262        install $262 and print for test262 (unhandled rejections ignored)\n"
         "  --help           this text\n"
         "  --version        print the version and the optional features compiled in\n"
         "  -- ARGS...       pass ARGS to the script as the global `arguments`\n\n");
  petrel_print_flags_help(stdout);
}

static int run_item(petrel_context *ctx, const Item *item) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  size_t len = 0;
  char *source = NULL;
  const char *name = "unnamed";
  if (item->kind == ITEM_CODE) {
    source = strdup(item->text);
    len = strlen(item->text);
  } else if (item->kind == ITEM_MODULE) {
    petrel_handle_scope scope;
    petrel_handle_scope_open(iso, &scope);
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    int status = 0;
    bool reported = false;
    if (!shell_run_module(ctx, item->text, &reported)) {
      if (!reported) shell_report_exception(iso, &tc);
      status = 1;
    }
    petrel_try_catch_close(&tc);
    petrel_handle_scope_close(&scope);
    return status;
  } else if (item->kind == ITEM_FILE) {
    name = item->text;
    source = shell_read_file(item->text, &len);
    if (source == NULL) {
      fprintf(stderr, "Error reading '%s'\n", item->text);
      return 1;
    }
  } else {
    name = "<stdin>";
    source = shell_read_file("/dev/stdin", &len);
    if (source == NULL) {
      fprintf(stderr, "Error reading stdin\n");
      return 1;
    }
  }
  int status = 0;
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result;
  if (source == NULL || !shell_run_source(ctx, source, len, name, &result)) {
    shell_report_exception(iso, &tc);
    status = 1;
  }
  petrel_try_catch_close(&tc);
  petrel_handle_scope_close(&scope);
  free(source);
  return status;
}

int main(int argc, char **argv) {
  petrel_initialize();
  petrel_set_flags_from_command_line(&argc, argv);
  Item *items = calloc((size_t)argc + 1, sizeof *items);
  if (items == NULL) return 1;
  int nitems = 0;
  bool want_repl = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage();
      free(items);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      const char *features = petrel_features();
      printf("petrel %s\nfeatures: %s\n", petrel_version(), *features ? features : "(none)");
      printf("line editing: %s\n", readline != NULL ? "libedit" : "(none)");
      free(items);
      return 0;
    } else if (strcmp(a, "--test262") == 0) {
      shell_options.test262 = true;
    } else if (strcmp(a, "--shell") == 0) {
      want_repl = true;
    } else if (strcmp(a, "-e") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "petrel: -e needs an argument\n");
        free(items);
        return 2;
      }
      items[nitems++] = (Item){ITEM_CODE, argv[++i]};
    } else if (strncmp(a, "--module=", 9) == 0) {
      items[nitems++] = (Item){ITEM_MODULE, a + 9};
    } else if (strcmp(a, "--module") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "petrel: --module needs a file\n");
        free(items);
        return 2;
      }
      items[nitems++] = (Item){ITEM_MODULE, argv[++i]};
    } else if (strcmp(a, "--") == 0) {
      shell_options.script_argc = argc - i - 1;
      shell_options.script_argv = argv + i + 1;
      break;
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "Warning: unknown flag %s.\nTry --help for options\n", a);
    } else {
      items[nitems++] = (Item){ITEM_FILE, a};
    }
  }
  shell_options.expose_gc = petrel_flag_enabled("expose-gc");
  if (nitems == 0 && !want_repl) {
    if (isatty(STDIN_FILENO)) want_repl = true;
    else items[nitems++] = (Item){ITEM_STDIN, NULL};
  }

  petrel_isolate *iso = petrel_isolate_new(NULL);
  if (iso == NULL) {
    fprintf(stderr, "petrel: cannot create an isolate\n");
    free(items);
    return 1;
  }
  int status = 0;
  petrel_isolate_set_message_callback(iso, report_job_exception, &status);
  shell_track_rejections(iso);
  shell_modules_install(iso);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_context *ctx = petrel_context_new(iso);
  if (ctx == NULL || (petrel_context_enter(ctx), !shell_install_globals(ctx))) {
    fprintf(stderr, "petrel: cannot create the global context\n");
    shell_report_exception(iso, &tc);
    petrel_try_catch_close(&tc);
    petrel_handle_scope_close(&scope);
    petrel_isolate_dispose(iso);
    free(items);
    return 1;
  }
  petrel_try_catch_close(&tc);

  for (int i = 0; i < nitems && status == 0; i++) {
    status = run_item(ctx, &items[i]);
    petrel_perform_microtask_checkpoint(iso);
  }
  if (status == 0 && !shell_run_timers(ctx)) status = 1;
  for (int r; status == 0 && (r = shell_workers_dispatch(ctx)) != 0;)
    if (r < 0 || !shell_run_timers(ctx)) status = 1;
  if (shell_check_modules(ctx) > 0) status = 1;
  if (status == 0 && want_repl) repl(ctx);
  if (shell_report_unhandled_rejections(ctx) > 0 && status == 0) status = 1;

  shell_agents_shutdown();
  shell_workers_shutdown(iso);
  shell_free_timers(iso);
  shell_free_modules(iso);
  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  free(items);
  fflush(stdout);
  return status;
}
