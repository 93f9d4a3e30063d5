/*
 * Parses test262 files WITHOUT running them, to measure the front end:
 *   (a) tests with `negative: phase: parse, type: SyntaxError` must be rejected;
 *   (b) every other test must parse (as a module with flags [module]; strict for onlyStrict,
 *       sloppy for noStrict/raw, both otherwise).
 * usage: parse-test262 [-v] [-f failures.txt] file.js...   (built by tools/parse-test262.sh)
 * Prints per-top-level-folder rates ("language/expressions" style: test/<a>/<b>).
 */
#include "base/utf.h"
#include "parsing/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Stat {
  char name[128];
  int neg_total, neg_ok, pos_total, pos_ok;
} Stat;

static Stat stats[512];
static int nstats;
static int skipped;

static Stat *stat_for(const char *path) {
  const char *t = strstr(path, "test/");
  char key[128];
  if (!t) t = path;
  else t += 5;
  /* first two components */
  const char *s1 = strchr(t, '/');
  const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
  size_t n = s2 ? (size_t)(s2 - t) : s1 ? (size_t)(s1 - t) : strlen(t);
  if (n >= sizeof key) n = sizeof key - 1;
  memcpy(key, t, n);
  key[n] = 0;
  for (int i = 0; i < nstats; i++)
    if (strcmp(stats[i].name, key) == 0) return &stats[i];
  if (nstats == 512) return &stats[511];
  Stat *st = &stats[nstats++];
  memset(st, 0, sizeof *st);
  strcpy(st->name, key);
  return st;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (!b) {
    fclose(f);
    return NULL;
  }
  *len = fread(b, 1, (size_t)n, f);
  b[*len] = 0;
  fclose(f);
  return b;
}

static bool preparse;      /* -p: parse with the pre-parser (ParseOptions.preparse) */
static bool compare_preparse; /* -c: also parse with the pre-parser; any other outcome is a DIFF */
static int preparse_diffs;

static int try_parse_mode(const uint16_t *u, size_t n, bool module, bool strict, bool pre, char *msg, size_t msgsz) {
  ParseOptions o;
  parse_options_init(&o);
  o.is_module = module;
  o.strict = strict;
  o.preparse = pre;
  ParseResult *r = parse_program(u, n, &o);
  if (!r) return -1;
  int ok = r->ok;
  if (!ok) snprintf(msg, msgsz, "%d:%d %s", r->error.line, r->error.column, r->error.message);
  else if (msgsz) msg[0] = 0;
  parse_result_free(r);
  return ok;
}

static FILE *fails;
static const char *current_path;

/* 1 = parsed, 0 = rejected */
static int try_parse(const uint16_t *u, size_t n, bool module, bool strict, char *msg, size_t msgsz) {
  int ok = try_parse_mode(u, n, module, strict, preparse, msg, msgsz);
  if (compare_preparse) {
    char other[300] = "";
    int ok2 = try_parse_mode(u, n, module, strict, !preparse, other, sizeof other);
    if (ok2 != ok || (!ok && strcmp(other, msg) != 0)) {
      preparse_diffs++;
      if (fails) fprintf(fails, "DIFF %s (%s) -- %s | %s\n", current_path, module ? "module" : strict ? "strict" : "sloppy",
                         ok ? "OK" : msg, ok2 ? "OK" : other);
    }
  }
  return ok;
}

int main(int argc, char **argv) {
  bool verbose = false;
  int fuzz = 0;
  bool positions = false;
  int i = 1;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) verbose = true;
    else if (strcmp(argv[i], "-f") == 0 && i + 1 < argc) fails = fopen(argv[++i], "w");
    else if (strcmp(argv[i], "-z") == 0 && i + 1 < argc) fuzz = atoi(argv[++i]);
    else if (strcmp(argv[i], "-P") == 0) positions = true;
    else if (strcmp(argv[i], "-p") == 0) preparse = true;
    else if (strcmp(argv[i], "-c") == 0) compare_preparse = true;
    else break;
  }
  int files_from_stdin = i >= argc;
  char line[4096];
  for (;;) {
    const char *path;
    if (files_from_stdin) {
      if (!fgets(line, sizeof line, stdin)) break;
      line[strcspn(line, "\n")] = 0;
      path = line;
    } else {
      if (i >= argc) break;
      path = argv[i++];
    }
    if (strstr(path, "_FIXTURE")) continue;
    current_path = path;
    size_t len;
    char *src = read_file(path, &len);
    if (!src) continue;
    const char *meta = strstr(src, "/*---");
    const char *meta_end = meta ? strstr(meta, "---*/") : NULL;
    bool negative_parse = false, module = false, only_strict = false, no_strict = false, raw = false;
    if (meta && meta_end) {
      size_t mlen = (size_t)(meta_end - meta);
      char *m = malloc(mlen + 1);
      memcpy(m, meta, mlen);
      m[mlen] = 0;
      char *neg = strstr(m, "negative:");
      if (neg) {
        char *ph = strstr(neg, "phase:");
        if (ph && strncmp(ph + 6 + strspn(ph + 6, " "), "parse", 5) == 0) {
          char *ty = strstr(neg, "type:");
          if (ty && strstr(ty, "SyntaxError")) negative_parse = true;
        }
      }
      char *feat = strstr(m, "features:");
      if (feat && (strstr(feat, "import-defer") || strstr(feat, "source-phase-imports") ||
                   strstr(feat, "decorators") || strstr(feat, "import-text") || strstr(feat, "import-bytes"))) {
        /* post-ES2025 proposals: not parsed by design */
        skipped++;
        free(m);
        free(src);
        continue;
      }
      char *fl = strstr(m, "flags:");
      if (fl) {
        char *eol = strchr(fl, '\n');
        if (eol) *eol = 0;
        module = strstr(fl, "module") != NULL;
        only_strict = strstr(fl, "onlyStrict") != NULL;
        no_strict = strstr(fl, "noStrict") != NULL;
        raw = strstr(fl, "raw") != NULL;
      }
      free(m);
    }
    size_t ulen = pt_utf8_utf16_length(src, len, NULL);
    uint16_t *u = malloc((ulen + 1) * 2);
    pt_utf8_to_utf16(src, len, u);
    Stat *st = stat_for(path);
    char msg[300] = "";
    int results[2] = {-2, -2};
    int nruns = 0;
    if (module) {
      results[nruns++] = try_parse(u, ulen, true, true, msg, sizeof msg);
    } else {
      if (!only_strict) results[nruns++] = try_parse(u, ulen, false, false, msg, sizeof msg);
      if (!no_strict && !raw) results[nruns++] = try_parse(u, ulen, false, true, msg, sizeof msg);
    }
    if (negative_parse) {
      st->neg_total++;
      bool all_rejected = true;
      for (int k = 0; k < nruns; k++)
        if (results[k] != 0) all_rejected = false;
      if (all_rejected) st->neg_ok++;
      else if (fails) fprintf(fails, "NEG %s\n", path);
    } else {
      st->pos_total++;
      bool all_ok = true;
      for (int k = 0; k < nruns; k++)
        if (results[k] != 1) all_ok = false;
      if (all_ok) st->pos_ok++;
      else if (fails) fprintf(fails, "POS %s  -- %s\n", path, msg);
    }
    if (positions && negative_parse && !module && !only_strict) {
      char m1[300] = "";
      try_parse(u, ulen, false, false, m1, sizeof m1);
      char *sp = strchr(m1, ' ');
      if (sp) *sp = 0;
      printf("%s\t%s\n", path, m1);
    }
    if (verbose && negative_parse && !module) {
      /* the first mode's message (sloppy unless onlyStrict), for comparing with V8's texts */
      char m1[300] = "OK";
      try_parse(u, ulen, false, only_strict, m1, sizeof m1);
      char *sp = strchr(m1, ' ');
      printf("%s\t%s\n", path, sp && m1[0] >= '0' && m1[0] <= '9' ? sp + 1 : m1);
    }
    /* -z N: mutate the source N times and check the parser survives (no crash / hang) */
    static const char ins[] = "({[`'\"/)}]\\=>*#?.;,\n0x";
    uint16_t *mu = malloc((ulen + 64) * 2);
    for (int z = 0; z < fuzz; z++) {
      size_t ml = ulen;
      memcpy(mu, u, ulen * 2);
      unsigned seed = (unsigned)(z * 2654435761u + ulen);
      int nmut = 1 + (int)(seed % 3);
      for (int k = 0; k < nmut && ml > 0; k++) {
        seed = seed * 1103515245u + 12345u;
        size_t at = (seed >> 8) % ml;
        switch ((seed >> 4) % 4) {
        case 0: ml = at; break;                                    /* truncate */
        case 1: memmove(mu + at, mu + at + 1, (ml - at - 1) * 2); ml--; break; /* delete */
        case 2:
          if (ml < ulen + 60) {
            memmove(mu + at + 1, mu + at, (ml - at) * 2);
            mu[at] = (uint16_t)ins[(seed >> 12) % (sizeof ins - 1)];
            ml++;
          }
          break;
        default: mu[at] = (uint16_t)ins[(seed >> 12) % (sizeof ins - 1)]; break; /* replace */
        }
      }
      for (int mode = 0; mode < 2; mode++) try_parse(mu, ml, mode == 1, mode == 1, msg, sizeof msg);
    }
    free(mu);
    free(u);
    free(src);
  }
  int nt = 0, no = 0, pt = 0, po = 0;
  printf("%-40s %18s %18s\n", "folder", "reject(neg)", "accept(pos)");
  for (int k = 0; k < nstats; k++) {
    Stat *s = &stats[k];
    printf("%-40s %7d/%-7d %5.1f%% %7d/%-7d %5.1f%%\n", s->name, s->neg_ok, s->neg_total,
           s->neg_total ? 100.0 * s->neg_ok / s->neg_total : 100.0, s->pos_ok, s->pos_total,
           s->pos_total ? 100.0 * s->pos_ok / s->pos_total : 100.0);
    nt += s->neg_total;
    no += s->neg_ok;
    pt += s->pos_total;
    po += s->pos_ok;
  }
  printf("%-40s %7d/%-7d %5.1f%% %7d/%-7d %5.1f%%\n", "TOTAL", no, nt, nt ? 100.0 * no / nt : 100.0, po, pt,
         pt ? 100.0 * po / pt : 100.0);
  printf("skipped (post-ES2025 proposals: import defer/source, decorators): %d\n", skipped);
  if (compare_preparse) printf("pre-parser vs full parse: %d runs with a different outcome or message\n", preparse_diffs);
  if (fails) fclose(fails);
  return 0;
}
