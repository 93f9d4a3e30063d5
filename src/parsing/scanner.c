/*
 * Scanner: turns UTF-16 source into tokens on demand. The parser decides where a `/` starts a
 * regular expression (scan_regexp) and where a `}` resumes a template (scan_template_continue),
 * so the scanner itself never guesses.
 */
#include "parsing/parser-internal.h"

#include "base/dtoa.h"
#include "base/utf.h"
#include "parsing/unicode-id.h"

#include <math.h>

#define CH_EOF 0xFFFFFFFFu

static inline uint32_t peek_at(Parser *p, uint32_t i) { return i < p->len ? p->src[i] : CH_EOF; }
static inline uint32_t cur(Parser *p) { return peek_at(p, p->pos); }

/* Code point at pos (combining surrogate pairs); *n gets the unit count. */
static uint32_t cp_at(Parser *p, uint32_t pos, uint32_t *n) {
  uint32_t c = peek_at(p, pos);
  *n = 1;
  if (pt_is_lead_surrogate(c) && pos + 1 < p->len && pt_is_trail_surrogate(p->src[pos + 1])) {
    *n = 2;
    return pt_combine_surrogates(c, p->src[pos + 1]);
  }
  return c;
}

bool scan_is_line_terminator(uint32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

static bool is_whitespace(uint32_t c) {
  switch (c) {
  case 9: case 0xB: case 0xC: case ' ': case 0xA0: case 0xFEFF: case 0x1680: case 0x202F:
  case 0x205F: case 0x3000:
    return true;
  default:
    return c >= 0x2000 && c <= 0x200A;
  }
}

bool scan_is_id_start(uint32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
  return c != CH_EOF && unicode_is_id_start(c);
}

bool scan_is_id_part(uint32_t c) {
  if (c < 128)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' ||
           c == '_';
  return c == 0x200C || c == 0x200D || (c != CH_EOF && unicode_is_id_continue(c));
}

static int hex_val(uint32_t c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
  return -1;
}

/* ---- scratch buffer ---- */

static void buf_reset(Parser *p) { p->buf_len = 0; }
static void buf_push(Parser *p, uint16_t u) {
  if (p->buf_len == p->buf_cap) {
    uint32_t ncap = p->buf_cap ? p->buf_cap * 2 : 256;
    uint16_t *nb = parse_alloc_keep(p, (size_t)ncap * 2); /* outlives a skipped body */
    if (p->buf_len) memcpy(nb, p->buf, (size_t)p->buf_len * 2);
    p->buf = nb;
    p->buf_cap = ncap;
  }
  p->buf[p->buf_len++] = u;
}
static void buf_push_cp(Parser *p, uint32_t cp) {
  if (cp >= 0x10000) {
    cp -= 0x10000;
    buf_push(p, (uint16_t)(0xD800 + (cp >> 10)));
    buf_push(p, (uint16_t)(0xDC00 + (cp & 0x3FF)));
  } else {
    buf_push(p, (uint16_t)cp);
  }
}

void scan_save(Parser *p, ScanState *s) {
  s->pos = p->pos;
  s->prev_end = p->prev_end;
  s->tok = p->tok;
  s->prev_nl = p->prev_nl;
}
void scan_restore(Parser *p, const ScanState *s) {
  p->pos = s->pos;
  p->prev_end = s->prev_end;
  p->tok = s->tok;
  p->prev_nl = s->prev_nl;
}

/* ---- whitespace and comments ---- */

static void skip_line_comment(Parser *p) {
  while (p->pos < p->len && !scan_is_line_terminator(p->src[p->pos])) p->pos++;
}

static void skip_trivia(Parser *p) {
  bool line_start = p->pos == 0 || p->prev_nl;
  for (;;) {
    uint32_t c = cur(p);
    if (c == CH_EOF) return;
    if (scan_is_line_terminator(c)) {
      p->prev_nl = true;
      line_start = true;
      p->pos++;
    } else if (is_whitespace(c)) {
      p->pos++;
    } else if (c == '/' && peek_at(p, p->pos + 1) == '/') {
      skip_line_comment(p);
    } else if (c == '/' && peek_at(p, p->pos + 1) == '*') {
      uint32_t start = p->pos;
      p->pos += 2;
      for (;;) {
        if (p->pos >= p->len) parse_fail_at(p, start, start + 2, "Invalid or unexpected token");
        uint32_t d = p->src[p->pos];
        if (d == '*' && peek_at(p, p->pos + 1) == '/') {
          p->pos += 2;
          break;
        }
        if (scan_is_line_terminator(d)) {
          p->prev_nl = true;
          line_start = true;
        }
        p->pos++;
      }
    } else if (c == '<' && !p->is_module && peek_at(p, p->pos + 1) == '!' &&
               peek_at(p, p->pos + 2) == '-' && peek_at(p, p->pos + 3) == '-') {
      skip_line_comment(p); /* Annex B <!-- */
    } else if (c == '-' && !p->is_module && line_start && peek_at(p, p->pos + 1) == '-' &&
               peek_at(p, p->pos + 2) == '>') {
      skip_line_comment(p); /* Annex B --> at the start of a line */
    } else {
      return;
    }
  }
}

/* ---- identifiers ---- */

/* Reads \uXXXX or \u{X...} after the backslash position; returns the code point or fails. */
static uint32_t scan_unicode_escape(Parser *p, uint32_t esc_start) {
  /* p->pos is at 'u' */
  if (cur(p) != 'u') parse_fail_at(p, esc_start, p->pos + 1, "Invalid Unicode escape sequence");
  p->pos++;
  uint32_t v = 0;
  if (cur(p) == '{') {
    p->pos++;
    int n = 0;
    while (hex_val(cur(p)) >= 0) {
      v = v * 16 + (uint32_t)hex_val(cur(p));
      if (v > 0x10FFFF) parse_fail_at(p, esc_start, p->pos + 1, "Undefined Unicode code-point");
      p->pos++;
      n++;
    }
    if (n == 0 || cur(p) != '}') parse_fail_at(p, esc_start, p->pos, "Invalid Unicode escape sequence");
    p->pos++;
    return v;
  }
  for (int i = 0; i < 4; i++) {
    int h = hex_val(cur(p));
    if (h < 0) parse_fail_at(p, esc_start, p->pos, "Invalid Unicode escape sequence");
    v = v * 16 + (uint32_t)h;
    p->pos++;
  }
  return v;
}

static void scan_identifier_rest(Parser *p, uint32_t start, bool escaped, bool is_private) {
  for (;;) {
    uint32_t n;
    uint32_t c = cp_at(p, p->pos, &n);
    if (c == '\\') {
      uint32_t es = p->pos;
      p->pos++;
      uint32_t v = scan_unicode_escape(p, es);
      if (!scan_is_id_part(v)) parse_fail_at(p, es, p->pos, "Invalid or unexpected token");
      buf_push_cp(p, v);
      escaped = true;
    } else if (scan_is_id_part(c)) {
      buf_push_cp(p, c);
      p->pos += n;
    } else {
      break;
    }
  }
  p->tok.type = is_private ? TOK_PRIVATE_NAME : TOK_IDENT;
  p->tok.str = parse_intern(p, p->buf, p->buf_len);
  p->tok.kw = is_private ? KW_NONE : parse_keyword_of(p, p->tok.str);
  p->tok.escaped = escaped;
  (void)start;
}

/* Returns true if an identifier starts at pos (identifier start char or \u escape). */
static bool scan_identifier(Parser *p, bool is_private) {
  uint32_t start = p->pos;
  uint32_t n;
  uint32_t c = cp_at(p, p->pos, &n);
  buf_reset(p);
  if (c == '\\') {
    uint32_t es = p->pos;
    p->pos++;
    if (is_private && (peek_at(p, p->pos) != 'u')) parse_fail_at(p, es, p->pos, "Invalid or unexpected token");
    uint32_t v = scan_unicode_escape(p, es);
    if (!scan_is_id_start(v))
      parse_fail_at(p, es, p->pos, "Invalid or unexpected token");
    buf_push_cp(p, v);
    scan_identifier_rest(p, start, true, is_private);
    return true;
  }
  if (!scan_is_id_start(c)) return false;
  buf_push_cp(p, c);
  p->pos += n;
  scan_identifier_rest(p, start, false, is_private);
  return true;
}

/* ---- numbers ---- */

/* Exact value of a binary/octal/hex digit string (no separators), correctly rounded. */
static double radix_value(const char *digits, size_t n, int bits_per_digit) {
  uint64_t mant = 0;
  int exp = 0;
  bool sticky = false;
  int used_bits = 0; /* significant bits in mant */
  for (size_t i = 0; i < n; i++) {
    uint32_t d = (uint32_t)hex_val((unsigned char)digits[i]);
    if (used_bits == 0 && d == 0) continue;
    if (used_bits + bits_per_digit <= 63) {
      mant = (mant << bits_per_digit) | d;
      used_bits = mant ? 64 - __builtin_clzll(mant) : 0;
    } else {
      /* keep 63 bits of precision; later digits only shift and set the sticky bit */
      exp += bits_per_digit;
      if (d) sticky = true;
    }
  }
  if (mant == 0) return 0.0;
  /* round mant (+sticky) to 53 bits */
  int bits = 64 - __builtin_clzll(mant);
  if (bits > 53) {
    int shift = bits - 53;
    uint64_t rem = mant & ((1ull << shift) - 1);
    uint64_t half = 1ull << (shift - 1);
    mant >>= shift;
    exp += shift;
    if (rem > half || (rem == half && (sticky || (mant & 1)))) {
      mant++;
      if (mant == (1ull << 53)) {
        mant >>= 1;
        exp++;
      }
    }
  }
  return ldexp((double)mant, exp);
}

typedef struct DigitBuf {
  char *d;
  size_t n, cap;
  char small[128];
} DigitBuf;

static void digit_push(Parser *p, DigitBuf *b, uint32_t c) {
  if (b->n + 1 >= b->cap) {
    char *nd = parse_alloc(p, b->cap * 2);
    memcpy(nd, b->d, b->n);
    b->d = nd;
    b->cap *= 2;
  }
  b->d[b->n++] = (char)c;
}

static bool is_radix_digit(uint32_t c, int radix) {
  int v = hex_val(c);
  return v >= 0 && v < radix;
}

/* A run of digits with single `_` separators between digits (V8's messages for misuse).
 * Returns the number of digits read. */
static size_t scan_digit_run(Parser *p, DigitBuf *b, int radix) {
  size_t count = 0;
  for (;;) {
    uint32_t c = cur(p);
    if (is_radix_digit(c, radix)) {
      digit_push(p, b, c);
      count++;
      p->pos++;
    } else if (c == '_') {
      if (count == 0) parse_fail_at(p, p->pos, p->pos + 1, "Invalid or unexpected token");
      uint32_t nx = peek_at(p, p->pos + 1);
      if (nx == '_') parse_fail_at(p, p->pos, p->pos + 2, "Only one underscore is allowed as numeric separator");
      if (!is_radix_digit(nx, radix))
        parse_fail_at(p, p->pos, p->pos + 1, "Numeric separators are not allowed at the end of numeric literals");
      p->pos++;
    } else {
      return count;
    }
  }
}

static void scan_number(Parser *p) {
  uint32_t start = p->pos;
  DigitBuf b;
  b.d = b.small;
  b.n = 0;
  b.cap = sizeof b.small;
  uint32_t c = cur(p);
  int radix = 10;
  if (c == '0') {
    uint32_t d = peek_at(p, p->pos + 1) | 0x20;
    if (d == 'x') radix = 16;
    else if (d == 'o') radix = 8;
    else if (d == 'b') radix = 2;
  }
  if (radix != 10) {
    p->pos += 2;
    if (scan_digit_run(p, &b, radix) == 0) parse_fail_at(p, start, p->pos, "Invalid or unexpected token");
    if (cur(p) == 'n') {
      p->pos++;
      buf_reset(p);
      buf_push(p, '0');
      buf_push(p, (uint16_t)(radix == 16 ? 'x' : radix == 8 ? 'o' : 'b'));
      for (size_t i = 0; i < b.n; i++) buf_push(p, (uint16_t)(unsigned char)b.d[i]);
      p->tok.type = TOK_BIGINT;
      p->tok.str = parse_intern(p, p->buf, p->buf_len);
    } else {
      p->tok.type = TOK_NUMBER;
      p->tok.number = radix_value(b.d, b.n, radix == 16 ? 4 : radix == 8 ? 3 : 1);
    }
  } else if (c == '0' && peek_at(p, p->pos + 1) >= '0' && peek_at(p, p->pos + 1) <= '9') {
    /* 0777 (legacy octal) or 0789 (NonOctalDecimalIntegerLiteral); sloppy only, no separators */
    bool octal = true;
    uint32_t q = p->pos + 1;
    while (peek_at(p, q) >= '0' && peek_at(p, q) <= '9') {
      if (peek_at(p, q) >= '8') octal = false;
      q++;
    }
    if (p->strict)
      parse_fail_at(p, start, q,
                    octal ? "Octal literals are not allowed in strict mode."
                          : "Decimals with leading zeros are not allowed in strict mode.");
    p->tok.legacy_octal = true;
    p->tok.octal_pos = start;
    if (peek_at(p, q) == '_') parse_fail_at(p, q, q + 1, "Invalid or unexpected token");
    if (octal) {
      for (uint32_t i = p->pos + 1; i < q; i++) digit_push(p, &b, p->src[i]);
      p->pos = q;
      p->tok.type = TOK_NUMBER;
      p->tok.number = radix_value(b.d, b.n, 3);
    } else {
      for (uint32_t i = p->pos; i < q; i++) digit_push(p, &b, p->src[i]);
      p->pos = q;
      if (cur(p) == '.') {
        digit_push(p, &b, '.');
        p->pos++;
        scan_digit_run(p, &b, 10);
      }
      if ((cur(p) | 0x20) == 'e') {
        uint32_t save = p->pos;
        size_t save_n = b.n;
        digit_push(p, &b, 'e');
        p->pos++;
        if (cur(p) == '+' || cur(p) == '-') {
          digit_push(p, &b, cur(p));
          p->pos++;
        }
        if (scan_digit_run(p, &b, 10) == 0) {
          p->pos = save;
          b.n = save_n;
        }
      }
      p->tok.type = TOK_NUMBER;
      p->tok.number = dtoa_parse_decimal(b.d, b.n);
    }
    if (cur(p) == 'n') parse_fail_at(p, start, p->pos + 1, "Invalid or unexpected token");
  } else {
    bool int_only = true;
    if (c == '0' && peek_at(p, p->pos + 1) == '_')
      parse_fail_at(p, p->pos + 1, p->pos + 2, "Numeric separator can not be used after leading 0.");
    scan_digit_run(p, &b, 10); /* may be empty when starting with '.' */
    if (cur(p) == '.') {
      int_only = false;
      digit_push(p, &b, '.');
      p->pos++;
      if (cur(p) == '_') parse_fail_at(p, p->pos, p->pos + 1, "Invalid or unexpected token");
      scan_digit_run(p, &b, 10);
    }
    if ((cur(p) | 0x20) == 'e') {
      int_only = false;
      digit_push(p, &b, 'e');
      p->pos++;
      if (cur(p) == '+' || cur(p) == '-') {
        digit_push(p, &b, cur(p));
        p->pos++;
      }
      if (scan_digit_run(p, &b, 10) == 0) parse_fail_at(p, start, p->pos, "Invalid or unexpected token");
    }
    if (cur(p) == 'n') {
      if (!int_only) parse_fail_at(p, start, p->pos + 1, "Invalid or unexpected token");
      p->pos++;
      buf_reset(p);
      for (size_t i = 0; i < b.n; i++) buf_push(p, (uint16_t)(unsigned char)b.d[i]);
      p->tok.type = TOK_BIGINT;
      p->tok.str = parse_intern(p, p->buf, p->buf_len);
    } else {
      p->tok.type = TOK_NUMBER;
      p->tok.number = dtoa_parse_decimal(b.d, b.n);
    }
  }
  /* The source character immediately following a NumericLiteral must not be an IdentifierStart or
   * DecimalDigit. */
  uint32_t un;
  uint32_t after = cp_at(p, p->pos, &un);
  if (scan_is_id_start(after) || after == '\\' || (after >= '0' && after <= '9'))
    parse_fail_at(p, start, p->pos + 1, "Invalid or unexpected token");
}

/* ---- strings and templates ---- */

/* Records the first invalid escape of a template part (reported unless the template is tagged). */
static bool template_bad(Parser *p, uint32_t pos, const char *msg) {
  if (!p->tok.escape_error) {
    p->tok.escape_error = msg;
    p->tok.escape_error_pos = pos;
  }
  return false;
}

/* Scans one escape sequence after '\' (p->pos at the char after the backslash). Returns false
 * when invalid (template mode only; string mode fails). Appends the value to buf. */
static bool scan_escape(Parser *p, bool in_template, uint32_t esc_start) {
  uint32_t c = cur(p);
  switch (c) {
  case 'n': buf_push(p, '\n'); p->pos++; return true;
  case 't': buf_push(p, '\t'); p->pos++; return true;
  case 'r': buf_push(p, '\r'); p->pos++; return true;
  case 'b': buf_push(p, '\b'); p->pos++; return true;
  case 'f': buf_push(p, '\f'); p->pos++; return true;
  case 'v': buf_push(p, '\v'); p->pos++; return true;
  case '\r':
    p->pos++;
    if (cur(p) == '\n') p->pos++;
    return true;
  case '\n': case 0x2028: case 0x2029:
    p->pos++;
    return true;
  case 'x': {
    int a = hex_val(peek_at(p, p->pos + 1)), b = hex_val(peek_at(p, p->pos + 2));
    if (a < 0 || b < 0) {
      if (in_template) return template_bad(p, esc_start, "Invalid hexadecimal escape sequence");
      parse_fail_at(p, esc_start, p->pos + 1, "Invalid hexadecimal escape sequence");
    }
    buf_push(p, (uint16_t)(a * 16 + b));
    p->pos += 3;
    return true;
  }
  case 'u': {
    if (in_template) {
      /* validate without failing */
      uint32_t q = p->pos + 1;
      if (peek_at(p, q) == '{') {
        q++;
        uint32_t v = 0;
        int n = 0;
        while (hex_val(peek_at(p, q)) >= 0) {
          v = v * 16 + (uint32_t)hex_val(peek_at(p, q));
          if (v > 0x10FFFF) return template_bad(p, esc_start, "Undefined Unicode code-point");
          q++;
          n++;
        }
        if (!n || peek_at(p, q) != '}') return template_bad(p, esc_start, "Invalid Unicode escape sequence");
      } else {
        for (int i = 0; i < 4; i++)
          if (hex_val(peek_at(p, q + (uint32_t)i)) < 0)
            return template_bad(p, esc_start, "Invalid Unicode escape sequence");
      }
    }
    uint32_t v = scan_unicode_escape(p, esc_start);
    buf_push_cp(p, v);
    return true;
  }
  case CH_EOF:
    parse_fail_at(p, esc_start, p->pos, "Invalid or unexpected token");
  default:
    if (c >= '0' && c <= '9') {
      if (c == '0' && !(peek_at(p, p->pos + 1) >= '0' && peek_at(p, p->pos + 1) <= '9')) {
        buf_push(p, 0);
        p->pos++;
        return true;
      }
      if (in_template)
        return template_bad(p, esc_start, c >= '8' ? "\\8 and \\9 are not allowed in template strings."
                                                   : "Octal escape sequences are not allowed in template strings.");
      /* legacy octal escape or \8 \9 */
      if (!p->tok.legacy_octal) {
        p->tok.legacy_octal = true;
        p->tok.octal_pos = esc_start;
        p->tok.octal_89 = c >= '8';
      }
      if (p->strict)
        parse_fail_at(p, esc_start, p->pos + 1,
                      c >= '8' ? "\\8 and \\9 are not allowed in strict mode."
                               : "Octal escape sequences are not allowed in strict mode.");
      if (c >= '8') {
        buf_push(p, (uint16_t)c);
        p->pos++;
        return true;
      }
      uint32_t v = c - '0';
      p->pos++;
      uint32_t d = cur(p);
      if (d >= '0' && d <= '7') {
        v = v * 8 + (d - '0');
        p->pos++;
        d = cur(p);
        if (c <= '3' && d >= '0' && d <= '7') {
          v = v * 8 + (d - '0');
          p->pos++;
        }
      }
      buf_push(p, (uint16_t)v);
      return true;
    }
    {
      uint32_t n;
      uint32_t cp = cp_at(p, p->pos, &n);
      buf_push_cp(p, cp);
      p->pos += n;
    }
    return true;
  }
}

static void scan_string(Parser *p, uint32_t quote) {
  uint32_t start = p->pos;
  p->pos++;
  buf_reset(p);
  bool escaped = false;
  for (;;) {
    uint32_t c = cur(p);
    if (c == CH_EOF || c == '\n' || c == '\r')
      parse_fail_at(p, start, p->pos, "Invalid or unexpected token");
    if (c == quote) {
      p->pos++;
      break;
    }
    if (c == '\\') {
      uint32_t es = p->pos;
      p->pos++;
      escaped = true;
      scan_escape(p, false, es);
      continue;
    }
    buf_push(p, (uint16_t)c);
    p->pos++;
  }
  p->tok.type = TOK_STRING;
  p->tok.escaped = escaped;
  p->tok.str = parse_intern(p, p->buf, p->buf_len);
}

/* p->pos is just after ` or }. */
static void scan_template_part(Parser *p, uint32_t start) {
  buf_reset(p);
  bool cooked_ok = true;
  uint32_t raw_start = p->pos;
  for (;;) {
    uint32_t c = cur(p);
    if (c == CH_EOF) parse_fail_at(p, start, p->pos, "Unterminated template literal");
    if (c == '`') {
      p->tok.template_tail = true;
      break;
    }
    if (c == '$' && peek_at(p, p->pos + 1) == '{') {
      p->tok.template_tail = false;
      break;
    }
    if (c == '\\') {
      uint32_t es = p->pos;
      p->pos++;
      if (!scan_escape(p, true, es)) {
        cooked_ok = false;
        /* skip the bad escape's character; the raw text keeps everything */
        p->pos++;
      }
      continue;
    }
    if (c == '\r') {
      buf_push(p, '\n');
      p->pos++;
      if (cur(p) == '\n') p->pos++;
      continue;
    }
    buf_push(p, (uint16_t)c);
    p->pos++;
  }
  uint32_t raw_end = p->pos;
  p->pos += p->tok.template_tail ? 1 : 2;
  p->tok.type = TOK_TEMPLATE;
  p->tok.str = cooked_ok ? parse_intern(p, p->buf, p->buf_len) : NULL;
  /* raw: CR and CRLF become LF */
  buf_reset(p);
  for (uint32_t i = raw_start; i < raw_end; i++) {
    uint16_t u = p->src[i];
    if (u == '\r') {
      buf_push(p, '\n');
      if (i + 1 < raw_end && p->src[i + 1] == '\n') i++;
    } else {
      buf_push(p, u);
    }
  }
  p->tok.raw = parse_intern(p, p->buf, p->buf_len);
}

void scan_template_continue(Parser *p) {
  /* current token is '}' : rescan from just after it */
  p->pos = p->tok.start + 1;
  uint32_t start = p->tok.start;
  bool nl = p->tok.nl_before;
  memset(&p->tok, 0, sizeof p->tok);
  p->tok.start = start;
  p->tok.nl_before = nl;
  scan_template_part(p, start);
  p->tok.end = p->pos;
}

void scan_regexp(Parser *p) {
  uint32_t start = p->tok.start;
  bool nl = p->tok.nl_before;
  p->pos = start + 1;
  bool in_class = false;
  for (;;) {
    uint32_t c = cur(p);
    if (c == CH_EOF || scan_is_line_terminator(c))
      parse_fail_at(p, start, p->pos, "Invalid regular expression: missing /");
    if (c == '\\') {
      p->pos++;
      c = cur(p);
      if (c == CH_EOF || scan_is_line_terminator(c))
        parse_fail_at(p, start, p->pos, "Invalid regular expression: missing /");
      p->pos++;
      continue;
    }
    if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    else if (c == '/' && !in_class) break;
    p->pos++;
  }
  uint32_t body_end = p->pos;
  p->pos++;
  uint32_t flags_start = p->pos;
  for (;;) {
    uint32_t n;
    uint32_t c = cp_at(p, p->pos, &n);
    if (c == '\\') parse_fail_at(p, start, p->pos + 1, "Invalid regular expression flags");
    if (!scan_is_id_part(c)) break;
    p->pos += n;
  }
  memset(&p->tok, 0, sizeof p->tok);
  p->tok.type = TOK_REGEXP;
  p->tok.start = start;
  p->tok.nl_before = nl;
  p->tok.end = p->pos;
  p->tok.str = parse_intern(p, p->src + start + 1, body_end - start - 1);
  p->tok.raw = parse_intern(p, p->src + flags_start, p->pos - flags_start);
}

/* ---- punctuators ---- */

static int punct(Parser *p) {
  uint32_t c = cur(p), c1 = peek_at(p, p->pos + 1), c2 = peek_at(p, p->pos + 2),
           c3 = peek_at(p, p->pos + 3);
#define R(len, t) return (p->pos += (len), (t))
  switch (c) {
  case '{': R(1, TOK_LBRACE);
  case '}': R(1, TOK_RBRACE);
  case '(': R(1, TOK_LPAREN);
  case ')': R(1, TOK_RPAREN);
  case '[': R(1, TOK_LBRACKET);
  case ']': R(1, TOK_RBRACKET);
  case ';': R(1, TOK_SEMI);
  case ',': R(1, TOK_COMMA);
  case ':': R(1, TOK_COLON);
  case '~': R(1, TOK_TILDE);
  case '.':
    if (c1 == '.' && c2 == '.') R(3, TOK_ELLIPSIS);
    R(1, TOK_DOT);
  case '<':
    if (c1 == '<') {
      if (c2 == '=') R(3, TOK_SHL_ASSIGN);
      R(2, TOK_SHL);
    }
    if (c1 == '=') R(2, TOK_LE);
    R(1, TOK_LT);
  case '>':
    if (c1 == '>') {
      if (c2 == '>') {
        if (c3 == '=') R(4, TOK_SHR_ASSIGN);
        R(3, TOK_SHR);
      }
      if (c2 == '=') R(3, TOK_SAR_ASSIGN);
      R(2, TOK_SAR);
    }
    if (c1 == '=') R(2, TOK_GE);
    R(1, TOK_GT);
  case '=':
    if (c1 == '=') {
      if (c2 == '=') R(3, TOK_SEQ);
      R(2, TOK_EQ);
    }
    if (c1 == '>') R(2, TOK_ARROW);
    R(1, TOK_ASSIGN);
  case '!':
    if (c1 == '=') {
      if (c2 == '=') R(3, TOK_SNE);
      R(2, TOK_NE);
    }
    R(1, TOK_BANG);
  case '+':
    if (c1 == '+') R(2, TOK_INC);
    if (c1 == '=') R(2, TOK_ADD_ASSIGN);
    R(1, TOK_PLUS);
  case '-':
    if (c1 == '-') R(2, TOK_DEC);
    if (c1 == '=') R(2, TOK_SUB_ASSIGN);
    R(1, TOK_MINUS);
  case '*':
    if (c1 == '*') {
      if (c2 == '=') R(3, TOK_EXP_ASSIGN);
      R(2, TOK_EXP);
    }
    if (c1 == '=') R(2, TOK_MUL_ASSIGN);
    R(1, TOK_STAR);
  case '/':
    if (c1 == '=') R(2, TOK_DIV_ASSIGN);
    R(1, TOK_SLASH);
  case '%':
    if (c1 == '=') R(2, TOK_MOD_ASSIGN);
    R(1, TOK_PERCENT);
  case '&':
    if (c1 == '&') {
      if (c2 == '=') R(3, TOK_LAND_ASSIGN);
      R(2, TOK_AND);
    }
    if (c1 == '=') R(2, TOK_AND_ASSIGN);
    R(1, TOK_AMP);
  case '|':
    if (c1 == '|') {
      if (c2 == '=') R(3, TOK_LOR_ASSIGN);
      R(2, TOK_OR);
    }
    if (c1 == '=') R(2, TOK_OR_ASSIGN);
    R(1, TOK_PIPE);
  case '^':
    if (c1 == '=') R(2, TOK_XOR_ASSIGN);
    R(1, TOK_CARET);
  case '?':
    if (c1 == '?') {
      if (c2 == '=') R(3, TOK_NULLISH_ASSIGN);
      R(2, TOK_NULLISH);
    }
    if (c1 == '.' && !(c2 >= '0' && c2 <= '9')) R(2, TOK_OPTIONAL);
    R(1, TOK_QUESTION);
  default:
    return -1;
  }
#undef R
}

void scan_next(Parser *p) {
  p->prev_end = p->tok.end;
  p->prev_nl = false;
  skip_trivia(p);
  memset(&p->tok, 0, sizeof p->tok);
  p->tok.nl_before = p->prev_nl;
  p->tok.start = p->pos;
  if (p->pos >= p->len) {
    p->tok.type = TOK_EOF;
    p->tok.end = p->pos;
    return;
  }
  uint32_t c = cur(p);
  if ((c >= '0' && c <= '9') || (c == '.' && peek_at(p, p->pos + 1) >= '0' && peek_at(p, p->pos + 1) <= '9')) {
    scan_number(p);
  } else if (c == '"' || c == '\'') {
    scan_string(p, c);
  } else if (c == '`') {
    p->pos++;
    scan_template_part(p, p->tok.start);
  } else if (c == '#') {
    p->pos++;
    if (!scan_identifier(p, true)) parse_fail_at(p, p->tok.start, p->pos, "Invalid or unexpected token");
  } else {
    int t = punct(p);
    if (t >= 0) {
      p->tok.type = (uint8_t)t;
    } else if (!scan_identifier(p, false)) {
      uint32_t n;
      cp_at(p, p->pos, &n);
      parse_fail_at(p, p->pos, p->pos + n, "Invalid or unexpected token");
    }
  }
  p->tok.end = p->pos;
}

void scan_init(Parser *p) {
  p->pos = 0;
  /* Hashbang comment (only at the very start of a script, a module or eval code, which parses as a
   * Script; CreateDynamicFunction never starts its source text with one). */
  if (p->len >= 2 && p->src[0] == '#' && p->src[1] == '!') skip_line_comment(p);
  memset(&p->tok, 0, sizeof p->tok);
  scan_next(p);
  p->prev_end = 0;
}

const char *token_text(TokenType t) {
  static const char *const names[TOK_COUNT] = {
      [TOK_EOF] = "end of input", [TOK_IDENT] = "identifier", [TOK_PRIVATE_NAME] = "#name",
      [TOK_NUMBER] = "number", [TOK_BIGINT] = "bigint", [TOK_STRING] = "string",
      [TOK_TEMPLATE] = "template string", [TOK_REGEXP] = "regular expression",
      [TOK_LBRACE] = "{", [TOK_RBRACE] = "}", [TOK_LPAREN] = "(", [TOK_RPAREN] = ")",
      [TOK_LBRACKET] = "[", [TOK_RBRACKET] = "]", [TOK_DOT] = ".", [TOK_ELLIPSIS] = "...",
      [TOK_SEMI] = ";", [TOK_COMMA] = ",", [TOK_LT] = "<", [TOK_GT] = ">", [TOK_LE] = "<=",
      [TOK_GE] = ">=", [TOK_EQ] = "==", [TOK_NE] = "!=", [TOK_SEQ] = "===", [TOK_SNE] = "!==",
      [TOK_PLUS] = "+", [TOK_MINUS] = "-", [TOK_STAR] = "*", [TOK_SLASH] = "/",
      [TOK_PERCENT] = "%", [TOK_EXP] = "**", [TOK_INC] = "++", [TOK_DEC] = "--",
      [TOK_SHL] = "<<", [TOK_SAR] = ">>", [TOK_SHR] = ">>>", [TOK_AMP] = "&", [TOK_PIPE] = "|",
      [TOK_CARET] = "^", [TOK_BANG] = "!", [TOK_TILDE] = "~", [TOK_AND] = "&&", [TOK_OR] = "||",
      [TOK_NULLISH] = "??", [TOK_QUESTION] = "?", [TOK_OPTIONAL] = "?.", [TOK_COLON] = ":",
      [TOK_ASSIGN] = "=", [TOK_ADD_ASSIGN] = "+=", [TOK_SUB_ASSIGN] = "-=",
      [TOK_MUL_ASSIGN] = "*=", [TOK_DIV_ASSIGN] = "/=", [TOK_MOD_ASSIGN] = "%=",
      [TOK_EXP_ASSIGN] = "**=", [TOK_SHL_ASSIGN] = "<<=", [TOK_SAR_ASSIGN] = ">>=",
      [TOK_SHR_ASSIGN] = ">>>=", [TOK_AND_ASSIGN] = "&=", [TOK_OR_ASSIGN] = "|=",
      [TOK_XOR_ASSIGN] = "^=", [TOK_LAND_ASSIGN] = "&&=", [TOK_LOR_ASSIGN] = "||=",
      [TOK_NULLISH_ASSIGN] = "?\?=", [TOK_ARROW] = "=>",
  };
  return t < TOK_COUNT && names[t] ? names[t] : "?";
}
