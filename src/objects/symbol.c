/*
 * Symbols, the well-known symbols (one set per isolate, shared by its realms) and the global
 * symbol registry behind Symbol.for / Symbol.keyFor. The registry is a C-side hash table keyed by
 * the internalized key string; its entries are strong roots (a registered symbol can always be
 * recreated by Symbol.for, so identity must persist).
 */
#include "objects/symbol.h"

#include "heap/heap-internal.h"
#include "objects/string.h"

#include <stdlib.h>

typedef struct RegistryEntry {
  Value key;    /* internalized String */
  Value symbol;
} RegistryEntry;

typedef struct SymbolTable {
  Value well_known[WKS_COUNT];
  RegistryEntry *registry;
  size_t cap, count;
  uint64_t hash_state;
} SymbolTable;

static size_t symbol_size(const HeapObject *o) {
  PT_UNUSED(o);
  return sizeof(Symbol);
}
static void symbol_visit(HeapObject *o, HeapVisitor *v) {
  heap_visit_value(v, &((Symbol *)o)->description);
}
void sym_register_types(void) { heap_register_type(IT_SYMBOL, symbol_size, symbol_visit, NULL); }

static uint32_t next_hash(SymbolTable *t) {
  /* splitmix64: distinct, unpredictable-enough hashes seeded from the isolate's seed. */
  uint64_t z = (t->hash_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return (uint32_t)(z ^ (z >> 31));
}

static Value make_symbol(Isolate *iso, Value description, uint32_t flags) {
  Symbol *s = heap_alloc(iso, sizeof(Symbol), map_for_type(iso, IT_SYMBOL));
  if (!s) return VAL_EXCEPTION;
  s->description = description;
  s->flags = flags;
  s->hash = next_hash(iso->symbols);
  return val_from_ptr(s);
}

Value sym_new(Isolate *iso, Value description) { return make_symbol(iso, description, 0); }
Value sym_new_private(Isolate *iso, Value description) {
  return make_symbol(iso, description, SYM_PRIVATE);
}
Value sym_description(Value symbol) { return ((Symbol *)val_to_ptr(symbol))->description; }
bool sym_is_private(Value symbol) { return (((Symbol *)val_to_ptr(symbol))->flags & SYM_PRIVATE) != 0; }
Value sym_well_known(Isolate *iso, WellKnownSymbol which) { return iso->symbols->well_known[which]; }

int sym_init_isolate(Isolate *iso) {
  SymbolTable *t = calloc(1, sizeof *t);
  if (!t) return -1;
  t->hash_state = ((uint64_t)iso->hash_seed << 32) ^ 0x5bd1e995u;
  for (int i = 0; i < WKS_COUNT; i++) t->well_known[i] = VAL_UNDEFINED;
  iso->symbols = t;
  static const char *const descriptions[] = {
#define PT_WKS_DESC(id, desc) desc,
      PT_WELL_KNOWN_SYMBOLS(PT_WKS_DESC)
#undef PT_WKS_DESC
  };
  for (int i = 0; i < WKS_COUNT; i++) {
    Value d = str_intern_cstr(iso, descriptions[i]);
    if (d == VAL_EXCEPTION) return -1;
    Value s = make_symbol(iso, d, SYM_WELL_KNOWN);
    if (s == VAL_EXCEPTION) return -1;
    t->well_known[i] = s;
  }
  return 0;
}

void sym_free_isolate(Isolate *iso) {
  SymbolTable *t = iso->symbols;
  if (!t) return;
  free(t->registry);
  free(t);
  iso->symbols = NULL;
}

void sym_visit_roots(Isolate *iso, HeapVisitor *v) {
  SymbolTable *t = iso->symbols;
  if (!t) return;
  heap_visit_values(v, t->well_known, WKS_COUNT);
  for (size_t i = 0; i < t->cap; i++)
    if (t->registry[i].key != VAL_HOLE && t->registry[i].key) {
      heap_visit_value(v, &t->registry[i].key);
      heap_visit_value(v, &t->registry[i].symbol);
    }
}

static RegistryEntry *registry_find(Isolate *iso, SymbolTable *t, Value key) {
  if (!t->cap) return NULL;
  size_t mask = t->cap - 1, i = str_hash(iso, key) & mask;
  while (t->registry[i].key) {
    if (t->registry[i].key == key) return &t->registry[i];
    i = (i + 1) & mask;
  }
  return &t->registry[i]; /* the empty slot where key would go */
}

Value sym_for(Isolate *iso, Value key_string) {
  SymbolTable *t = iso->symbols;
  Value key = str_intern(iso, key_string);
  if (key == VAL_EXCEPTION) return key;
  RegistryEntry *e = registry_find(iso, t, key);
  if (e && e->key) return e->symbol;
  if ((t->count + 1) * 2 > t->cap) {
    size_t ncap = t->cap ? t->cap * 2 : 16;
    RegistryEntry *n = calloc(ncap, sizeof *n);
    if (!n) return isolate_throw_oom(iso);
    RegistryEntry *old = t->registry;
    size_t ocap = t->cap;
    t->registry = n;
    t->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
      if (old[i].key) *registry_find(iso, t, old[i].key) = old[i];
    free(old);
  }
  Value sym = make_symbol(iso, key, SYM_REGISTERED);
  if (sym == VAL_EXCEPTION) return sym;
  e = registry_find(iso, t, key); /* the table may not have moved, but the GC may have run */
  e->key = key;
  e->symbol = sym;
  t->count++;
  return sym;
}

Value sym_key_for(Isolate *iso, Value symbol) {
  PT_UNUSED(iso);
  Symbol *s = (Symbol *)val_to_ptr(symbol);
  return (s->flags & SYM_REGISTERED) ? s->description : VAL_UNDEFINED;
}
