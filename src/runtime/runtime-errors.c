/*
 * Error objects made by the engine itself (rt_new_error / rt_throw): the realm's
 * %NativeError.prototype% as prototype, an own non-enumerable `message`, and an own
 * non-enumerable `stack` from the interpreter's stack-trace capture, as V8 does.
 */
#include <stdio.h>
#include <stdlib.h>

#include "execution/realm.h"
#include "interpreter/stack-trace.h"
#include "objects/names.h"
#include "objects/obj-internal.h"
#include "objects/string.h"


static const int error_protos[] = {
    [ERR_ERROR] = INTRINSIC_ERROR_PROTOTYPE,         [ERR_EVAL] = INTRINSIC_EVAL_ERROR_PROTOTYPE,
    [ERR_RANGE] = INTRINSIC_RANGE_ERROR_PROTOTYPE,   [ERR_REFERENCE] = INTRINSIC_REFERENCE_ERROR_PROTOTYPE,
    [ERR_SYNTAX] = INTRINSIC_SYNTAX_ERROR_PROTOTYPE, [ERR_TYPE] = INTRINSIC_TYPE_ERROR_PROTOTYPE,
    [ERR_URI] = INTRINSIC_URI_ERROR_PROTOTYPE,       [ERR_AGGREGATE] = INTRINSIC_AGGREGATE_ERROR_PROTOTYPE,
};

static Value new_error_v(Isolate *iso, ErrorKind kind, const char *fmt, va_list ap) {
  char small[256];
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  Value msg;
  if (n < 0) {
    msg = NAME(iso, empty);
  } else if ((size_t)n < sizeof small) {
    msg = str_new_utf8(iso, small, (size_t)n);
  } else {
    char *big = malloc((size_t)n + 1);
    if (!big) {
      va_end(ap2);
      return isolate_throw_oom(iso);
    }
    vsnprintf(big, (size_t)n + 1, fmt, ap2);
    msg = str_new_utf8(iso, big, (size_t)n);
    free(big);
  }
  va_end(ap2);
  if (msg == VAL_EXCEPTION) return msg;
  Value proto = obj_intrinsic_or_null(iso, error_protos[kind]);
  if (proto == VAL_NULL) proto = obj_intrinsic_or_null(iso, INTRINSIC_OBJECT_PROTOTYPE);
  Value err = obj_new_with_type(iso, IT_JS_ERROR, sizeof(JSObject), proto);
  if (err == VAL_EXCEPTION) return err;
  if (rt_define_data(iso, err, NAME(iso, message), msg, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  Value stack = interpreter_capture_stack_trace(iso, err);
  if (stack == VAL_EXCEPTION) return stack;
  if (rt_define_data(iso, err, NAME(iso, stack), stack, ATTR_BUILTIN) < 0)
    return VAL_EXCEPTION;
  return err;
}

Value rt_new_error(Isolate *iso, ErrorKind kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Value e = new_error_v(iso, kind, fmt, ap);
  va_end(ap);
  return e;
}

Value rt_throw(Isolate *iso, ErrorKind kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Value e = new_error_v(iso, kind, fmt, ap);
  va_end(ap);
  if (e == VAL_EXCEPTION) return e;
  return isolate_throw(iso, e);
}
