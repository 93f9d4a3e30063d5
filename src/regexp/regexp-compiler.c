/*
 * The regexp compiler: lowers the parse tree to a flat int32 instruction array (see ReOp in
 * regexp-internal.h). Lookbehind bodies are compiled backwards: sequences in reverse order,
 * character reads stepping left, capture ends saved before starts.
 */
#include <stdio.h>
#include <stdlib.h>

#include "regexp/regexp-internal.h"

typedef struct Compiler {
  int32_t *code;
  size_t n, cap;
  int nregs;
  bool unicode;
  bool oom;
  ReParse *parse;
  bool *set_icase_done;
} Compiler;

static size_t emit(Compiler *c, int32_t v) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    int32_t *q = realloc(c->code, cap * sizeof *q);
    if (!q) {
      c->oom = true;
      return c->n;
    }
    c->code = q;
    c->cap = cap;
  }
  c->code[c->n] = v;
  return c->n++;
}

static void patch(Compiler *c, size_t at, int32_t v) {
  if (!c->oom && at < c->n) c->code[at] = v;
}

/* The range of capture groups inside a subtree, as [*first, *end). */
static void capture_range(const ReNode *n, int *first, int *end) {
  if (n->kind == RN_GROUP) {
    if (n->index < *first) *first = n->index;
    if (n->index + 1 > *end) *end = n->index + 1;
  }
  for (int i = 0; i < n->nkids; i++) capture_range(n->kids[i], first, end);
}

static bool is_single_char(const ReNode *n) { return n->kind == RN_CHAR || n->kind == RN_CLASS; }

static void compile_node(Compiler *c, const ReNode *n, bool back);

static void compile_atom(Compiler *c, const ReNode *n, bool back) {
  int32_t flags = back ? RF_BACK : 0;
  if (n->kind == RN_CHAR) {
    uint32_t ch = n->c;
    if (n->icase) {
      flags |= RF_ICASE;
      ch = re_canon(ch, c->unicode);
    }
    emit(c, RO_CHAR);
    emit(c, flags);
    emit(c, (int32_t)ch);
  } else {
    if (n->icase) {
      flags |= RF_ICASE;
      if (!c->set_icase_done[n->set]) {
        cs_case_close(&c->parse->sets[n->set], c->unicode);
        if (c->parse->sets[n->set].oom) c->oom = true;
        c->set_icase_done[n->set] = true;
      }
    }
    if (n->negate) flags |= RF_NEGATE;
    emit(c, RO_CLASS);
    emit(c, flags);
    emit(c, n->set);
  }
}

static void compile_quant(Compiler *c, const ReNode *n, bool back) {
  const ReNode *kid = n->kids[0];
  if (n->max == 0) return;
  if (n->min == 1 && n->max == 1) {
    compile_node(c, kid, back);
    return;
  }
  if (is_single_char(kid)) {
    emit(c, RO_STAR);
    emit(c, n->min);
    emit(c, n->max);
    emit(c, n->greedy);
    compile_atom(c, kid, back);
    return;
  }
  int first = RE_MAX_CAPTURES + 1, end = 0;
  capture_range(kid, &first, &end);
  int cnt = c->nregs++, posr = c->nregs++;
  emit(c, RO_SET_REG);
  emit(c, cnt);
  emit(c, 0);
  size_t head = emit(c, RO_LOOP);
  emit(c, cnt);
  emit(c, n->min);
  emit(c, n->max);
  emit(c, n->greedy);
  size_t exit_at = emit(c, 0);
  emit(c, RO_SET_REG_POS);
  emit(c, posr);
  if (end > first) {
    emit(c, RO_RESET);
    emit(c, 2 * first);
    emit(c, 2 * end);
  }
  compile_node(c, kid, back);
  emit(c, RO_LOOP_END);
  emit(c, cnt);
  emit(c, posr);
  emit(c, n->min);
  emit(c, (int32_t)head);
  patch(c, exit_at, (int32_t)c->n);
}

static void compile_node(Compiler *c, const ReNode *n, bool back) {
  if (c->oom) return;
  switch (n->kind) {
    case RN_EMPTY:
      break;
    case RN_CHAR:
    case RN_CLASS:
      compile_atom(c, n, back);
      break;
    case RN_SEQ:
      if (back)
        for (int i = n->nkids - 1; i >= 0; i--) compile_node(c, n->kids[i], back);
      else
        for (int i = 0; i < n->nkids; i++) compile_node(c, n->kids[i], back);
      break;
    case RN_ALT: {
      /* SPLIT next, alt2; alt1; JMP end; alt2: SPLIT ... */
      size_t *jumps = malloc((size_t)(n->nkids ? n->nkids : 1) * sizeof *jumps);
      if (!jumps) {
        c->oom = true;
        return;
      }
      for (int i = 0; i < n->nkids; i++) {
        size_t split_at = 0;
        if (i + 1 < n->nkids) {
          emit(c, RO_SPLIT);
          emit(c, (int32_t)(c->n + 2));
          split_at = emit(c, 0);
        }
        compile_node(c, n->kids[i], back);
        if (i + 1 < n->nkids) {
          emit(c, RO_JMP);
          jumps[i] = emit(c, 0);
          patch(c, split_at, (int32_t)c->n);
        }
      }
      for (int i = 0; i + 1 < n->nkids; i++) patch(c, jumps[i], (int32_t)c->n);
      free(jumps);
      break;
    }
    case RN_GROUP:
      emit(c, RO_SAVE);
      emit(c, 2 * n->index + (back ? 1 : 0));
      compile_node(c, n->kids[0], back);
      emit(c, RO_SAVE);
      emit(c, 2 * n->index + (back ? 0 : 1));
      break;
    case RN_BACKREF:
      emit(c, RO_BACKREF);
      emit(c, (back ? RF_BACK : 0) | (n->icase ? RF_ICASE : 0));
      emit(c, n->nrefs);
      for (int i = 0; i < n->nrefs; i++) emit(c, n->refs[i]);
      break;
    case RN_BOL:
      emit(c, RO_BOL);
      emit(c, n->multiline);
      break;
    case RN_EOL:
      emit(c, RO_EOL);
      emit(c, n->multiline);
      break;
    case RN_WORD_BOUNDARY:
      emit(c, RO_WORDB);
      emit(c, n->negate);
      emit(c, n->unicode_icase);
      break;
    case RN_LOOK: {
      emit(c, RO_LOOK);
      emit(c, n->negate);
      size_t cont = emit(c, 0);
      compile_node(c, n->kids[0], n->behind);
      emit(c, RO_LOOK_END);
      emit(c, n->negate);
      patch(c, cont, (int32_t)c->n);
      break;
    }
    case RN_QUANT:
      compile_quant(c, n, back);
      break;
  }
}

/* ---- First-character analysis for the search loop ------------------------------------------- */
typedef struct FirstSet {
  uint32_t bits[8];
  bool wide; /* some unit >= 256 may start a match */
  bool any;  /* unknown: give up */
} FirstSet;

static void first_add(FirstSet *f, uint32_t c) {
  if (c < 256) f->bits[c >> 5] |= 1u << (c & 31);
  else f->wide = true;
}

/* Adds the units that can start a match of n; returns true if n can match the empty string
 * (then what follows n contributes too). */
static bool first_of(const ReNode *n, const ReParse *parse, bool unicode, FirstSet *f) {
  switch (n->kind) {
    case RN_EMPTY: case RN_BOL: case RN_EOL: case RN_WORD_BOUNDARY: case RN_LOOK:
      return true;
    case RN_CHAR:
      if (n->icase) {
        uint32_t cc = re_canon(n->c, unicode);
        for (uint32_t u = 0; u < 256; u++)
          if (re_canon(u, unicode) == cc) first_add(f, u);
        f->wide = true; /* case variants outside Latin-1 (e.g. U+212A for k) */
      } else {
        first_add(f, n->c >= 0x10000 ? 0xD800 : n->c);
      }
      return false;
    case RN_CLASS: {
      const ReCharSet *cs = &parse->sets[n->set];
      for (uint32_t u = 0; u < 256; u++) {
        bool in = cs_contains(cs, n->icase ? re_canon(u, unicode) : u);
        if (in != n->negate) first_add(f, u);
      }
      f->wide = true;
      return false;
    }
    case RN_SEQ:
      for (int i = 0; i < n->nkids; i++)
        if (!first_of(n->kids[i], parse, unicode, f)) return false;
      return true;
    case RN_ALT: {
      bool nullable = false;
      for (int i = 0; i < n->nkids; i++) nullable |= first_of(n->kids[i], parse, unicode, f);
      return nullable;
    }
    case RN_GROUP:
      return first_of(n->kids[0], parse, unicode, f);
    case RN_QUANT:
      if (n->max == 0) return true;
      return first_of(n->kids[0], parse, unicode, f) || n->min == 0;
    case RN_BACKREF:
      f->any = true;
      return true;
  }
  return true;
}

static bool starts_anchored(const ReNode *n) {
  while (n->kind == RN_SEQ || n->kind == RN_GROUP) {
    if (n->nkids == 0) return false;
    n = n->kids[0];
  }
  return n->kind == RN_BOL && !n->multiline;
}

static void free_code_parts(RegExpCode *code) {
  if (!code) return;
  free(code->insns);
  for (int i = 0; i < code->nsets; i++) free(code->sets[i].r);
  free(code->sets);
  for (int i = 0; i < code->nnames; i++) {
    free(code->names[i].name);
    free(code->names[i].caps);
  }
  free(code->names);
  free(code);
}

void re_free(RegExpCode *code) {
  if (code && atomic_fetch_sub(&code->refs, 1) == 1) free_code_parts(code);
}

RegExpCode *re_retain(RegExpCode *code) {
  atomic_fetch_add(&code->refs, 1);
  return code;
}

RegExpCode *re_compile(const uint16_t *pattern, size_t len, uint32_t flags, char *err, size_t errsz) {
  ReParse parse;
  if (!re_parse(&parse, pattern, len, flags, err, errsz)) {
    re_parse_free(&parse);
    return NULL;
  }
  Compiler c;
  memset(&c, 0, sizeof c);
  c.unicode = (flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS)) != 0;
  c.parse = &parse;
  c.set_icase_done = calloc((size_t)parse.nsets + 1, sizeof(bool));
  RegExpCode *code = calloc(1, sizeof *code);
  if (!c.set_icase_done || !code) goto oom;
  /* Group 0 wraps the whole pattern. */
  emit(&c, RO_SAVE);
  emit(&c, 0);
  compile_node(&c, parse.root, false);
  emit(&c, RO_SAVE);
  emit(&c, 1);
  emit(&c, RO_MATCH);
  if (c.oom) goto oom;
  atomic_init(&code->refs, 1);
  code->flags = flags;
  code->ncaps = parse.ncaps;
  code->nregs = c.nregs;
  code->insns = c.code;
  code->ninsns = c.n;
  c.code = NULL;
  code->sets = calloc((size_t)parse.nsets + 1, sizeof *code->sets);
  if (!code->sets) goto oom;
  code->nsets = parse.nsets;
  for (int i = 0; i < parse.nsets; i++) {
    ReCharSet *cs = &parse.sets[i];
    cs_normalize(cs);
    ReSet *s = &code->sets[i];
    s->n = (uint32_t)cs->n;
    s->r = malloc((cs->n ? cs->n : 1) * 2 * sizeof(uint32_t));
    if (!s->r) goto oom;
    if (cs->n) memcpy(s->r, cs->r, cs->n * 2 * sizeof(uint32_t));
    for (uint32_t ch = 0; ch < 256; ch++)
      if (cs_contains(cs, ch)) s->latin1[ch >> 5] |= 1u << (ch & 31);
  }
  /* Where a match can start (sets are still un-closed here only for icase nodes, which
   * first_of canonicalizes itself; the compile pass above already closed them, harmlessly). */
  FirstSet fs;
  memset(&fs, 0, sizeof fs);
  if (!first_of(parse.root, &parse, c.unicode, &fs) && !fs.any) {
    code->has_first = true;
    code->first_wide = fs.wide;
    memcpy(code->first, fs.bits, sizeof fs.bits);
  }
  code->anchored = starts_anchored(parse.root);
  re_compute_prefilter(code, &parse, c.unicode);
  /* Names move from the parse to the code. */
  code->names = parse.names;
  code->nnames = parse.nnames;
  parse.names = NULL;
  parse.nnames = 0;
  free(c.set_icase_done);
  re_parse_free(&parse);
  return code;
oom:
  free(c.code);
  free(c.set_icase_done);
  free_code_parts(code);
  re_parse_free(&parse);
  if (err && errsz) snprintf(err, errsz, "out of memory");
  return NULL;
}

uint32_t re_flags(const RegExpCode *code) { return code->flags; }
int re_capture_count(const RegExpCode *code) { return code->ncaps; }
int re_group_name_count(const RegExpCode *code) { return code->nnames; }

const uint16_t *re_group_name(const RegExpCode *code, int i, size_t *len_out) {
  *len_out = code->names[i].len;
  return code->names[i].name;
}

int re_group_name_captures(const RegExpCode *code, int i, const int **captures_out) {
  *captures_out = code->names[i].caps;
  return code->names[i].ncaps;
}
