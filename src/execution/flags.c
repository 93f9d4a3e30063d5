/*
 * Engine flags: the process-wide table declared by PT_FLAGS (flags.h), its parser and --help.
 * Parsing follows V8: --name, --no-name (booleans), --name=value and --name value (ints and
 * strings); '_' and '-' are interchangeable in names. Flags are set before the first isolate.
 */
#include "execution/flags.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

PtFlags pt_flags = {
#define PT_FLAG_INIT(type, c, name, def, help) .c = def,
    PT_FLAGS(PT_FLAG_INIT)
#undef PT_FLAG_INIT
};

typedef enum { FLAG_BOOL, FLAG_INT, FLAG_STRING } FlagType;

typedef struct FlagInfo {
  FlagType type;
  const char *name;
  const char *help;
  void *storage;
} FlagInfo;

static const FlagInfo flag_table[] = {
#define PT_FLAG_INFO(type, c, name, def, help) {FLAG_##type, name, help, &pt_flags.c},
    PT_FLAGS(PT_FLAG_INFO)
#undef PT_FLAG_INFO
};

/* Compares a flag name from the table with `len` bytes of user text, '_' == '-'. */
static bool flags_name_matches(const char *name, const char *text, size_t len) {
  size_t i = 0;
  for (; i < len; i++) {
    char a = name[i], b = text[i];
    if (a == '\0') return false;
    if (a == '_') a = '-';
    if (b == '_') b = '-';
    if (a != b) return false;
  }
  return name[i] == '\0';
}

static const FlagInfo *flags_find(const char *text, size_t len) {
  for (size_t i = 0; i < PT_ARRAY_LEN(flag_table); i++)
    if (flags_name_matches(flag_table[i].name, text, len)) return &flag_table[i];
  return NULL;
}

/* Parses an integer value; returns false when it is not a whole decimal number in int range. */
static bool flags_parse_int(const char *s, int *out) {
  if (s == NULL || *s == '\0') return false;
  errno = 0;
  char *end;
  long v = strtol(s, &end, 10);
  if (*end != '\0' || errno != 0 || v < -2147483647L - 1 || v > 2147483647L) return false;
  *out = (int)v;
  return true;
}

static bool flags_parse_bool_value(const char *s, bool *out) {
  if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) return *out = true, true;
  if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0) return *out = false, true;
  return false;
}

/*
 * Tries to consume argv[i] (and maybe argv[i+1]) as an engine flag. Returns the number of argv
 * entries consumed, 0 when argv[i] is not an engine flag. A malformed value for a known flag is
 * reported on stderr and consumed, as V8 does, so the caller does not mistake it for a file.
 */
static int flags_try_parse_one(int argc, char **argv, int i) {
  const char *arg = argv[i];
  if (arg[0] != '-') return 0;
  arg += (arg[1] == '-') ? 2 : 1;
  if (*arg == '\0') return 0;
  const char *eq = strchr(arg, '=');
  size_t name_len = eq ? (size_t)(eq - arg) : strlen(arg);
  bool negated = false;
  const FlagInfo *f = flags_find(arg, name_len);
  if (f == NULL && name_len > 3 && (strncmp(arg, "no-", 3) == 0 || strncmp(arg, "no_", 3) == 0)) {
    f = flags_find(arg + 3, name_len - 3);
    if (f != NULL && f->type != FLAG_BOOL) f = NULL;
    negated = f != NULL;
  }
  if (f == NULL) return 0;
  switch (f->type) {
    case FLAG_BOOL: {
      bool v = !negated;
      if (eq != NULL) {
        if (negated || !flags_parse_bool_value(eq + 1, &v)) {
          fprintf(stderr, "Error: illegal value for flag %s\n", argv[i]);
          return 1;
        }
      }
      *(bool *)f->storage = v;
      return 1;
    }
    case FLAG_INT: {
      const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
      int v;
      if (!flags_parse_int(value, &v)) {
        fprintf(stderr, "Error: missing or illegal integer value for flag %s\n", argv[i]);
        return eq ? 1 : (value ? 2 : 1);
      }
      *(int *)f->storage = v;
      return eq ? 1 : 2;
    }
    case FLAG_STRING: {
      const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
      if (value == NULL) {
        fprintf(stderr, "Error: missing value for flag %s\n", argv[i]);
        return 1;
      }
      /* argv strings outlive the process's use of flags, so no copy is needed. */
      *(const char **)f->storage = value;
      return eq ? 1 : 2;
    }
  }
  return 0;
}

int flags_parse(int argc, char **argv) {
  int out = argc > 0 ? 1 : 0; /* argv[0] is the program name */
  for (int i = out; i < argc;) {
    if (strcmp(argv[i], "--") == 0) { /* everything after "--" belongs to the script */
      while (i < argc) argv[out++] = argv[i++];
      break;
    }
    int used = flags_try_parse_one(argc, argv, i);
    if (used == 0) {
      argv[out++] = argv[i++];
    } else {
      i += used;
    }
  }
  if (out < argc) argv[out] = NULL;
  return out;
}

void flags_print_help(void *file) {
  FILE *f = file ? (FILE *)file : stdout;
  fprintf(f, "Engine flags (--name, --no-name for booleans, --name=value or --name value):\n");
  for (size_t i = 0; i < PT_ARRAY_LEN(flag_table); i++) {
    const FlagInfo *fl = &flag_table[i];
    switch (fl->type) {
      case FLAG_BOOL:
        fprintf(f, "  --%s (%s)\n        type: bool  default: %s\n", fl->name, fl->help,
                *(bool *)fl->storage ? "true" : "false");
        break;
      case FLAG_INT:
        fprintf(f, "  --%s (%s)\n        type: int  default: %d\n", fl->name, fl->help,
                *(int *)fl->storage);
        break;
      case FLAG_STRING:
        fprintf(f, "  --%s (%s)\n        type: string  default: %s\n", fl->name, fl->help,
                *(const char **)fl->storage ? *(const char **)fl->storage : "(none)");
        break;
    }
  }
}
