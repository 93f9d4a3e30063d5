/* Regression: an exception that JavaScript handles (a catch clause, an async function's
 * rejection, an async generator's) must not leave its message behind, or the next uncaught throw
 * is reported at the handled one's location. */
#include <stdio.h>
#include "execution/messages.h"
#include "execution/realm.h"
#include "interpreter/compiler.h"
#include "objects/string.h"

#include "unit-check.h"

static Isolate *iso;

static Value run(const char *src) {
  Value fn = compiler_compile_script(iso, str_from_cstr(iso, src), str_from_cstr(iso, "t.js"), 0, 0);
  if (fn == VAL_EXCEPTION) return fn;
  return rt_call(iso, fn, iso->realm->global_this, 0, NULL);
}

/* Runs src, which handles an exception, then an uncaught throw on line 3; returns its line. */
static int line_of_uncaught_after(const char *src) {
  if (run(src) == VAL_EXCEPTION) return -1;
  Value r = run("\n\nnull.x;");
  if (r != VAL_EXCEPTION) return -2;
  MessageLocation loc;
  int line = messages_get_location(iso, iso->pending_message, &loc) ? loc.line : -3;
  isolate_take_exception(iso);
  return line;
}

int main(void) {
  iso = isolate_new(NULL);
  if (!iso || !realm_new(iso)) {
    printf("0 passed, 1 failed\n");
    return 1;
  }
  CHECK(line_of_uncaught_after("try { throw 1 } catch (e) {}") == 3);
  CHECK(line_of_uncaught_after("async function f() { throw 1 } f().catch(function () {});") == 3);
  CHECK(line_of_uncaught_after("async function* g() { throw 1 } g().next().catch(function () {});") == 3);
  CHECK(line_of_uncaught_after("function h() { try { throw 1 } finally { return 2 } } h();") == 3);
  isolate_free(iso);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
