/* Seeded hashing (Jenkins one-at-a-time over code units) and the OS random seed. */
#include "base/hash.h"

#include <fcntl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

uint32_t pt_hash_latin1(uint32_t seed, const uint8_t *s, size_t n) {
  uint32_t h = pt_hash_begin(seed);
  for (size_t i = 0; i < n; i++) h = pt_hash_add(h, s[i]);
  return pt_hash_finish(h);
}

uint32_t pt_hash_utf16(uint32_t seed, const uint16_t *s, size_t n) {
  uint32_t h = pt_hash_begin(seed);
  for (size_t i = 0; i < n; i++) h = pt_hash_add(h, s[i]);
  return pt_hash_finish(h);
}

uint64_t pt_random_seed(void) {
  uint64_t r = 0;
  if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r) return r;
  /* No entropy source: mix what varies between runs. */
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  r = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 16) ^
      (uint64_t)(uintptr_t)&r;
  return r * 0x9E3779B97F4A7C15ull;
}
