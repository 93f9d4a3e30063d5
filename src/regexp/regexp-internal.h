/*
 * Internals shared by the regexp parser, compiler and matcher. Not for use outside src/regexp/.
 *
 * Pipeline: the parser (regexp-parser.c) turns a pattern into a tree of ReNodes allocated in an
 * arena; the compiler (regexp-compiler.c) turns the tree into a flat array of int32 instructions
 * plus a table of character sets; the matcher (regexp-exec.c) runs the instructions with an
 * explicit backtrack stack on the C heap.
 */
#ifndef PETREL_REGEXP_REGEXP_INTERNAL_H
#define PETREL_REGEXP_REGEXP_INTERNAL_H

#include <stdatomic.h>

#include "regexp/regexp.h"

#define RE_MAX_CODE_POINT 0x10FFFFu
/* Nesting limit for groups and classes: the parser and compiler recurse on nesting. */
#define RE_MAX_DEPTH 400
#define RE_MAX_CAPTURES 65535
#define RE_INFINITY 0x7FFFFFFF
/* Offsets covered by the quick check before a match attempt (regexp-prefilter.c). */
#define RE_QUICK_MAX 8

/* ---- Character sets: sorted, merged inclusive ranges of code points ------------------------ */
typedef struct ReCharSet {
  uint32_t *r; /* pairs lo, hi */
  size_t n;    /* number of ranges */
  size_t cap;
  bool normalized;
  bool oom;
} ReCharSet;

void cs_init(ReCharSet *cs);
void cs_free(ReCharSet *cs);
void cs_add_range(ReCharSet *cs, uint32_t lo, uint32_t hi);
static inline void cs_add(ReCharSet *cs, uint32_t c) { cs_add_range(cs, c, c); }
void cs_add_set(ReCharSet *cs, const ReCharSet *other);
void cs_add_ranges(ReCharSet *cs, const uint32_t *pairs, size_t count);
void cs_normalize(ReCharSet *cs);
void cs_invert(ReCharSet *cs); /* complement within [0, 0x10FFFF] */
void cs_intersect(ReCharSet *cs, const ReCharSet *other);
void cs_subtract(ReCharSet *cs, const ReCharSet *other);
bool cs_contains(const ReCharSet *cs, uint32_t c); /* cs must be normalized */
bool cs_copy(ReCharSet *dst, const ReCharSet *src);
/* Adds Canonicalize(a) for every a in the set, so "Canonicalize(ch) is in the set" decides
 * membership under ignoreCase. */
void cs_case_close(ReCharSet *cs, bool unicode);
/* The full case-insensitive closure (every c with Canonicalize(c) == Canonicalize(a) for some
 * member a): what v-mode complements and set operations need. */
void cs_case_close_full(ReCharSet *cs, bool unicode);

/* Predefined sets. */
void cs_add_digits(ReCharSet *cs);
void cs_add_space(ReCharSet *cs);
void cs_add_word(ReCharSet *cs, bool unicode_ignore_case);
void cs_add_line_terminators(ReCharSet *cs);

bool re_is_word_char(uint32_t c, bool unicode_ignore_case);
bool re_is_line_terminator(uint32_t c);

/* ---- Syntax tree ---------------------------------------------------------------------------- */
typedef enum {
  RN_EMPTY,
  RN_CHAR,      /* c; icase */
  RN_CLASS,     /* set index into the parse's set list; negate; icase */
  RN_SEQ,       /* kids */
  RN_ALT,       /* kids */
  RN_GROUP,     /* capture index; kid */
  RN_BACKREF,   /* capture indices (several for duplicate names); icase */
  RN_BOL,       /* multiline */
  RN_EOL,       /* multiline */
  RN_WORD_BOUNDARY, /* negate */
  RN_LOOK,      /* behind, negate; kid */
  RN_QUANT,     /* min, max, greedy; kid; captures [cap_first, cap_end) inside */
} ReNodeKind;

typedef struct ReNode ReNode;
struct ReNode {
  ReNodeKind kind;
  bool icase, multiline, negate, behind, greedy, unicode_icase;
  uint32_t c;
  int set;                 /* RN_CLASS */
  int index;               /* RN_GROUP */
  int min, max;            /* RN_QUANT */
  int cap_first, cap_end;  /* RN_QUANT */
  ReNode **kids;
  int nkids, kids_cap;
  int *refs;               /* RN_BACKREF */
  int nrefs;
  /* For a backreference by name, resolved after parsing (forward references). */
  uint16_t *ref_name; /* malloc'd */
  size_t ref_name_len;
  ReNode *all_next; /* every node of a parse, for freeing */
};

typedef struct ReGroupName {
  uint16_t *name;
  size_t len;
  int *caps;
  int ncaps;
} ReGroupName;

/* Result of a parse. */
typedef struct ReParse {
  ReNode *root;
  int ncaps;                /* including group 0 */
  ReCharSet *sets;
  int nsets, sets_cap;
  ReGroupName *names;
  int nnames;
  ReNode *all_nodes;
  bool oom;
} ReParse;

/* Parses; on error writes V8's message into err (with the "Invalid regular expression: /p/f: "
 * prefix) and returns false. The caller frees the parse with re_parse_free in every case. */
bool re_parse(ReParse *out, const uint16_t *pattern, size_t len, uint32_t flags, char *err,
              size_t errsz);
void re_parse_free(ReParse *p);

/* ---- Bytecode ------------------------------------------------------------------------------- */
typedef enum {
  RO_CHAR,          /* flags, c */
  RO_CLASS,         /* flags, set */
  RO_ANY,           /* flags: any character (dotAll) */
  RO_SPLIT,         /* x, y: try x first, then y */
  RO_JMP,           /* x */
  RO_SAVE,          /* slot */
  RO_RESET,         /* first slot, end slot: set to -1 */
  RO_SET_REG,       /* reg, value */
  RO_SET_REG_POS,   /* reg */
  RO_LOOP,          /* cnt reg, min, max, greedy, exit */
  RO_LOOP_END,      /* cnt reg, pos reg, min, loop head */
  RO_STAR,          /* min, max, greedy: the next instruction is a one-character atom */
  RO_BACKREF,       /* flags, n, index... */
  RO_BOL,           /* multiline */
  RO_EOL,           /* multiline */
  RO_WORDB,         /* negate, unicode_icase */
  RO_LOOK,          /* negate, continuation */
  RO_LOOK_END,      /* negate */
  RO_MATCH,
} ReOp;

enum { RF_BACK = 1, RF_ICASE = 2, RF_NEGATE = 4 };

typedef struct ReSet {
  uint32_t *r;
  uint32_t n;
  uint32_t latin1[8]; /* membership bitmap for c < 256 */
} ReSet;

struct RegExpCode {
  _Atomic int refs; /* re_retain / re_free: shared by the compilation cache and regexp objects */
  uint32_t flags;
  int ncaps;
  int nregs;
  int32_t *insns;
  size_t ninsns;
  ReSet *sets;
  int nsets;
  ReGroupName *names;
  int nnames;
  /* Search acceleration: a match can only start at a unit in `first` (units < 256) or, if
   * first_wide, at any unit >= 256. Valid when has_first. anchored: only position 0 can match. */
  bool has_first, first_wide, anchored;
  uint32_t first[8];
  /* Quick check (regexp-prefilter.c): every match is at least min_len units long, and the unit at
   * start + k (0 < k < quick_len) is in quick[k] (units < 256) or, if quick_wide[k], any unit
   * >= 256. Zero when unknown (unicode mode, or patterns that can match the empty string). */
  int min_len, quick_len;
  /* The most selective quick-check offset (fewest units), scanned first; scan_unit >= 0 when its
   * set is that single unit (memchr). */
  int scan_off, scan_unit;
  bool quick_wide[RE_QUICK_MAX];
  uint32_t quick[RE_QUICK_MAX][8];
};

/* Fills min_len and the quick check of code from the parse (after the sets are case-closed). */
void re_compute_prefilter(RegExpCode *code, const ReParse *parse, bool unicode);

/* Canonicalize (ECMA-262 22.2.2.7.3). */
uint32_t re_canon(uint32_t c, bool unicode);

#endif
