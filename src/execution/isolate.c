/*
 * The isolate: creation and teardown, exceptions, interrupts, and the native stack guard
 * (DESIGN.md, decision 7).
 *
 * Creation order matters: the heap, then the layouts of the heap's own types, then the string
 * table, then objects_init_isolate (the meta map and a root map per instance type, which strings
 * need for their headers), then the names table and the well-known symbols. No realm is made here:
 * realm_new does that.
 */
#define _GNU_SOURCE 1
#include "execution/isolate.h"

#include "base/hash.h"
#include "execution/flags.h"
#include "execution/isolate-control.h"
#include "execution/messages.h"
#include "heap/fixed-array.h"
#include "heap/heap-internal.h"
#include "objects/names.h"
#include "objects/objects-init.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include "objects/bigint.h"

#include <pthread.h>
#include <stdlib.h>


#if defined(__SANITIZE_ADDRESS__)
#define PT_ASAN_STACK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PT_ASAN_STACK 1
#endif
#endif

/* Room kept below the limit for the code between a check and the next one, and for making the
 * RangeError itself. Sanitizer frames are several times larger. */
#ifdef PT_ASAN_STACK
#define STACK_MARGIN ((size_t)1024 * 1024)
#else
#define STACK_MARGIN ((size_t)256 * 1024)
#endif
#define STACK_HARD_MARGIN ((size_t)32 * 1024)

static uintptr_t current_sp(void) { return (uintptr_t)__builtin_frame_address(0); }

void isolate_update_stack_limit(Isolate *iso) {
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  uintptr_t sp = current_sp();
  uintptr_t lo, hi;
  if (addr && size) {
    lo = (uintptr_t)addr;
    hi = lo + size;
    /* An unlimited main-thread stack reports a huge size: trust at most 64 MB below us. */
    if (size > ((size_t)64 << 20) && sp - ((size_t)64 << 20) > lo) lo = sp - ((size_t)64 << 20);
  } else {
    hi = sp;
    lo = sp - ((size_t)1 << 20); /* unknown: assume a modest 1 MB */
  }
  size_t span = hi - lo;
  size_t margin = STACK_MARGIN < span / 4 ? STACK_MARGIN : span / 4;
  size_t hard = STACK_HARD_MARGIN < span / 16 ? STACK_HARD_MARGIN : span / 16;
  uintptr_t limit = lo + margin;
  if (pt_flags.stack_size > 0) {
    uintptr_t want = (size_t)pt_flags.stack_size * 1024;
    if (sp > want && sp - want > limit) limit = sp - want;
  }
  iso->stack_base = hi;
  iso->stack_limit = limit;
  iso->stack_low_water = sp;
  iso->stack_hard_limit = lo + hard;
}

bool isolate_check_stack_slow(Isolate *iso, uintptr_t sp) {
  if (sp < iso->stack_low_water) iso->stack_low_water = sp;
  if (sp > iso->stack_limit) return true;
  if (iso->in_stack_overflow) {
    /* Making the RangeError below: it may use the reserve, down to the hard limit. */
    if (sp > iso->stack_hard_limit) return true;
    PT_FATAL("native stack exhausted while reporting a stack overflow");
  }
  iso->in_stack_overflow = true;
  rt_throw_range_error(iso, "Maximum call stack size exceeded");
  iso->in_stack_overflow = false;
  return false;
}

/* Frames below the deepest isolate_check_stack (leaf C code, the collector's own frames) may reach
 * this much further down. */
#define STACK_CLEAR_MARGIN ((size_t)4 * 1024)
/* Left alone below the clearing frame: its own red zone. */
#define STACK_CLEAR_GAP 512

#ifdef PT_ASAN_STACK
#define PT_STACK_NO_SANITIZE __attribute__((no_sanitize_address)) __attribute__((no_sanitize("undefined")))
#else
#define PT_STACK_NO_SANITIZE
#endif

/* The conservative stack scan treats every word between the stack pointer and the stack's base
 * as a possible reference. Words below the stack pointer are never scanned, but the next call
 * reuses that memory: a local that the new frame reserves and has not written yet (a spill slot,
 * padding, an alloca'd register file before initialization, a buffer) still holds whatever the
 * previous, deeper call left there. After a script filled the heap and dropped its data, such
 * leftovers kept the garbage alive and every later allocation failed. Zeroing the dead region
 * before the embedder starts a new call removes them; the cost is proportional to the stack the
 * previous calls used. */
PT_STACK_NO_SANITIZE __attribute__((noinline)) void isolate_clear_dead_stack(Isolate *iso) {
  volatile uintptr_t marker = 0;
  uintptr_t sp = (uintptr_t)&marker;
  uintptr_t low = iso->stack_low_water;
  uintptr_t floor = iso->stack_hard_limit;
  iso->stack_low_water = sp;
  iso->stack_clear_wanted = false;
  if (low == 0 || low >= sp) return;
  low = low > floor + STACK_CLEAR_MARGIN ? low - STACK_CLEAR_MARGIN : floor;
  if (sp < low + STACK_CLEAR_GAP) return;
  uintptr_t high = (sp - STACK_CLEAR_GAP) & ~(uintptr_t)(sizeof(uintptr_t) - 1);
  low = (low + sizeof(uintptr_t) - 1) & ~(uintptr_t)(sizeof(uintptr_t) - 1);
  for (volatile uintptr_t *p = (volatile uintptr_t *)low; p < (volatile uintptr_t *)high; p++) *p = 0;
}

/* Zeroing costs about a nanosecond per 8 bytes: after ordinary calls (a few KB deep, pointers to
 * young garbage that the next calls overwrite) it would multiply the cost of a short API call, so
 * it runs when the heap ran out (where a pinned array makes every later allocation fail) or when
 * the dead region is big enough that clearing is cheap next to the call that made it. */
#define STACK_CLEAR_DEEP ((uintptr_t)256 * 1024)

void isolate_maybe_clear_dead_stack(Isolate *iso) {
  uintptr_t sp = current_sp();
  if (iso->stack_clear_wanted || (iso->stack_low_water && iso->stack_low_water + STACK_CLEAR_DEEP < sp))
    isolate_clear_dead_stack(iso);
}

/* ---- Creation ------------------------------------------------------------------------------ */

static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static void register_types(void) {
  fixed_array_register_types();
  str_register_types();
  sym_register_types();
  bigint_register_types();
}

Isolate *isolate_new(const HeapOptions *options) {
  HeapOptions opts = {0};
  if (options) opts = *options;
  /* Command-line flags fill in what the embedder left unset. */
  if (!opts.max_heap_bytes && pt_flags.max_heap_size > 0)
    opts.max_heap_bytes = (size_t)pt_flags.max_heap_size * 1024 * 1024;
  if (!opts.stress_gc && pt_flags.stress_gc > 0) opts.stress_gc = pt_flags.stress_gc;
  opts.verify_heap |= pt_flags.verify_heap;
  opts.trace_gc |= pt_flags.trace_gc;
  opts.trace_gc_verbose |= pt_flags.trace_gc_verbose;
  if (opts.trace_gc_verbose) opts.trace_gc = true;
  opts.young_gen |= pt_flags.young_gen; /* on by default; --no-young-gen turns it off */
  if (!opts.young_bytes && pt_flags.min_semi_space_size > 0)
    opts.young_bytes = (size_t)pt_flags.min_semi_space_size * 1024 * 1024;
  if (!opts.max_young_bytes && pt_flags.max_semi_space_size > 0)
    opts.max_young_bytes = (size_t)pt_flags.max_semi_space_size * 1024 * 1024;
  if (opts.old_space_only) opts.young_gen = false;

  Isolate *iso = calloc(1, sizeof *iso);
  if (!iso) return NULL;
  iso->pending_exception = VAL_HOLE;
  iso->pending_message = VAL_HOLE;
  iso->oom_error = VAL_HOLE;
  iso->termination_exception = VAL_HOLE;
  iso->hash_seed = (uint32_t)pt_random_seed();
  isolate_update_stack_limit(iso);
  if (isolate_control_init(iso) < 0) goto fail;
  iso->heap = heap_new(iso, &opts);
  if (!iso->heap) goto fail;

  pthread_once(&register_once, register_types);
  if (str_table_init(iso) < 0) goto fail;

  /* No collection while the maps are half built: the meta map starts without a map. */
  iso->heap->no_gc++;
  int r = objects_init_isolate(iso);
  iso->heap->no_gc--;
  if (r < 0) goto fail;

  if (names_init_isolate(iso) < 0) goto fail;
  if (sym_init_isolate(iso) < 0) goto fail;
  /* Thrown when out of memory before any realm exists; replaced by a real RangeError later. */
  iso->oom_error = str_intern_cstr(iso, "RangeError: Out of memory");
  if (iso->oom_error == VAL_EXCEPTION) goto fail;
  Value desc = str_intern_cstr(iso, "terminated");
  if (desc == VAL_EXCEPTION) goto fail;
  iso->termination_exception = sym_new_private(iso, desc);
  if (iso->termination_exception == VAL_EXCEPTION) goto fail;
  return iso;

fail:
  isolate_free(iso);
  return NULL;
}

struct DisposeCallback {
  struct DisposeCallback *next;
  void (*fn)(Isolate *iso, void *data);
  void *data;
};

int isolate_add_dispose_callback(Isolate *iso, void (*fn)(Isolate *iso, void *data), void *data) {
  struct DisposeCallback *d = malloc(sizeof *d);
  if (!d) return -1;
  d->fn = fn;
  d->data = data;
  d->next = iso->dispose_callbacks;
  iso->dispose_callbacks = d;
  return 0;
}

void isolate_free(Isolate *iso) {
  if (!iso) return;
  while (iso->dispose_callbacks) {
    struct DisposeCallback *d = iso->dispose_callbacks;
    iso->dispose_callbacks = d->next;
    d->fn(iso, d->data);
    free(d);
  }
  heap_free(iso->heap); /* runs the finalizers of what is still alive */
  iso->heap = NULL;
  sym_free_isolate(iso);
  names_free_isolate(iso);
  str_table_free(iso);
  free(iso->single_char_strings);
  isolate_control_free(iso);
  free(iso);
}

/* ---- Exceptions ---------------------------------------------------------------------------- */

Value isolate_throw(Isolate *iso, Value exception) {
  if (iso->terminating) return VAL_EXCEPTION; /* nothing replaces a termination */
  iso->pending_exception = exception;
  if (iso->pending_message == VAL_HOLE) messages_capture(iso, exception);
  return VAL_EXCEPTION;
}

Value isolate_take_exception(Isolate *iso) {
  Value e = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  iso->pending_message = VAL_HOLE;
  return e;
}

Value isolate_throw_oom(Isolate *iso) {
  Heap *h = iso->heap;
  if (iso->terminating) return VAL_EXCEPTION;
  /* The first time with a realm, make the real RangeError, with the limit lifted: the collection
   * that failed may overshoot rather than fail halfway (DESIGN.md, decision 5). */
  if (iso->realm && !h->making_oom_error && (iso->oom_error == VAL_HOLE || val_is_string(iso->oom_error))) {
    h->making_oom_error = true;
    h->ignore_limit++;
    Value saved_exc = iso->pending_exception, saved_msg = iso->pending_message;
    Value e = rt_new_error(iso, ERR_RANGE, "Out of memory");
    iso->pending_exception = saved_exc;
    iso->pending_message = saved_msg;
    if (e != VAL_EXCEPTION) iso->oom_error = e;
    h->ignore_limit--;
    h->making_oom_error = false;
  }
  /* No message capture: it would allocate. */
  iso->pending_exception = iso->oom_error;
  iso->stack_clear_wanted = true;
  return VAL_EXCEPTION;
}

/* ---- Interrupts ---------------------------------------------------------------------------- */

void isolate_request_interrupt(Isolate *iso, uint32_t flags) {
  atomic_fetch_or_explicit(&iso->interrupts, flags, memory_order_release);
}

bool isolate_handle_interrupts(Isolate *iso) {
  uint32_t flags = atomic_load_explicit(&iso->interrupts, memory_order_acquire);
  if (flags & INTERRUPT_TERMINATE) {
    /* The flag stays set until isolate_cancel_termination: every later poll unwinds too, so no
     * finally block or catch can resume JavaScript. */
    iso->terminating = true;
    iso->pending_exception = iso->termination_exception;
    iso->pending_message = VAL_HOLE;
    return false;
  }
  flags = atomic_fetch_and_explicit(&iso->interrupts, ~(uint32_t)(INTERRUPT_GC | INTERRUPT_API),
                                    memory_order_acq_rel);
  if (flags & INTERRUPT_GC) heap_collect(iso, GC_REASON_EXPLICIT);
  if (flags & INTERRUPT_API) {
    isolate_run_interrupt_callbacks(iso);
    if (iso->api_interrupt_callback && !iso->api_interrupt_callback(iso, iso->api_interrupt_data)) return false;
    /* A callback may have asked for termination or left an exception to throw here. */
    if (atomic_load_explicit(&iso->interrupts, memory_order_acquire) & INTERRUPT_TERMINATE)
      return isolate_handle_interrupts(iso);
    if (isolate_has_exception(iso)) return false;
  }
  return true;
}

void isolate_cancel_termination(Isolate *iso) {
  atomic_fetch_and_explicit(&iso->interrupts, ~(uint32_t)INTERRUPT_TERMINATE, memory_order_acq_rel);
  iso->terminating = false;
  if (iso->pending_exception == iso->termination_exception) {
    iso->pending_exception = VAL_HOLE;
    iso->pending_message = VAL_HOLE;
  }
}
