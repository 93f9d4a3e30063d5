/* String helpers other families share (RegExp.prototype[@@replace], Intl later). */
#ifndef PETREL_BUILTINS_STRING_H
#define PETREL_BUILTINS_STRING_H

#include "runtime/runtime.h"

/* GetSubstitution(matched, str, position, captures, namedCaptures, replacementTemplate) for
 * String.prototype.replace and RegExp.prototype[@@replace]: captures is a JS array of String or
 * undefined (or undefined for none), named_captures an object or undefined. */
Value builtins_get_substitution(Isolate *iso, Value matched, Value str, double position, Value captures,
                                Value named_captures, Value replacement);
/* The full Unicode toLowerCase/toUpperCase of a string (Final_Sigma included). */
Value builtins_string_change_case(Isolate *iso, Value s, bool upper);

#endif
