/*
 * Async functions and async generators (ECMA-262 27.7 and 27.6) on top of the generator
 * machinery: the body is compiled like a generator body (SwitchOnGeneratorState, suspend points
 * that copy the frame into the object), and `await` suspends the frame after subscribing two
 * continuations to PromiseResolve(%Promise%, value). The continuations resume the frame from a
 * promise job.
 *
 * Async function: the object is an IT_JS_ASYNC_FUNCTION_OBJECT (never visible to JavaScript)
 * holding the result promise; the first run happens inside the call, which returns the promise.
 * Async generator: an IT_JS_ASYNC_GENERATOR with the spec's request queue; the C driver here
 * resumes the frame for each request and settles the requests' promises.
 */
#ifndef PETREL_INTERPRETER_ASYNC_H
#define PETREL_INTERPRETER_ASYNC_H

#include "interpreter/function-data.h"

/* [[AsyncGeneratorState]] values (the frame's own state stays in JSGenerator.state). */
enum { AG_SUSPENDED_START, AG_SUSPENDED_YIELD, AG_EXECUTING, AG_AWAITING_RETURN, AG_COMPLETED };

typedef struct JSAsyncObject {
  JSGenerator gen;
  Value promise;      /* async function: the promise the call returned */
  Value on_fulfilled; /* the Await continuations, created once per object (they are never exposed) */
  Value on_rejected;
  Value queue_head;   /* async generator: AsyncGeneratorRequest records, FixedArray [mode, value, promise, next] */
  Value queue_tail;
  Value ag_state;     /* async generator: int AG_* */
} JSAsyncObject;

void async_register_types(void);
/* A JSAsyncObject of `type` with every field initialized: the frame not started
 * (GEN_SUSPENDED_START, AG_SUSPENDED_START), `closure` and `receiver` in the generator fields. */
Value async_object_new(Isolate *iso, InstanceType type, Value closure, Value receiver, Value proto);
bool async_is_async_generator(Value v);

/* Runtime functions (CallRuntime). */
Value async_function_enter(Isolate *iso, Value closure, Value receiver);
Value async_await(Isolate *iso, Value obj, Value value);          /* returns the value the frame suspends with */
Value async_function_resolve(Isolate *iso, Value obj, Value value);
Value async_function_reject(Isolate *iso, Value obj, Value reason);
Value async_generator_create(Isolate *iso, Value closure, Value receiver);
Value async_generator_yield(Isolate *iso, Value obj, Value value); /* after the operand was awaited */

/* %AsyncGeneratorPrototype% next / return / throw (mode GEN_RESUME_*). */
Value async_generator_enqueue(Isolate *iso, Value generator, int mode, Value value);

/* CreateAsyncFromSyncIterator: an object of %AsyncFromSyncIteratorPrototype% over a sync
 * iterator record (iterator, next method). */
Value async_from_sync_iterator_new(Isolate *iso, Value iterator, Value next_method);
/* GetIterator(obj, async) for `for await`: the iterator object (its `next` is read by the caller). */
Value async_get_iterator(Isolate *iso, Value obj);

#endif
