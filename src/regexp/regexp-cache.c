/*
 * A small process-wide compilation cache. Regexp literals are evaluated anew each time their
 * expression runs and @@split/@@matchAll construct a regexp per call; compiling the same pattern
 * again is wasted work because a RegExpCode is immutable. Global mutable state must sit behind a
 * lock (DESIGN.md, decision 7): one mutex guards the table; codes are reference counted.
 */
#include <pthread.h>
#include <stdlib.h>

#include "regexp/regexp-internal.h"

/* Set-associative: a pattern's hash picks a set of RE_CACHE_WAYS entries. Benchmarks like
 * Octane's RegExp evaluate a few hundred distinct literals in a loop, so the cache must hold that
 * many and find one without scanning all. */
#define RE_CACHE_SETS 128
#define RE_CACHE_WAYS 4
#define RE_CACHE_SIZE (RE_CACHE_SETS * RE_CACHE_WAYS)
#define RE_CACHE_MAX_PATTERN 4096

typedef struct CacheEntry {
  uint16_t *pattern;
  size_t len;
  uint32_t flags;
  uint32_t hash;
  RegExpCode *code;
} CacheEntry;

static CacheEntry cache[RE_CACHE_SIZE];
static unsigned cache_next[RE_CACHE_SETS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t pattern_hash(const uint16_t *p, size_t len, uint32_t flags) {
  uint32_t h = 2166136261u ^ flags;
  for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

RegExpCode *re_compile_cached(const uint16_t *pattern, size_t len, uint32_t flags, char *err, size_t errsz) {
  if (len > RE_CACHE_MAX_PATTERN) return re_compile(pattern, len, flags, err, errsz);
  uint32_t h = pattern_hash(pattern, len, flags);
  pthread_mutex_lock(&cache_lock);
  CacheEntry *set = &cache[(h % RE_CACHE_SETS) * RE_CACHE_WAYS];
  for (int i = 0; i < RE_CACHE_WAYS; i++) {
    CacheEntry *e = &set[i];
    if (e->code && e->hash == h && e->flags == flags && e->len == len &&
        memcmp(e->pattern, pattern, len * sizeof *pattern) == 0) {
      RegExpCode *code = re_retain(e->code);
      pthread_mutex_unlock(&cache_lock);
      return code;
    }
  }
  pthread_mutex_unlock(&cache_lock);
  RegExpCode *code = re_compile(pattern, len, flags, err, errsz);
  if (!code) return NULL;
  uint16_t *copy = malloc((len ? len : 1) * sizeof *copy);
  if (!copy) return code; /* uncached is fine */
  memcpy(copy, pattern, len * sizeof *copy);
  pthread_mutex_lock(&cache_lock);
  CacheEntry *e = &set[cache_next[h % RE_CACHE_SETS]++ % RE_CACHE_WAYS];
  RegExpCode *old = e->code;
  uint16_t *old_pattern = e->pattern;
  e->pattern = copy;
  e->len = len;
  e->flags = flags;
  e->hash = h;
  e->code = re_retain(code);
  pthread_mutex_unlock(&cache_lock);
  if (old) re_free(old);
  free(old_pattern);
  return code;
}
