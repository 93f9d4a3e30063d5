/*
 * Messages: the location of a throw, recorded in iso->pending_message. The record is an internal
 * Value array (a FeedbackVector-shaped object): [tag, a, b, c, d, e]. Line and column are
 * computed only when asked for, so a throw caught by the program costs no source scan.
 *   tag 1: [1, source String, resource name, source offset, line offset, column offset]
 *   tag 2: [2, resource name, line, column, source line]
 */
#include "execution/messages.h"
#include "interpreter/frames.h"
#include "objects/string.h"

#include <string.h>

static Value message_array(Isolate *iso, int n) { return feedback_vector_new(iso, n); }

void messages_capture(Isolate *iso, Value exception) {
  PT_UNUSED(exception);
  Interpreter *in = iso->interpreter;
  if (!in || !in->top) return;
  InterpFrame *fr = in->top;
  SharedFunctionInfo *sfi = sfi_of(js_function(fr->function)->shared);
  int pos = bytecode_source_position(fr->bytecode, (uint32_t)(fr->pc - bytecode_bytes(fr->bytecode)));
  if (pos < 0) pos = sfi->start_pos;
  Value saved = iso->pending_exception;
  iso->pending_exception = VAL_HOLE;
  Value m = message_array(iso, 6);
  iso->pending_exception = saved;
  if (m == VAL_EXCEPTION) return;
  FeedbackVector *v = (FeedbackVector *)val_to_ptr(m);
  sfi = sfi_of(js_function(fr->function)->shared);
  v->slots[0] = val_from_int(1);
  WRITE_FIELD(v, v->slots[1], sfi->source);
  WRITE_FIELD(v, v->slots[2], sfi->resource_name);
  v->slots[3] = val_from_int(pos);
  v->slots[4] = val_from_int(sfi->line_offset);
  v->slots[5] = val_from_int(sfi->column_offset);
  iso->pending_message = m;
}

Value messages_new(Isolate *iso, Value resource_name, int line, int column, Value source_line) {
  Value m = message_array(iso, 5);
  if (m == VAL_EXCEPTION) return m;
  FeedbackVector *v = (FeedbackVector *)val_to_ptr(m);
  v->slots[0] = val_from_int(2);
  WRITE_FIELD(v, v->slots[1], resource_name);
  v->slots[2] = val_from_int(line);
  v->slots[3] = val_from_int(column);
  WRITE_FIELD(v, v->slots[4], source_line);
  return m;
}

/* Line, column (1-based, UTF-16 units) and the line's text for an offset of a source string. */
bool messages_source_location(Isolate *iso, Value source, int pos, int *line, int *col, Value *line_text) {
  *line = 1;
  *col = 1;
  if (line_text) *line_text = VAL_UNDEFINED;
  if (!val_is_pointer(source) || !val_is_string(source)) return false;
  Value s = str_flatten(iso, source);
  if (s == VAL_EXCEPTION) {
    isolate_take_exception(iso);
    return false;
  }
  uint32_t len = str_length(s);
  if (pos < 0) pos = 0;
  if ((uint32_t)pos > len) pos = (int)len;
  uint32_t line_start = 0;
  int l = 1;
  /* Scans the flat text directly (stack traces and every direct eval's origin ask for positions
   * deep in large scripts). Latin-1 text has only \n and \r as line terminators. */
  if (str_is_one_byte(s) && !memchr(str_latin1_chars(s), '\r', (size_t)pos)) {
    /* the common case: \n only, found with memchr */
    const uint8_t *t = str_latin1_chars(s), *p = t, *end = t + pos;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
      l++;
      line_start = (uint32_t)(++p - t);
    }
  } else if (str_is_one_byte(s)) {
    const uint8_t *t = str_latin1_chars(s);
    for (uint32_t i = 0; i < (uint32_t)pos; i++) {
      uint8_t c = t[i];
      if (c > '\r') continue;
      if (c == '\n' || (c == '\r' && !(i + 1 < len && t[i + 1] == '\n'))) {
        l++;
        line_start = i + 1;
      }
    }
  } else {
    const uint16_t *t = str_utf16_chars(s);
    for (uint32_t i = 0; i < (uint32_t)pos; i++) {
      uint16_t c = t[i];
      if (c > '\r' && c != 0x2028 && c != 0x2029) continue;
      if (c == '\n' || c == 0x2028 || c == 0x2029 || (c == '\r' && !(i + 1 < len && t[i + 1] == '\n'))) {
        l++;
        line_start = i + 1;
      }
    }
  }
  *line = l;
  *col = (int)((uint32_t)pos - line_start) + 1;
  if (line_text) {
    uint32_t e = line_start;
    while (e < len) {
      uint16_t c = str_char_at(s, e);
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) break;
      e++;
    }
    Value t = str_substring(iso, s, line_start, e);
    if (t == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      t = VAL_UNDEFINED;
    }
    *line_text = t;
  }
  return true;
}

bool messages_get_location(Isolate *iso, Value message, MessageLocation *out) {
  out->resource_name = VAL_UNDEFINED;
  out->line = out->column = 0;
  out->source_line = VAL_UNDEFINED;
  if (!val_is_pointer(message) || heap_object_type(val_to_ptr(message)) != IT_FEEDBACK_VECTOR) return false;
  FeedbackVector *v = (FeedbackVector *)val_to_ptr(message);
  if (v->length < 5) return false;
  int tag = val_to_int(v->slots[0]);
  if (tag == 2) {
    out->resource_name = v->slots[1];
    out->line = val_to_int(v->slots[2]);
    out->column = val_to_int(v->slots[3]);
    out->source_line = v->slots[4];
    return true;
  }
  if (tag != 1) return false;
  out->resource_name = v->slots[2];
  int line, col;
  Value text;
  messages_source_location(iso, v->slots[1], val_to_int(v->slots[3]), &line, &col, &text);
  v = (FeedbackVector *)val_to_ptr(message);
  out->line = line + val_to_int(v->slots[4]);
  out->column = col + (line == 1 ? val_to_int(v->slots[5]) : 0);
  out->source_line = text;
  return true;
}
