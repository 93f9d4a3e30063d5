/*
 * Unicode normalization forms NFC, NFD, NFKC, NFKD (UAX #15): full decomposition, canonical
 * ordering, then canonical composition for the composed forms. Hangul syllables are decomposed
 * and composed arithmetically (Unicode 3.12).
 */
#include "builtins/string-normalize.h"

#include <stdlib.h>

enum { SBASE = 0xAC00, LBASE = 0x1100, VBASE = 0x1161, TBASE = 0x11A7, LCOUNT = 19, VCOUNT = 21, TCOUNT = 28 };
enum { NCOUNT = VCOUNT * TCOUNT, SCOUNT = LCOUNT * NCOUNT };

static uint8_t ccc_of(uint32_t cp) {
  if (cp < 0x300) return 0;
  size_t lo = 0, hi = builtins_norm_ccc_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (builtins_norm_ccc[mid].last < cp)
      lo = mid + 1;
    else if (builtins_norm_ccc[mid].first > cp)
      hi = mid;
    else
      return builtins_norm_ccc[mid].ccc;
  }
  return 0;
}

static const NormDecomposition *find_decomp(uint32_t cp) {
  size_t lo = 0, hi = builtins_norm_decomp_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (builtins_norm_decomp[mid].cp < cp)
      lo = mid + 1;
    else if (builtins_norm_decomp[mid].cp > cp)
      hi = mid;
    else
      return &builtins_norm_decomp[mid];
  }
  return NULL;
}

/* The primary composite of (a, b), or 0. */
static uint32_t compose_pair(uint32_t a, uint32_t b) {
  if (a >= LBASE && a < LBASE + LCOUNT && b >= VBASE && b < VBASE + VCOUNT)
    return SBASE + ((a - LBASE) * VCOUNT + (b - VBASE)) * TCOUNT;
  if (a >= SBASE && a < SBASE + SCOUNT && (a - SBASE) % TCOUNT == 0 && b > TBASE && b < TBASE + TCOUNT)
    return a + (b - TBASE);
  size_t lo = 0, hi = builtins_norm_compose_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const NormComposition *c = &builtins_norm_compose[mid];
    if (c->first < a || (c->first == a && c->second < b))
      lo = mid + 1;
    else if (c->first > a || c->second > b)
      hi = mid;
    else
      return c->composite;
  }
  return 0;
}

typedef struct CpBuf {
  uint32_t *cps;
  size_t n, cap;
  bool failed;
} CpBuf;

static void put(CpBuf *b, uint32_t cp) {
  if (b->failed) return;
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    uint32_t *p = realloc(b->cps, cap * sizeof *p);
    if (!p) {
      b->failed = true;
      return;
    }
    b->cps = p;
    b->cap = cap;
  }
  b->cps[b->n++] = cp;
}

bool builtins_normalize(const uint32_t *in, size_t n, NormForm form, uint32_t **out, size_t *out_n) {
  bool compat = form == NORM_NFKC || form == NORM_NFKD;
  bool compose = form == NORM_NFC || form == NORM_NFKC;
  CpBuf b = {0};
  /* 1. Full decomposition. */
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = in[i];
    if (cp >= SBASE && cp < SBASE + SCOUNT) {
      uint32_t s = cp - SBASE;
      put(&b, LBASE + s / NCOUNT);
      put(&b, VBASE + (s % NCOUNT) / TCOUNT);
      if (s % TCOUNT) put(&b, TBASE + s % TCOUNT);
      continue;
    }
    const NormDecomposition *d = cp >= 0xA0 ? find_decomp(cp) : NULL;
    if (d && (compat || d->canon_length)) {
      uint16_t off = compat ? d->compat_offset : d->canon_offset;
      uint16_t len = compat ? d->compat_length : d->canon_length;
      for (uint16_t k = 0; k < len; k++) put(&b, builtins_norm_data[off + k]);
    } else {
      put(&b, cp);
    }
  }
  if (b.failed) {
    free(b.cps);
    return false;
  }
  /* 2. Canonical ordering: a stable sort of each run of non-starters by combining class. */
  for (size_t i = 1; i < b.n; i++) {
    uint8_t c = ccc_of(b.cps[i]);
    if (c == 0) continue;
    size_t j = i;
    uint32_t cp = b.cps[i];
    while (j > 0) {
      uint8_t pc = ccc_of(b.cps[j - 1]);
      if (pc == 0 || pc <= c) break;
      b.cps[j] = b.cps[j - 1];
      j--;
    }
    b.cps[j] = cp;
  }
  /* 3. Canonical composition. */
  if (compose && b.n > 0) {
    size_t w = 0;            /* write position */
    long starter = -1;       /* index (in the output) of the last starter */
    int last_ccc = -1;       /* ccc of the last character written after the starter */
    for (size_t r = 0; r < b.n; r++) {
      uint32_t cp = b.cps[r];
      uint8_t c = ccc_of(cp);
      if (starter >= 0) {
        bool blocked = last_ccc != -1 && (last_ccc == 0 || last_ccc >= c);
        if (!blocked) {
          uint32_t comp = compose_pair(b.cps[starter], cp);
          if (comp) {
            b.cps[starter] = comp;
            continue;
          }
        }
      }
      if (c == 0) {
        starter = (long)w;
        last_ccc = -1;
      } else {
        last_ccc = c;
      }
      b.cps[w++] = cp;
    }
    b.n = w;
  }
  *out = b.cps;
  *out_n = b.n;
  return true;
}
