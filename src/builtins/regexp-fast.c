/*
 * The RegExp built-in's fast paths (regexp-internal.h says when they apply): @@replace, @@split
 * and global @@match on a pristine receiver run re_exec in a loop over raw capture offsets, with
 * no match-result objects, no property lookups and no splitter regexp. Each function performs the
 * same observable effects as the spec's algorithm: the final lastIndex, the legacy RegExp.$1
 * record, the replacer's calls and their order.
 */
#include <stdlib.h>

#include "builtins/object-helpers.h"
#include "builtins/regexp-internal.h"
#include "heap/fixed-array.h"
#include "objects/js-object.h"
#include "objects/string.h"

/* ---- An output buffer: one byte per unit until a unit > 0xFF arrives ------------------------- */
typedef struct OutBuf {
  void *buf; /* uint8_t (narrow) or uint16_t */
  size_t len, cap;
  bool wide;
  bool failed;
} OutBuf;

static bool out_reserve(OutBuf *o, size_t extra, bool wide) {
  if (o->failed) return false;
  if (wide && !o->wide) {
    size_t cap = o->cap > 16 ? o->cap : 16;
    uint16_t *w = malloc(cap * sizeof *w);
    if (!w) return o->failed = true, false;
    for (size_t i = 0; i < o->len; i++) w[i] = ((uint8_t *)o->buf)[i];
    free(o->buf);
    o->buf = w;
    o->cap = cap;
    o->wide = true;
  }
  if (o->len + extra > STR_MAX_LENGTH) return o->failed = true, false;
  if (o->len + extra <= o->cap) return true;
  size_t cap = o->cap ? o->cap * 2 : 64;
  while (cap < o->len + extra) cap *= 2;
  void *q = realloc(o->buf, cap * (o->wide ? 2 : 1));
  if (!q) return o->failed = true, false;
  o->buf = q;
  o->cap = cap;
  return true;
}

/* Appends units [start, end) of the flat string s. */
static void out_range(OutBuf *o, Value s, size_t start, size_t end) {
  if (end <= start) return;
  size_t n = end - start;
  if (str_is_one_byte(s)) {
    const uint8_t *c = str_latin1_chars(s) + start;
    if (!out_reserve(o, n, false)) return;
    if (o->wide) {
      uint16_t *w = (uint16_t *)o->buf + o->len;
      for (size_t i = 0; i < n; i++) w[i] = c[i];
    } else {
      memcpy((uint8_t *)o->buf + o->len, c, n);
    }
  } else {
    const uint16_t *c = str_utf16_chars(s) + start;
    bool wide = false;
    for (size_t i = 0; i < n && !wide; i++) wide = c[i] > 0xFF;
    if (!out_reserve(o, n, wide)) return;
    if (o->wide) {
      memcpy((uint16_t *)o->buf + o->len, c, n * sizeof *c);
    } else {
      uint8_t *b = (uint8_t *)o->buf + o->len;
      for (size_t i = 0; i < n; i++) b[i] = (uint8_t)c[i];
    }
  }
  o->len += n;
}

static void out_unit(OutBuf *o, uint16_t u) {
  if (!out_reserve(o, 1, u > 0xFF)) return;
  if (o->wide) ((uint16_t *)o->buf)[o->len++] = u;
  else ((uint8_t *)o->buf)[o->len++] = (uint8_t)u;
}

static Value out_finish(Isolate *iso, OutBuf *o) {
  Value r;
  if (o->failed) {
    r = o->len + 1 > STR_MAX_LENGTH ? rt_throw_range_error(iso, "Invalid string length")
                                    : rt_throw_range_error(iso, "Out of memory");
  } else if (o->wide) {
    r = str_new_utf16(iso, o->buf, o->len);
  } else {
    r = str_new_latin1(iso, o->buf, o->len);
  }
  free(o->buf);
  o->buf = NULL;
  return r;
}

/* ---- Collecting matches ---------------------------------------------------------------------- */
typedef struct Matches {
  int *caps; /* 2 * ncaps per match */
  size_t count, cap;
  int ncaps;
} Matches;

static int *matches_next(Isolate *iso, Matches *m) {
  size_t per = 2 * (size_t)m->ncaps;
  if (m->count == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 8;
    int *q = realloc(m->caps, cap * per * sizeof *q);
    if (!q) {
      rt_throw_range_error(iso, "Out of memory");
      return NULL;
    }
    m->caps = q;
    m->cap = cap;
  }
  return m->caps + m->count * per;
}

/* AdvanceStringIndex. */
static size_t advance(Value s, size_t index, bool unicode) {
  size_t len = str_length(s);
  if (!unicode || index + 1 >= len) return index + 1;
  uint16_t c = str_char_at(s, index);
  if (c >= 0xD800 && c <= 0xDBFF) {
    uint16_t d = str_char_at(s, index + 1);
    if (d >= 0xDC00 && d <= 0xDFFF) return index + 2;
  }
  return index + 1;
}

static bool full_unicode(const RegExpCode *code) {
  return (re_flags(code) & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS)) != 0;
}

/* The RegExpBuiltinExec loop of @@replace and @@match: every match (global) or the first one,
 * with lastIndex as the spec leaves it. Returns 0, or -1 with an exception pending. */
static int collect(Isolate *iso, Value rx, const RegExpFast *f, Value s, bool global, Matches *m) {
  const RegExpCode *code = f->code;
  uint32_t flags = re_flags(code);
  bool sticky = (flags & RE_FLAG_STICKY) != 0;
  size_t len = str_length(s);
  m->ncaps = re_capture_count(code);
  size_t start;
  if (global) {
    start = 0;
  } else if (sticky) {
    double li;
    if (rt_to_length(iso, *f->last_index, &li) < 0) return -1; /* a Number: cannot run code */
    if (li > (double)len) {
      regexp_fast_set_last_index(rx, f, 0);
      return 0;
    }
    start = (size_t)li;
  } else {
    start = 0;
  }
  for (;;) {
    if (start > len) {
      if (global || sticky) regexp_fast_set_last_index(rx, f, 0);
      break;
    }
    int *caps = matches_next(iso, m);
    if (!caps) return -1;
    int r = regexp_run_matcher(iso, code, s, start, caps, false);
    if (r < 0) {
      /* lastIndex as the failing RegExpBuiltinExec found it. */
      if (global) regexp_fast_set_last_index(rx, f, (int32_t)start);
      return -1;
    }
    if (r == 0) {
      if (global || sticky) regexp_fast_set_last_index(rx, f, 0);
      break;
    }
    m->count++;
    if (!global) {
      if (sticky) regexp_fast_set_last_index(rx, f, caps[1]);
      break;
    }
    start = caps[1] == caps[0] ? advance(s, (size_t)caps[1], full_unicode(code)) : (size_t)caps[1];
  }
  if (m->count)
    regexp_legacy_record(iso, ((JSRegExp *)val_to_ptr(rx))->legacy == VAL_TRUE, s, m->caps + (m->count - 1) * 2 * (size_t)m->ncaps, m->ncaps);
  return 0;
}

/* The groups object of a match (null prototype, one property per name). */
static Value make_groups(Isolate *iso, const RegExpCode *code, Value s, const int *caps) {
  Value groups = obj_new(iso, VAL_NULL);
  if (groups == VAL_EXCEPTION) return groups;
  int nnames = re_group_name_count(code);
  for (int g = 0; g < nnames; g++) {
    int which;
    Value key = regexp_group_key(iso, code, g, caps, &which);
    if (key == VAL_EXCEPTION) return key;
    Value v = VAL_UNDEFINED;
    if (caps[2 * which] >= 0) {
      v = str_substring(iso, s, (size_t)caps[2 * which], (size_t)caps[2 * which + 1]);
      if (v == VAL_EXCEPTION) return v;
    }
    if (rt_create_data_property_or_throw(iso, groups, key, v) < 0) return VAL_EXCEPTION;
  }
  return groups;
}

/* The capture of the named group `name` (UTF-16 units of the template), as [*start, *end);
 * false when no group has that name or it did not participate. */
static bool named_capture(const RegExpCode *code, const int *caps, Value tmpl, size_t from, size_t to,
                          int *start, int *end) {
  int nnames = re_group_name_count(code);
  for (int g = 0; g < nnames; g++) {
    size_t nlen;
    const uint16_t *name = re_group_name(code, g, &nlen);
    if (nlen != to - from) continue;
    size_t k = 0;
    while (k < nlen && name[k] == str_char_at(tmpl, from + k)) k++;
    if (k < nlen) continue;
    const int *gc;
    int ng = re_group_name_captures(code, g, &gc);
    for (int i = 0; i < ng; i++)
      if (caps[2 * gc[i]] >= 0) {
        *start = caps[2 * gc[i]];
        *end = caps[2 * gc[i] + 1];
        return true;
      }
    return false;
  }
  return false;
}

/* GetSubstitution on raw captures (the same rules as builtins_get_substitution). */
static void substitute(OutBuf *o, const RegExpCode *code, Value s, const int *caps, Value tmpl) {
  uint32_t ncap = (uint32_t)re_capture_count(code) - 1; /* m */
  size_t slen = str_length(s), rlen = str_length(tmpl);
  bool named = re_group_name_count(code) > 0;
  size_t lit = 0; /* start of the pending literal run */
  for (size_t i = 0; i < rlen;) {
    if (str_char_at(tmpl, i) != '$' || i + 1 >= rlen) {
      i++;
      continue;
    }
    out_range(o, tmpl, lit, i);
    uint16_t d = str_char_at(tmpl, i + 1);
    if (d == '$') {
      out_unit(o, '$');
      i += 2;
    } else if (d == '`') {
      out_range(o, s, 0, (size_t)caps[0]);
      i += 2;
    } else if (d == '&') {
      out_range(o, s, (size_t)caps[0], (size_t)caps[1]);
      i += 2;
    } else if (d == '\'') {
      out_range(o, s, (size_t)caps[1], slen);
      i += 2;
    } else if (d >= '0' && d <= '9') {
      uint32_t digits = 1, index = d - '0';
      if (i + 2 < rlen) {
        uint16_t e = str_char_at(tmpl, i + 2);
        if (e >= '0' && e <= '9') {
          uint32_t two = index * 10 + (e - '0');
          if (two >= 1 && two <= ncap) {
            digits = 2;
            index = two;
          }
        }
      }
      if (index >= 1 && index <= ncap) {
        if (caps[2 * index] >= 0) out_range(o, s, (size_t)caps[2 * index], (size_t)caps[2 * index + 1]);
      } else {
        out_range(o, tmpl, i, i + 1 + digits);
      }
      i += 1 + digits;
    } else if (d == '<') {
      size_t gt = i + 2;
      while (gt < rlen && str_char_at(tmpl, gt) != '>') gt++;
      if (gt >= rlen || !named) {
        out_range(o, tmpl, i, i + 2);
        i += 2;
      } else {
        int cs, ce;
        if (named_capture(code, caps, tmpl, i + 2, gt, &cs, &ce)) out_range(o, s, (size_t)cs, (size_t)ce);
        i = gt + 1;
      }
    } else {
      out_unit(o, '$');
      i++;
    }
    lit = i;
  }
  out_range(o, tmpl, lit, rlen);
}

/* Largest capture count whose replacer arguments go on the C stack. */
#define FAST_MAX_CALL_CAPS 256

Value regexp_fast_replace(Isolate *iso, Value rx, const RegExpFast *f, Value s, Value replace_value,
                          bool functional) {
  const RegExpCode *code = f->code;
  int ncaps = re_capture_count(code);
  if (functional && ncaps > FAST_MAX_CALL_CAPS) return VAL_HOLE;
  bool global = (re_flags(code) & RE_FLAG_GLOBAL) != 0;
  if (!global && !val_is_number(*f->last_index)) return VAL_HOLE;
  if (!functional) {
    replace_value = str_flatten(iso, replace_value);
    if (replace_value == VAL_EXCEPTION) return replace_value;
  }
  Matches m = {0};
  if (collect(iso, rx, f, s, global, &m) < 0) {
    free(m.caps);
    return VAL_EXCEPTION;
  }
  if (m.count == 0) {
    free(m.caps);
    return s;
  }
  bool has_dollar = false;
  if (!functional) {
    uint32_t rl = str_length(replace_value);
    for (uint32_t i = 0; i < rl && !has_dollar; i++) has_dollar = str_char_at(replace_value, i) == '$';
  }
  bool named = re_group_name_count(code) > 0;
  OutBuf o = {0};
  size_t next = 0;
  /* A replacer may recompile rx (RegExp.prototype.compile) and a collection may then finalize
   * the old code while this loop still reads its group names. */
  re_retain((RegExpCode *)code);
  for (size_t k = 0; k < m.count; k++) {
    const int *caps = m.caps + k * 2 * (size_t)ncaps;
    size_t position = (size_t)caps[0];
    if (functional) {
      Value argv[FAST_MAX_CALL_CAPS + 3]; /* on the C stack: the collector sees them */
      int argc = 0;
      for (int i = 0; i < ncaps; i++) {
        Value v = VAL_UNDEFINED;
        if (caps[2 * i] >= 0) {
          v = str_substring(iso, s, (size_t)caps[2 * i], (size_t)caps[2 * i + 1]);
          if (v == VAL_EXCEPTION) goto fail;
        }
        argv[argc++] = v;
      }
      argv[argc++] = val_from_int(caps[0]);
      argv[argc++] = s;
      if (named) {
        Value g = make_groups(iso, code, s, caps);
        if (g == VAL_EXCEPTION) goto fail;
        argv[argc++] = g;
      }
      Value rv = rt_call(iso, replace_value, VAL_UNDEFINED, argc, argv);
      if (rv == VAL_EXCEPTION) goto fail;
      Value rs = rt_to_string(iso, rv);
      if (rs == VAL_EXCEPTION) goto fail;
      rs = str_flatten(iso, rs);
      if (rs == VAL_EXCEPTION) goto fail;
      if (position >= next) {
        out_range(&o, s, next, position);
        out_range(&o, rs, 0, str_length(rs));
        next = (size_t)caps[1];
      }
    } else if (position >= next) {
      out_range(&o, s, next, position);
      if (has_dollar) substitute(&o, code, s, caps, replace_value);
      else out_range(&o, replace_value, 0, str_length(replace_value));
      next = (size_t)caps[1];
    }
  }
  free(m.caps);
  re_free((RegExpCode *)code);
  out_range(&o, s, next, str_length(s));
  return out_finish(iso, &o);
fail:
  free(m.caps);
  free(o.buf);
  re_free((RegExpCode *)code);
  return VAL_EXCEPTION;
}

Value regexp_fast_match_global(Isolate *iso, Value rx, const RegExpFast *f, Value s) {
  Matches m = {0};
  if (collect(iso, rx, f, s, true, &m) < 0) {
    free(m.caps);
    return VAL_EXCEPTION;
  }
  if (m.count == 0) {
    free(m.caps);
    return VAL_NULL;
  }
  Value a = array_new(iso, 0);
  for (size_t k = 0; a != VAL_EXCEPTION && k < m.count; k++) {
    const int *caps = m.caps + k * 2 * (size_t)m.ncaps;
    Value v = str_substring(iso, s, (size_t)caps[0], (size_t)caps[1]);
    if (v == VAL_EXCEPTION || array_push(iso, a, v) < 0) a = VAL_EXCEPTION;
  }
  free(m.caps);
  return a;
}

/* @@split with the species constructor known to be %RegExp%: the spec's splitter is a sticky copy
 * of rx tried at q, q+1, ...; one forward search from q finds the same first match position. */
Value regexp_fast_split(Isolate *iso, Value rx, const RegExpFast *f, Value s, uint32_t lim) {
  const RegExpCode *code = f->code;
  Value a = array_new(iso, 0);
  if (a == VAL_EXCEPTION || lim == 0) return a;
  size_t size = str_length(s);
  int ncaps = re_capture_count(code);
  int *caps = malloc(2 * (size_t)ncaps * sizeof *caps);
  if (!caps) return rt_throw_range_error(iso, "Out of memory");
  Value result = a;
  bool unicode = full_unicode(code);
  /* The splitter is a plain %RegExp% instance: its matches update the legacy statics. */
  int *last = malloc(2 * (size_t)ncaps * sizeof *last);
  bool matched_any = false;
  if (!last) {
    free(caps);
    return rt_throw_range_error(iso, "Out of memory");
  }
  if (size == 0) {
    /* A sticky match at 0 only. */
    int r = regexp_run_matcher(iso, code, s, 0, caps, false);
    bool at0 = r == 1 && caps[0] == 0;
    if (r == 1 && !at0) r = 0;
    if (r < 0) result = VAL_EXCEPTION;
    else if (r == 1) matched_any = true, memcpy(last, caps, 2 * (size_t)ncaps * sizeof *last);
    else if (array_push(iso, a, s) < 0) result = VAL_EXCEPTION;
    goto done;
  }
  uint32_t length_a = 0;
  size_t p = 0, q = 0;
  while (q < size) {
    int r = regexp_run_matcher(iso, code, s, q, caps, true);
    if (r < 0) {
      result = VAL_EXCEPTION;
      goto done;
    }
    if (r == 0 || (size_t)caps[0] >= size) break;
    matched_any = true;
    memcpy(last, caps, 2 * (size_t)ncaps * sizeof *last);
    q = (size_t)caps[0];
    size_t e = (size_t)caps[1];
    if (e > size) e = size;
    if (e == p) {
      q = advance(s, q, unicode);
      continue;
    }
    Value t = str_substring(iso, s, p, q);
    if (t == VAL_EXCEPTION || array_push(iso, a, t) < 0) {
      result = VAL_EXCEPTION;
      goto done;
    }
    if (++length_a == lim) goto done;
    p = e;
    for (int i = 1; i < ncaps; i++) {
      Value v = VAL_UNDEFINED;
      if (caps[2 * i] >= 0) {
        v = str_substring(iso, s, (size_t)caps[2 * i], (size_t)caps[2 * i + 1]);
        if (v == VAL_EXCEPTION) {
          result = VAL_EXCEPTION;
          goto done;
        }
      }
      if (array_push(iso, a, v) < 0) {
        result = VAL_EXCEPTION;
        goto done;
      }
      if (++length_a == lim) goto done;
    }
    q = p;
  }
  {
    Value t = str_substring(iso, s, p, size);
    if (t == VAL_EXCEPTION || array_push(iso, a, t) < 0) result = VAL_EXCEPTION;
  }
done:
  if (matched_any) regexp_legacy_record(iso, true, s, last, ncaps);
  free(caps);
  free(last);
  PT_UNUSED(rx);
  return result;
}
