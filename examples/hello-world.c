/*
 * hello-world.c — the smallest complete Petrel embedding.
 *
 * Build (after `make install`):
 *     cc hello-world.c $(pkg-config --cflags --libs petrel) -o hello-world
 *
 * It shows the four objects every embedding has: the process (petrel_initialize), an isolate (a
 * VM with its own heap), a handle scope (where local handles live) and a context (a global object
 * with the built-ins). Then it compiles and runs a script and prints the result.
 */
#include <stdio.h>

#include <petrel.h>

int main(void) {
  /* 1. Once per process, before the first isolate. */
  if (!petrel_initialize()) return 1;

  /* 2. An isolate. NULL parameters: the default heap and stack limits. */
  petrel_isolate *iso = petrel_isolate_new(NULL);
  if (iso == NULL) return 1;

  /* 3. A handle scope on the C stack. Every petrel_value * created from here on belongs to it
   *    and becomes invalid when it closes. */
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);

  /* 4. A context, entered so that calls taking only the isolate know where they run. */
  petrel_context *ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  int status = 0;
  /* 5. Compile a script from a string, with a resource name for error messages, and run it. */
  petrel_value *source = petrel_string_new_utf8(iso, "'Hello' + ', World!'", (size_t)-1);
  petrel_script_origin origin = {"hello-world.js", 0, 0};
  petrel_value *script, *result;
  if (petrel_script_compile(ctx, source, &origin, &script) && petrel_script_run(ctx, script, &result)) {
    /* 6. Convert the result to UTF-8 (a malloc'd copy: free it with petrel_free). */
    char *text = petrel_string_to_utf8(iso, result, NULL);
    printf("%s\n", text ? text : "(not a string)");
    petrel_free(text);
  } else {
    fprintf(stderr, "the script failed\n");
    status = 1;
  }

  /* 7. Tear down in reverse order. */
  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  return status;
}
