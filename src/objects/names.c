/* The table of common property names (names.h), internalized once per isolate. */
#include "objects/names.h"

#include "heap/heap-internal.h"
#include "objects/string.h"

#include <stdlib.h>

static const char *const name_texts[NAME_COUNT] = {
#define PT_NAME_TEXT(id, text) text,
    PT_NAMES(PT_NAME_TEXT)
#undef PT_NAME_TEXT
};

Value names_get(const Isolate *iso, NameId id) { return iso->names[id]; }

int names_init_isolate(Isolate *iso) {
  iso->names = calloc(NAME_COUNT, sizeof(Value));
  if (!iso->names) return -1;
  for (int i = 0; i < NAME_COUNT; i++) iso->names[i] = VAL_UNDEFINED;
  for (int i = 0; i < NAME_COUNT; i++) {
    Value s = str_intern_cstr(iso, name_texts[i]);
    if (s == VAL_EXCEPTION) return -1;
    iso->names[i] = s;
  }
  return 0;
}

void names_free_isolate(Isolate *iso) {
  free(iso->names);
  iso->names = NULL;
}

void names_visit_roots(Isolate *iso, HeapVisitor *v) {
  if (iso->names) heap_visit_values(v, iso->names, NAME_COUNT);
}
