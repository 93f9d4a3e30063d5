/*
 * Messages: where an exception was thrown (resource, line, column, source line), recorded at
 * throw time in iso->pending_message so the shell and the API can print file:line:column.
 */
#ifndef PETREL_EXECUTION_MESSAGES_H
#define PETREL_EXECUTION_MESSAGES_H

#include "runtime/runtime.h"

/* Called by isolate_throw when no message is recorded yet: records the throw location of the
 * innermost interpreter frame (or of a pending compile error) in iso->pending_message. */
void messages_capture(Isolate *iso, Value exception);

typedef struct MessageLocation {
  Value resource_name; /* a String, or undefined */
  int line, column;    /* 1-based; column in UTF-16 units */
  Value source_line;   /* the text of that line (String), or undefined */
} MessageLocation;
bool messages_get_location(Isolate *iso, Value message, MessageLocation *out);

/* Builds a message object for an explicit location (compile errors). */
Value messages_new(Isolate *iso, Value resource_name, int line, int column, Value source_line);

/* Line, column (1-based, UTF-16 units) and the text of the line of an offset of a source String. */
bool messages_source_location(Isolate *iso, Value source, int pos, int *line, int *col, Value *line_text);

#endif
