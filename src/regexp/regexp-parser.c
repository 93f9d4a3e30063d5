/*
 * The regexp parser: ECMAScript 2025 pattern grammar (22.2.1), with the Annex B grammar (B.1.2)
 * when neither u nor v is set. Builds a tree of ReNodes; error messages are V8's.
 *
 * Modifiers ((?i:...)) are resolved here: every node that depends on i, m or s records the value
 * in effect where it appears, so the compiler and matcher never see modifier groups.
 */
#include <stdio.h>
#include <stdlib.h>

#include "regexp/regexp-internal.h"
#include "regexp/regexp-unicode.h"

typedef struct NamedCap {
  int name;  /* index into out->names */
  int cap;
  int *path; /* (disjunction id, alternative index) pairs from the root */
  int path_len;
} NamedCap;

typedef struct ClassStrings {
  uint32_t **s; /* each: [len, cps...] */
  int n, cap;
} ClassStrings;

typedef struct Parser {
  const uint16_t *src;
  size_t len, pos;
  uint32_t flags;
  bool u, v, named_groups;
  bool icase, multiline, dotall;
  int total_caps; /* from the pre-scan, excluding group 0 */
  int ncaps;      /* groups seen so far, excluding group 0 */
  int depth;
  ReParse *out;
  char *err;
  size_t errsz;
  bool failed;
  int *path;
  int path_len, path_cap;
  int next_disj;
  NamedCap *ncs;
  int nncs, ncs_cap;
  ReNode **named_refs;
  int nnamed_refs, named_refs_cap;
  bool duplicate_name; /* reported after the whole pattern parsed, as V8 does */
} Parser;

/* ---- Errors and allocation ---------------------------------------------------------------- */
static void utf8_append(char *buf, size_t size, size_t *n, uint32_t c) {
  char tmp[4];
  size_t k;
  if (c < 0x80) tmp[0] = (char)c, k = 1;
  else if (c < 0x800) tmp[0] = (char)(0xC0 | c >> 6), tmp[1] = (char)(0x80 | (c & 63)), k = 2;
  else if (c < 0x10000)
    tmp[0] = (char)(0xE0 | c >> 12), tmp[1] = (char)(0x80 | ((c >> 6) & 63)),
    tmp[2] = (char)(0x80 | (c & 63)), k = 3;
  else
    tmp[0] = (char)(0xF0 | c >> 18), tmp[1] = (char)(0x80 | ((c >> 12) & 63)),
    tmp[2] = (char)(0x80 | ((c >> 6) & 63)), tmp[3] = (char)(0x80 | (c & 63)), k = 4;
  if (*n + k + 1 > size) return;
  memcpy(buf + *n, tmp, k);
  *n += k;
  buf[*n] = 0;
}

static void flags_to_ascii(uint32_t flags, char *out) {
  static const char letters[] = "dgimsuvy";
  int k = 0;
  for (int i = 0; i < 8; i++)
    if (flags & (1u << i)) out[k++] = letters[i];
  out[k] = 0;
}

static void format_error(char *err, size_t errsz, const uint16_t *src, size_t len, uint32_t flags,
                         const char *msg) {
  if (!err || !errsz) return;
  size_t n = 0;
  err[0] = 0;
  const char *prefix = "Invalid regular expression: /";
  for (const char *q = prefix; *q; q++) utf8_append(err, errsz, &n, (uint8_t)*q);
  /* Keep room for the flags and the message: a huge pattern is truncated, the reason never. */
  size_t room = errsz > strlen(msg) + 20 ? errsz - strlen(msg) - 20 : 0;
  for (size_t i = 0; i < len && n + 4 < room; i++) {
    uint32_t c = src[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && src[i + 1] >= 0xDC00 && src[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (src[i + 1] - 0xDC00);
      i++;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    utf8_append(err, errsz, &n, c);
  }
  char fl[10];
  flags_to_ascii(flags, fl);
  utf8_append(err, errsz, &n, '/');
  for (const char *q = fl; *q; q++) utf8_append(err, errsz, &n, (uint8_t)*q);
  utf8_append(err, errsz, &n, ':');
  utf8_append(err, errsz, &n, ' ');
  for (const char *q = msg; *q; q++) utf8_append(err, errsz, &n, (uint8_t)*q);
}

static void *fail(Parser *p, const char *msg) {
  if (!p->failed) {
    p->failed = true;
    format_error(p->err, p->errsz, p->src, p->len, p->flags, msg);
  }
  return NULL;
}

static void *oom(Parser *p) {
  if (!p->failed) {
    p->failed = true;
    p->out->oom = true;
    if (p->err && p->errsz) snprintf(p->err, p->errsz, "out of memory");
  }
  return NULL;
}

static ReNode *node_new(Parser *p, ReNodeKind kind) {
  ReNode *n = calloc(1, sizeof *n);
  if (!n) return oom(p);
  n->kind = kind;
  n->icase = p->icase;
  n->multiline = p->multiline;
  n->all_next = p->out->all_nodes;
  p->out->all_nodes = n;
  return n;
}

static bool node_add_kid(Parser *p, ReNode *n, ReNode *kid) {
  if (n->nkids == n->kids_cap) {
    int cap = n->kids_cap ? n->kids_cap * 2 : 4;
    ReNode **k = realloc(n->kids, (size_t)cap * sizeof *k);
    if (!k) return oom(p), false;
    n->kids = k;
    n->kids_cap = cap;
  }
  n->kids[n->nkids++] = kid;
  return true;
}

static ReNode *char_node(Parser *p, uint32_t c) {
  ReNode *n = node_new(p, RN_CHAR);
  if (n) n->c = c;
  return n;
}

/* Registers a finished set; returns its index or -1. Takes ownership of cs. */
static int add_set(Parser *p, ReCharSet *cs) {
  ReParse *o = p->out;
  if (cs->oom) {
    cs_free(cs);
    oom(p);
    return -1;
  }
  if (o->nsets == o->sets_cap) {
    int cap = o->sets_cap ? o->sets_cap * 2 : 8;
    ReCharSet *s = realloc(o->sets, (size_t)cap * sizeof *s);
    if (!s) {
      cs_free(cs);
      oom(p);
      return -1;
    }
    o->sets = s;
    o->sets_cap = cap;
  }
  cs_normalize(cs);
  o->sets[o->nsets] = *cs;
  return o->nsets++;
}

static ReNode *class_node(Parser *p, ReCharSet *cs, bool negate) {
  int idx = add_set(p, cs);
  if (idx < 0) return NULL;
  ReNode *n = node_new(p, RN_CLASS);
  if (!n) return NULL;
  n->set = idx;
  n->negate = negate;
  return n;
}

/* ---- Reading the source --------------------------------------------------------------------- */
static bool at_end(Parser *p) { return p->pos >= p->len; }
static uint32_t peek_unit(Parser *p, size_t ahead) {
  return p->pos + ahead < p->len ? p->src[p->pos + ahead] : 0xFFFFFFFFu;
}
static bool is_hi(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
static bool is_lo(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

/* The next source character: a code point in unicode mode, else a code unit. */
static uint32_t next_char(Parser *p) {
  uint32_t c = p->src[p->pos++];
  if (p->u && is_hi(c) && p->pos < p->len && is_lo(p->src[p->pos])) {
    c = 0x10000 + ((c - 0xD800) << 10) + (p->src[p->pos] - 0xDC00);
    p->pos++;
  }
  return c;
}

static bool eat(Parser *p, uint32_t c) {
  if (peek_unit(p, 0) == c) {
    p->pos++;
    return true;
  }
  return false;
}

static int hex_val(uint32_t c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
  return -1;
}

static bool read_hex4(Parser *p, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hex_val(peek_unit(p, (size_t)i));
    if (h < 0) return false;
    v = v * 16 + (uint32_t)h;
  }
  p->pos += 4;
  *out = v;
  return true;
}

/* After "\u": reads the escape. unicode: allow \u{...} and pair combination. Returns false
 * (position restored) when malformed. */
static bool read_unicode_escape(Parser *p, bool unicode, uint32_t *out) {
  size_t save = p->pos;
  if (unicode && eat(p, '{')) {
    uint32_t v = 0;
    int digits = 0;
    while (hex_val(peek_unit(p, 0)) >= 0) {
      v = v * 16 + (uint32_t)hex_val(peek_unit(p, 0));
      if (v > RE_MAX_CODE_POINT) {
        p->pos = save;
        return false;
      }
      p->pos++;
      digits++;
    }
    if (!digits || !eat(p, '}')) {
      p->pos = save;
      return false;
    }
    *out = v;
    return true;
  }
  uint32_t v;
  if (!read_hex4(p, &v)) {
    p->pos = save;
    return false;
  }
  if (unicode && is_hi(v) && peek_unit(p, 0) == '\\' && peek_unit(p, 1) == 'u') {
    size_t s2 = p->pos;
    p->pos += 2;
    uint32_t lo;
    if (read_hex4(p, &lo) && is_lo(lo)) {
      v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
    } else {
      p->pos = s2;
    }
  }
  *out = v;
  return true;
}

static bool is_syntax_char(uint32_t c) {
  return c < 128 && c && strchr("^$\\.*+?()[]{}|", (int)c) != NULL;
}

/* ---- Pre-scan: total capture count and whether named groups exist ------------------------------ */
static void prescan(Parser *p) {
  int class_depth = 0;
  for (size_t i = 0; i < p->len; i++) {
    uint16_t c = p->src[i];
    if (c == '\\') {
      i++;
    } else if (c == '[') {
      if (p->v) class_depth++;
      else class_depth = 1;
    } else if (c == ']') {
      if (class_depth > 0) class_depth--;
    } else if (c == '(' && class_depth == 0) {
      if (i + 1 < p->len && p->src[i + 1] == '?') {
        if (i + 2 < p->len && p->src[i + 2] == '<' && i + 3 < p->len && p->src[i + 3] != '=' &&
            p->src[i + 3] != '!') {
          p->total_caps++;
          p->named_groups = true;
        }
      } else {
        p->total_caps++;
      }
    }
  }
}

/* ---- Group names ---------------------------------------------------------------------------- */
/* Reads RegExpIdentifierName up to and including '>'. Returns a malloc'd UTF-16 name. */
static uint16_t *parse_group_name(Parser *p, size_t *len_out) {
  size_t cap = 16, n = 0;
  uint16_t *buf = malloc(cap * sizeof *buf);
  if (!buf) return oom(p);
  for (;;) {
    if (at_end(p)) goto bad;
    uint32_t c = p->src[p->pos++];
    if (c == '>') break;
    if (c == '\\') {
      if (!eat(p, 'u') || !read_unicode_escape(p, true, &c)) goto bad;
    } else if (is_hi(c) && p->pos < p->len && is_lo(p->src[p->pos])) {
      c = 0x10000 + ((c - 0xD800) << 10) + (p->src[p->pos++] - 0xDC00);
    }
    if (n == 0 ? !re_is_id_start(c) : !re_is_id_continue(c)) goto bad;
    if (n + 2 > cap) {
      cap *= 2;
      uint16_t *b = realloc(buf, cap * sizeof *b);
      if (!b) {
        free(buf);
        return oom(p);
      }
      buf = b;
    }
    if (c >= 0x10000) {
      buf[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
      buf[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      buf[n++] = (uint16_t)c;
    }
  }
  if (n == 0) goto bad;
  *len_out = n;
  return buf;
bad:
  free(buf);
  return fail(p, "Invalid capture group name");
}

static int find_name(ReParse *o, const uint16_t *name, size_t len) {
  for (int i = 0; i < o->nnames; i++)
    if (o->names[i].len == len && memcmp(o->names[i].name, name, len * sizeof *name) == 0) return i;
  return -1;
}

/* Two groups may share a name only if they sit in different alternatives of some disjunction. */
static bool paths_exclusive(const int *a, int alen, const int *b, int blen) {
  for (int i = 0; i + 1 < alen && i + 1 < blen; i += 2) {
    if (a[i] != b[i]) return false;
    if (a[i + 1] != b[i + 1]) return true;
  }
  return false;
}

static bool register_name(Parser *p, uint16_t *name, size_t len, int cap) {
  ReParse *o = p->out;
  int idx = find_name(o, name, len);
  if (idx >= 0) {
    for (int i = 0; i < p->nncs; i++)
      if (p->ncs[i].name == idx && !paths_exclusive(p->ncs[i].path, p->ncs[i].path_len, p->path,
                                                    p->path_len)) {
        p->duplicate_name = true;
        break;
      }
    free(name);
  } else {
    ReGroupName *names = realloc(o->names, (size_t)(o->nnames + 1) * sizeof *names);
    if (!names) {
      free(name);
      return oom(p), false;
    }
    o->names = names;
    idx = o->nnames++;
    names[idx].name = name;
    names[idx].len = len;
    names[idx].caps = NULL;
    names[idx].ncaps = 0;
  }
  ReGroupName *g = &o->names[idx];
  int *caps = realloc(g->caps, (size_t)(g->ncaps + 1) * sizeof *caps);
  if (!caps) return oom(p), false;
  g->caps = caps;
  caps[g->ncaps++] = cap;
  if (p->nncs == p->ncs_cap) {
    int ncap = p->ncs_cap ? p->ncs_cap * 2 : 8;
    NamedCap *ncs = realloc(p->ncs, (size_t)ncap * sizeof *ncs);
    if (!ncs) return oom(p), false;
    p->ncs = ncs;
    p->ncs_cap = ncap;
  }
  NamedCap *nc = &p->ncs[p->nncs];
  nc->path = malloc(((size_t)p->path_len + 1) * sizeof(int));
  if (!nc->path) return oom(p), false;
  memcpy(nc->path, p->path, (size_t)p->path_len * sizeof(int));
  nc->path_len = p->path_len;
  nc->name = idx;
  nc->cap = cap;
  p->nncs++;
  return true;
}

/* ---- Unicode properties --------------------------------------------------------------------- */
/* After "\p" or "\P": reads {Name} or {Name=Value} into cs (or, for a property of strings in v
 * mode, into cs plus strs). */
static bool parse_property(Parser *p, ReCharSet *cs, ClassStrings *strs, bool *is_strings) {
  char name[64], value[64];
  size_t nn = 0, nv = 0;
  bool has_value = false;
  *is_strings = false;
  if (!eat(p, '{')) return fail(p, "Invalid property name"), false;
  for (;;) {
    uint32_t c = peek_unit(p, 0);
    if (c == '}') {
      p->pos++;
      break;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (c == '=' && !has_value && nn > 0) {
      has_value = true;
      p->pos++;
      continue;
    }
    if (!ok || nn >= sizeof name - 1 || nv >= sizeof value - 1)
      return fail(p, "Invalid property name"), false;
    if (has_value) value[nv++] = (char)c;
    else name[nn++] = (char)c;
    p->pos++;
  }
  name[nn] = 0;
  value[nv] = 0;
  if (nn == 0 || (has_value && nv == 0)) return fail(p, "Invalid property name"), false;
  const ReUnicodeProperty *prop = NULL;
  if (has_value) {
    if (!strcmp(name, "General_Category") || !strcmp(name, "gc"))
      prop = re_unicode_find(RE_UPROP_GC, value);
    else if (!strcmp(name, "Script") || !strcmp(name, "sc"))
      prop = re_unicode_find(RE_UPROP_SCRIPT, value);
    else if (!strcmp(name, "Script_Extensions") || !strcmp(name, "scx"))
      prop = re_unicode_find(RE_UPROP_SCRIPT_EXT, value);
  } else {
    prop = re_unicode_find(RE_UPROP_GC, name);
    if (!prop) prop = re_unicode_find(RE_UPROP_BINARY, name);
    if (!prop && p->v && strs) {
      const ReUnicodeStringProperty *sp = re_unicode_find_string_property(name);
      if (sp) {
        cs_add_ranges(cs, re_ucd_ranges + 2 * sp->offset, sp->count);
        const uint32_t *q = re_ucd_sequences + sp->seq_offset;
        for (uint32_t i = 0; i < sp->seq_count; i++) {
          uint32_t n = q[0];
          if (strs->n == strs->cap) {
            int cap = strs->cap ? strs->cap * 2 : 64;
            uint32_t **s = realloc(strs->s, (size_t)cap * sizeof *s);
            if (!s) return oom(p), false;
            strs->s = s;
            strs->cap = cap;
          }
          uint32_t *copy = malloc((n + 1) * sizeof *copy);
          if (!copy) return oom(p), false;
          memcpy(copy, q, (n + 1) * sizeof *copy);
          strs->s[strs->n++] = copy;
          q += n + 1;
        }
        *is_strings = true;
        return true;
      }
    }
  }
  if (!prop) return fail(p, "Invalid property name"), false;
  cs_add_ranges(cs, re_ucd_ranges + 2 * prop->offset, prop->count);
  return true;
}

/* ---- Character escapes shared by atoms and classes ------------------------------------------- */
/* Parses a CharacterEscape after the backslash (the escape letter not yet consumed), including
 * the Annex B forms. in_class enables \b (backspace) and, in non-unicode mode, \c with a digit or
 * underscore. Returns false on error (already reported). Sets *out to the character. */
static bool parse_char_escape(Parser *p, bool in_class, uint32_t *out) {
  uint32_t c = next_char(p);
  switch (c) {
    case 'f': *out = '\f'; return true;
    case 'n': *out = '\n'; return true;
    case 'r': *out = '\r'; return true;
    case 't': *out = '\t'; return true;
    case 'v': *out = '\v'; return true;
    case 'c': {
      uint32_t d = peek_unit(p, 0);
      if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
        p->pos++;
        *out = d % 32;
        return true;
      }
      if (!p->u && in_class && ((d >= '0' && d <= '9') || d == '_')) {
        p->pos++;
        *out = d % 32;
        return true;
      }
      if (p->u) return fail(p, "Invalid Unicode escape"), false;
      /* Annex B: "\c" is a literal backslash; the "c" is read next as itself. */
      p->pos--;
      *out = '\\';
      return true;
    }
    case '0':
      if (!(peek_unit(p, 0) >= '0' && peek_unit(p, 0) <= '9')) {
        *out = 0;
        return true;
      }
      if (p->u) return fail(p, in_class ? "Invalid class escape" : "Invalid decimal escape"), false;
      __attribute__((fallthrough)); /* legacy octal */
    case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      if (p->u) return fail(p, in_class ? "Invalid class escape" : "Invalid escape"), false;
      uint32_t v = c - '0';
      if (peek_unit(p, 0) >= '0' && peek_unit(p, 0) <= '7') {
        v = v * 8 + (peek_unit(p, 0) - '0');
        p->pos++;
        if (c <= '3' && peek_unit(p, 0) >= '0' && peek_unit(p, 0) <= '7') {
          v = v * 8 + (peek_unit(p, 0) - '0');
          p->pos++;
        }
      }
      *out = v;
      return true;
    }
    case 'x': {
      int h1 = hex_val(peek_unit(p, 0)), h2 = hex_val(peek_unit(p, 1));
      if (h1 >= 0 && h2 >= 0) {
        p->pos += 2;
        *out = (uint32_t)(h1 * 16 + h2);
        return true;
      }
      if (p->u) return fail(p, "Invalid escape"), false;
      *out = 'x';
      return true;
    }
    case 'u':
      if (read_unicode_escape(p, p->u, out)) return true;
      if (p->u) return fail(p, "Invalid Unicode escape"), false;
      *out = 'u';
      return true;
    default:
      break;
  }
  if (in_class && c == 'b') {
    *out = 8;
    return true;
  }
  if (p->u) {
    if (is_syntax_char(c) || c == '/' || (in_class && c == '-')) {
      *out = c;
      return true;
    }
    return fail(p, "Invalid escape"), false;
  }
  if (c == 'k' && p->named_groups) return fail(p, "Invalid named reference"), false;
  *out = c; /* Annex B identity escape (includes \8 and \9) */
  return true;
}

/* \d \D \s \S \w \W into cs. Returns false if c is not one of them. */
static bool class_escape_set(Parser *p, uint32_t c, ReCharSet *cs) {
  ReCharSet t;
  cs_init(&t);
  bool ui = p->u && p->icase;
  switch (c) {
    case 'd': case 'D': cs_add_digits(&t); break;
    case 's': case 'S': cs_add_space(&t); break;
    case 'w': case 'W': cs_add_word(&t, ui); break;
    default: cs_free(&t); return false;
  }
  if (p->v && p->icase) cs_case_close_full(&t, true);
  if (c == 'D' || c == 'S' || c == 'W') cs_invert(&t);
  cs_add_set(cs, &t);
  cs_free(&t);
  return true;
}

/* ---- Character classes (non-v) ------------------------------------------------------------- */
/* One ClassAtom. Returns 1 for a character (*c), 2 for a set (added to set_out), 0 on error. */
static int parse_class_atom(Parser *p, uint32_t *c, ReCharSet *set_out) {
  uint32_t ch = next_char(p);
  if (ch != '\\') {
    *c = ch;
    return 1;
  }
  if (at_end(p)) return fail(p, "\\ at end of pattern"), 0;
  uint32_t e = peek_unit(p, 0);
  if (class_escape_set(p, e, set_out)) {
    p->pos++;
    return 2;
  }
  if (p->u && (e == 'p' || e == 'P')) {
    p->pos++;
    ReCharSet t;
    cs_init(&t);
    bool is_strings;
    if (!parse_property(p, &t, NULL, &is_strings)) {
      cs_free(&t);
      return 0;
    }
    if (e == 'P') cs_invert(&t);
    cs_add_set(set_out, &t);
    cs_free(&t);
    return 2;
  }
  if (e == 'k' && p->u) {
    return fail(p, "Invalid escape"), 0;
  }
  if (!parse_char_escape(p, true, c)) return 0;
  return 1;
}

static ReNode *parse_class_v(Parser *p);

static ReNode *parse_class(Parser *p) {
  /* '[' consumed */
  if (p->v) return parse_class_v(p);
  bool negate = eat(p, '^');
  ReCharSet cs;
  cs_init(&cs);
  for (;;) {
    if (at_end(p)) {
      cs_free(&cs);
      return fail(p, "Unterminated character class");
    }
    if (eat(p, ']')) break;
    uint32_t a, b;
    ReCharSet sa, sb;
    cs_init(&sa);
    cs_init(&sb);
    int ka = parse_class_atom(p, &a, &sa);
    if (!ka) goto err;
    if (peek_unit(p, 0) == '-' && peek_unit(p, 1) != ']' && p->pos + 1 < p->len) {
      p->pos++;
      int kb = parse_class_atom(p, &b, &sb);
      if (!kb) goto err;
      if (ka == 2 || kb == 2) {
        if (p->u) {
          fail(p, "Invalid character class");
          goto err;
        }
        /* Annex B: a range with a class escape is the union of its parts and '-'. */
        if (ka == 1) cs_add(&cs, a);
        if (kb == 1) cs_add(&cs, b);
        cs_add(&cs, '-');
      } else {
        if (a > b) {
          fail(p, "Range out of order in character class");
          goto err;
        }
        cs_add_range(&cs, a, b);
      }
    } else if (ka == 1) {
      cs_add(&cs, a);
    }
    cs_add_set(&cs, &sa);
    cs_add_set(&cs, &sb);
    cs_free(&sa);
    cs_free(&sb);
    continue;
  err:
    cs_free(&sa);
    cs_free(&sb);
    cs_free(&cs);
    return NULL;
  }
  return class_node(p, &cs, negate);
}

/* ---- Character classes (v) ---------------------------------------------------------------- */
typedef struct VSet {
  ReCharSet cs;
  ClassStrings strs; /* strings whose length is not 1 */
} VSet;

static void vset_init(VSet *s) {
  cs_init(&s->cs);
  memset(&s->strs, 0, sizeof s->strs);
}
static void vset_free(VSet *s) {
  cs_free(&s->cs);
  for (int i = 0; i < s->strs.n; i++) free(s->strs.s[i]);
  free(s->strs.s);
  memset(&s->strs, 0, sizeof s->strs);
}
static bool str_eq(const uint32_t *a, const uint32_t *b) {
  return a[0] == b[0] && memcmp(a + 1, b + 1, a[0] * sizeof *a) == 0;
}
static bool strs_has(const ClassStrings *ss, const uint32_t *s) {
  for (int i = 0; i < ss->n; i++)
    if (str_eq(ss->s[i], s)) return true;
  return false;
}
static bool strs_add(Parser *p, ClassStrings *ss, const uint32_t *s) {
  if (strs_has(ss, s)) return true;
  if (ss->n == ss->cap) {
    int cap = ss->cap ? ss->cap * 2 : 8;
    uint32_t **n = realloc(ss->s, (size_t)cap * sizeof *n);
    if (!n) return oom(p), false;
    ss->s = n;
    ss->cap = cap;
  }
  uint32_t *copy = malloc((s[0] + 1) * sizeof *copy);
  if (!copy) return oom(p), false;
  memcpy(copy, s, (s[0] + 1) * sizeof *copy);
  ss->s[ss->n++] = copy;
  return true;
}

static bool is_class_set_syntax(uint32_t c) { return c < 128 && c && strchr("()[]{}/-\\|", (int)c); }
static bool is_double_punct(uint32_t c) { return c < 128 && c && strchr("&!#$%*+,.:;<=>?@^`~", (int)c); }

static bool parse_class_v_contents(Parser *p, VSet *out, bool *negated_with_strings);

/* ClassSetCharacter; returns false on error. */
static bool parse_v_char(Parser *p, uint32_t *out) {
  uint32_t c = peek_unit(p, 0);
  if (c == '\\') {
    p->pos++;
    if (at_end(p)) return fail(p, "\\ at end of pattern"), false;
    uint32_t e = peek_unit(p, 0);
    if (e < 128 && e && strchr("&-!#%,:;<=>@`~", (int)e)) {
      p->pos++;
      *out = e;
      return true;
    }
    return parse_char_escape(p, true, out);
  }
  if (is_class_set_syntax(c)) return fail(p, "Invalid character in character class"), false;
  if (is_double_punct(c) && peek_unit(p, 1) == c)
    return fail(p, "Invalid character in character class"), false;
  *out = next_char(p);
  return true;
}

/* One ClassSetOperand (nested class, \q{...}, escape set, or a character). kind: 1 char (*c set,
 * also added to out), 2 set. */
static int parse_v_operand(Parser *p, VSet *out, uint32_t *c) {
  uint32_t ch = peek_unit(p, 0);
  if (ch == '[') {
    p->pos++;
    if (++p->depth > RE_MAX_DEPTH) return fail(p, "Regular expression too large"), 0;
    bool dummy;
    bool ok = parse_class_v_contents(p, out, &dummy);
    p->depth--;
    return ok ? 2 : 0;
  }
  if (ch == '\\') {
    uint32_t e = peek_unit(p, 1);
    if (e == 'q' && peek_unit(p, 2) == '{') {
      p->pos += 3;
      uint32_t buf[256];
      uint32_t n = 0;
      for (;;) {
        if (at_end(p)) return fail(p, "Invalid escape"), 0;
        uint32_t d = peek_unit(p, 0);
        if (d == '}' || d == '|') {
          p->pos++;
          buf[0] = n;
          if (n == 1) cs_add(&out->cs, buf[1]);
          else if (!strs_add(p, &out->strs, buf)) return 0;
          n = 0;
          if (d == '}') break;
          continue;
        }
        uint32_t x;
        if (!parse_v_char(p, &x)) return 0;
        if (n + 2 >= PT_ARRAY_LEN(buf)) return fail(p, "Regular expression too large"), 0;
        buf[++n] = x;
      }
      return 2;
    }
    if (e == 'p' || e == 'P') {
      p->pos += 2;
      VSet t;
      vset_init(&t);
      bool is_strings;
      if (!parse_property(p, &t.cs, &t.strs, &is_strings)) {
        vset_free(&t);
        return 0;
      }
      if (e == 'P') {
        if (is_strings) {
          vset_free(&t);
          return fail(p, "Invalid property name"), 0;
        }
        if (p->icase) cs_case_close_full(&t.cs, true);
        cs_invert(&t.cs);
      } else if (p->icase) {
        cs_case_close_full(&t.cs, true);
      }
      cs_add_set(&out->cs, &t.cs);
      for (int i = 0; i < t.strs.n; i++)
        if (!strs_add(p, &out->strs, t.strs.s[i])) {
          vset_free(&t);
          return 0;
        }
      vset_free(&t);
      return 2;
    }
    if (e < 128 && strchr("dDsSwW", (int)e) && e) {
      p->pos += 2;
      class_escape_set(p, e, &out->cs);
      return 2;
    }
  }
  if (!parse_v_char(p, c)) return 0;
  return 1;
}

static void vset_close_case(Parser *p, VSet *s) {
  if (p->icase) cs_case_close_full(&s->cs, true);
}

/* '[' already consumed; reads through ']'. */
static bool parse_class_v_contents(Parser *p, VSet *out, bool *negated_with_strings) {
  bool negate = eat(p, '^');
  VSet acc;
  vset_init(&acc);
  int op = 0; /* 0 union, 1 intersection, 2 subtraction */
  int count = 0;
  *negated_with_strings = false;
  for (;;) {
    if (at_end(p)) {
      fail(p, "Unterminated character class");
      goto err;
    }
    if (eat(p, ']')) break;
    if (peek_unit(p, 0) == '&' && peek_unit(p, 1) == '&') {
      if (count == 0 || (op != 0 && op != 1) || (op == 0 && count > 1)) {
        fail(p, "Invalid set operation in character class");
        goto err;
      }
      p->pos += 2;
      op = 1;
      if (peek_unit(p, 0) == '&') {
        fail(p, "Invalid character in character class");
        goto err;
      }
    } else if (peek_unit(p, 0) == '-' && peek_unit(p, 1) == '-') {
      if (count == 0 || (op != 0 && op != 2) || (op == 0 && count > 1)) {
        fail(p, "Invalid set operation in character class");
        goto err;
      }
      p->pos += 2;
      op = 2;
    } else if (op != 0 && count > 0 && !(p->pos > 0)) {
      /* unreachable */
    }
    VSet t;
    vset_init(&t);
    uint32_t c = 0;
    int kind = parse_v_operand(p, &t, &c);
    if (!kind) {
      vset_free(&t);
      goto err;
    }
    if (kind == 1) {
      /* A range is allowed only in a union. */
      if (peek_unit(p, 0) == '-' && peek_unit(p, 1) != '-') {
        if (op != 0) {
          vset_free(&t);
          fail(p, "Invalid set operation in character class");
          goto err;
        }
        p->pos++;
        uint32_t d;
        if (peek_unit(p, 0) == '[' || (peek_unit(p, 0) == '\\' && (peek_unit(p, 1) == 'q' ||
                                                                   peek_unit(p, 1) == 'p' ||
                                                                   peek_unit(p, 1) == 'P' ||
                                                                   strchr("dDsSwW", (int)(peek_unit(p, 1) & 0x7F))))) {
          vset_free(&t);
          fail(p, "Invalid character class");
          goto err;
        }
        if (!parse_v_char(p, &d)) {
          vset_free(&t);
          goto err;
        }
        if (c > d) {
          vset_free(&t);
          fail(p, "Range out of order in character class");
          goto err;
        }
        cs_add_range(&t.cs, c, d);
      } else {
        cs_add(&t.cs, c);
      }
      vset_close_case(p, &t);
    } else if (kind == 2) {
      if (peek_unit(p, 0) == '-' && peek_unit(p, 1) != '-') {
        vset_free(&t);
        fail(p, "Invalid character class");
        goto err;
      }
      vset_close_case(p, &t);
    }
    /* An operand after an operator must be followed by the same operator or ']'. */
    if (count == 0 || op == 0) {
      cs_add_set(&acc.cs, &t.cs);
      for (int i = 0; i < t.strs.n; i++)
        if (!strs_add(p, &acc.strs, t.strs.s[i])) break;
    } else if (op == 1) {
      cs_intersect(&acc.cs, &t.cs);
      int k = 0;
      for (int i = 0; i < acc.strs.n; i++) {
        if (strs_has(&t.strs, acc.strs.s[i])) acc.strs.s[k++] = acc.strs.s[i];
        else free(acc.strs.s[i]);
      }
      acc.strs.n = k;
    } else {
      cs_subtract(&acc.cs, &t.cs);
      int k = 0;
      for (int i = 0; i < acc.strs.n; i++) {
        if (!strs_has(&t.strs, acc.strs.s[i])) acc.strs.s[k++] = acc.strs.s[i];
        else free(acc.strs.s[i]);
      }
      acc.strs.n = k;
    }
    vset_free(&t);
    count++;
    if (op != 0) {
      uint32_t n0 = peek_unit(p, 0), n1 = peek_unit(p, 1);
      bool same = (op == 1 && n0 == '&' && n1 == '&') || (op == 2 && n0 == '-' && n1 == '-');
      if (!same && n0 != ']') {
        fail(p, "Invalid set operation in character class");
        goto err;
      }
    }
    if (p->failed) goto err;
  }
  if (op != 0 && count < 2) {
    fail(p, "Invalid set operation in character class");
    goto err;
  }
  if (negate) {
    if (acc.strs.n) {
      *negated_with_strings = true;
      fail(p, "Negated character class may contain strings");
      goto err;
    }
    cs_invert(&acc.cs);
  }
  cs_add_set(&out->cs, &acc.cs);
  for (int i = 0; i < acc.strs.n; i++)
    if (!strs_add(p, &out->strs, acc.strs.s[i])) goto err;
  vset_free(&acc);
  return !p->failed;
err:
  vset_free(&acc);
  return false;
}

static int cmp_strlen_desc(const void *a, const void *b) {
  const uint32_t *x = *(const uint32_t *const *)a, *y = *(const uint32_t *const *)b;
  return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0;
}

static ReNode *parse_class_v(Parser *p) {
  VSet s;
  vset_init(&s);
  bool nws;
  if (!parse_class_v_contents(p, &s, &nws)) {
    vset_free(&s);
    return NULL;
  }
  if (s.strs.n == 0) {
    ReCharSet cs = s.cs;
    cs_init(&s.cs);
    vset_free(&s);
    return class_node(p, &cs, false);
  }
  /* Strings: longest first, then the single characters, then the empty string. */
  qsort(s.strs.s, (size_t)s.strs.n, sizeof *s.strs.s, cmp_strlen_desc);
  ReNode *alt = node_new(p, RN_ALT);
  bool has_empty = false;
  for (int i = 0; alt && i < s.strs.n; i++) {
    uint32_t *str = s.strs.s[i];
    if (str[0] == 0) {
      has_empty = true;
      continue;
    }
    ReNode *seq = node_new(p, RN_SEQ);
    if (!seq || !node_add_kid(p, alt, seq)) break;
    for (uint32_t k = 0; k < str[0]; k++) {
      ReNode *ch = char_node(p, str[k + 1]);
      if (!ch || !node_add_kid(p, seq, ch)) break;
    }
  }
  if (!p->failed && s.cs.n) {
    ReCharSet cs = s.cs;
    cs_init(&s.cs);
    ReNode *cls = class_node(p, &cs, false);
    if (cls) node_add_kid(p, alt, cls);
  }
  if (!p->failed && has_empty) {
    ReNode *e = node_new(p, RN_EMPTY);
    if (e) node_add_kid(p, alt, e);
  }
  vset_free(&s);
  return p->failed ? NULL : alt;
}

/* ---- Atoms, terms, alternatives ------------------------------------------------------------- */
static ReNode *parse_disjunction(Parser *p);

static bool parse_braces(Parser *p, int *min, int *max) {
  /* At '{'. Reads {n}, {n,}, {n,m}; returns false (position unchanged) if not a quantifier. */
  size_t save = p->pos;
  p->pos++;
  uint64_t a = 0, b;
  int digits = 0;
  while (peek_unit(p, 0) >= '0' && peek_unit(p, 0) <= '9') {
    a = a * 10 + (peek_unit(p, 0) - '0');
    if (a > RE_INFINITY) a = RE_INFINITY;
    p->pos++;
    digits++;
  }
  if (!digits) goto no;
  b = a;
  if (eat(p, ',')) {
    b = RE_INFINITY;
    int d2 = 0;
    uint64_t v = 0;
    while (peek_unit(p, 0) >= '0' && peek_unit(p, 0) <= '9') {
      v = v * 10 + (peek_unit(p, 0) - '0');
      if (v > RE_INFINITY) v = RE_INFINITY;
      p->pos++;
      d2++;
    }
    if (d2) b = v;
  }
  if (!eat(p, '}')) goto no;
  *min = (int)a;
  *max = (int)b;
  return true;
no:
  p->pos = save;
  return false;
}

static ReNode *parse_group(Parser *p, bool *quantifiable) {
  /* '(' consumed */
  *quantifiable = true;
  if (++p->depth > RE_MAX_DEPTH) return fail(p, "Regular expression too large");
  ReNode *res = NULL;
  if (eat(p, '?')) {
    uint32_t c = peek_unit(p, 0);
    if (c == ':') {
      p->pos++;
      res = parse_disjunction(p);
    } else if (c == '=' || c == '!' ||
               (c == '<' && (peek_unit(p, 1) == '=' || peek_unit(p, 1) == '!'))) {
      bool behind = c == '<';
      if (behind) p->pos++;
      bool neg = next_char(p) == '!';
      ReNode *kid = parse_disjunction(p);
      if (!kid) goto done;
      res = node_new(p, RN_LOOK);
      if (!res) goto done;
      res->behind = behind;
      res->negate = neg;
      node_add_kid(p, res, kid);
      /* Annex B: lookaheads are quantifiable without u/v; lookbehinds never. */
      *quantifiable = !behind && !p->u;
    } else if (c == '<') {
      p->pos++;
      size_t nlen;
      uint16_t *name = parse_group_name(p, &nlen);
      if (!name) goto done;
      int idx = ++p->ncaps;
      if (!register_name(p, name, nlen, idx)) goto done;
      ReNode *kid = parse_disjunction(p);
      if (!kid) goto done;
      res = node_new(p, RN_GROUP);
      if (!res) goto done;
      res->index = idx;
      node_add_kid(p, res, kid);
    } else {
      /* Modifiers: (?ims-ims:...) */
      int seen = 0, add = 0, remove = 0;
      bool minus = false;
      for (;;) {
        uint32_t d = peek_unit(p, 0);
        int bit = d == 'i' ? 1 : d == 'm' ? 2 : d == 's' ? 4 : 0;
        if (bit) {
          if (seen & bit) return fail(p, "Invalid group");
          seen |= bit;
          if (minus) remove |= bit;
          else add |= bit;
          p->pos++;
        } else if (d == '-' && !minus) {
          minus = true;
          p->pos++;
        } else if (d == ':') {
          p->pos++;
          break;
        } else {
          return fail(p, "Invalid group");
        }
      }
      if (minus && !add && !remove) return fail(p, "Invalid group");
      bool si = p->icase, sm = p->multiline, sd = p->dotall;
      if (add & 1) p->icase = true;
      if (add & 2) p->multiline = true;
      if (add & 4) p->dotall = true;
      if (remove & 1) p->icase = false;
      if (remove & 2) p->multiline = false;
      if (remove & 4) p->dotall = false;
      res = parse_disjunction(p);
      p->icase = si, p->multiline = sm, p->dotall = sd;
    }
  } else {
    int idx = ++p->ncaps;
    ReNode *kid = parse_disjunction(p);
    if (!kid) goto done;
    res = node_new(p, RN_GROUP);
    if (!res) goto done;
    res->index = idx;
    node_add_kid(p, res, kid);
  }
  if (p->failed) return NULL;
  if (!eat(p, ')')) return fail(p, "Unterminated group");
done:
  p->depth--;
  return p->failed ? NULL : res;
}

static ReNode *backref_node(Parser *p, int n) {
  ReNode *r = node_new(p, RN_BACKREF);
  if (!r) return NULL;
  r->refs = malloc(sizeof(int));
  if (!r->refs) return oom(p);
  r->refs[0] = n;
  r->nrefs = 1;
  return r;
}

static ReNode *parse_atom_escape(Parser *p) {
  /* backslash consumed */
  if (at_end(p)) return fail(p, "\\ at end of pattern");
  uint32_t c = peek_unit(p, 0);
  if (c >= '1' && c <= '9') {
    size_t save = p->pos;
    int n = 0;
    while (peek_unit(p, 0) >= '0' && peek_unit(p, 0) <= '9') {
      if (n < 100000) n = n * 10 + (int)(peek_unit(p, 0) - '0');
      p->pos++;
    }
    if (n <= p->total_caps) return backref_node(p, n);
    if (p->u) return fail(p, "Invalid escape");
    p->pos = save; /* Annex B: legacy octal or identity escape */
  }
  if (c == 'k') {
    if (p->u || p->named_groups) {
      p->pos++;
      if (!eat(p, '<')) return fail(p, "Invalid named reference");
      size_t nlen;
      uint16_t *name = parse_group_name(p, &nlen);
      if (!name) return NULL;
      ReNode *r = node_new(p, RN_BACKREF);
      if (!r) {
        free(name);
        return NULL;
      }
      r->ref_name = name;
      r->ref_name_len = nlen;
      if (p->nnamed_refs == p->named_refs_cap) {
        int cap = p->named_refs_cap ? p->named_refs_cap * 2 : 8;
        ReNode **q = realloc(p->named_refs, (size_t)cap * sizeof *q);
        if (!q) return oom(p);
        p->named_refs = q;
        p->named_refs_cap = cap;
      }
      p->named_refs[p->nnamed_refs++] = r;
      return r;
    }
  }
  ReCharSet cs;
  cs_init(&cs);
  if (class_escape_set(p, c, &cs)) {
    p->pos++;
    return class_node(p, &cs, false);
  }
  if (p->u && (c == 'p' || c == 'P')) {
    p->pos++;
    VSet t;
    vset_init(&t);
    bool is_strings;
    if (!parse_property(p, &t.cs, p->v ? &t.strs : NULL, &is_strings)) {
      vset_free(&t);
      cs_free(&cs);
      return NULL;
    }
    if (is_strings) {
      if (c == 'P') {
        vset_free(&t);
        cs_free(&cs);
        return fail(p, "Invalid property name");
      }
      /* Reuse the class-with-strings lowering. */
      cs_free(&cs);
      qsort(t.strs.s, (size_t)t.strs.n, sizeof *t.strs.s, cmp_strlen_desc);
      ReNode *alt = node_new(p, RN_ALT);
      for (int i = 0; alt && i < t.strs.n && !p->failed; i++) {
        ReNode *seq = node_new(p, RN_SEQ);
        if (!seq || !node_add_kid(p, alt, seq)) break;
        for (uint32_t k = 0; k < t.strs.s[i][0]; k++) {
          ReNode *ch = char_node(p, t.strs.s[i][k + 1]);
          if (!ch || !node_add_kid(p, seq, ch)) break;
        }
      }
      ReCharSet single = t.cs;
      cs_init(&t.cs);
      vset_free(&t);
      if (p->failed) {
        cs_free(&single);
        return NULL;
      }
      ReNode *cls = class_node(p, &single, false);
      if (cls) node_add_kid(p, alt, cls);
      return p->failed ? NULL : alt;
    }
    if (p->v && p->icase) cs_case_close_full(&t.cs, true);
    if (c == 'P') cs_invert(&t.cs);
    cs_add_set(&cs, &t.cs);
    vset_free(&t);
    return class_node(p, &cs, false);
  }
  cs_free(&cs);
  uint32_t ch;
  if (!parse_char_escape(p, false, &ch)) return NULL;
  return char_node(p, ch);
}

/* Parses one term (with its quantifier) into seq. Returns false at error. */
static bool parse_term(Parser *p, ReNode *seq) {
  uint32_t c = peek_unit(p, 0);
  ReNode *atom = NULL;
  bool quantifiable = true;
  switch (c) {
    case '^':
      p->pos++;
      atom = node_new(p, RN_BOL);
      quantifiable = false;
      break;
    case '$':
      p->pos++;
      atom = node_new(p, RN_EOL);
      quantifiable = false;
      break;
    case '\\':
      if (peek_unit(p, 1) == 'b' || peek_unit(p, 1) == 'B') {
        atom = node_new(p, RN_WORD_BOUNDARY);
        if (atom) {
          atom->negate = peek_unit(p, 1) == 'B';
          atom->unicode_icase = p->u && p->icase;
        }
        p->pos += 2;
        quantifiable = false;
      } else {
        p->pos++;
        atom = parse_atom_escape(p);
      }
      break;
    case '(':
      p->pos++;
      atom = parse_group(p, &quantifiable);
      break;
    case '.': {
      p->pos++;
      ReCharSet cs;
      cs_init(&cs);
      if (!p->dotall) cs_add_line_terminators(&cs);
      atom = class_node(p, &cs, true);
      if (atom) atom->icase = false;
      break;
    }
    case '[':
      p->pos++;
      if (++p->depth > RE_MAX_DEPTH) return fail(p, "Regular expression too large"), false;
      atom = parse_class(p);
      p->depth--;
      break;
    case '*': case '+': case '?':
      return fail(p, "Nothing to repeat"), false;
    case '{': {
      int mn, mx;
      if (p->u) {
        if (parse_braces(p, &mn, &mx)) return fail(p, "Nothing to repeat"), false;
        return fail(p, "Lone quantifier brackets"), false;
      }
      if (parse_braces(p, &mn, &mx)) return fail(p, "Nothing to repeat"), false;
      p->pos++;
      atom = char_node(p, '{');
      break;
    }
    case '}': case ']':
      if (p->u) return fail(p, "Lone quantifier brackets"), false;
      p->pos++;
      atom = char_node(p, c);
      break;
    default:
      atom = char_node(p, next_char(p));
      break;
  }
  if (!atom) return false;
  /* Quantifier */
  int min = -1, max = -1;
  c = peek_unit(p, 0);
  if (c == '*') min = 0, max = RE_INFINITY, p->pos++;
  else if (c == '+') min = 1, max = RE_INFINITY, p->pos++;
  else if (c == '?') min = 0, max = 1, p->pos++;
  else if (c == '{') {
    if (parse_braces(p, &min, &max)) {
      if (min > max) return fail(p, "numbers out of order in {} quantifier"), false;
    } else if (p->u) {
      return fail(p, quantifiable ? "Incomplete quantifier" : "Lone quantifier brackets"), false;
    }
  }
  if (min >= 0) {
    if (!quantifiable) {
      if (atom->kind == RN_LOOK) return fail(p, "Invalid quantifier"), false;
      return fail(p, "Nothing to repeat"), false;
    }
    ReNode *q = node_new(p, RN_QUANT);
    if (!q) return false;
    q->min = min;
    q->max = max;
    q->greedy = !eat(p, '?');
    node_add_kid(p, q, atom);
    atom = q;
    c = peek_unit(p, 0);
    if (c == '*' || c == '+' || c == '?') return fail(p, "Nothing to repeat"), false;
    if (c == '{') {
      int a, b;
      if (parse_braces(p, &a, &b)) return fail(p, "Nothing to repeat"), false;
    }
  }
  return node_add_kid(p, seq, atom);
}

static ReNode *parse_alternative(Parser *p) {
  ReNode *seq = node_new(p, RN_SEQ);
  if (!seq) return NULL;
  while (!at_end(p) && peek_unit(p, 0) != '|' && peek_unit(p, 0) != ')') {
    if (!parse_term(p, seq)) return NULL;
  }
  return seq;
}

static bool path_push(Parser *p, int disj, int alt) {
  if (p->path_len + 2 > p->path_cap) {
    int cap = p->path_cap ? p->path_cap * 2 : 32;
    int *q = realloc(p->path, (size_t)cap * sizeof *q);
    if (!q) return oom(p), false;
    p->path = q;
    p->path_cap = cap;
  }
  p->path[p->path_len++] = disj;
  p->path[p->path_len++] = alt;
  return true;
}

static ReNode *parse_disjunction(Parser *p) {
  int disj = p->next_disj++;
  int alt_index = 0;
  if (!path_push(p, disj, 0)) return NULL;
  ReNode *first = parse_alternative(p);
  if (!first) return NULL;
  if (peek_unit(p, 0) != '|') {
    p->path_len -= 2;
    return first;
  }
  ReNode *alt = node_new(p, RN_ALT);
  if (!alt || !node_add_kid(p, alt, first)) return NULL;
  while (eat(p, '|')) {
    p->path[p->path_len - 1] = ++alt_index;
    ReNode *a = parse_alternative(p);
    if (!a || !node_add_kid(p, alt, a)) return NULL;
  }
  p->path_len -= 2;
  return alt;
}

/* ---- Flags and entry points ----------------------------------------------------------------- */
int re_parse_flags(const uint16_t *flags, size_t len) {
  static const char letters[] = "dgimsuvy";
  int bits = 0;
  for (size_t i = 0; i < len; i++) {
    const char *q = flags[i] < 128 && flags[i] ? strchr(letters, flags[i]) : NULL;
    if (!q) return -1;
    int bit = 1 << (q - letters);
    if (bits & bit) return -1;
    bits |= bit;
  }
  if ((bits & RE_FLAG_UNICODE) && (bits & RE_FLAG_UNICODE_SETS)) return -1;
  return bits;
}

int re_parse_flags_ascii(const char *flags) {
  uint16_t buf[16];
  size_t n = strlen(flags);
  if (n > PT_ARRAY_LEN(buf)) return -1;
  for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)flags[i];
  return re_parse_flags(buf, n);
}

void re_parse_free(ReParse *o) {
  ReNode *n = o->all_nodes;
  while (n) {
    ReNode *next = n->all_next;
    free(n->kids);
    free(n->refs);
    free(n->ref_name);
    free(n);
    n = next;
  }
  for (int i = 0; i < o->nsets; i++) cs_free(&o->sets[i]);
  free(o->sets);
  for (int i = 0; i < o->nnames; i++) {
    free(o->names[i].name);
    free(o->names[i].caps);
  }
  free(o->names);
  memset(o, 0, sizeof *o);
}

bool re_parse(ReParse *out, const uint16_t *pattern, size_t len, uint32_t flags, char *err,
              size_t errsz) {
  memset(out, 0, sizeof *out);
  Parser p;
  memset(&p, 0, sizeof p);
  p.src = pattern;
  p.len = len;
  p.flags = flags;
  p.v = (flags & RE_FLAG_UNICODE_SETS) != 0;
  p.u = p.v || (flags & RE_FLAG_UNICODE) != 0;
  p.icase = (flags & RE_FLAG_IGNORE_CASE) != 0;
  p.multiline = (flags & RE_FLAG_MULTILINE) != 0;
  p.dotall = (flags & RE_FLAG_DOT_ALL) != 0;
  p.out = out;
  p.err = err;
  p.errsz = errsz;
  if (err && errsz) err[0] = 0;
  prescan(&p);
  if (p.total_caps >= RE_MAX_CAPTURES) {
    fail(&p, "Too many captures");
  } else {
    ReNode *root = parse_disjunction(&p);
    if (root && !p.failed && !at_end(&p)) {
      if (peek_unit(&p, 0) == ')') fail(&p, "Unmatched ')'");
      else fail(&p, "Unexpected character");
    }
    out->root = root;
  }
  if (!p.failed && p.duplicate_name) fail(&p, "Duplicate capture group name");
  /* Resolve named backreferences (they may point forward). */
  for (int i = 0; !p.failed && i < p.nnamed_refs; i++) {
    ReNode *r = p.named_refs[i];
    int idx = find_name(out, r->ref_name, r->ref_name_len);
    if (idx < 0) {
      fail(&p, "Invalid named capture referenced");
      break;
    }
    r->refs = malloc((size_t)out->names[idx].ncaps * sizeof(int));
    if (!r->refs) {
      oom(&p);
      break;
    }
    memcpy(r->refs, out->names[idx].caps, (size_t)out->names[idx].ncaps * sizeof(int));
    r->nrefs = out->names[idx].ncaps;
  }
  out->ncaps = p.ncaps + 1;
  for (int i = 0; i < p.nncs; i++) free(p.ncs[i].path);
  free(p.ncs);
  free(p.path);
  free(p.named_refs);
  return !p.failed;
}

bool re_validate_pattern(const uint16_t *pattern, size_t len, const char *flags_ascii,
                         char *error_buf, size_t error_buf_size) {
  int flags = re_parse_flags_ascii(flags_ascii ? flags_ascii : "");
  if (flags < 0) {
    if (error_buf && error_buf_size) snprintf(error_buf, error_buf_size, "Invalid regular expression flags");
    return false;
  }
  ReParse parse;
  bool ok = re_parse(&parse, pattern, len, (uint32_t)flags, error_buf, error_buf_size);
  re_parse_free(&parse);
  return ok;
}
