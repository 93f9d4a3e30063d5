/* pt_fatal: the one way the engine stops on a broken invariant (never for bad input). */
#include "base/common.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static void (*_Atomic fatal_hook)(const char *location, const char *message);

void pt_set_fatal_hook(void (*hook)(const char *location, const char *message)) { atomic_store(&fatal_hook, hook); }

void pt_fatal(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  void (*hook)(const char *, const char *) = atomic_load(&fatal_hook);
  if (hook != NULL) {
    char location[256], message[1024];
    snprintf(location, sizeof location, "%s:%d", file, line);
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    hook(location, message);
    /* A handler must not return; if it does, fall through to the report and abort. */
  }
  fflush(stdout);
  fprintf(stderr, "\n#\n# Fatal error in %s, line %d\n# ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n#\n");
  fflush(stderr);
  abort();
}
