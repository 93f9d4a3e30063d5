/* Stack traces in V8's format, built from the live interpreter frames; V8's stack-trace API
 * (Error.stackTraceLimit, Error.captureStackTrace, Error.prepareStackTrace with CallSite objects). */
#ifndef PETREL_INTERPRETER_STACK_TRACE_H
#define PETREL_INTERPRETER_STACK_TRACE_H

#include "runtime/runtime.h"
#include "objects/string.h"

/* One captured frame: what a CallSite object holds. */
typedef struct StackFrameInfo {
  Value function; /* the JSFunction */
  Value receiver; /* its `this` as the frame holds it */
  int32_t pos;    /* source offset of the current position */
  bool is_construct;
} StackFrameInfo;

/* The `stack` value of an engine-made error: the default text "Name: message\n    at f
 * (file.js:3:11)\n    at file.js:7:1", or Error.prepareStackTrace's result (an exception it throws
 * is dropped and the default text used), or undefined when Error.stackTraceLimit is not a number.
 * VAL_EXCEPTION only on out-of-memory. */
Value interpreter_capture_stack_trace(Isolate *iso, Value error);

/* The same for Error constructors and Error.captureStackTrace: frames up to and including the
 * topmost call of skip_fn are left out (when it is a function). */
Value stack_trace_capture(Isolate *iso, Value obj, Value skip_fn);

/* One frame's line text without "    at " ("f (file.js:1:2)"), as V8 prints it. */
void stack_trace_append_frame(StringBuilder *sb, Isolate *iso, const StackFrameInfo *f);
/* 1-based line and column of a frame (with the script's offsets). */
void stack_trace_frame_location(Isolate *iso, const StackFrameInfo *f, int *line, int *col);
/* The receiver's type name as V8 prints it in "Type.method", or undefined. */
Value stack_trace_type_name(Isolate *iso, const StackFrameInfo *f);
/* V8's CallSite.getMethodName: the key under which the receiver (or a prototype) holds the
 * frame's function, or null. Runs no code. */
Value stack_trace_method_name(Isolate *iso, const StackFrameInfo *f);
/* Is the frame's receiver the global object, undefined or null (V8's isToplevel). */
bool stack_trace_is_toplevel(Isolate *iso, const StackFrameInfo *f);

/* "eval at f (file.js:1:2)" for code that the innermost frame is about to eval (or compile with
 * the Function constructor); undefined when no script runs. */
Value stack_trace_eval_origin(Isolate *iso);
/* The name given by the last `//# sourceURL=name` (or `//@ sourceURL=name`) comment of a source
 * String, or undefined. */
Value stack_trace_source_url(Isolate *iso, Value source);

/* call-site.c: the array of CallSite objects handed to Error.prepareStackTrace. */
Value call_site_array(Isolate *iso, const StackFrameInfo *frames, int count);
int builtins_install_call_site(Isolate *iso, Realm *realm);

#endif
