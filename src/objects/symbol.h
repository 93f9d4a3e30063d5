/* Symbols, and the well-known symbols shared by every realm of an isolate. */
#ifndef PETREL_OBJECTS_SYMBOL_H
#define PETREL_OBJECTS_SYMBOL_H

#include "runtime/runtime.h"

#define PT_WELL_KNOWN_SYMBOLS(X)                                                                   \
  X(ASYNC_ITERATOR, "Symbol.asyncIterator") X(HAS_INSTANCE, "Symbol.hasInstance")                  \
  X(IS_CONCAT_SPREADABLE, "Symbol.isConcatSpreadable") X(ITERATOR, "Symbol.iterator")              \
  X(MATCH, "Symbol.match") X(MATCH_ALL, "Symbol.matchAll") X(REPLACE, "Symbol.replace")            \
  X(SEARCH, "Symbol.search") X(SPECIES, "Symbol.species") X(SPLIT, "Symbol.split")                 \
  X(TO_PRIMITIVE, "Symbol.toPrimitive") X(TO_STRING_TAG, "Symbol.toStringTag")                     \
  X(UNSCOPABLES, "Symbol.unscopables") X(DISPOSE, "Symbol.dispose")                                \
  X(ASYNC_DISPOSE, "Symbol.asyncDispose")

typedef enum WellKnownSymbol {
#define PT_WKS_ENUM(id, desc) WKS_##id,
  PT_WELL_KNOWN_SYMBOLS(PT_WKS_ENUM)
#undef PT_WKS_ENUM
  WKS_COUNT
} WellKnownSymbol;

typedef struct Symbol {
  HeapObject header;  /* IT_SYMBOL */
  Value description;  /* a String, or undefined */
  uint32_t hash;      /* random, for hash tables keyed by symbols */
  uint32_t flags;     /* SYM_* */
} Symbol;
enum { SYM_PRIVATE = 1 << 0, SYM_WELL_KNOWN = 1 << 1, SYM_REGISTERED = 1 << 2 };

static inline uint32_t sym_hash(Value symbol) { return ((Symbol *)val_to_ptr(symbol))->hash; }

Value sym_new(Isolate *iso, Value description); /* description: a String or undefined */
Value sym_new_private(Isolate *iso, Value description); /* private names (#x) and private symbols */
Value sym_description(Value symbol);            /* String or undefined */
bool sym_is_private(Value symbol);
Value sym_well_known(Isolate *iso, WellKnownSymbol which);
/* The global symbol registry (Symbol.for / Symbol.keyFor). */
Value sym_for(Isolate *iso, Value key_string);
Value sym_key_for(Isolate *iso, Value symbol); /* String or undefined */

/* Created/registered by isolate_new. */
void sym_register_types(void);
int sym_init_isolate(Isolate *iso);
void sym_free_isolate(Isolate *iso);

#endif
