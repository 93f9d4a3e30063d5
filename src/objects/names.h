/*
 * Internalized strings the engine uses as property keys all the time, created once per isolate.
 * NAME(iso, length) is the key "length". Add a name here rather than interning it on a hot path.
 */
#ifndef PETREL_OBJECTS_NAMES_H
#define PETREL_OBJECTS_NAMES_H

#include "runtime/runtime.h"

#define PT_NAMES(X)                                                                                \
  X(empty, "") X(length, "length") X(prototype, "prototype") X(constructor, "constructor")         \
  X(name, "name") X(message, "message") X(stack, "stack") X(cause, "cause") X(errors, "errors")    \
  X(toString, "toString") X(valueOf, "valueOf") X(toJSON, "toJSON") X(value, "value")              \
  X(done, "done") X(next, "next") X(return_, "return") X(throw_, "throw") X(get, "get")             \
  X(set, "set") X(writable, "writable") X(enumerable, "enumerable")                                \
  X(configurable, "configurable") X(callee, "callee") X(caller, "caller")                          \
  X(arguments, "arguments") X(undefined, "undefined") X(null_, "null") X(true_, "true")            \
  X(false_, "false") X(boolean, "boolean") X(number, "number") X(string, "string")                 \
  X(symbol, "symbol") X(bigint, "bigint") X(object, "object") X(function, "function")              \
  X(default_, "default") X(then, "then") X(index, "index") X(input, "input") X(groups, "groups")    \
  X(indices, "indices") X(lastIndex, "lastIndex") X(source, "source") X(flags, "flags")            \
  X(global, "global") X(raw, "raw") X(join, "join") X(exec, "exec") X(NaN, "NaN")                  \
  X(Infinity, "Infinity") X(minus_Infinity, "-Infinity") X(anonymous, "anonymous")                 \
  X(globalThis, "globalThis") X(eval, "eval") X(__proto__, "__proto__") X(keys, "keys")            \
  X(resolve, "resolve") X(rawJSON, "rawJSON") X(toLocaleString, "toLocaleString") X(with, "with")  \
  X(proxy, "proxy") X(revoke, "revoke") X(this_, "this")

typedef enum NameId {
#define PT_NAME_ENUM(id, text) NAME_##id,
  PT_NAMES(PT_NAME_ENUM)
#undef PT_NAME_ENUM
  NAME_COUNT
} NameId;

/* The isolate keeps the table; names_get never allocates. */
Value names_get(const Isolate *iso, NameId id);
#define NAME(iso, id) names_get((iso), NAME_##id)

/* Created by isolate_new (after the string table), freed by isolate_free. */
int names_init_isolate(Isolate *iso);
void names_free_isolate(Isolate *iso);

#endif
