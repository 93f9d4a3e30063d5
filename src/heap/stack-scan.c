/*
 * Conservative roots: every word of the native stack and of the spilled registers that could be a
 * reference — a NaN-boxed pointer Value, a raw pointer, or a pointer into the middle of an object —
 * keeps that object alive (DESIGN.md, decision 5). The scanner reads stack slots that ASan treats as
 * redzones, so it is not instrumented; with ASan's detect_stack_use_after_return, locals live in
 * "fake frames" on the side, and a real-stack word pointing into a fake frame makes us scan that
 * frame too.
 */
#define _GNU_SOURCE 1
#include "heap/heap-internal.h"

#include <setjmp.h>

#if defined(__SANITIZE_ADDRESS__)
#define PT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PT_ASAN 1
#endif
#endif

#ifdef PT_ASAN
#include <sanitizer/asan_interface.h>
#define PT_NO_ASAN __attribute__((no_sanitize_address))
#else
#define PT_NO_ASAN
#endif

/* Word loads here must not be instrumented (redzones) nor assumed aligned-to-type by UBSan. */
#define PT_NO_SANITIZE PT_NO_ASAN __attribute__((no_sanitize("undefined")))

PT_NO_SANITIZE static inline void consider_word(Heap *h, uintptr_t w) {
  /* A NaN-boxed pointer Value keeps its address in the low 48 bits. */
  if ((w >> VAL_TAG_SHIFT) == VAL_TAG_POINTER) w &= 0x0000FFFFFFFFFFFFull;
  if (w < h->min_addr || w >= h->max_addr) return;
  HeapObject *o = heap_find_object(h, w);
  if (!o) return;
  if (!h->scavenging) heap_mark_object(h, o);
  else if (heap_chunk_of(o)->kind == CHUNK_YOUNG) heap_pin_young(h, o); /* young: pinned */
}

PT_NO_SANITIZE static void scan_range(Heap *h, const uintptr_t *lo, const uintptr_t *hi) {
  for (const uintptr_t *p = lo; p < hi; p++) {
    uintptr_t w = *(const volatile uintptr_t *)p;
    consider_word(h, w);
#ifdef PT_ASAN
    void *fake = __asan_get_current_fake_stack();
    if (fake) {
      void *beg = NULL, *end = NULL;
      if (__asan_addr_is_in_fake_stack(fake, (void *)w, &beg, &end) && beg && end) {
        for (const uintptr_t *q = beg; q < (const uintptr_t *)end; q++)
          consider_word(h, *(const volatile uintptr_t *)q);
      }
    }
#endif
  }
}

static void find_stack_bounds(Heap *h) {
  pthread_t self = pthread_self();
  if (h->stack_known && pthread_equal(self, h->stack_thread)) return;
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(self, &attr) != 0) PT_FATAL("pthread_getattr_np failed");
  pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  h->stack_lo = (uintptr_t)addr;
  h->stack_hi = (uintptr_t)addr + size;
  h->stack_thread = self;
  h->stack_known = true;
}

PT_NO_SANITIZE __attribute__((noinline)) static void scan_from_here(Heap *h) {
  volatile uintptr_t marker = 0;
  uintptr_t sp = (uintptr_t)&marker & ~(uintptr_t)(sizeof(uintptr_t) - 1);
  if (sp < h->stack_lo || sp >= h->stack_hi)
    PT_FATAL("garbage collection on a stack the heap does not know (sp %p)", (void *)sp);
  /* The collector's frames are among the deepest: isolate_clear_dead_stack starts below them. */
  if (sp < h->iso->stack_low_water) h->iso->stack_low_water = sp;
  scan_range(h, (const uintptr_t *)sp, (const uintptr_t *)h->stack_hi);
}

PT_NO_SANITIZE __attribute__((noinline)) void heap_scan_stack(Heap *h) {
  find_stack_bounds(h);
  /* Spill the callee-saved registers into this frame so the scan sees references held only in
   * registers. setjmp stores them (glibc mangles only sp/bp/pc); __builtin_unwind_init forces
   * every callee-saved register, bp included, onto the stack. */
  jmp_buf regs;
  __builtin_unwind_init();
  setjmp(regs);
  scan_from_here(h);
  /* Keep `regs` alive until after the scan. */
  __asm__ volatile("" : : "r"(&regs) : "memory");
}
