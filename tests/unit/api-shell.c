/* The petrel shell as a user sees it: output of print/console.log, d8-style error reports,
 * exit codes, --help/--version, -e, stdin scripts, quit(), unhandled rejections, --test262.
 * Runs the shell binary built next to this test ($BUILD/petrel, found from /proc/self/exe). */
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

static bool contains(const char *needle) {
  if (strstr(out, needle)) return true;
  fprintf(stderr, "expected output to contain:\n%s\n--- got:\n%s\n---\n", needle, out);
  return false;
}

int main(int argc, char **argv) {
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

  CHECK(run("-e 'print(1 + 2, \"x\", [1, 2])'", NULL) == 0);
  CHECK(contains("3 x 1,2\n"));

  CHECK(run("-e 'console.log(\"s\", 1, -0, [1, \"a\", [2, [3, [4]]]], {a: 1, b: \"x\", \"c-d\": null}, function f() {})'",
            NULL) == 0);
  CHECK(contains("s 1 -0 [ 1, 'a', [ 2, [ 3, [Array] ] ] ] { a: 1, b: 'x', 'c-d': null } [Function: f]\n"));
  CHECK(run("-e 'console.log(\"%s=%d%%\", \"pct\", 42.5, \"tail\"); var o = {}; o.self = o; console.log(o)'", NULL) == 0);
  CHECK(contains("pct=42.5% tail\n"));
  CHECK(contains("{ self: [Circular *1] }\n"));

  /* An uncaught exception: d8's report and exit status 1. */
  CHECK(run("-e 'function f() {\n  throw new Error(\"boom\");\n}\nf();'", NULL) == 1);
  CHECK(contains("unnamed:2: Error: boom\n  throw new Error(\"boom\");\n"));
  CHECK(contains("^\nError: boom\n    at f (unnamed:2:"));

  /* A syntax error: location, source line and the error name. */
  CHECK(run("-e 'var a = 1;\nvar = 2;'", NULL) == 1);
  CHECK(contains("unnamed:2: SyntaxError: "));
  CHECK(contains("var = 2;\n    ^\n"));

  /* Throwing a non-error value. */
  CHECK(run("-e 'throw 42'", NULL) == 1);
  CHECK(contains("unnamed:1: 42\n"));

  /* Scripts from stdin; microtasks after the script; timers after microtasks. */
  CHECK(run("", "setTimeout(function () { print('timer'); }, 0);\n"
                "Promise.resolve().then(function () { print('micro'); });\nprint('script');\n") == 0);
  CHECK(contains("script\nmicro\ntimer\n"));

  /* quit(code) exits at once with that status. */
  CHECK(run("-e 'print(\"before\"); quit(3); print(\"after\")'", NULL) == 3);
  CHECK(contains("before\n") && strstr(out, "after") == NULL);

  /* Unhandled rejections are reported at exit (status 1), but not with --test262. */
  CHECK(run("-e 'Promise.reject(new TypeError(\"nobody\"))'", NULL) == 1);
  CHECK(contains("Unhandled promise rejection: TypeError: nobody"));
  CHECK(run("-e 'var p = Promise.reject(1); setTimeout(function () { p.catch(function () {}); })'", NULL) == 0);
  CHECK(run("--test262 -e 'Promise.reject(1); print(typeof $262.createRealm)'", NULL) == 0);
  CHECK(contains("function\n"));

  /* A handler's exception rejects its derived promise: handled there, it is not reported. */
  CHECK(run("-e 'Promise.resolve().then(function () { null.x; }).catch(function(){}); "
            "Promise.resolve().then(function () { print(\"ok\"); })'", NULL) == 0);
  CHECK(contains("ok\n"));

  /* The REPL (--shell with a pipe): results are printed, an open block continues on the next line,
   * errors are reported without ending the session. */
  CHECK(run("--shell", "1 + 1\nnull.x\nfunction g() {\n  return 'five';\n}\ng()\n") == 0);
  CHECK(contains("> 2\n"));
  CHECK(contains("TypeError: Cannot read properties of null (reading 'x')"));
  CHECK(contains("'five'\n"));

  /* Several -e in order, sharing one global. */
  CHECK(run("-e 'var shared = 5' -e 'print(shared * 2)'", NULL) == 0);
  CHECK(contains("10\n"));

  /* Script arguments after --. */
  CHECK(run("-e 'print(arguments.length, arguments[1])' -- a bee", NULL) == 0);
  CHECK(contains("2 bee\n"));

  /* --expose-gc installs gc(). */
  CHECK(run("--expose-gc -e 'gc(); print(typeof gc)'", NULL) == 0);
  CHECK(contains("function\n"));

  /* --help lists the engine flags and the shell options; --version the version. */
  CHECK(run("--help", NULL) == 0);
  CHECK(contains("--print-bytecode") && contains("--stress-gc") && contains("--test262") && contains("-e CODE"));
  CHECK(run("--version", NULL) == 0);
  CHECK(contains("petrel 0.1.0\n"));

  /* --module FILE runs a module; its imports resolve relative to it. */
  char dir[] = "/tmp/petrel-shell-mod-XXXXXX";
  if (mkdtemp(dir)) {
    char path[PATH_MAX + 32], args[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/dep.mjs", dir);
    FILE *f = fopen(path, "w");
    if (f) {
      fputs("export const answer = 42;\n", f);
      fclose(f);
    }
    snprintf(path, sizeof path, "%s/main.mjs", dir);
    f = fopen(path, "w");
    if (f) {
      fputs("import { answer } from './dep.mjs';\nprint('answer', answer, await import('./dep.mjs').then(ns => ns.answer));\n", f);
      fclose(f);
    }
    snprintf(args, sizeof args, "--module %s", path);
    CHECK(run(args, NULL) == 0);
    CHECK(contains("answer 42 42\n"));
    /* an evaluation error is reported, exit status 1 */
    f = fopen(path, "w");
    if (f) {
      fputs("import { answer } from './dep.mjs';\nthrow new RangeError('boom ' + answer);\n", f);
      fclose(f);
    }
    CHECK(run(args, NULL) == 1);
    CHECK(contains("RangeError: boom 42"));
    /* a link error: V8's message */
    f = fopen(path, "w");
    if (f) {
      fputs("import { question } from './dep.mjs';\n", f);
      fclose(f);
    }
    CHECK(run(args, NULL) == 1);
    CHECK(contains("SyntaxError: The requested module './dep.mjs' does not provide an export named 'question'"));
    unlink(path);
    snprintf(path, sizeof path, "%s/dep.mjs", dir);
    unlink(path);
    rmdir(dir);
  }
  CHECK(run("--module /nonexistent/x.mjs", NULL) == 1);
  CHECK(contains("Error reading '/nonexistent/x.mjs'"));

  /* A missing file. */
  CHECK(run("/nonexistent/file.js", NULL) == 1);
  CHECK(contains("/nonexistent/file.js"));

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
