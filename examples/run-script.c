/*
 * run-script.c — run a JavaScript file; report an uncaught exception as file:line:column.
 *
 *     cc run-script.c $(pkg-config --cflags --libs petrel) -o run-script
 *     ./run-script script.js
 *
 * It installs a `print` function, compiles the file with its name as the script origin (so
 * errors point into it), runs it, then runs the promise jobs it queued. An exception that escapes
 * is caught by a petrel_try_catch, which knows where it was thrown. Exit status: 0 on success,
 * 1 when the script threw, 2 on a usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>

#include <petrel.h>

/* print(...args): the arguments converted to strings, separated by spaces. */
static void print(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_context *ctx = petrel_callback_info_context(info);
  for (int i = 0; i < petrel_callback_info_length(info); i++) {
    petrel_value *s;
    if (!petrel_value_to_string(ctx, petrel_callback_info_arg(info, i), &s)) return; /* it threw */
    char *text = petrel_string_to_utf8(iso, s, NULL);
    printf(i ? " %s" : "%s", text ? text : "");
    petrel_free(text);
  }
  printf("\n");
}

static char *read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *bigger = realloc(buf, cap *= 2);
      if (bigger == NULL) free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  *length = n;
  return buf;
}

/* Prints "file:line:column: message" (and the stack when there is one) for a caught exception. */
static void report(petrel_isolate *iso, petrel_context *ctx, petrel_try_catch *tc) {
  petrel_value *name = NULL, *exception = petrel_try_catch_exception(tc), *text;
  int line = 0, column = 0;
  char *message = NULL;
  if (exception && petrel_value_to_string(ctx, exception, &text)) message = petrel_string_to_utf8(iso, text, NULL);
  fflush(stdout); /* what the script printed comes first */
  if (petrel_try_catch_message(tc, &name, &line, &column, NULL)) {
    char *file = petrel_string_to_utf8(iso, name, NULL);
    fprintf(stderr, "%s:%d:%d: %s\n", file ? file : "?", line, column, message ? message : "exception");
    petrel_free(file);
  } else {
    fprintf(stderr, "uncaught: %s\n", message ? message : "exception");
  }
  petrel_free(message);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE.js\n", argv[0]);
    return 2;
  }
  size_t length;
  char *source = read_file(argv[1], &length);
  if (source == NULL) {
    perror(argv[1]);
    return 2;
  }

  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);
  petrel_object_set_named(ctx, petrel_context_global(ctx), "print", petrel_function_new(ctx, print, NULL, "print", 0));

  int status = 0;
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *code = petrel_string_new_utf8(iso, source, length);
  petrel_script_origin origin = {argv[1], 0, 0}; /* the file name appears in messages and stacks */
  petrel_value *script;
  /* Both a syntax error (compile) and a runtime exception (run) land in tc. */
  if (code == NULL || !petrel_script_compile(ctx, code, &origin, &script) || !petrel_script_run(ctx, script, NULL)) {
    report(iso, ctx, &tc);
    status = 1;
  }
  petrel_try_catch_close(&tc);
  petrel_perform_microtask_checkpoint(iso); /* promise jobs the script queued */

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  free(source);
  fflush(stdout);
  return status;
}
