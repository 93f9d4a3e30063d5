/* pt_fatal: the one way the engine stops on a broken invariant (never for bad input). */
#include "base/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void pt_fatal(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  fprintf(stderr, "\n#\n# Fatal error in %s, line %d\n# ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n#\n");
  fflush(stderr);
  abort();
}
