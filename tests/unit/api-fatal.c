/* Fatal errors reach the embedder's handlers first: API misuse (handle scopes closed out of
 * order) goes to the fatal-error handler with its location; C memory exhaustion ("out of memory"
 * failures) to the OOM handler. Each case runs in a child process, since the process must end. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/common.h"
#include "petrel.h"

#include "unit-check.h"

static int report_fd;

/* Handlers write "kind|location|message" to the parent and end the child with status 42. */
static void report(const char *kind, const char *location, const char *message) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "%s|%s|%s", kind, location, message);
  if (n > 0 && write(report_fd, buf, (size_t)n) < 0) _exit(43);
  _exit(42);
}
static void on_fatal(const char *location, const char *message) { report("fatal", location, message); }
static void on_oom(const char *location, const char *message) { report("oom", location, message); }

/* Runs `body` in a child with the handlers installed; returns what the handler reported. */
static int run_child(void (*body)(void), char *out, size_t outsz) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    report_fd = fds[1];
    petrel_set_fatal_error_handler(on_fatal);
    petrel_set_oom_error_handler(on_oom);
    body();
    _exit(0); /* the body should not return */
  }
  close(fds[1]);
  size_t len = 0;
  ssize_t r;
  while (len + 1 < outsz && (r = read(fds[0], out + len, outsz - 1 - len)) > 0) len += (size_t)r;
  out[len] = '\0';
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void misuse_scopes(void) {
  petrel_initialize();
  petrel_isolate *iso = petrel_isolate_new(NULL);
  petrel_handle_scope outer, inner;
  petrel_handle_scope_open(iso, &outer);
  petrel_handle_scope_open(iso, &inner);
  petrel_handle_scope_close(&outer); /* out of order: fatal */
}

static void misuse_isolate_exit(void) {
  petrel_initialize();
  petrel_isolate *a = petrel_isolate_new(NULL), *b = petrel_isolate_new(NULL);
  petrel_isolate_enter(a);
  petrel_isolate_exit(b); /* b is not the thread's current isolate: fatal */
}

static void c_memory_exhausted(void) {
  petrel_initialize();
  /* The engine's own C-allocation failures are reported like this (a real one cannot be provoked
   * reliably in a test). */
  PT_FATAL("out of memory growing the GC mark stack");
}

int main(void) {
  char out[1024];
  int status = run_child(misuse_scopes, out, sizeof out);
  CHECK(status == 42);
  CHECK(strncmp(out, "fatal|", 6) == 0);
  CHECK(strstr(out, "api.c:") != NULL);
  CHECK(strstr(out, "handle scopes must close in the reverse order") != NULL);

  status = run_child(misuse_isolate_exit, out, sizeof out);
  CHECK(status == 42);
  CHECK(strncmp(out, "fatal|", 6) == 0);
  CHECK(strstr(out, "api-isolate-scope.c:") != NULL);
  CHECK(strstr(out, "not the thread's current one") != NULL);

  status = run_child(c_memory_exhausted, out, sizeof out);
  CHECK(status == 42);
  CHECK(strncmp(out, "oom|", 4) == 0);
  CHECK(strstr(out, "api-fatal.c:") != NULL && strstr(out, "out of memory growing the GC mark stack") != NULL);

  /* Without handlers the process aborts as before (checked in a child: SIGABRT). */
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", 1);
    if (devnull >= 0) dup2(devnull, 2);
    PT_FATAL("unhandled");
  }
  int st = 0;
  waitpid(pid, &st, 0);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
