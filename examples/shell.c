/*
 * shell.c — a minimal read-eval-print loop.
 *
 *     cc shell.c $(pkg-config --cflags --libs petrel) -o shell
 *     echo '6 * 7' | ./shell
 *
 * Each line is one script. Results are printed like a REPL does; an exception prints
 * "Uncaught <error>" and the loop goes on, because every line runs inside its own try/catch and
 * its own handle scope (so handles do not pile up over a long session). Declarations persist:
 * all lines share one context. Lines longer than the buffer are read in pieces.
 */
#include <stdio.h>
#include <string.h>

#include <petrel.h>

/* Prints v as a REPL shows it: strings quoted, the rest through ToString. */
static void show(petrel_isolate *iso, petrel_context *ctx, petrel_value *v, const char *prefix) {
  petrel_value *text = v;
  bool quote = petrel_value_is_string(v);
  if (!quote && !petrel_value_to_string(ctx, v, &text)) {
    printf("%s<unprintable>\n", prefix);
    return;
  }
  char *s = petrel_string_to_utf8(iso, text, NULL);
  printf(quote ? "%s\"%s\"\n" : "%s%s\n", prefix, s ? s : "");
  petrel_free(s);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=10 */
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope session;
  petrel_handle_scope_open(iso, &session);
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  char line[4096];
  int number = 0;
  for (;;) {
    printf("> ");
    fflush(stdout);
    if (fgets(line, sizeof line, stdin) == NULL) break;
    number++;
    size_t n = strlen(line);
    if (n > 0 && line[n - 1] == '\n') line[--n] = '\0';
    if (n == 0) continue;

    petrel_handle_scope scope; /* per line: its handles die when it is done */
    petrel_handle_scope_open(iso, &scope);
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    char name[32];
    snprintf(name, sizeof name, "line %d", number);
    petrel_value *result;
    if (petrel_eval(ctx, line, n, name, &result)) {
      show(iso, ctx, result, "");
    } else if (petrel_try_catch_has_caught(&tc)) {
      petrel_value *e = petrel_try_catch_exception(&tc);
      petrel_try_catch_reset(&tc); /* showing it may throw again */
      show(iso, ctx, e, "Uncaught ");
    }
    petrel_try_catch_close(&tc);
    petrel_perform_microtask_checkpoint(iso);
    petrel_handle_scope_close(&scope);
  }
  printf("\n");

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&session);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  return 0;
}
