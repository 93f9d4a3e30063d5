/* console.log formatting in the shell, line for line as node's util.inspect prints the same
 * script: Map/Set with sizes and entries, WeakMap/WeakSet, typed arrays, primitive wrappers, class
 * instances, getters and setters shown (not run), symbol keys, nesting, hidden properties. Runs
 * the shell binary built next to this test ($BUILD/petrel). */
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit-check.h"

static char petrel[PATH_MAX];
static char out[65536];

/* Runs `petrel ARGS` through sh (stderr merged into stdout); returns the exit status. */
static int run(const char *args, const char *stdin_text) {
  char tmp[] = "/tmp/petrel-shell-test-XXXXXX";
  int fd = mkstemp(tmp);
  if (fd < 0) return -1;
  if (stdin_text) {
    if (write(fd, stdin_text, strlen(stdin_text)) < 0) return -1;
  }
  close(fd);
  char cmd[PATH_MAX + 4096];
  snprintf(cmd, sizeof cmd, "'%s' %s < %s 2>&1", petrel, args, tmp);
  FILE *p = popen(cmd, "r");
  size_t n = 0;
  if (p) {
    n = fread(out, 1, sizeof out - 1, p);
  }
  out[n] = '\0';
  int status = p ? pclose(p) : -1;
  unlink(tmp);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char script[] =
    "console.log(new Map([['a', 1], ['b', 2]]));\n"
    "console.log(new Set([1, 2]));\n"
    "console.log(new Map(), new Set());\n"
    "console.log(new Number(5), new String('x'), new Boolean(true), Object(5n), Object(Symbol('x')));\n"
    "console.log(new WeakMap(), new WeakSet());\n"
    "console.log(new Uint8Array([1, 2, 3]), new BigInt64Array(2), new Float64Array(0));\n"
    "class Foo { constructor() { this.x = 1; } }\n"
    "console.log(new Foo());\n"
    "console.log({ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {}, [Symbol('k')]: 1, n: 2 });\n"
    "var arr = [1, 2]; arr[Symbol('q')] = 3; arr.extra = 'e';\n"
    "console.log(arr);\n"
    "console.log({ m: new Map([[{ a: 1 }, [1, 2]]]), deep: { a: { b: { c: new Map() } } } });\n"
    "console.log([new Set(['s'])], { nested: new Foo() });\n"
    "console.log(Object.defineProperty({}, 'hidden', { value: 1, enumerable: false }));\n"
    "console.log(new Proxy({ a: 1 }, {}));\n"
    "var hits = 0; console.log({ get g() { hits++; return 1; } }); print(hits);\n";

static const char expected[] =
    "Map(2) { 'a' => 1, 'b' => 2 }\n"
    "Set(2) { 1, 2 }\n"
    "Map(0) {} Set(0) {}\n"
    "[Number: 5] [String: 'x'] [Boolean: true] [BigInt: 5n] [Symbol: Symbol(x)]\n"
    "WeakMap { <items unknown> } WeakSet { <items unknown> }\n"
    "Uint8Array(3) [ 1, 2, 3 ] BigInt64Array(2) [ 0n, 0n ] Float64Array(0) []\n"
    "Foo { x: 1 }\n"
    "{ g: [Getter], s: [Setter], gs: [Getter/Setter], n: 2, [Symbol(k)]: 1 }\n"
    "[ 1, 2, extra: 'e', [Symbol(q)]: 3 ]\n"
    "{ m: Map(1) { { a: 1 } => [ 1, 2 ] }, deep: { a: { b: [Object] } } }\n"
    "[ Set(1) { 's' } ] { nested: Foo { x: 1 } }\n"
    "{}\n"
    "{ a: 1 }\n"
    "{ g: [Getter] }\n"
    "0\n";

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  char self[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0) return 1;
  self[len] = '\0';
  snprintf(petrel, sizeof petrel, "%s/../petrel", dirname(self));
  if (access(petrel, X_OK) != 0) {
    fprintf(stderr, "shell binary not found at %s\n", petrel);
    printf("0 passed, 1 failed\n");
    return 1;
  }
  /* The script goes in through stdin (the shell reads one from stdin when given no file). */
  CHECK(run("", script) == 0);
  /* Compare line by line for a readable failure. */
  const char *got = out, *want = expected;
  while (*want) {
    const char *ge = strchr(got, '\n'), *we = strchr(want, '\n');
    size_t gn = ge ? (size_t)(ge - got) : strlen(got), wn = (size_t)(we - want);
    bool same = gn == wn && memcmp(got, want, wn) == 0;
    CHECK(same);
    if (!same) fprintf(stderr, "  want: %.*s\n  got:  %.*s\n", (int)wn, want, (int)gn, got);
    want = we + 1;
    got = ge ? ge + 1 : got + gn;
  }
  CHECK(*got == '\0');
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
