/*
 * V8's CallSite objects: what Error.prepareStackTrace(error, callSites) receives, one per captured
 * frame (stack-trace.h). They are ordinary objects with a CallSite prototype whose methods read
 * the frame recorded in the object's internal fields. As in V8, getThis and getFunction answer
 * undefined for strict-mode functions, so a strict callee's receiver does not leak.
 */
#include "builtins/object-helpers.h"
#include "execution/realm.h"
#include "interpreter/frames.h"
#include "interpreter/stack-trace.h"
#include "objects/js-function.h"
#include "objects/map.h"
#include <stdio.h>

#define CALL_SITE_BRAND 0x43536974 /* "CSit" */

typedef struct JSCallSite {
  JSObject base;
  Value brand;    /* int CALL_SITE_BRAND */
  Value function;
  Value receiver;
  Value pos;      /* int: source offset */
  Value construct; /* bool */
} JSCallSite;

enum {
  CS_GET_THIS, CS_GET_TYPE_NAME, CS_GET_FUNCTION, CS_GET_FUNCTION_NAME, CS_GET_METHOD_NAME,
  CS_GET_FILE_NAME, CS_GET_LINE_NUMBER, CS_GET_COLUMN_NUMBER, CS_GET_EVAL_ORIGIN, CS_IS_TOPLEVEL,
  CS_IS_EVAL, CS_IS_NATIVE, CS_IS_CONSTRUCTOR, CS_IS_ASYNC, CS_IS_PROMISE_ALL, CS_GET_PROMISE_INDEX,
  CS_GET_SCRIPT_NAME_OR_SOURCE_URL, CS_GET_POSITION, CS_GET_ENCLOSING_LINE_NUMBER,
  CS_GET_ENCLOSING_COLUMN_NUMBER, CS_TO_STRING,
};

static const struct {
  const char *name;
  int magic;
} kMethods[] = {
    {"getThis", CS_GET_THIS},
    {"getTypeName", CS_GET_TYPE_NAME},
    {"getFunction", CS_GET_FUNCTION},
    {"getFunctionName", CS_GET_FUNCTION_NAME},
    {"getMethodName", CS_GET_METHOD_NAME},
    {"getFileName", CS_GET_FILE_NAME},
    {"getLineNumber", CS_GET_LINE_NUMBER},
    {"getColumnNumber", CS_GET_COLUMN_NUMBER},
    {"getEvalOrigin", CS_GET_EVAL_ORIGIN},
    {"isToplevel", CS_IS_TOPLEVEL},
    {"isEval", CS_IS_EVAL},
    {"isNative", CS_IS_NATIVE},
    {"isConstructor", CS_IS_CONSTRUCTOR},
    {"isAsync", CS_IS_ASYNC},
    {"isPromiseAll", CS_IS_PROMISE_ALL},
    {"getPromiseIndex", CS_GET_PROMISE_INDEX},
    {"getScriptNameOrSourceURL", CS_GET_SCRIPT_NAME_OR_SOURCE_URL},
    {"getPosition", CS_GET_POSITION},
    {"getEnclosingLineNumber", CS_GET_ENCLOSING_LINE_NUMBER},
    {"getEnclosingColumnNumber", CS_GET_ENCLOSING_COLUMN_NUMBER},
    {"toString", CS_TO_STRING},
};

static JSCallSite *call_site_of(Value v) {
  if (!val_is_pointer(v) || val_instance_type(v) != IT_JS_OBJECT) return NULL;
  if (obj_map(v)->inobject_offset < sizeof(JSCallSite)) return NULL;
  JSCallSite *cs = (JSCallSite *)val_to_ptr(v);
  return cs->brand == val_from_int(CALL_SITE_BRAND) ? cs : NULL;
}

static StackFrameInfo frame_of(const JSCallSite *cs) {
  StackFrameInfo f;
  f.function = cs->function;
  f.receiver = cs->receiver;
  f.pos = val_to_int(cs->pos);
  f.is_construct = cs->construct == VAL_TRUE;
  return f;
}

static Value call_site_method(Isolate *iso, const CallArgs *args) {
  int which = function_magic(args->callee);
  JSCallSite *cs = call_site_of(args->this_val);
  if (!cs) {
    for (size_t i = 0; i < sizeof kMethods / sizeof kMethods[0]; i++)
      if (kMethods[i].magic == which)
        return rt_throw_type_error(iso, "CallSite method %s expects CallSite as receiver", kMethods[i].name);
    return rt_throw_type_error(iso, "CallSite method expects CallSite as receiver");
  }
  StackFrameInfo f = frame_of(cs);
  SharedFunctionInfo *sfi = sfi_of(js_function(f.function)->shared);
  bool strict = (sfi->flags & SFI_STRICT) != 0;
  bool is_eval = (sfi->flags & SFI_EVAL) || val_is_pointer(sfi->eval_origin);
  Value file = val_is_pointer(sfi->resource_name) && val_is_string(sfi->resource_name) ? sfi->resource_name
                                                                                       : VAL_UNDEFINED;
  int line, col;
  switch (which) {
  case CS_GET_THIS:
    return strict ? VAL_UNDEFINED : f.receiver;
  case CS_GET_TYPE_NAME: {
    if (f.is_construct || stack_trace_is_toplevel(iso, &f)) return VAL_NULL;
    Value t = stack_trace_type_name(iso, &f);
    return val_is_undefined(t) ? str_intern_cstr(iso, "Object") : t;
  }
  case CS_GET_FUNCTION:
    return strict ? VAL_UNDEFINED : f.function;
  case CS_GET_FUNCTION_NAME:
    if (sfi->flags & SFI_TOPLEVEL) return is_eval ? str_intern_cstr(iso, "eval") : VAL_NULL;
    return val_is_string(sfi->name) && str_length(sfi->name) > 0 ? sfi->name : VAL_NULL;
  case CS_GET_METHOD_NAME:
    return stack_trace_method_name(iso, &f);
  case CS_GET_FILE_NAME: /* eval code has no script name, even with a sourceURL */
    return is_eval ? VAL_UNDEFINED : file;
  case CS_GET_SCRIPT_NAME_OR_SOURCE_URL:
    return file;
  case CS_GET_LINE_NUMBER:
  case CS_GET_ENCLOSING_LINE_NUMBER:
    stack_trace_frame_location(iso, &f, &line, &col);
    return val_from_int(line);
  case CS_GET_COLUMN_NUMBER:
  case CS_GET_ENCLOSING_COLUMN_NUMBER:
    stack_trace_frame_location(iso, &f, &line, &col);
    return val_from_int(col);
  case CS_GET_POSITION:
    return val_from_int(f.pos);
  case CS_GET_EVAL_ORIGIN:
    if (!is_eval) return VAL_UNDEFINED;
    return val_is_string(file) ? file : sfi->eval_origin; /* V8 names the origin by its sourceURL */
  case CS_IS_TOPLEVEL:
    return val_from_bool(stack_trace_is_toplevel(iso, &f));
  case CS_IS_EVAL:
    return val_from_bool(is_eval);
  case CS_IS_CONSTRUCTOR:
    return val_from_bool(f.is_construct);
  case CS_IS_NATIVE:
  case CS_IS_ASYNC:
  case CS_IS_PROMISE_ALL:
    return VAL_FALSE;
  case CS_GET_PROMISE_INDEX:
    return VAL_NULL;
  case CS_TO_STRING: {
    StringBuilder sb;
    sb_init(&sb, iso);
    stack_trace_append_frame(&sb, iso, &f);
    return sb_finish(&sb);
  }
  default:
    return VAL_UNDEFINED;
  }
}

Value call_site_array(Isolate *iso, const StackFrameInfo *frames, int count) {
  Value arr = array_new(iso, 0);
  if (arr == VAL_EXCEPTION) return arr;
  Value proto = intrinsic(iso, INTRINSIC_CALL_SITE_PROTOTYPE);
  for (int i = 0; i < count; i++) {
    Value o = obj_new_with_type(iso, IT_JS_OBJECT, sizeof(JSCallSite), proto);
    if (o == VAL_EXCEPTION) return o;
    JSCallSite *cs = (JSCallSite *)val_to_ptr(o);
    cs->brand = val_from_int(CALL_SITE_BRAND);
    WRITE_FIELD(cs, cs->function, frames[i].function);
    WRITE_FIELD(cs, cs->receiver, frames[i].receiver);
    cs->pos = val_from_int(frames[i].pos);
    cs->construct = val_from_bool(frames[i].is_construct);
    if (rt_create_data_property_or_throw(iso, arr, val_from_int(i), o) < 0) return VAL_EXCEPTION;
  }
  return arr;
}

/* The CallSite prototype (V8 exposes no global CallSite). */
int builtins_install_call_site(Isolate *iso, Realm *realm) {
  Value proto = obj_new(iso, realm->intrinsics[INTRINSIC_OBJECT_PROTOTYPE]);
  if (proto == VAL_EXCEPTION) return -1;
  for (size_t i = 0; i < sizeof kMethods / sizeof kMethods[0]; i++)
    if (builtins_def_method(iso, proto, kMethods[i].name, call_site_method, 0, kMethods[i].magic) == VAL_EXCEPTION)
      return -1;
  WRITE_FIELD(realm, realm->intrinsics[INTRINSIC_CALL_SITE_PROTOTYPE], proto);
  return 0;
}
