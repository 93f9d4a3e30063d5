/* The check counter every C unit test uses: CHECK(c) counts a pass or reports the failing
 * expression with its file and line; main() ends by printing "N passed, N failed" (the line the
 * test scripts add up) and exiting non-zero when anything failed. */
#ifndef PETREL_UNIT_CHECK_H
#define PETREL_UNIT_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(c)                                                                                   \
  do {                                                                                             \
    if (c) passed++;                                                                               \
    else {                                                                                         \
      failed++;                                                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                       \
    }                                                                                              \
  } while (0)

#endif
