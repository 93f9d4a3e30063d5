/* Parses one file and prints its AST (--print-ast format) or the SyntaxError.
 * usage: parse-dump [-m] [-s] [-e] file.js   (-m module, -s strict, -e eval code, -q no output) */
#include "base/utf.h"
#include "parsing/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  ParseOptions o;
  parse_options_init(&o);
  const char *path = NULL;
  bool quiet = false;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-m")) o.is_module = true;
    else if (!strcmp(argv[i], "-s")) o.strict = true;
    else if (!strcmp(argv[i], "-e")) o.is_eval = true;
    else if (!strcmp(argv[i], "-q")) quiet = true;
    else path = argv[i];
  }
  FILE *f = path ? fopen(path, "rb") : stdin;
  if (!f) return 2;
  static char buf[1 << 22];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  size_t ulen = pt_utf8_utf16_length(buf, n, NULL);
  uint16_t *u = malloc((ulen + 1) * 2);
  pt_utf8_to_utf16(buf, n, u);
  ParseResult *r = parse_program(u, ulen, &o);
  if (!r->ok) {
    printf("SyntaxError: %s (%d:%d)\n", r->error.message, r->error.line, r->error.column);
    parse_result_free(r);
    free(u);
    return 1;
  }
  if (!quiet) ast_print(stdout, r->program);
  parse_result_free(r);
  free(u);
  return 0;
}
