/*
 * The petrel shell (d8-style). It uses only the public API, include/petrel.h, as d8 uses only
 * v8.h: whatever the shell needs, an embedder can do too.
 */
#ifndef PETREL_SHELL_SHELL_H
#define PETREL_SHELL_SHELL_H

#include <stdbool.h>
#include <stdio.h>

#include "petrel.h"

typedef struct ShellOptions {
  bool test262;        /* install $262; ignore unhandled rejections */
  bool expose_gc;
  int script_argc;     /* arguments after `--`, exposed as `arguments` */
  char **script_argv;
} ShellOptions;

extern ShellOptions shell_options;

/* Installs print, printErr, load, read, readbuffer, quit, setTimeout, clearTimeout, console,
 * arguments, gc (with --expose-gc) and $262 (with --test262) on ctx's global object. */
bool shell_install_globals(petrel_context *ctx);

/* Reads a whole file; malloc'd, NUL-terminated; NULL on failure. */
char *shell_read_file(const char *path, size_t *length);

/* Compiles and runs source in ctx; on failure the exception is left for the caller's try/catch. */
bool shell_run_source(petrel_context *ctx, const char *source, size_t length, const char *name,
                      petrel_value **result);

/* Prints a caught exception the way d8 does: "file:LINE: Name: message", the source line, a caret,
 * then the stack. */
void shell_report_exception(petrel_isolate *iso, petrel_try_catch *tc);

/* Runs due timers (each followed by a microtask checkpoint) until none remain. Returns false when
 * a timer callback threw (already reported). */
bool shell_run_timers(petrel_context *ctx);
void shell_free_timers(petrel_isolate *iso);

/* Unhandled promise rejections, reported at exit. */
void shell_track_rejections(petrel_isolate *iso);
/* Prints every still-unhandled rejection; returns how many there were. */
int shell_report_unhandled_rejections(petrel_context *ctx);

/* Forgets a rejected promise the shell reported itself (a module's evaluation error). */
void shell_forget_rejection(petrel_isolate *iso, petrel_value *promise);

/* Modules (shell-modules.c): the host hooks for import() and import.meta; running FILE as a
 * module (false with the exception left for the caller's try/catch, or *reported set when the
 * error was printed already: an unreadable file); after the event loop,
 * reporting the modules whose evaluation failed (returns how many); freeing the module map. */
void shell_modules_install(petrel_isolate *iso);
bool shell_run_module(petrel_context *ctx, const char *file, bool *reported);
int shell_check_modules(petrel_context *ctx);
void shell_free_modules(petrel_isolate *iso);

/* console.log-style formatting (node's util.inspect, simplified) into a malloc'd string. */
char *shell_inspect(petrel_context *ctx, petrel_value *v, bool top_level);
/* Formats console arguments (with %s/%d/%i/%f/%o/%O/%j/%% in a leading format string). */
char *shell_format_args(const petrel_callback_info *info);

/* $262.agent (shell-agent.c): installs start, broadcast, getReport, sleep, monotonicNow,
 * receiveBroadcast, report and leaving on `agent`; shutdown terminates and joins every agent. */
bool shell_agent_install(petrel_context *ctx, petrel_value *agent);
void shell_agents_shutdown(void);

/* Worker (shell-worker.c): installs the constructor; dispatch delivers one message to a parent
 * onmessage handler, waiting while such a worker runs (1 delivered, 0 none left, -1 the handler
 * threw); shutdown
 * terminates and joins every worker. */
bool shell_worker_install(petrel_context *ctx);
int shell_workers_dispatch(petrel_context *ctx);
void shell_workers_shutdown(petrel_isolate *parent);

#endif
