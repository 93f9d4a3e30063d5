/*
 * The shell's Worker, as d8 has it: `new Worker(source, {type: 'string'})` (or a file name with
 * type 'classic', the default) runs a script in a new isolate on its own thread. Messages are
 * structured clones (petrel_serializer_*): SharedArrayBuffers are shared, ArrayBuffers in the
 * transfer list are moved (the sender's is detached). Parent side: worker.postMessage(msg,
 * transfer), worker.getMessage() (blocks; undefined once the worker is gone and its queue is
 * empty), worker.onmessage = fn (called with {data} from the shell's event loop while the worker
 * lives), worker.terminate(). Worker side: postMessage(msg, transfer), onmessage = fn (called
 * with {data}), close().
 *
 * Workers belong to the process: one list and one lock; shell_workers_shutdown terminates and
 * joins them all when the shell exits.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shell/shell.h"

typedef struct Transfer {
  uint8_t *bytes;
  size_t length;
} Transfer;

typedef struct Message {
  struct Message *next;
  uint8_t *data;
  size_t length;
  petrel_shared_memory **shared;
  size_t shared_count;
  Transfer *transfers;
  size_t transfer_count;
} Message;

typedef struct Queue {
  Message *head, *tail;
} Queue;

typedef struct Worker {
  struct Worker *next;
  pthread_t thread;
  char *source; /* the script text */
  char *name;
  Queue to_worker, to_parent;
  bool closed;               /* the worker's loop has ended: no more messages will come */
  bool stop;                 /* terminate() or close() asked the loop to end */
  petrel_isolate *iso;       /* the worker's isolate while it runs */
  petrel_persistent *object; /* the parent's Worker object (parent isolate) */
} Worker;

static pthread_mutex_t worker_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t worker_cond = PTHREAD_COND_INITIALIZER;
static Worker *workers;
static _Thread_local Worker *current_worker; /* on a worker's thread, its Worker */

static void message_free(Message *m) {
  if (m == NULL) return;
  free(m->data);
  for (size_t i = 0; i < m->shared_count; i++) petrel_shared_memory_release(m->shared[i]);
  free(m->shared);
  for (size_t i = 0; i < m->transfer_count; i++) free(m->transfers[i].bytes);
  free(m->transfers);
  free(m);
}

static void queue_push(Queue *q, Message *m) {
  m->next = NULL;
  if (q->tail) q->tail->next = m;
  else q->head = m;
  q->tail = m;
}

static Message *queue_pop(Queue *q) {
  Message *m = q->head;
  if (m) {
    q->head = m->next;
    if (q->head == NULL) q->tail = NULL;
  }
  return m;
}

static void queue_clear(Queue *q) {
  Message *m;
  while ((m = queue_pop(q)) != NULL) message_free(m);
}

static void throw_oom(petrel_isolate *iso) { petrel_throw_error(iso, PETREL_RANGE_ERROR, "Out of memory"); }

/* ---- Messages -------------------------------------------------------------------------------- */

/* Serializes `value` with the ArrayBuffers of `transfer` (an array or undefined) moved out:
 * their bytes go into the message and the buffers are detached. NULL with an exception pending. */
static Message *message_make(petrel_context *ctx, petrel_value *value, petrel_value *transfer) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  Message *m = calloc(1, sizeof *m);
  petrel_serializer *s = petrel_serializer_new(ctx);
  if (m == NULL || s == NULL) {
    free(m);
    petrel_serializer_free(s);
    throw_oom(iso);
    return NULL;
  }
  uint32_t ntransfer = 0;
  if (!petrel_value_is_undefined(transfer)) {
    if (!petrel_value_is_array(transfer)) {
      petrel_throw_error(iso, PETREL_TYPE_ERROR, "postMessage: the transfer list must be an array");
      goto fail;
    }
    ntransfer = petrel_array_length(ctx, transfer);
  }
  petrel_value **buffers = calloc(ntransfer ? ntransfer : 1, sizeof *buffers);
  if (buffers == NULL) {
    throw_oom(iso);
    goto fail;
  }
  petrel_serializer_write_header(s);
  for (uint32_t i = 0; i < ntransfer; i++) {
    if (!petrel_object_get_index(ctx, transfer, i, &buffers[i])) goto fail_buffers;
    if (!petrel_value_is_array_buffer(buffers[i]) || petrel_value_is_shared_array_buffer(buffers[i])) {
      petrel_throw_error(iso, PETREL_TYPE_ERROR, "postMessage: only ArrayBuffers can be transferred");
      goto fail_buffers;
    }
    if (!petrel_serializer_transfer_array_buffer(s, i, buffers[i])) goto fail_buffers;
  }
  if (!petrel_serializer_write_value(s, value)) goto fail_buffers;
  m->transfers = calloc(ntransfer ? ntransfer : 1, sizeof *m->transfers);
  size_t nshared = petrel_serializer_shared_memory(s, NULL);
  m->shared = calloc(nshared ? nshared : 1, sizeof *m->shared);
  if (m->transfers == NULL || m->shared == NULL) {
    throw_oom(iso);
    goto fail_buffers;
  }
  for (uint32_t i = 0; i < ntransfer; i++) {
    size_t n = petrel_array_buffer_byte_length(buffers[i]);
    uint8_t *bytes = malloc(n ? n : 1);
    if (bytes == NULL) {
      throw_oom(iso);
      goto fail_buffers;
    }
    if (n) memcpy(bytes, petrel_array_buffer_data(buffers[i]), n);
    m->transfers[m->transfer_count++] = (Transfer){bytes, n};
    if (!petrel_array_buffer_detach(ctx, buffers[i])) goto fail_buffers;
  }
  for (size_t i = 0; i < nshared; i++) m->shared[m->shared_count++] = petrel_serializer_share_memory(s, i);
  m->data = petrel_serializer_release(s, &m->length);
  petrel_serializer_free(s);
  free(buffers);
  return m;
fail_buffers:
  free(buffers);
fail:
  petrel_serializer_free(s);
  message_free(m);
  return NULL;
}

/* The message's value in ctx; NULL with an exception pending. */
static petrel_value *message_read(petrel_context *ctx, Message *m) {
  petrel_deserializer *d = petrel_deserializer_new(ctx, m->data, m->length);
  if (d == NULL) {
    throw_oom(petrel_context_get_isolate(ctx));
    return NULL;
  }
  petrel_deserializer_set_shared_memory(d, m->shared, m->shared_count);
  petrel_value *v = NULL;
  bool ok = petrel_deserializer_read_header(d);
  for (size_t i = 0; ok && i < m->transfer_count; i++) {
    petrel_value *b = petrel_array_buffer_new(ctx, m->transfers[i].length);
    ok = b != NULL && petrel_deserializer_transfer_array_buffer(d, (uint32_t)i, b);
    if (ok && m->transfers[i].length) memcpy(petrel_array_buffer_data(b), m->transfers[i].bytes, m->transfers[i].length);
  }
  if (ok) ok = petrel_deserializer_read_value(d, &v);
  petrel_deserializer_free(d);
  return ok ? v : NULL;
}

/* Calls handler({data: message}) and reports an exception; false if it threw. */
static bool dispatch(petrel_context *ctx, petrel_value *handler, Message *m) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_try_catch tc;
  petrel_try_catch_open(iso, &tc);
  petrel_value *data = message_read(ctx, m);
  petrel_value *event = data ? petrel_object_new(ctx) : NULL;
  bool ok = event != NULL && petrel_object_set_named(ctx, event, "data", data);
  petrel_value *result;
  if (ok) ok = petrel_function_call(ctx, handler, NULL, 1, &event, &result);
  if (!ok && !petrel_try_catch_has_terminated(&tc)) shell_report_exception(iso, &tc);
  petrel_try_catch_close(&tc);
  petrel_handle_scope_close(&scope);
  petrel_perform_microtask_checkpoint(iso);
  return ok;
}

/* ---- The worker's thread ---------------------------------------------------------------------- */

static void worker_print(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_context *ctx = petrel_callback_info_context(info);
  flockfile(stdout);
  for (int i = 0; i < petrel_callback_info_length(info); i++) {
    petrel_value *s;
    if (!petrel_value_to_string(ctx, petrel_callback_info_arg(info, i), &s)) break;
    char *text = petrel_string_to_utf8(iso, s, NULL);
    if (text == NULL) break;
    if (i) fputc(' ', stdout);
    fputs(text, stdout);
    petrel_free(text);
  }
  fputc('\n', stdout);
  fflush(stdout);
  funlockfile(stdout);
}

static void worker_post_message(const petrel_callback_info *info) {
  Worker *w = current_worker;
  Message *m = message_make(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0),
                            petrel_callback_info_arg(info, 1));
  if (m == NULL) return;
  pthread_mutex_lock(&worker_lock);
  queue_push(&w->to_parent, m);
  pthread_cond_broadcast(&worker_cond);
  pthread_mutex_unlock(&worker_lock);
}

static void worker_close(const petrel_callback_info *info) {
  (void)info;
  pthread_mutex_lock(&worker_lock);
  current_worker->stop = true;
  pthread_cond_broadcast(&worker_cond);
  pthread_mutex_unlock(&worker_lock);
}

static bool worker_globals(petrel_context *ctx) {
  petrel_value *global = petrel_context_global(ctx);
  static const struct {
    const char *name;
    petrel_function_callback fn;
    int length;
  } fns[] = {{"print", worker_print, 1}, {"postMessage", worker_post_message, 2}, {"close", worker_close, 0}};
  for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
    petrel_value *fn = petrel_function_new(ctx, fns[i].fn, NULL, fns[i].name, fns[i].length);
    if (fn == NULL || !petrel_object_define_named(ctx, global, fns[i].name, fn, PETREL_PROP_HIDDEN)) return false;
  }
  return true;
}

static void *worker_main(void *arg) {
  Worker *w = arg;
  current_worker = w;
  petrel_isolate *iso = petrel_isolate_new(NULL);
  if (iso == NULL) goto out;
  pthread_mutex_lock(&worker_lock);
  w->iso = iso;
  if (w->stop) petrel_isolate_terminate_execution(iso);
  pthread_mutex_unlock(&worker_lock);
  petrel_handle_scope scope;
  petrel_handle_scope_open(iso, &scope);
  petrel_context *ctx = petrel_context_new(iso);
  if (ctx != NULL) {
    petrel_context_enter(ctx);
    petrel_try_catch tc;
    petrel_try_catch_open(iso, &tc);
    petrel_value *result;
    bool ok = worker_globals(ctx) && shell_run_source(ctx, w->source, strlen(w->source), w->name, &result);
    if (!ok && !petrel_try_catch_has_terminated(&tc)) shell_report_exception(iso, &tc);
    petrel_try_catch_close(&tc);
    petrel_perform_microtask_checkpoint(iso);
    /* Messages, until close(), terminate() or shutdown. */
    while (ok && !petrel_isolate_is_terminating(iso)) {
      if (petrel_isolate_process_async_waits(iso, 0) < 0) break;
      pthread_mutex_lock(&worker_lock);
      Message *m = NULL;
      while (!w->stop && (m = queue_pop(&w->to_worker)) == NULL) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 20 * 1000000L; /* wake now and then for Atomics.waitAsync timeouts */
        if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&worker_cond, &worker_lock, &ts);
        pthread_mutex_unlock(&worker_lock);
        int pending = petrel_isolate_process_async_waits(iso, 0);
        pthread_mutex_lock(&worker_lock);
        if (pending < 0) break;
      }
      bool stop = w->stop;
      pthread_mutex_unlock(&worker_lock);
      if (m == NULL || stop) {
        message_free(m);
        break;
      }
      petrel_handle_scope inner;
      petrel_handle_scope_open(iso, &inner);
      petrel_value *handler;
      if (petrel_object_get_named(ctx, petrel_context_global(ctx), "onmessage", &handler) &&
          petrel_value_is_function(handler))
        dispatch(ctx, handler, m);
      petrel_handle_scope_close(&inner);
      message_free(m);
    }
    petrel_context_exit(ctx);
  }
  petrel_handle_scope_close(&scope);
  pthread_mutex_lock(&worker_lock);
  w->iso = NULL;
  pthread_mutex_unlock(&worker_lock);
  petrel_isolate_dispose(iso);
out:
  pthread_mutex_lock(&worker_lock);
  w->closed = true;
  queue_clear(&w->to_worker);
  pthread_cond_broadcast(&worker_cond);
  pthread_mutex_unlock(&worker_lock);
  return NULL;
}

/* ---- The parent's Worker object ------------------------------------------------------------------ */

static Worker *this_worker(const petrel_callback_info *info) {
  petrel_value *self = petrel_callback_info_this(info);
  Worker *w = petrel_value_is_object(self) && petrel_object_internal_field_count(self) == 1
                  ? petrel_object_get_internal_field(self, 0)
                  : NULL;
  if (w == NULL)
    petrel_throw_error(petrel_callback_info_isolate(info), PETREL_TYPE_ERROR, "Receiver is not a Worker");
  return w;
}

static void parent_post_message(const petrel_callback_info *info) {
  Worker *w = this_worker(info);
  if (w == NULL) return;
  Message *m = message_make(petrel_callback_info_context(info), petrel_callback_info_arg(info, 0),
                            petrel_callback_info_arg(info, 1));
  if (m == NULL) return;
  pthread_mutex_lock(&worker_lock);
  if (w->closed || w->stop) {
    message_free(m); /* d8 drops messages to a worker that is gone */
  } else {
    queue_push(&w->to_worker, m);
    pthread_cond_broadcast(&worker_cond);
  }
  pthread_mutex_unlock(&worker_lock);
}

static void parent_get_message(const petrel_callback_info *info) {
  Worker *w = this_worker(info);
  if (w == NULL) return;
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  pthread_mutex_lock(&worker_lock);
  Message *m;
  while ((m = queue_pop(&w->to_parent)) == NULL && !w->closed) {
    if (petrel_isolate_is_terminating(iso)) break;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    pthread_cond_timedwait(&worker_cond, &worker_lock, &ts);
  }
  pthread_mutex_unlock(&worker_lock);
  if (m == NULL) return; /* undefined: the worker is gone */
  petrel_value *v = message_read(petrel_callback_info_context(info), m);
  message_free(m);
  if (v) petrel_callback_info_set_return(info, v);
}

static void parent_terminate(const petrel_callback_info *info) {
  Worker *w = this_worker(info);
  if (w == NULL) return;
  pthread_mutex_lock(&worker_lock);
  w->stop = true;
  if (w->iso) petrel_isolate_terminate_execution(w->iso);
  pthread_cond_broadcast(&worker_cond);
  pthread_mutex_unlock(&worker_lock);
}

static void worker_constructor(const petrel_callback_info *info) {
  petrel_isolate *iso = petrel_callback_info_isolate(info);
  petrel_context *ctx = petrel_callback_info_context(info);
  if (!petrel_callback_info_is_construct_call(info)) {
    petrel_throw_error(iso, PETREL_TYPE_ERROR, "Worker must be constructed with new");
    return;
  }
  /* The type option: 'string' (source text) or 'classic' (a file name, the default). */
  bool is_string = false;
  petrel_value *options = petrel_callback_info_arg(info, 1);
  if (petrel_value_is_object(options)) {
    petrel_value *type;
    if (!petrel_object_get_named(ctx, options, "type", &type)) return;
    if (!petrel_value_is_undefined(type)) {
      char *t = NULL;
      petrel_value *ts;
      if (!petrel_value_to_string(ctx, type, &ts) || (t = petrel_string_to_utf8(iso, ts, NULL)) == NULL) return;
      if (strcmp(t, "string") == 0) is_string = true;
      else if (strcmp(t, "classic") != 0) {
        petrel_free(t);
        petrel_throw_error(iso, PETREL_TYPE_ERROR, "Worker: type must be 'classic' or 'string'");
        return;
      }
      petrel_free(t);
    }
  }
  petrel_value *arg;
  if (!petrel_value_to_string(ctx, petrel_callback_info_arg(info, 0), &arg)) return;
  char *text = petrel_string_to_utf8(iso, arg, NULL);
  if (text == NULL) return throw_oom(iso);
  char *source = text;
  if (!is_string) {
    source = shell_read_file(text, NULL);
    if (source == NULL) {
      petrel_free(text);
      petrel_throw_error(iso, PETREL_ERROR, "Worker: cannot read the script file");
      return;
    }
  }
  Worker *w = calloc(1, sizeof *w);
  petrel_value *self = petrel_object_new_with_internal_fields(ctx, 1);
  char *name = strdup(is_string ? "worker" : text);
  bool ok = w && self && name;
  if (ok) {
    static const struct {
      const char *name;
      petrel_function_callback fn;
      int length;
    } fns[] = {{"postMessage", parent_post_message, 2},
               {"getMessage", parent_get_message, 0},
               {"terminate", parent_terminate, 0}};
    for (size_t i = 0; ok && i < sizeof fns / sizeof *fns; i++) {
      petrel_value *fn = petrel_function_new(ctx, fns[i].fn, NULL, fns[i].name, fns[i].length);
      ok = fn && petrel_object_define_named(ctx, self, fns[i].name, fn, PETREL_PROP_HIDDEN);
    }
  }
  if (ok) ok = (w->object = petrel_persistent_new(iso, self)) != NULL;
  if (ok) {
    w->source = is_string ? strdup(source) : source;
    w->name = name;
    name = NULL;
    if (!is_string) source = NULL;
    ok = w->source != NULL;
  }
  if (ok) {
    petrel_object_set_internal_field(self, 0, w);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)8 << 20);
    pthread_mutex_lock(&worker_lock);
    ok = pthread_create(&w->thread, &attr, worker_main, w) == 0;
    if (ok) {
      w->next = workers;
      workers = w;
    }
    pthread_mutex_unlock(&worker_lock);
    pthread_attr_destroy(&attr);
  }
  if (!is_string) free(source);
  petrel_free(text);
  free(name);
  if (!ok) {
    if (w) {
      if (w->object) petrel_persistent_release(iso, w->object);
      free(w->source);
      free(w->name);
      free(w);
    }
    petrel_throw_error(iso, PETREL_ERROR, "Worker: cannot start the worker");
    return;
  }
  petrel_callback_info_set_return(info, self);
}

bool shell_worker_install(petrel_context *ctx) {
  petrel_value *ctor = petrel_function_new(ctx, worker_constructor, NULL, "Worker", 2);
  return ctor && petrel_object_define_named(ctx, petrel_context_global(ctx), "Worker", ctor, PETREL_PROP_HIDDEN);
}

/* Delivers one message to a parent-side onmessage handler; when none is queued but a worker
 * with a handler still runs, waits for one. 1 delivered, 0 no such worker left, -1 the handler
 * threw (reported). */
int shell_workers_dispatch(petrel_context *ctx) {
  petrel_isolate *iso = petrel_context_get_isolate(ctx);
  for (;;) {
    if (petrel_isolate_is_terminating(iso)) return 0;
    bool waiting = false;
    pthread_mutex_lock(&worker_lock);
    Worker *list = workers;
    pthread_mutex_unlock(&worker_lock);
    /* The list only grows at its head (on this thread), so walking it unlocked is safe. */
    for (Worker *w = list; w; w = w->next) {
      petrel_handle_scope scope;
      petrel_handle_scope_open(iso, &scope);
      petrel_value *self = petrel_persistent_get(iso, w->object);
      petrel_value *handler = NULL;
      petrel_try_catch tc;
      petrel_try_catch_open(iso, &tc);
      bool has = petrel_object_get_named(ctx, self, "onmessage", &handler) && petrel_value_is_function(handler);
      petrel_try_catch_close(&tc);
      Message *m = NULL;
      if (has) {
        pthread_mutex_lock(&worker_lock);
        m = queue_pop(&w->to_parent);
        if (m == NULL && !w->closed) waiting = true;
        pthread_mutex_unlock(&worker_lock);
      }
      if (m) {
        bool ok = dispatch(ctx, handler, m);
        message_free(m);
        petrel_handle_scope_close(&scope);
        return ok ? 1 : -1;
      }
      petrel_handle_scope_close(&scope);
    }
    if (!waiting) return 0;
    pthread_mutex_lock(&worker_lock);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    pthread_cond_timedwait(&worker_cond, &worker_lock, &ts);
    pthread_mutex_unlock(&worker_lock);
  }
}

void shell_workers_shutdown(petrel_isolate *parent) {
  pthread_mutex_lock(&worker_lock);
  for (Worker *w = workers; w; w = w->next) {
    w->stop = true;
    if (w->iso) petrel_isolate_terminate_execution(w->iso);
  }
  pthread_cond_broadcast(&worker_cond);
  Worker *list = workers;
  workers = NULL;
  pthread_mutex_unlock(&worker_lock);
  while (list) {
    Worker *next = list->next;
    pthread_join(list->thread, NULL);
    queue_clear(&list->to_parent);
    queue_clear(&list->to_worker);
    petrel_persistent_release(parent, list->object);
    free(list->source);
    free(list->name);
    free(list);
    list = next;
  }
}
