/* Bootstrap of maps and heap layouts for a new isolate (see objects-init.h). */
#include <pthread.h>
#include "objects/objects-init.h"

#include "execution/realm.h"
#include "objects/js-function.h"
#include "objects/js-proxy.h"
#include "objects/obj-internal.h"
#include "objects/object-ops.h"


/* The C struct size of each JS object type this module knows; others use obj_new_with_type. */
static uint32_t js_struct_size(InstanceType t) {
  switch (t) {
  case IT_JS_ARRAY: return sizeof(JSArray);
  case IT_JS_FUNCTION: return sizeof(JSFunction);
  case IT_JS_BOUND_FUNCTION: return sizeof(JSBoundFunction);
  case IT_JS_PRIMITIVE_WRAPPER: return sizeof(JSPrimitiveWrapper);
  default: return sizeof(JSObject);
  }
}

static void register_types(void) {
  map_register_types();
  dict_register_types();
  for (int t = IT_FIRST_JS_OBJECT; t < IT_COUNT; t++)
    heap_register_type((InstanceType)t, obj_js_object_size, obj_visit_js_object, NULL);
  function_register_types(); /* JSFunction has raw fields: its own visitor */
  realm_register_types();
  array_register_ops();
  proxy_register_ops();
}

/* The shared empty FixedArray hangs off the FixedArray root map (its back_pointer is otherwise
 * unused), so it needs no field of its own in the isolate. */
Value fa_empty(Isolate *iso) {
  Map *m = iso->root_maps[IT_FIXED_ARRAY];
  if (val_is_pointer(m->back_pointer)) return m->back_pointer;
  FaView *a = fa_new(iso, 0, VAL_UNDEFINED);
  if (!a) return VAL_EXCEPTION;
  WRITE_FIELD(m, m->back_pointer, val_from_ptr(a));
  return m->back_pointer;
}

/* The type table is process-wide. Register the defaults once: running this again for a later
 * isolate would overwrite the specific layouts other modules registered since (an ArrayBuffer's
 * finalizer, say), and two isolates starting on two threads would race on the table. */
static pthread_once_t register_types_once = PTHREAD_ONCE_INIT;

int objects_init_isolate(Isolate *iso) {
  pthread_once(&register_types_once, register_types);
  Map *meta = heap_alloc(iso, sizeof(Map), NULL);
  if (!meta) return -1;
  meta->header.map = meta;
  meta->instance_type = IT_MAP;
  meta->bit_field = 0;
  meta->instance_size = sizeof(Map);
  meta->prototype = VAL_NULL;
  meta->descriptors = VAL_UNDEFINED;
  meta->transitions = VAL_UNDEFINED;
  meta->back_pointer = VAL_UNDEFINED;
  meta->prototype_info = VAL_UNDEFINED;
  iso->root_maps[IT_MAP] = meta;
  for (int t = 0; t < IT_COUNT; t++) {
    if (t == IT_MAP) continue;
    bool js = t >= IT_FIRST_JS_OBJECT;
    uint32_t size = js ? js_struct_size((InstanceType)t) : 0;
    Map *m = map_new(iso, (InstanceType)t, size, size, 0, VAL_NULL);
    if (!m) return -1;
    if (!js) m->bit_field = 0;
    if (t == IT_JS_FUNCTION || t == IT_JS_BOUND_FUNCTION) m->bit_field |= MAP_CALLABLE;
    iso->root_maps[t] = m;
  }
  if (fa_empty(iso) == VAL_EXCEPTION) return -1;
  return 0;
}
