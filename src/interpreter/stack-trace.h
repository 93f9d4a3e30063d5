/* Stack traces in V8's format, built from the live interpreter frames. */
#ifndef PETREL_INTERPRETER_STACK_TRACE_H
#define PETREL_INTERPRETER_STACK_TRACE_H

#include "runtime/runtime.h"

/* "Name: message\n    at f (file.js:3:11)\n    at file.js:7:1" built from the live frames
 * (function name, or "new X", "Object.method"/`<anonymous>`; 1-based line and column of the
 * current position in each frame). */
Value interpreter_capture_stack_trace(Isolate *iso, Value error);

#endif
