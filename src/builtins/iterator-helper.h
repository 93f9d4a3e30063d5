/*
 * The lazy %IteratorHelperPrototype% objects, shared by iterator-helpers.c (map, filter, take,
 * drop, flatMap) and iterator-extras.c (Iterator.concat, Iterator.zip/zipKeyed,
 * Iterator.prototype.chunks/windows). One layout, one `next`/`return`; `kind` selects the
 * closure and the fields hold what its locals would.
 */
#ifndef PETREL_BUILTINS_ITERATOR_HELPER_H
#define PETREL_BUILTINS_ITERATOR_HELPER_H

#include "builtins/iterator.h"
#include "objects/js-object.h"

enum { BRAND_HELPER = 0x49744870, BRAND_WRAP = 0x49745770 };
enum { ST_START, ST_YIELD, ST_EXECUTING, ST_DONE };
enum { H_MAP, H_FILTER, H_TAKE, H_DROP, H_FLAT_MAP, H_CONCAT, H_ZIP, H_CHUNKS, H_WINDOWS };

typedef struct JSIteratorHelper {
  JSObject base;
  Value brand;      /* int BRAND_HELPER */
  Value state;      /* int ST_* */
  Value kind;       /* int H_* */
  Value iterator;   /* [[UnderlyingIterator]]: the iterator and its next method */
  Value next;
  Value fn;         /* mapper or predicate */
  Value counter;    /* number */
  Value remaining;  /* take/drop: number (may be +Infinity) */
  Value inner;      /* flatMap: the inner iterator and its next method, or undefined */
  Value inner_next;
  Value aux;        /* iterator-extras.c: kind-specific */
} JSIteratorHelper;

/* iterator-extras.c: the closures of the kinds from H_CONCAT on. ext_step runs to the next
 * Yield (the value, VAL_HOLE when the closure returned, VAL_EXCEPTION); ext_return handles
 * `return()` in state ST_START or ST_YIELD (the state is already ST_DONE). */
Value iterator_ext_step(Isolate *iso, Value self);
Value iterator_ext_return(Isolate *iso, Value self, int state);
int builtins_install_iterator_extras(Isolate *iso, Realm *realm);

#endif
