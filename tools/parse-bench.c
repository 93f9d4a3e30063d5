/* Parse-only cost of a source file, with and without the pre-parser: CPU time of parse_program
 * (parse + scope analysis, best of 5), the tree's zone memory, function and skipped counts.
 *   cc -std=gnu11 -O2 -Isrc -Iinclude -o build/parse-bench tools/parse-bench.c build/libpetrel.a -lm -lpthread
 *   build/parse-bench FILE.js [FILE.js ...]
 * (docs/parser.md "The pre-parser" has the figures for the Octane sources.) */
#include "base/utf.h"
#include "parsing/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int bench(const char *path, bool preparse) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  size_t got = b ? fread(b, 1, (size_t)n, f) : 0;
  fclose(f);
  if (!b || got != (size_t)n) {
    free(b);
    return 1;
  }
  size_t ulen = pt_utf8_utf16_length(b, got, NULL);
  uint16_t *u = malloc((ulen + 1) * 2);
  pt_utf8_to_utf16(b, got, u);
  double best = 1e9;
  size_t zone = 0;
  uint32_t functions = 0, skipped = 0;
  for (int i = 0; i < 5; i++) {
    ParseOptions o;
    parse_options_init(&o);
    o.preparse = preparse;
    double t0 = cpu_now();
    ParseResult *r = parse_program(u, ulen, &o);
    double t = cpu_now() - t0;
    if (!r || !r->ok) {
      printf("%s: %s\n", path, r ? r->error.message : "out of memory");
      parse_result_free(r);
      free(u);
      free(b);
      return 1;
    }
    if (t < best) best = t;
    zone = r->zone.total;
    functions = r->function_count;
    skipped = r->preparsed_count;
    parse_result_free(r);
  }
  printf("%-36s %-9s %8zu chars %7.1f ms %7.1f MB zone (%5.1f B/char) %5u functions, %5u skipped\n", path,
         preparse ? "preparse" : "full", ulen, best * 1000, (double)zone / 1048576.0, (double)zone / (double)ulen,
         functions, skipped);
  free(u);
  free(b);
  return 0;
}

int main(int argc, char **argv) {
  int rc = 0;
  for (int i = 1; i < argc; i++) rc |= bench(argv[i], false) | bench(argv[i], true);
  return rc;
}
