/*
 * The quick check: a cheap test run before each match attempt of the search loop. For the first
 * RE_QUICK_MAX offsets from a candidate start it computes the set of units any match can have
 * there, and the minimum match length. A pattern like /(^|[^\\])"\\\/Date\(/ has almost every
 * unit in its first-character set, but only two units can follow at offset 1; the check rejects
 * nearly every start position without entering the VM.
 *
 * The analysis walks the tree with a mask of the offsets at which some path can reach a node
 * (bit k: offset k < RE_QUICK_MAX; bit RE_QUICK_MAX: further). It over-approximates: extra
 * offsets only add allowed units and lower the minimum length, so the check never rejects a start
 * where a match exists. Unicode mode is left out (a character may be two units).
 */
#include "regexp/regexp-internal.h"

#define K RE_QUICK_MAX
#define FAR (1u << K)
#define NEAR (FAR - 1)

typedef struct Quick {
  uint32_t bits[K][8];
  bool wide[K];
  bool any[K];
  const ReParse *parse;
} Quick;

static uint32_t shift1(uint32_t mask) { return ((mask << 1) & NEAR) | ((mask & (FAR | (FAR >> 1))) ? FAR : 0); }

static void add_unit(Quick *q, int k, uint32_t u) {
  if (u < 256) q->bits[k][u >> 5] |= 1u << (u & 31);
  else q->wide[k] = true;
}

/* Adds what a one-character node can match at offset k. */
static void add_atom(Quick *q, int k, const ReNode *n) {
  if (n->kind == RN_CHAR) {
    if (n->icase) {
      uint32_t cc = re_canon(n->c, false);
      for (uint32_t u = 0; u < 256; u++)
        if (re_canon(u, false) == cc) add_unit(q, k, u);
      q->wide[k] = true;
    } else {
      add_unit(q, k, n->c);
    }
    return;
  }
  const ReCharSet *cs = &q->parse->sets[n->set];
  for (uint32_t u = 0; u < 256; u++)
    if (cs_contains(cs, n->icase ? re_canon(u, false) : u) != n->negate) add_unit(q, k, u);
  q->wide[k] = true;
}

static uint32_t follow(Quick *q, const ReNode *n, uint32_t mask);

/* Applies a node repeatedly until the union of reachable offsets stops growing. */
static uint32_t closure(Quick *q, const ReNode *n, uint32_t acc) {
  for (int i = 0; i <= K + 1; i++) {
    uint32_t next = acc | follow(q, n, acc);
    if (next == acc) break;
    acc = next;
  }
  return acc | FAR; /* a conservative cap: paths may run past the window */
}

static uint32_t follow(Quick *q, const ReNode *n, uint32_t mask) {
  if (mask == 0) return 0;
  switch (n->kind) {
    case RN_EMPTY: case RN_BOL: case RN_EOL: case RN_WORD_BOUNDARY: case RN_LOOK:
      return mask;
    case RN_CHAR:
    case RN_CLASS:
      for (int k = 0; k < K; k++)
        if (mask & (1u << k)) add_atom(q, k, n);
      return shift1(mask);
    case RN_SEQ:
      for (int i = 0; i < n->nkids; i++) mask = follow(q, n->kids[i], mask);
      return mask;
    case RN_ALT: {
      uint32_t out = 0;
      for (int i = 0; i < n->nkids; i++) out |= follow(q, n->kids[i], mask);
      return out;
    }
    case RN_GROUP:
      return follow(q, n->kids[0], mask);
    case RN_QUANT: {
      if (n->max == 0) return mask;
      uint32_t cur = mask;
      if (n->min <= 2 * K + 2) {
        for (int i = 0; i < n->min; i++) cur = follow(q, n->kids[0], cur);
      } else {
        cur = closure(q, n->kids[0], follow(q, n->kids[0], cur));
      }
      if (n->max > n->min) cur = closure(q, n->kids[0], cur);
      return cur;
    }
    case RN_BACKREF: {
      /* Any length: everything from the lowest reachable offset on is unconstrained. */
      int lo = 0;
      while (lo < K && !(mask & (1u << lo))) lo++;
      for (int k = lo; k < K; k++) q->any[k] = true;
      uint32_t out = mask | FAR;
      for (int k = lo; k < K; k++) out |= 1u << k;
      return out;
    }
  }
  return mask | NEAR | FAR;
}

void re_compute_prefilter(RegExpCode *code, const ReParse *parse, bool unicode) {
  code->min_len = 0;
  code->quick_len = 0;
  if (unicode) return;
  Quick q;
  memset(&q, 0, sizeof q);
  q.parse = parse;
  uint32_t end = follow(&q, parse->root, 1);
  int min_len = 0;
  while (min_len < K && !(end & (1u << min_len))) min_len++;
  code->min_len = min_len;
  /* Offsets below the minimum length are inside every match: their sets are exact filters. */
  int quick_len = 0;
  while (quick_len < min_len && !q.any[quick_len]) quick_len++;
  code->quick_len = quick_len;
  int best = -1, best_count = 0;
  code->scan_off = 0;
  code->scan_unit = -1;
  for (int k = 0; k < quick_len; k++) {
    memcpy(code->quick[k], q.bits[k], sizeof q.bits[k]);
    code->quick_wide[k] = q.wide[k];
    int count = q.wide[k] ? 1000 : 0;
    for (int w = 0; w < 8; w++) count += __builtin_popcount(q.bits[k][w]);
    if (best < 0 || count < best_count) best = k, best_count = count;
  }
  if (best >= 0) {
    code->scan_off = best;
    if (best_count == 1)
      for (int u = 0; u < 256; u++)
        if ((q.bits[best][u >> 5] >> (u & 31)) & 1) code->scan_unit = u;
  }
}
