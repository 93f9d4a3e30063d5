/*
 * Growable arrays as macros over a plain struct, for C-side (malloc'd) data: work lists, buffers,
 * tables. Never put heap references here unless the owner registers them as roots.
 *
 *   PT_VEC(int) v = {0};          // declares an anonymous { int *data; size_t len, cap; }
 *   if (!PT_VEC_PUSH(&v, 42)) ... // false when malloc fails
 *   PT_VEC_FREE(&v);
 */
#ifndef PETREL_BASE_VECTOR_H
#define PETREL_BASE_VECTOR_H

#include "base/common.h"
#include <stdlib.h>

#define PT_VEC(T)                                                                                  \
  struct {                                                                                         \
    T *data;                                                                                       \
    size_t len, cap;                                                                               \
  }

/* Grows storage to hold at least `need` elements of size `elem`; returns false on failure. */
static inline bool pt_vec_reserve_(void **data, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return true;
  size_t ncap = *cap ? *cap * 2 : 8;
  while (ncap < need) ncap *= 2;
  if (ncap > SIZE_MAX / elem) return false;
  void *p = realloc(*data, ncap * elem);
  if (!p) return false;
  *data = p;
  *cap = ncap;
  return true;
}

#define PT_VEC_RESERVE(v, n)                                                                       \
  pt_vec_reserve_((void **)&(v)->data, &(v)->cap, (n), sizeof(*(v)->data))
#define PT_VEC_PUSH(v, x)                                                                          \
  (PT_VEC_RESERVE((v), (v)->len + 1) ? ((v)->data[(v)->len++] = (x), true) : false)
#define PT_VEC_POP(v) ((v)->data[--(v)->len])
#define PT_VEC_LAST(v) ((v)->data[(v)->len - 1])
#define PT_VEC_CLEAR(v) ((v)->len = 0)
#define PT_VEC_FREE(v)                                                                             \
  do {                                                                                             \
    free((v)->data);                                                                               \
    (v)->data = NULL;                                                                              \
    (v)->len = (v)->cap = 0;                                                                       \
  } while (0)

#endif
