/*
 * The public API, entering isolates (V8's Isolate::Enter / Exit): a thread-local "current
 * isolate" with nesting. Each isolate keeps the stack of isolates that were current on the
 * entering thread before each of its enters, so exit restores them in order.
 */
#include "api/api-internal.h"

#include <stdlib.h>

static _Thread_local petrel_isolate *api_current_isolate;

void petrel_isolate_enter(petrel_isolate *piso) {
  ApiState *api = api_iso(piso)->api;
  if (api->enter_count == api->enter_capacity) {
    size_t cap = api->enter_capacity ? api->enter_capacity * 2 : 4;
    petrel_isolate **saved = realloc(api->enter_saved, cap * sizeof *saved);
    if (saved == NULL) PT_FATAL("out of memory entering an isolate");
    api->enter_saved = saved;
    api->enter_capacity = cap;
  }
  api->enter_saved[api->enter_count++] = api_current_isolate;
  api_current_isolate = piso;
}

void petrel_isolate_exit(petrel_isolate *piso) {
  ApiState *api = api_iso(piso)->api;
  if (api_current_isolate != piso || api->enter_count == 0)
    PT_FATAL("petrel_isolate_exit: this isolate is not the thread's current one");
  api_current_isolate = api->enter_saved[--api->enter_count];
}

petrel_isolate *petrel_isolate_get_current(void) { return api_current_isolate; }
