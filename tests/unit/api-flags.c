/* Engine flag parsing: --name, --no-name, --name=value, --name value, '_' == '-', unknown flags
 * and plain arguments left in place in order. */
#include <stdio.h>
#include <string.h>

#include "execution/flags.h"

#include "unit-check.h"

int main(void) {
  PtFlags saved = pt_flags;
  CHECK(pt_flags.lazy == true);
  CHECK(pt_flags.stress_gc == 0);
  CHECK(strcmp(pt_flags.print_bytecode_filter, "*") == 0);

  char *argv1[] = {"petrel", "--no-lazy", "a.js", "--stress_gc=7", "--print-bytecode-filter", "f",
                   "--unknown-flag", "--max-heap-size", "64", "--trace-gc", "b.js", NULL};
  int argc = flags_parse(11, argv1);
  CHECK(argc == 4);
  CHECK(strcmp(argv1[0], "petrel") == 0);
  CHECK(strcmp(argv1[1], "a.js") == 0);
  CHECK(strcmp(argv1[2], "--unknown-flag") == 0);
  CHECK(strcmp(argv1[3], "b.js") == 0);
  CHECK(argv1[4] == NULL);
  CHECK(pt_flags.lazy == false);
  CHECK(pt_flags.stress_gc == 7);
  CHECK(strcmp(pt_flags.print_bytecode_filter, "f") == 0);
  CHECK(pt_flags.max_heap_size == 64);
  CHECK(pt_flags.trace_gc == true);

  /* --flag=value for booleans, --no-flag for booleans only, "--" stops parsing. */
  char *argv2[] = {"petrel", "--lazy=true", "--trace_gc=false", "--no-stress-gc", "--", "--expose-gc", NULL};
  argc = flags_parse(6, argv2);
  CHECK(pt_flags.lazy == true);
  CHECK(pt_flags.trace_gc == false);
  CHECK(pt_flags.expose_gc == false);
  CHECK(argc == 4);
  CHECK(strcmp(argv2[1], "--no-stress-gc") == 0); /* not a boolean: left for the caller */
  CHECK(strcmp(argv2[2], "--") == 0);
  CHECK(strcmp(argv2[3], "--expose-gc") == 0);

  /* A bad integer is consumed (reported) and leaves the value unchanged. */
  char *argv3[] = {"petrel", "--stress-gc=abc", "x.js", NULL};
  argc = flags_parse(3, argv3);
  CHECK(argc == 2);
  CHECK(strcmp(argv3[1], "x.js") == 0);
  CHECK(pt_flags.stress_gc == 7);

  /* Help lists every flag. */
  FILE *f = tmpfile();
  flags_print_help(f);
  long size = ftell(f);
  rewind(f);
  char buf[8192] = {0};
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  CHECK(size > 0 && n > 0);
  CHECK(strstr(buf, "--print-bytecode ") != NULL);
  CHECK(strstr(buf, "--stress-gc") != NULL);
  CHECK(strstr(buf, "--allow-natives-syntax") != NULL);

  pt_flags = saved;
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
