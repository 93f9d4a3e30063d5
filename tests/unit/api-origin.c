/* The public C API's script origins and try/catch messages: a script compiled with a resource
 * name and line/column offsets reports its errors (thrown at run time, and syntax errors) at the
 * offset positions, with the resource name, the source line and a stack trace that names the
 * resource with the same line and column. Uses only petrel.h, as an embedder would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "petrel.h"

#include "unit-check.h"

static petrel_isolate *iso;
static petrel_context *ctx;

static char *utf8(petrel_value *v) {
  return v && petrel_value_is_string(v) ? petrel_string_to_utf8(iso, v, NULL) : NULL;
}

/* Compiles and runs source with the origin; on failure fills what the try/catch reports. */
typedef struct Caught {
  bool ok;
  char *resource, *source_line, *stack;
  int line, column;
} Caught;

static Caught run(const char *source, const char *name, int line_offset, int column_offset) {
  Caught c = {0};
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_script_origin origin = {name, line_offset, column_offset};
  petrel_value *script, *result;
  c.ok = petrel_script_compile(ctx, petrel_string_new_utf8(iso, source, (size_t)-1), &origin, &script) &&
         petrel_script_run(ctx, script, &result);
  if (!c.ok) {
    petrel_value *res = NULL, *src = NULL;
    if (petrel_try_catch_message(&tc, &res, &c.line, &c.column, &src)) {
      c.resource = utf8(res);
      c.source_line = utf8(src);
    }
    c.stack = utf8(petrel_try_catch_stack_trace(&tc));
  }
  petrel_try_catch_close(&tc);
  petrel_handle_scope_close(&scope);
  return c;
}

static void release(Caught *c) {
  petrel_free(c->resource);
  petrel_free(c->source_line);
  petrel_free(c->stack);
}

static bool str_eq(const char *got, const char *want) {
  if (got == NULL || strcmp(got, want) != 0) {
    fprintf(stderr, "got '%s', expected '%s'\n", got ? got : "(null)", want);
    return false;
  }
  return true;
}

static bool contains(const char *hay, const char *needle) {
  if (hay == NULL || strstr(hay, needle) == NULL) {
    fprintf(stderr, "'%s' does not contain '%s'\n", hay ? hay : "(null)", needle);
    return false;
  }
  return true;
}

static void test_no_offset(void) {
  Caught c = run("var a = 1;\n  throw new Error('x');\n", "plain.js", 0, 0);
  CHECK(!c.ok);
  CHECK(str_eq(c.resource, "plain.js"));
  CHECK(c.line == 2);
  CHECK(c.column == 9); /* where the Error was made (`new`), as V8 reports it */
  CHECK(str_eq(c.source_line, "  throw new Error('x');"));
  CHECK(contains(c.stack, "Error: x"));
  CHECK(contains(c.stack, "plain.js:2:9"));
  release(&c);
}

static void test_line_offset(void) {
  /* An inline <script> starting on line 11 of page.html: lines count from 11. */
  Caught c = run("var a = 1;\nfunction f() {\n  null.x;\n}\nf();\n", "page.html", 10, 0);
  CHECK(!c.ok);
  CHECK(str_eq(c.resource, "page.html"));
  CHECK(c.line == 13);
  CHECK(c.column == 8);
  CHECK(str_eq(c.source_line, "  null.x;"));
  CHECK(contains(c.stack, "TypeError"));
  CHECK(contains(c.stack, "at f (page.html:13:8)"));
  CHECK(contains(c.stack, "page.html:15:1"));
  release(&c);
}

static void test_column_offset(void) {
  /* The script starts at column 21 of line 5: the first line's columns move, later ones do not. */
  Caught c = run("throw new Error('first');", "inline.js", 4, 20);
  CHECK(!c.ok);
  CHECK(c.line == 5);
  CHECK(c.column == 27); /* `new` at column 7, plus 20 */
  CHECK(contains(c.stack, "inline.js:5:27"));
  release(&c);
  c = run("0;\n    throw new Error('second');", "inline.js", 4, 20);
  CHECK(!c.ok);
  CHECK(c.line == 6);
  CHECK(c.column == 11); /* later lines keep their own columns */
  CHECK(contains(c.stack, "inline.js:6:11"));
  release(&c);
}

static void test_syntax_error_offset(void) {
  Caught c = run("var ok = 1;\nvar = 2;\n", "broken.js", 100, 0);
  CHECK(!c.ok);
  CHECK(str_eq(c.resource, "broken.js"));
  CHECK(c.line == 102);
  CHECK(c.column >= 1);
  CHECK(str_eq(c.source_line, "var = 2;"));
  release(&c);
}

static void test_success(void) {
  Caught c = run("1 + 1", "fine.js", 3, 3);
  CHECK(c.ok);
  release(&c);
}

int main(int argc, char **argv) {
  petrel_set_flags_from_command_line(&argc, argv); /* e.g. --stress-gc=100 */
  petrel_initialize();
  iso = petrel_isolate_new(NULL);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  ctx = petrel_context_new(iso);
  petrel_context_enter(ctx);

  test_no_offset();
  test_line_offset();
  test_column_offset();
  test_syntax_error_offset();
  test_success();

  petrel_context_exit(ctx);
  petrel_handle_scope_close(&scope);
  petrel_isolate_dispose(iso);
  petrel_dispose();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
