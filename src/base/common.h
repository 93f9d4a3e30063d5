/* Common definitions shared by every Petrel source file. */
#ifndef PETREL_BASE_COMMON_H
#define PETREL_BASE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PT_LIKELY(x) __builtin_expect(!!(x), 1)
#define PT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PT_UNUSED(x) ((void)(x))
#define PT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PT_NORETURN __attribute__((noreturn))
#define PT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PT_INTERNAL __attribute__((visibility("hidden")))

/* Aborts with a message: for broken engine invariants only, never for bad input. */
PT_NORETURN void pt_fatal(const char *file, int line, const char *fmt, ...) PT_PRINTF(3, 4);
#define PT_FATAL(...) pt_fatal(__FILE__, __LINE__, __VA_ARGS__)
/* Called by pt_fatal with "file:line" and the message before it aborts (the embedder's
 * fatal-error handler; must not return). NULL: none. Process-wide. */
void pt_set_fatal_hook(void (*hook)(const char *location, const char *message));
#define PT_ASSERT(c)                                                                               \
  do {                                                                                             \
    if (PT_UNLIKELY(!(c))) PT_FATAL("assertion failed: %s", #c);                                   \
  } while (0)
#ifdef NDEBUG
#define PT_DCHECK(c) ((void)0)
#else
#define PT_DCHECK(c) PT_ASSERT(c)
#endif
#define PT_UNREACHABLE() PT_FATAL("unreachable")

#endif
