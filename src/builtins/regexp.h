/*
 * The RegExp built-in (ECMA-262 22.2). The interpreter creates regexp literals through
 * regexp_create; String.prototype methods reach the rest through the @@match/@@replace/... protocol.
 */
#ifndef PETREL_BUILTINS_REGEXP_H
#define PETREL_BUILTINS_REGEXP_H

#include "execution/realm.h"

/* RegExpCreate(pattern, flags) of the current realm: for /re/ literals and internal callers.
 * pattern and flags are Values (strings, or undefined). Returns VAL_EXCEPTION on a SyntaxError. */
Value regexp_create(Isolate *iso, Value pattern, Value flags);

/* RegExpExec(R, S): calls a user "exec" when present, else the built-in one. Returns the match
 * object or null. */
Value regexp_exec(Isolate *iso, Value rx, Value s);

int builtins_install_regexp(Isolate *iso, Realm *realm);

/* [[OriginalSource]] and [[OriginalFlags]] (Strings) of a RegExp object, for the value serializer. */
Value regexp_original_source(Value rx);
Value regexp_original_flags(Value rx);

#endif
