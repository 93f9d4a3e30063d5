/*
 * The iterator protocol for C code (ECMA-262 7.4): other modules (the interpreter's for-of and
 * spread, Array.from, Promise.all, Map/Set constructors...) drive iterators through these.
 *
 * Rooting: an IteratorRecord lives on the C stack, so the conservative stack scan keeps its
 * Values alive.
 */
#ifndef PETREL_BUILTINS_ITERATOR_H
#define PETREL_BUILTINS_ITERATOR_H

#include "runtime/runtime.h"

typedef struct IteratorRecord {
  Value iterator;    /* the iterator object */
  Value next_method; /* its `next`, read once (GetIteratorDirect) */
  bool done;
} IteratorRecord;

/* GetIterator(obj, sync) (async = false) or GetIterator(obj, async) (async = true; falls back to
 * CreateAsyncFromSyncIterator once promises exist, until then TypeError for sync-only objects).
 * TypeError "x is not iterable" when there is no @@iterator. Returns -1 on exception, 0 on success. */
int builtins_get_iterator(Isolate *iso, Value obj, bool async, IteratorRecord *out);
/* GetIteratorFromMethod(obj, method). */
int builtins_get_iterator_from_method(Isolate *iso, Value obj, Value method, IteratorRecord *out);
/* IteratorNext: calls next (with an optional value; pass VAL_HOLE for none) and checks the result
 * is an object (TypeError "Iterator result x is not an object"). */
Value builtins_iterator_next(Isolate *iso, IteratorRecord *rec, Value value);
/* IteratorStep: the result object, or VAL_FALSE when done (rec->done set), or VAL_EXCEPTION
 * (rec->done set too, as the spec does on abrupt completions). */
Value builtins_iterator_step(Isolate *iso, IteratorRecord *rec);
/* IteratorStepValue: the next value, or VAL_HOLE when done, or VAL_EXCEPTION. */
Value builtins_iterator_step_value(Isolate *iso, IteratorRecord *rec);
/* IteratorComplete / IteratorValue on a result object. -1/VAL_EXCEPTION on exception. */
int builtins_iterator_complete(Isolate *iso, Value result);
Value builtins_iterator_value(Isolate *iso, Value result);
/* IteratorClose(rec, completion).
 *   throwing == true: the completion is the exception pending on the isolate; `return` is called
 *     (if present) with that exception set aside, any error it raises is dropped, the original
 *     exception is restored, and the result is -1.
 *   throwing == false: a normal completion; errors from getting/calling `return` propagate (-1),
 *     and a non-object result is a TypeError. Returns 0 on success. */
int builtins_iterator_close(Isolate *iso, Value iterator, bool throwing);
/* CreateIterResultObject(value, done). */
Value builtins_create_iter_result(Isolate *iso, Value value, bool done);
/* IteratorToList / IterableToList: a JS array of every value. */
Value builtins_iterable_to_list(Isolate *iso, Value obj);

/* CreateArrayIterator(array, kind) for Array.prototype.keys/values/entries and typed arrays. */
typedef enum { ITER_KIND_KEYS, ITER_KIND_VALUES, ITER_KIND_ENTRIES } IterKind;
Value builtins_create_array_iterator(Isolate *iso, Value array, IterKind kind);

/* CreateStringIterator for String.prototype[@@iterator] (by code points). */
Value builtins_create_string_iterator(Isolate *iso, Value string);

#endif
