/* Stack traces in V8's format from the live interpreter frames (stack-trace.h). */
#include "interpreter/stack-trace.h"
#include "interpreter/frames.h"
#include "execution/realm.h"
#include "execution/messages.h"
#include "objects/names.h"
#include "objects/string.h"
#include <stdio.h>

#define STACK_TRACE_LIMIT 10

static void append_location(StringBuilder *sb, Isolate *iso, InterpFrame *fr) {
  SharedFunctionInfo *sfi = sfi_of(js_function(fr->function)->shared);
  int pos = bytecode_source_position(fr->bytecode, (uint32_t)(fr->pc - bytecode_bytes(fr->bytecode)));
  if (pos < 0) pos = sfi->start_pos;
  int line, col;
  messages_source_location(iso, sfi->source, pos, &line, &col, NULL);
  sfi = sfi_of(js_function(fr->function)->shared);
  if (val_is_pointer(sfi->resource_name) && val_is_string(sfi->resource_name))
    sb_append_string(sb, sfi->resource_name);
  else
    sb_append_cstr(sb, "<anonymous>");
  char buf[48];
  snprintf(buf, sizeof buf, ":%d:%d", line + sfi->line_offset, col + (line == 1 ? sfi->column_offset : 0));
  sb_append_cstr(sb, buf);
}

static void append_header(StringBuilder *sb, Isolate *iso, Value error) {
  Value saved = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  Value name = val_is_object(error) ? rt_get(iso, error, NAME(iso, name)) : VAL_UNDEFINED;
  if (name == VAL_EXCEPTION || !val_is_pointer(name) || !val_is_string(name)) name = VAL_UNDEFINED;
  Value msg = VAL_UNDEFINED;
  if (val_is_object(error)) {
    PropertyDescriptor d;
    if (obj_get_own_property(iso, error, NAME(iso, message), &d) > 0 && d.has_value && val_is_pointer(d.value) &&
        val_is_string(d.value))
      msg = d.value;
  }
  if (isolate_has_exception(iso)) isolate_take_exception(iso);
  iso->pending_exception = saved;
  if (name == VAL_UNDEFINED)
    sb_append_cstr(sb, "Error");
  else
    sb_append_string(sb, name);
  if (msg != VAL_UNDEFINED && str_length(msg) > 0) {
    sb_append_cstr(sb, ": ");
    sb_append_string(sb, msg);
  }
}

/* The receiver's constructor name, read without running code (own data properties only), or
 * undefined: V8 prints method frames as "Type.method". */
static Value receiver_type_name(Isolate *iso, Value receiver) {
  Value o = receiver;
  for (int depth = 0; depth < 32 && val_is_object(o); depth++) {
    PropertyDescriptor d;
    int r = obj_get_own_property(iso, o, NAME(iso, constructor), &d);
    if (r < 0) return VAL_UNDEFINED;
    if (r) {
      if (!d.has_value || !val_is_object(d.value)) return VAL_UNDEFINED;
      PropertyDescriptor nd;
      if (obj_get_own_property(iso, d.value, NAME(iso, name), &nd) > 0 && nd.has_value && val_is_pointer(nd.value) &&
          val_is_string(nd.value) && str_length(nd.value) > 0)
        return nd.value;
      return VAL_UNDEFINED;
    }
    o = obj_get_prototype_of(iso, o);
    if (o == VAL_EXCEPTION) return VAL_UNDEFINED;
  }
  return VAL_UNDEFINED;
}

Value interpreter_capture_stack_trace(Isolate *iso, Value error) {
  StringBuilder sb;
  sb_init(&sb, iso);
  append_header(&sb, iso, error);
  Interpreter *in = iso->interpreter;
  int n = 0;
  for (InterpFrame *fr = in ? in->top : NULL; fr && n < STACK_TRACE_LIMIT; fr = fr->parent, n++) {
    SharedFunctionInfo *sfi = sfi_of(js_function(fr->function)->shared);
    sb_append_cstr(&sb, "\n    at ");
    bool named = !(sfi->flags & SFI_TOPLEVEL) && val_is_string(sfi->name) && str_length(sfi->name) > 0;
    Value receiver = fr->rbase[-2];
    Value type = VAL_UNDEFINED;
    if (!fr->is_construct && !(sfi->flags & (SFI_TOPLEVEL | SFI_ARROW)) && val_is_object(receiver) &&
        receiver != iso->realm->global_this && receiver != iso->realm->global_object) {
      Value saved = iso->pending_exception;
      iso->pending_exception = VAL_HOLE;
      type = receiver_type_name(iso, receiver);
      if (isolate_has_exception(iso)) isolate_take_exception(iso);
      iso->pending_exception = saved;
    }
    if (named || fr->is_construct || type != VAL_UNDEFINED) {
      if (fr->is_construct) sb_append_cstr(&sb, "new ");
      if (type != VAL_UNDEFINED) {
        sb_append_string(&sb, type);
        sb_append_cstr(&sb, ".");
      }
      if (named)
        sb_append_string(&sb, sfi->name);
      else
        sb_append_cstr(&sb, "<anonymous>");
      sb_append_cstr(&sb, " (");
      append_location(&sb, iso, fr);
      sb_append_cstr(&sb, ")");
    } else {
      append_location(&sb, iso, fr);
    }
  }
  return sb_finish(&sb);
}
