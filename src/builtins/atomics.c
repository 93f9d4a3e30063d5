/*
 * Atomics (ECMA-262 25.4): sequentially consistent operations on integer typed arrays, and
 * wait/notify over SharedArrayBuffers. The operations use the compiler's __atomic builtins on the
 * buffer's bytes directly, so they are atomic against other threads (isolates) sharing the same
 * SharedStore. Waiters live in one process-wide list behind one mutex (the spec's critical
 * section; a single lock keeps notify and wait trivially consistent), keyed by (store, byte
 * index); a blocked thread sleeps on its own condition variable and wakes at least every
 * ATOMICS_POLL_MS to poll its isolate's interrupts, so termination stops a wait promptly.
 *
 * BigInt64Array/BigUint64Array: operands go through ToBigInt and are applied as raw 64-bit two's
 * complement bits (wrapping add/sub are exactly BigInt.asIntN/asUintN(64) of the spec's results);
 * waits on a BigInt64Array compare all 64 bits.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builtins/atomics.h"
#include "builtins/object-helpers.h"
#include "builtins/promise.h"
#include "builtins/typed-array.h"
#include "objects/bigint.h"

#define ATOMICS_POLL_MS 50

typedef enum AtomicOp { OP_ADD, OP_SUB, OP_AND, OP_OR, OP_XOR, OP_EXCHANGE, OP_LOAD, OP_STORE } AtomicOp;

/* ---- Validation ------------------------------------------------------------------------- */

static inline TAKind kind_of(Value ta) { return (TAKind)js_typed_array(ta)->kind; }

static bool kind_is_bigint(TAKind kind) { return strncmp(typed_array_name(kind), "Big", 3) == 0; }

/* Converts an operand for the element kind: ToBigInt for the BigInt kinds, ToIntegerOrInfinity
 * otherwise. The converted Value (what Atomics.store returns) goes to *out, its raw element bits
 * (the modular conversion to the element type) to bits. */
static int atomics_operand(Isolate *iso, TAKind kind, Value v, Value *out, uint8_t bits[8]);

/* ValidateIntegerTypedArray(typedArray, waitable, use): 0, or -1 with a TypeError. A `write` use
 * (every operation but load, wait and notify) refuses a view of an immutable buffer. */
static int validate_integer_ta(Isolate *iso, Value ta, bool waitable, bool write) {
  if (!typed_array_is(ta)) {
    char buf[64];
    rt_throw_type_error(iso, "%s is not an integer typed array.", builtins_describe(iso, ta, buf, sizeof buf));
    return -1;
  }
  if (write && js_array_buffer(js_typed_array(ta)->buffer)->immutable) {
    rt_throw_type_error(iso, "Cannot perform Atomics operation on an immutable ArrayBuffer");
    return -1;
  }
  if (typed_array_length(ta) < 0) {
    rt_throw_type_error(iso, "Cannot perform Atomics operation on a detached or out-of-bounds typed array");
    return -1;
  }
  TAKind kind = (TAKind)js_typed_array(ta)->kind;
  bool ok;
  if (waitable) {
    ok = kind == TA_INT32 || strcmp(typed_array_name(kind), "BigInt64Array") == 0;
  } else {
    switch (kind) {
      case TA_INT8: case TA_UINT8: case TA_INT16: case TA_UINT16: case TA_INT32: case TA_UINT32: ok = true; break;
      default: ok = kind_is_bigint(kind); break;
    }
  }
  if (!ok) {
    rt_throw_type_error(iso, waitable ? "%s is not an Int32Array or BigInt64Array"
                                      : "%s is not an integer typed array",
                        typed_array_name(kind));
    return -1;
  }
  return 0;
}

/* ValidateAtomicAccess: the byte index in the buffer, or -1 with a RangeError. */
static double validate_atomic_access(Isolate *iso, Value ta, Value request_index) {
  double length = typed_array_length(ta);
  double index;
  if (rt_to_index(iso, request_index, &index) < 0) return -1;
  if (index >= length) {
    rt_throw_range_error(iso, "Invalid atomic access index");
    return -1;
  }
  JSTypedArray *t = js_typed_array(ta);
  return index * (double)typed_array_element_size((TAKind)t->kind) + (double)t->byte_offset;
}

/* RevalidateAtomicAccess: after argument coercion (which may run code that detaches or shrinks). */
static int revalidate_atomic_access(Isolate *iso, Value ta, double byte_index) {
  if (typed_array_length(ta) < 0) {
    rt_throw_type_error(iso, "Cannot perform Atomics operation on a detached or out-of-bounds typed array");
    return -1;
  }
  if (byte_index >= (double)array_buffer_byte_length(js_array_buffer(js_typed_array(ta)->buffer))) {
    rt_throw_range_error(iso, "Invalid atomic access index");
    return -1;
  }
  return 0;
}

static inline uint8_t *ta_byte_ptr(Value ta, double byte_index) {
  return js_array_buffer(js_typed_array(ta)->buffer)->data + (size_t)byte_index;
}

/* ---- The atomic primitives ---------------------------------------------------------------- */

#define ATOMIC_RMW(T, p, in, out, op)                                   \
  do {                                                                   \
    T x_, r_;                                                            \
    memcpy(&x_, (in), sizeof x_);                                        \
    T *q_ = (T *)(void *)(p);                                            \
    switch (op) {                                                        \
      case OP_ADD: r_ = __atomic_fetch_add(q_, x_, __ATOMIC_SEQ_CST); break; \
      case OP_SUB: r_ = __atomic_fetch_sub(q_, x_, __ATOMIC_SEQ_CST); break; \
      case OP_AND: case OP_OR: case OP_XOR: {                            \
        /* A compare-exchange loop, not __atomic_fetch_and/or/xor: GCC 12 with \
         * -fsanitize=undefined drops the operand of the 64-bit ones. */  \
        T n_;                                                            \
        r_ = __atomic_load_n(q_, __ATOMIC_SEQ_CST);                      \
        do {                                                             \
          n_ = (op) == OP_AND ? (T)(r_ & x_) : (op) == OP_OR ? (T)(r_ | x_) : (T)(r_ ^ x_); \
        } while (!__atomic_compare_exchange_n(q_, &r_, n_, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)); \
        break;                                                           \
      }                                                                  \
      case OP_EXCHANGE: r_ = __atomic_exchange_n(q_, x_, __ATOMIC_SEQ_CST); break; \
      case OP_LOAD: r_ = __atomic_load_n(q_, __ATOMIC_SEQ_CST); break;   \
      default: __atomic_store_n(q_, x_, __ATOMIC_SEQ_CST); r_ = x_; break; \
    }                                                                    \
    memcpy((out), &r_, sizeof r_);                                       \
  } while (0)

/* Applies `op` to the element at p with the raw operand bits `in`; the old raw bits go to `out`. */
static void atomic_apply(size_t size, uint8_t *p, const uint8_t *in, uint8_t *out, AtomicOp op) {
  switch (size) {
    case 1: ATOMIC_RMW(uint8_t, p, in, out, op); break;
    case 2: ATOMIC_RMW(uint16_t, p, in, out, op); break;
    case 4: ATOMIC_RMW(uint32_t, p, in, out, op); break;
    default: ATOMIC_RMW(uint64_t, p, in, out, op); break;
  }
}

/* Compare-and-exchange on raw bits: `expected` receives the old value either way. */
static void atomic_cmpxchg(size_t size, uint8_t *p, uint8_t *expected, const uint8_t *replacement) {
#define CAS(T)                                                                                   \
  do {                                                                                           \
    T e_, r_;                                                                                    \
    memcpy(&e_, expected, sizeof e_);                                                            \
    memcpy(&r_, replacement, sizeof r_);                                                         \
    __atomic_compare_exchange_n((T *)(void *)p, &e_, r_, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    memcpy(expected, &e_, sizeof e_);                                                            \
  } while (0)
  switch (size) {
    case 1: CAS(uint8_t); break;
    case 2: CAS(uint16_t); break;
    case 4: CAS(uint32_t); break;
    default: CAS(uint64_t); break;
  }
#undef CAS
}

/* ToIntegerOrInfinity as a Number (-0 becomes +0, as 𝔽(ℝ) does). */
static int to_integer_number(Isolate *iso, Value v, double *out) {
  if (rt_to_integer_or_infinity(iso, v, out) < 0) return -1;
  *out += 0.0;
  return 0;
}

/* ---- Atomics.add/and/exchange/or/sub/xor/load/store ----------------------------------------- */

static int atomics_operand(Isolate *iso, TAKind kind, Value v, Value *out, uint8_t bits[8]) {
  if (kind_is_bigint(kind)) {
    Value b = rt_to_bigint(iso, v);
    if (b == VAL_EXCEPTION) return -1;
    *out = b;
    typed_array_store(kind, bits, b);
    return 0;
  }
  double d;
  if (to_integer_number(iso, v, &d) < 0) return -1;
  *out = val_from_number(d);
  typed_array_write(kind, bits, d);
  return 0;
}

/* AtomicReadModifyWrite and Atomics.load / Atomics.store, by magic (an AtomicOp). */
static Value atomics_rmw(Isolate *iso, const CallArgs *args) {
  AtomicOp op = (AtomicOp)function_magic(args->callee);
  Value ta = call_arg(args, 0);
  if (validate_integer_ta(iso, ta, false, op != OP_LOAD) < 0) return VAL_EXCEPTION;
  double byte_index = validate_atomic_access(iso, ta, call_arg(args, 1));
  if (byte_index < 0) return VAL_EXCEPTION;
  TAKind kind = (TAKind)js_typed_array(ta)->kind;
  uint8_t in[8] = {0}, out[8] = {0};
  Value v = VAL_UNDEFINED;
  if (op != OP_LOAD && atomics_operand(iso, kind, call_arg(args, 2), &v, in) < 0) return VAL_EXCEPTION;
  if (revalidate_atomic_access(iso, ta, byte_index) < 0) return VAL_EXCEPTION;
  size_t size = typed_array_element_size(kind);
  atomic_apply(size, ta_byte_ptr(ta, byte_index), in, out, op);
  if (op == OP_STORE) return v;
  return typed_array_read_value(iso, kind, out);
}

static Value atomics_compare_exchange(Isolate *iso, const CallArgs *args) {
  Value ta = call_arg(args, 0);
  if (validate_integer_ta(iso, ta, false, true) < 0) return VAL_EXCEPTION;
  double byte_index = validate_atomic_access(iso, ta, call_arg(args, 1));
  if (byte_index < 0) return VAL_EXCEPTION;
  TAKind kind = (TAKind)js_typed_array(ta)->kind;
  uint8_t e[8] = {0}, r[8] = {0};
  Value ignored;
  if (atomics_operand(iso, kind, call_arg(args, 2), &ignored, e) < 0) return VAL_EXCEPTION;
  if (atomics_operand(iso, kind, call_arg(args, 3), &ignored, r) < 0) return VAL_EXCEPTION;
  if (revalidate_atomic_access(iso, ta, byte_index) < 0) return VAL_EXCEPTION;
  atomic_cmpxchg(typed_array_element_size(kind), ta_byte_ptr(ta, byte_index), e, r);
  return typed_array_read_value(iso, kind, e);
}

static Value atomics_is_lock_free(Isolate *iso, const CallArgs *args) {
  double n;
  if (rt_to_integer_or_infinity(iso, call_arg(args, 0), &n) < 0) return VAL_EXCEPTION;
  /* 1, 2 and 4 must agree with the hardware; 8 is lock-free on every target we build for. */
  if (n == 1) return val_from_bool(__atomic_always_lock_free(1, 0));
  if (n == 2) return val_from_bool(__atomic_always_lock_free(2, 0));
  if (n == 4) return VAL_TRUE;
  if (n == 8) return val_from_bool(__atomic_always_lock_free(8, 0));
  return VAL_FALSE;
}

static Value atomics_pause(Isolate *iso, const CallArgs *args) {
  Value n = call_arg(args, 0);
  if (n != VAL_UNDEFINED) {
    if (!val_is_number(n)) return rt_throw_type_error(iso, "Atomics.pause argument must be undefined or an integer");
    double d = val_to_number_unchecked(n);
    if (!isfinite(d) || d != trunc(d))
      return rt_throw_type_error(iso, "Atomics.pause argument must be undefined or an integer");
  }
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
  return VAL_UNDEFINED;
}

/* ---- Waiter list ----------------------------------------------------------------------------- */

typedef struct Waiter {
  struct Waiter *prev, *next;
  const SharedStore *store;
  size_t byte_index;
  pthread_cond_t cond; /* sync waiters only */
  bool notified;
  bool in_list;
  double deadline;     /* monotonic ms; INFINITY for none */
  /* Async waiters (Atomics.waitAsync): owned by their isolate, resolved on its thread. */
  bool is_async;
  Isolate *iso;
  Value promise;       /* a root of iso while the waiter exists */
  struct Waiter *async_next;
  SharedStore *held;   /* the store, kept alive while an async waiter exists */
} Waiter;

static pthread_mutex_t waiters_lock = PTHREAD_MUTEX_INITIALIZER;
static Waiter *waiters_head, *waiters_tail; /* FIFO, guarded by waiters_lock */
/* Every async waiter not yet resolved, and a condition any notify signals (isolates waiting in
 * atomics_process_async_waits sleep on it). Guarded by waiters_lock. */
static Waiter *async_waiters;
static pthread_cond_t async_cond;
static pthread_once_t async_cond_once = PTHREAD_ONCE_INIT;
static void async_cond_init(void) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&async_cond, &attr);
  pthread_condattr_destroy(&attr);
}

static void waiter_add(Waiter *w) {
  w->in_list = true;
  w->next = NULL;
  w->prev = waiters_tail;
  if (waiters_tail) waiters_tail->next = w;
  else waiters_head = w;
  waiters_tail = w;
}

static void waiter_remove(Waiter *w) {
  if (w->prev) w->prev->next = w->next;
  else waiters_head = w->next;
  if (w->next) w->next->prev = w->prev;
  else waiters_tail = w->prev;
  w->prev = w->next = NULL;
  w->in_list = false;
}

static double monotonic_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Blocks the calling thread until notified, the deadline passes (timeout_ms may be infinite) or
 * the isolate must unwind. Returns 1 notified, 0 timed out, -1 exception pending. Called with
 * waiters_lock held and `w` in the list; returns with the lock released and `w` out of it. */
static int waiter_block(Isolate *iso, Waiter *w) {
  double deadline = w->deadline;
  for (;;) {
    if (w->notified) break;
    double now = monotonic_ms();
    if (now >= deadline) break;
    if (atomic_load_explicit(&iso->interrupts, memory_order_relaxed) != 0) {
      /* Run the interrupt outside the lock; we stay in the list, so a notify meanwhile counts. */
      pthread_mutex_unlock(&waiters_lock);
      bool ok = isolate_handle_interrupts(iso);
      pthread_mutex_lock(&waiters_lock);
      if (!ok) {
        if (!w->notified) waiter_remove(w);
        pthread_mutex_unlock(&waiters_lock);
        return -1;
      }
      continue;
    }
    double slice = deadline - now < ATOMICS_POLL_MS ? deadline - now : ATOMICS_POLL_MS;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long ns = (long long)ts.tv_nsec + (long long)(slice * 1e6);
    ts.tv_sec += (time_t)(ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    pthread_cond_timedwait(&w->cond, &waiters_lock, &ts);
  }
  bool notified = w->notified;
  if (!notified) waiter_remove(w);
  pthread_mutex_unlock(&waiters_lock);
  return notified ? 1 : 0;
}

/* Wakes up to `count` waiters on (store, byte_index), oldest first; returns how many. */
static double waiters_notify(const SharedStore *store, size_t byte_index, double count) {
  double n = 0;
  bool any_async = false;
  double now = monotonic_ms();
  pthread_mutex_lock(&waiters_lock);
  for (Waiter *w = waiters_head, *next; w != NULL && n < count; w = next) {
    next = w->next;
    if (w->store != store || w->byte_index != byte_index) continue;
    /* Its timeout has passed: it is timing out, not waiting (it removes itself). */
    if (now >= w->deadline) continue;
    waiter_remove(w);
    w->notified = true;
    if (w->is_async) any_async = true;
    else pthread_cond_signal(&w->cond);
    n++;
  }
  if (any_async) pthread_cond_broadcast(&async_cond);
  pthread_mutex_unlock(&waiters_lock);
  return n;
}

/* ---- Atomics.wait / Atomics.notify ----------------------------------------------------------- */

static Value result_string(Isolate *iso, const char *s) { return str_from_cstr(iso, s); }

/* The value DoWait compares against: ToBigInt64 for a BigInt64Array, ToInt32 otherwise. */
static int wait_operand(Isolate *iso, TAKind kind, Value v, int64_t *out) {
  if (kind_is_bigint(kind)) return rt_to_bigint64(iso, v, out);
  int32_t i;
  if (rt_to_int32(iso, v, &i) < 0) return -1;
  *out = i;
  return 0;
}

static int64_t wait_load(TAKind kind, const uint8_t *p) {
  if (kind_is_bigint(kind)) return __atomic_load_n((const int64_t *)(const void *)p, __ATOMIC_SEQ_CST);
  return __atomic_load_n((const int32_t *)(const void *)p, __ATOMIC_SEQ_CST);
}

/* DoWait(sync, ...). */
static Value atomics_wait(Isolate *iso, const CallArgs *args) {
  Value ta = call_arg(args, 0);
  if (validate_integer_ta(iso, ta, true, false) < 0) return VAL_EXCEPTION;
  Value buffer = js_typed_array(ta)->buffer;
  if (!array_buffer_is_shared(buffer))
    return rt_throw_type_error(iso, "%s is not a shared typed array.", typed_array_name(kind_of(ta)));
  double byte_index = validate_atomic_access(iso, ta, call_arg(args, 1));
  if (byte_index < 0) return VAL_EXCEPTION;
  TAKind kind = (TAKind)js_typed_array(ta)->kind;
  int64_t v;
  if (wait_operand(iso, kind, call_arg(args, 2), &v) < 0) return VAL_EXCEPTION;
  double q;
  if (rt_to_number_double(iso, call_arg(args, 3), &q) < 0) return VAL_EXCEPTION;
  double t = (isnan(q) || q == INFINITY) ? INFINITY : (q == -INFINITY ? 0 : (q > 0 ? q : 0));
  /* The shell's main thread may block, as in d8 ([[CanBlock]] true for every agent). */
  SharedStore *store = js_array_buffer(buffer)->shared;
  uint8_t *p = store->data + (size_t)byte_index;
  Waiter w;
  memset(&w, 0, sizeof w);
  w.store = store;
  w.byte_index = (size_t)byte_index;
  w.deadline = monotonic_ms() + t;
  pthread_mutex_lock(&waiters_lock);
  int64_t cur = wait_load(kind, p);
  if (cur != v) {
    pthread_mutex_unlock(&waiters_lock);
    return result_string(iso, "not-equal");
  }
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&w.cond, &attr);
  pthread_condattr_destroy(&attr);
  waiter_add(&w);
  /* The store stays alive while we block: the typed array (on this stack) holds the buffer. */
  int r = waiter_block(iso, &w);
  pthread_cond_destroy(&w.cond);
  if (r < 0) return VAL_EXCEPTION;
  return result_string(iso, r ? "ok" : "timed-out");
}

static Value atomics_notify(Isolate *iso, const CallArgs *args) {
  Value ta = call_arg(args, 0);
  if (validate_integer_ta(iso, ta, true, false) < 0) return VAL_EXCEPTION;
  double byte_index = validate_atomic_access(iso, ta, call_arg(args, 1));
  if (byte_index < 0) return VAL_EXCEPTION;
  double c = INFINITY;
  if (call_arg(args, 2) != VAL_UNDEFINED) {
    if (rt_to_integer_or_infinity(iso, call_arg(args, 2), &c) < 0) return VAL_EXCEPTION;
    if (c < 0) c = 0;
  }
  Value buffer = js_typed_array(ta)->buffer;
  if (!array_buffer_is_shared(buffer)) return val_from_int(0);
  return val_from_number(waiters_notify(js_array_buffer(buffer)->shared, (size_t)byte_index, c));
}

/* Isolates with async waiters registered for disposal (so none outlives its isolate). */
typedef struct AsyncIsolate {
  struct AsyncIsolate *next;
  Isolate *iso;
} AsyncIsolate;
static AsyncIsolate *async_isolates; /* guarded by waiters_lock */

static void async_waiter_free(Waiter *w, bool unroot) {
  if (unroot) heap_remove_root(w->iso, &w->promise);
  shared_store_release(w->held);
  free(w);
}

/* Isolate disposal: drop its async waiters (their promises die with the heap). */
static void async_dispose(Isolate *iso, void *data) {
  (void)data;
  pthread_mutex_lock(&waiters_lock);
  for (AsyncIsolate **pp = &async_isolates; *pp;) {
    if ((*pp)->iso == iso) {
      AsyncIsolate *dead = *pp;
      *pp = dead->next;
      free(dead);
    } else {
      pp = &(*pp)->next;
    }
  }
  for (Waiter **pp = &async_waiters; *pp;) {
    Waiter *w = *pp;
    if (w->iso == iso) {
      *pp = w->async_next;
      if (w->in_list) waiter_remove(w);
      async_waiter_free(w, true);
    } else {
      pp = &w->async_next;
    }
  }
  pthread_mutex_unlock(&waiters_lock);
}

/* Called with waiters_lock held. */
static int async_register_isolate(Isolate *iso) {
  for (AsyncIsolate *a = async_isolates; a; a = a->next)
    if (a->iso == iso) return 0;
  AsyncIsolate *a = malloc(sizeof *a);
  if (a == NULL || isolate_add_dispose_callback(iso, async_dispose, NULL) < 0) {
    free(a);
    return -1;
  }
  a->iso = iso;
  a->next = async_isolates;
  async_isolates = a;
  return 0;
}

static Value wait_async_result(Isolate *iso, bool is_async, Value value) {
  Value o = obj_new(iso, intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE));
  if (o == VAL_EXCEPTION) return o;
  Value k1 = key_from_cstr(iso, "async");
  if (k1 == VAL_EXCEPTION || rt_create_data_property_or_throw(iso, o, k1, val_from_bool(is_async)) < 0)
    return VAL_EXCEPTION;
  Value k2 = key_from_cstr(iso, "value");
  if (k2 == VAL_EXCEPTION || rt_create_data_property_or_throw(iso, o, k2, value) < 0) return VAL_EXCEPTION;
  return o;
}

/* DoWait(async, ...). */
static Value atomics_wait_async(Isolate *iso, const CallArgs *args) {
  pthread_once(&async_cond_once, async_cond_init);
  Value ta = call_arg(args, 0);
  if (validate_integer_ta(iso, ta, true, false) < 0) return VAL_EXCEPTION;
  Value buffer = js_typed_array(ta)->buffer;
  if (!array_buffer_is_shared(buffer))
    return rt_throw_type_error(iso, "%s is not a shared typed array.", typed_array_name(kind_of(ta)));
  double byte_index = validate_atomic_access(iso, ta, call_arg(args, 1));
  if (byte_index < 0) return VAL_EXCEPTION;
  TAKind kind = (TAKind)js_typed_array(ta)->kind;
  int64_t v;
  if (wait_operand(iso, kind, call_arg(args, 2), &v) < 0) return VAL_EXCEPTION;
  double q;
  if (rt_to_number_double(iso, call_arg(args, 3), &q) < 0) return VAL_EXCEPTION;
  double t = (isnan(q) || q == INFINITY) ? INFINITY : (q == -INFINITY ? 0 : (q > 0 ? q : 0));
  Value promise = promise_new(iso);
  if (promise == VAL_EXCEPTION) return promise;
  SharedStore *store = js_array_buffer(buffer)->shared;
  Waiter *w = calloc(1, sizeof *w);
  if (w == NULL) return isolate_throw_oom(iso);
  w->store = store;
  w->byte_index = (size_t)byte_index;
  w->deadline = monotonic_ms() + t;
  w->is_async = true;
  w->iso = iso;
  w->promise = promise;
  uint8_t *p = store->data + (size_t)byte_index;
  pthread_mutex_lock(&waiters_lock);
  int64_t cur = wait_load(kind, p);
  if (cur != v || t == 0 || async_register_isolate(iso) < 0) {
    bool oom = cur == v && t != 0;
    pthread_mutex_unlock(&waiters_lock);
    free(w);
    if (oom) return isolate_throw_oom(iso);
    Value s = result_string(iso, cur != v ? "not-equal" : "timed-out");
    if (s == VAL_EXCEPTION) return s;
    return wait_async_result(iso, false, s);
  }
  heap_add_root(iso, &w->promise);
  shared_store_retain(store);
  w->held = store;
  waiter_add(w);
  w->async_next = async_waiters;
  async_waiters = w;
  pthread_mutex_unlock(&waiters_lock);
  return wait_async_result(iso, true, promise);
}

int atomics_process_async_waits(Isolate *iso, double block_ms, int *resolved) {
  *resolved = 0;
  pthread_once(&async_cond_once, async_cond_init);
  double until = monotonic_ms() + (block_ms > 0 ? block_ms : 0);
  pthread_mutex_lock(&waiters_lock);
  for (;;) {
    Waiter *ready = NULL;
    int pending = 0;
    double now = monotonic_ms(), next_deadline = INFINITY;
    for (Waiter **pp = &async_waiters; *pp;) {
      Waiter *w = *pp;
      if (w->iso != iso) {
        pp = &w->async_next;
        continue;
      }
      if (w->notified || now >= w->deadline) {
        if (w->in_list) waiter_remove(w);
        *pp = w->async_next;
        w->async_next = ready;
        ready = w;
      } else {
        pending++;
        if (w->deadline < next_deadline) next_deadline = w->deadline;
        pp = &w->async_next;
      }
    }
    if (ready != NULL) {
      pthread_mutex_unlock(&waiters_lock);
      /* async_waiters is newest first, so `ready` (pushed while walking it) is oldest first:
       * promises settle in the order the waits began. */
      int rc = pending;
      for (Waiter *w = ready, *n; w; w = n) {
        n = w->async_next;
        Value s = result_string(iso, w->notified ? "ok" : "timed-out");
        Value promise = w->promise;
        async_waiter_free(w, true);
        if (rc >= 0 && (s == VAL_EXCEPTION || promise_resolve_value(iso, promise, s) == VAL_EXCEPTION)) rc = -1;
        (*resolved)++;
      }
      return rc;
    }
    if (pending == 0 || now >= until) {
      pthread_mutex_unlock(&waiters_lock);
      return pending;
    }
    if (atomic_load_explicit(&iso->interrupts, memory_order_relaxed) != 0) {
      pthread_mutex_unlock(&waiters_lock);
      if (!isolate_handle_interrupts(iso)) return -1;
      pthread_mutex_lock(&waiters_lock);
      continue;
    }
    double wake = until < next_deadline ? until : next_deadline;
    if (wake - now > ATOMICS_POLL_MS) wake = now + ATOMICS_POLL_MS;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long ns = (long long)ts.tv_nsec + (long long)((wake - now) * 1e6);
    ts.tv_sec += (time_t)(ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    pthread_cond_timedwait(&async_cond, &waiters_lock, &ts);
  }
}

/* ---- Installation ----------------------------------------------------------------------------- */

int builtins_install_atomics(Isolate *iso, Realm *realm) {
  Value atomics = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (atomics == VAL_EXCEPTION) return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_ATOMICS], atomics);
  static const struct {
    const char *name;
    NativeFunction fn;
    int length, magic;
  } methods[] = {
      {"add", atomics_rmw, 3, OP_ADD},
      {"and", atomics_rmw, 3, OP_AND},
      {"compareExchange", atomics_compare_exchange, 4, 0},
      {"exchange", atomics_rmw, 3, OP_EXCHANGE},
      {"isLockFree", atomics_is_lock_free, 1, 0},
      {"load", atomics_rmw, 2, OP_LOAD},
      {"or", atomics_rmw, 3, OP_OR},
      {"store", atomics_rmw, 3, OP_STORE},
      {"sub", atomics_rmw, 3, OP_SUB},
      {"wait", atomics_wait, 4, 0},
      {"waitAsync", atomics_wait_async, 4, 0},
      {"notify", atomics_notify, 3, 0},
      {"xor", atomics_rmw, 3, OP_XOR},
      {"pause", atomics_pause, 0, 0},
  };
  for (size_t i = 0; i < PT_ARRAY_LEN(methods); i++)
    if (builtins_def_method(iso, atomics, methods[i].name, methods[i].fn, methods[i].length, methods[i].magic) ==
        VAL_EXCEPTION)
      return -1;
  Value tag = str_from_cstr(iso, "Atomics");
  if (tag == VAL_EXCEPTION) return -1;
  if (rt_define_data(iso, atomics, sym_well_known(iso, WKS_TO_STRING_TAG), tag, ATTR_CONFIGURABLE) < 0) return -1;
  if (builtins_def_value(iso, realm->global_object, "Atomics", atomics, ATTR_BUILTIN) < 0) return -1;
  return 0;
}
