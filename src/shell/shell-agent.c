/*
 * test262's $262.agent (INTERPRETING.md): each agent is a new isolate on its own thread, running
 * the source given to start(). The main thread broadcasts a SharedArrayBuffer and a number to
 * every agent and waits until each has taken it; agents report strings back through a queue the
 * main thread polls with getReport. All of this is process-wide state behind one mutex: agents
 * belong to the process, not to any one isolate.
 *
 * An agent's thread runs its script, then waits for broadcasts and hands each to the callback it
 * registered with receiveBroadcast, until it calls leaving() or the shell shuts down (shell_agents_shutdown), which
 * terminates agents still running (an agent stuck in Atomics.wait wakes within its poll interval)
 * and joins every thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shell/shell.h"

typedef struct Agent {
  struct Agent *next;
  pthread_t thread;
  char *source;
  petrel_isolate *iso;       /* while running, so shutdown can terminate it; NULL otherwise */
  petrel_persistent *callback; /* receiveBroadcast's function (agent thread only) */
  petrel_context *ctx;
  unsigned long seen;        /* the last broadcast generation taken */
  bool waiting;              /* blocked waiting for a broadcast (or done) */
  bool left;                 /* called leaving(): takes no further broadcasts */
  bool done;
} Agent;

typedef struct Report {
  struct Report *next;
  char *text;
} Report;

static pthread_mutex_t agent_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t agent_cond = PTHREAD_COND_INITIALIZER;
static Agent *agents;                 /* every agent started, newest first */
static unsigned long broadcast_gen;   /* generation of the current broadcast (0: none yet) */
static petrel_shared_memory *broadcast_mem;
static double broadcast_num;
static Report *reports_head, *reports_tail;
static bool agents_shutdown;

static _Thread_local Agent *current_agent; /* the agent this thread runs, NULL on the main thread */

static double monotonic_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static char *arg_utf8(const petrel_callback_info *info, int i) {
  petrel_value *s;
  if (!petrel_value_to_string(petrel_callback_info_context(info), petrel_callback_info_arg(info, i), &s)) return NULL;
  char *text = petrel_string_to_utf8(petrel_callback_info_isolate(info), s, NULL);
  if (text == NULL) petrel_throw_error(petrel_callback_info_isolate(info), PETREL_RANGE_ERROR, "Out of memory");
  return text;
}

static void throw_oom(const petrel_callback_info *info) {
  petrel_throw_error(petrel_callback_info_isolate(info), PETREL_RANGE_ERROR, "Out of memory");
}

/* ---- The agent thread ------------------------------------------------------------------------ */

static bool agent_install(petrel_context *ctx, petrel_value *agent);

static void agent_print(const petrel_callback_info *info) {
  int argc = petrel_callback_info_length(info);
  flockfile(stdout);
  for (int i = 0; i < argc; i++) {
    char *text = arg_utf8(info, i);
    if (text == NULL) break;
    if (i) fputc(' ', stdout);
    fputs(text, stdout);
    free(text);
  }
  fputc('\n', stdout);
  fflush(stdout);
  funlockfile(stdout);
}

static bool agent_globals(petrel_context *ctx) {
  petrel_value *global = petrel_context_global(ctx);
  petrel_value *host = petrel_object_new(ctx);
  petrel_value *agent = petrel_object_new(ctx);
  petrel_value *print = petrel_function_new(ctx, agent_print, NULL, "print", 1);
  return host && agent && print && petrel_object_define_named(ctx, global, "print", print, PETREL_PROP_HIDDEN) &&
         agent_install(ctx, agent) && petrel_object_define_named(ctx, host, "agent", agent, PETREL_PROP_HIDDEN) &&
         petrel_object_define_named(ctx, host, "global", global, PETREL_PROP_HIDDEN) &&
         petrel_object_define_named(ctx, global, "$262", host, PETREL_PROP_HIDDEN);
}

/* Runs fn(args) in a try/catch; reports an uncaught exception. Returns false on failure. */
static bool agent_call(petrel_context *ctx, petrel_value *fn, int argc, petrel_value **argv) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *result;
  bool ok = petrel_function_call(ctx, fn, NULL, argc, argv, &result);
  if (!ok && !petrel_try_catch_has_terminated(&tc)) shell_report_exception(iso, &tc);
  petrel_try_catch_close(&tc);
  if (ok) petrel_perform_microtask_checkpoint(iso);
  return ok;
}

/* Runs the agent's Atomics.waitAsync promises to completion (an async receiveBroadcast callback
 * awaits them). False when terminated. */
static bool agent_settle_async_waits(petrel_isolate *iso) {
  for (;;) {
    int pending = petrel_isolate_process_async_waits(iso, 1e18);
    if (pending < 0) return false;
    if (pending == 0 && petrel_isolate_process_async_waits(iso, 0) == 0) return true;
  }
}

static void *agent_main(void *arg) {
  Agent *a = arg;
  current_agent = a;
  petrel_isolate *iso = petrel_isolate_new(NULL);
  if (iso == NULL) goto out;
  pthread_mutex_lock(&agent_lock);
  a->iso = iso;
  bool stop = agents_shutdown;
  pthread_mutex_unlock(&agent_lock);
  if (stop) petrel_isolate_terminate_execution(iso);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  if (ctx != NULL) {
    petrel_context_enter(ctx);
    a->ctx = ctx;
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    petrel_value *result;
    bool ok = agent_globals(ctx) && shell_run_source(ctx, a->source, strlen(a->source), "agent", &result);
    if (!ok && !petrel_try_catch_has_terminated(&tc)) shell_report_exception(iso, &tc);
    petrel_try_catch_close(&tc);
    if (ok) petrel_perform_microtask_checkpoint(iso);
    if (ok) ok = agent_settle_async_waits(iso);
    /* Deliver broadcasts to the registered callback until shutdown. */
    while (ok && a->callback != NULL) {
      pthread_mutex_lock(&agent_lock);
      if (a->left) {
        pthread_mutex_unlock(&agent_lock);
        break;
      }
      a->waiting = true;
      pthread_cond_broadcast(&agent_cond);
      while (!agents_shutdown && broadcast_gen == a->seen) pthread_cond_wait(&agent_cond, &agent_lock);
      if (agents_shutdown) {
        pthread_mutex_unlock(&agent_lock);
        break;
      }
      a->waiting = false;
      a->seen = broadcast_gen;
      petrel_shared_memory *mem = broadcast_mem;
      double num = broadcast_num;
      pthread_cond_broadcast(&agent_cond); /* the broadcaster waits until every agent has it */
      pthread_mutex_unlock(&agent_lock);
      petrel_handle_scope inner;
      petrel_handle_scope_open(iso, &inner);
      petrel_value *argv[2] = {petrel_shared_array_buffer_new_from(ctx, mem), petrel_number(iso, num)};
      petrel_value *fn = petrel_persistent_get(iso, a->callback);
      ok = argv[0] != NULL && agent_call(ctx, fn, 2, argv);
      petrel_handle_scope_close(&inner);
      if (ok) ok = agent_settle_async_waits(iso);
    }
    if (a->callback) petrel_persistent_release(iso, a->callback);
    a->callback = NULL;
    petrel_context_exit(ctx);
  }
  petrel_handle_scope_close(&scope);
  pthread_mutex_lock(&agent_lock);
  a->iso = NULL;
  pthread_mutex_unlock(&agent_lock);
  petrel_isolate_dispose(iso);
out:
  pthread_mutex_lock(&agent_lock);
  a->done = true;
  a->waiting = true;
  pthread_cond_broadcast(&agent_cond);
  pthread_mutex_unlock(&agent_lock);
  return NULL;
}

/* ---- $262.agent functions ----------------------------------------------------------------------- */

static void agent_start(const petrel_callback_info *info) {
  char *source = arg_utf8(info, 0);
  if (source == NULL) return;
  Agent *a = calloc(1, sizeof *a);
  if (a == NULL) {
    free(source);
    throw_oom(info);
    return;
  }
  a->source = source;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, (size_t)8 << 20);
  pthread_mutex_lock(&agent_lock);
  a->seen = broadcast_gen; /* an agent takes only broadcasts made after it started */
  int err = pthread_create(&a->thread, &attr, agent_main, a);
  if (err == 0) {
    a->next = agents;
    agents = a;
  }
  pthread_mutex_unlock(&agent_lock);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    free(source);
    free(a);
    petrel_throw_error(petrel_callback_info_isolate(info), PETREL_ERROR, "$262.agent.start: cannot create a thread");
  }
}

static void agent_broadcast(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_value *sab = petrel_callback_info_arg(info, 0);
  petrel_shared_memory *mem = petrel_shared_array_buffer_share(sab);
  if (mem == NULL) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "$262.agent.broadcast: argument is not a SharedArrayBuffer");
    return;
  }
  double num = 0;
  if (petrel_callback_info_length(info) > 1 &&
      !petrel_value_to_number(petrel_callback_info_context(info), petrel_callback_info_arg(info, 1), &num)) {
    petrel_shared_memory_release(mem);
    return;
  }
  pthread_mutex_lock(&agent_lock);
  if (broadcast_mem) petrel_shared_memory_release(broadcast_mem);
  broadcast_mem = mem;
  broadcast_num = num;
  unsigned long gen = ++broadcast_gen;
  pthread_cond_broadcast(&agent_cond);
  /* Block until every running agent has taken this broadcast (INTERPRETING.md). */
  for (;;) {
    bool all = true;
    for (Agent *a = agents; a; a = a->next)
      if (!a->done && !a->left && a->seen != gen) all = false;
    if (all || agents_shutdown) break;
    pthread_cond_wait(&agent_cond, &agent_lock);
  }
  pthread_mutex_unlock(&agent_lock);
}

static void agent_receive_broadcast(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  Agent *a = current_agent;
  petrel_value *fn = petrel_callback_info_arg(info, 0);
  if (a == NULL) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "$262.agent.receiveBroadcast: only an agent receives broadcasts");
    return;
  }
  if (!petrel_value_is_function(fn)) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "$262.agent.receiveBroadcast: callback is not a function");
    return;
  }
  if (a->callback) petrel_persistent_release(iso, a->callback);
  a->callback = petrel_persistent_new(iso, fn);
  if (a->callback == NULL) throw_oom(info);
}

static void agent_report(const petrel_callback_info *info) {
  char *text = arg_utf8(info, 0);
  if (text == NULL) return;
  Report *r = malloc(sizeof *r);
  if (r == NULL) {
    free(text);
    throw_oom(info);
    return;
  }
  r->next = NULL;
  r->text = text;
  pthread_mutex_lock(&agent_lock);
  if (reports_tail) reports_tail->next = r;
  else reports_head = r;
  reports_tail = r;
  pthread_mutex_unlock(&agent_lock);
}

static void agent_get_report(const petrel_callback_info *info) {
  pthread_mutex_lock(&agent_lock);
  Report *r = reports_head;
  if (r) {
    reports_head = r->next;
    if (reports_head == NULL) reports_tail = NULL;
  }
  pthread_mutex_unlock(&agent_lock);
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  if (r == NULL) {
    petrel_callback_info_set_return(info, petrel_null(iso));
    return;
  }
  petrel_value *s = petrel_string_new_utf8(iso, r->text, (size_t)-1);
  free(r->text);
  free(r);
  if (s) petrel_callback_info_set_return(info, s);
}

static void agent_sleep(const petrel_callback_info *info) {
  double ms = 0;
  if (!petrel_value_to_number(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0), &ms)) return;
  if (!(ms > 0)) return;
  /* Sleep in slices so a terminated isolate stops promptly. */
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  double end = monotonic_ms() + ms;
  for (;;) {
    double left = end - monotonic_ms();
    if (left <= 0) break;
    if (left > 50) left = 50;
    struct timespec ts = {(time_t)(left / 1000), (long)(((long long)(left * 1e6)) % 1000000000LL)};
    nanosleep(&ts, NULL);
    if (petrel_isolate_is_terminating(iso)) break;
  }
}

static void agent_monotonic_now(const petrel_callback_info *info) {
  petrel_callback_info_set_return(info, petrel_number(petrel_callback_info_isolate(info), monotonic_ms()));
}

/* The agent is done: once its current callback returns, its thread ends. */
static void agent_leaving(const petrel_callback_info *info) {
  (void)info;
  if (current_agent == NULL) return;
  pthread_mutex_lock(&agent_lock);
  current_agent->left = true;
  pthread_cond_broadcast(&agent_cond);
  pthread_mutex_unlock(&agent_lock);
}

static bool agent_install(petrel_context *ctx, petrel_value *agent) {
  static const struct {
    const char *name;
    petrel_function_callback fn;
    int length;
  } fns[] = {
      {"start", agent_start, 1},           {"broadcast", agent_broadcast, 2},
      {"getReport", agent_get_report, 0},  {"sleep", agent_sleep, 1},
      {"monotonicNow", agent_monotonic_now, 0}, {"receiveBroadcast", agent_receive_broadcast, 1},
      {"report", agent_report, 1},         {"leaving", agent_leaving, 0},
  };
  for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
    petrel_value *fn = petrel_function_new(ctx, fns[i].fn, NULL, fns[i].name, fns[i].length);
    if (fn == NULL || !petrel_object_define_named(ctx, agent, fns[i].name, fn, PETREL_PROP_HIDDEN)) return false;
  }
  return true;
}

bool shell_agent_install(petrel_context *ctx, petrel_value *agent) { return agent_install(ctx, agent); }

void shell_agents_shutdown(void) {
  pthread_mutex_lock(&agent_lock);
  agents_shutdown = true;
  pthread_cond_broadcast(&agent_cond);
  /* Agents still running code (a loop, an endless Atomics.wait) are terminated. */
  for (Agent *a = agents; a; a = a->next)
    if (a->iso && !a->waiting) petrel_isolate_terminate_execution(a->iso);
  Agent *list = agents;
  agents = NULL;
  pthread_mutex_unlock(&agent_lock);
  while (list) {
    Agent *next = list->next;
    pthread_join(list->thread, NULL);
    free(list->source);
    free(list);
    list = next;
  }
  pthread_mutex_lock(&agent_lock);
  while (reports_head) {
    Report *r = reports_head;
    reports_head = r->next;
    free(r->text);
    free(r);
  }
  reports_tail = NULL;
  if (broadcast_mem) petrel_shared_memory_release(broadcast_mem);
  broadcast_mem = NULL;
  pthread_mutex_unlock(&agent_lock);
}
