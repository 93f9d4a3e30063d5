/*
 * Realm creation: the bare %Object.prototype% and %Function.prototype%, the global object, then
 * every family of built-ins in PT_BUILTIN_FAMILIES order.
 */
#include "execution/realm.h"

#include "builtins/builtins-list.h"
#include "objects/js-function.h"
#include "objects/js-proxy.h"
#include "objects/names.h"
#include "objects/obj-internal.h"

/* Every family in builtins-list.h defines its installer in src/builtins/NAME.c. */
#define PT_DECLARE_INSTALLER(name) int builtins_install_##name(Isolate *iso, Realm *realm);
PT_BUILTIN_FAMILIES(PT_DECLARE_INSTALLER)
#undef PT_DECLARE_INSTALLER

#define PT_INSTALLER_ENTRY(name) builtins_install_##name,
static BuiltinInstaller const realm_installers[] = {PT_BUILTIN_FAMILIES(PT_INSTALLER_ENTRY)};
#undef PT_INSTALLER_ENTRY

static size_t realm_size(const HeapObject *o) {
  PT_UNUSED(o);
  return sizeof(Realm);
}

static void realm_visit(HeapObject *o, HeapVisitor *v) {
  Realm *r = (Realm *)o;
  heap_visit_value(v, &r->global_object);
  heap_visit_value(v, &r->global_this);
  heap_visit_value(v, &r->template_map);
  heap_visit_values(v, r->intrinsics, INTRINSIC_COUNT);
  heap_visit_value(v, &r->host_defined);
  heap_visit_value(v, &r->script_bindings);
}

void realm_register_types(void) { heap_register_type(IT_REALM, realm_size, realm_visit, NULL); }

/* %Function.prototype% is itself a function that accepts anything and returns undefined. */
static Value function_prototype_call(Isolate *iso, const CallArgs *args) {
  PT_UNUSED(iso);
  PT_UNUSED(args);
  return VAL_UNDEFINED;
}

static int realm_bootstrap(Isolate *iso, Realm *r) {
  Value object_proto = obj_new(iso, VAL_NULL);
  if (object_proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(r, r->intrinsics[INTRINSIC_OBJECT_PROTOTYPE], object_proto);
  /* %Object.prototype% is an immutable prototype exotic object: a private map carries the bit. */
  Map *opm = map_copy(iso, js_object(object_proto)->map);
  if (!opm) return -1;
  opm->bit_field |= MAP_IMMUTABLE_PROTO;
  obj_set_map(js_object(object_proto), opm);
  Value fn_proto = function_new_native_with_proto(iso, NAME(iso, empty), 0, function_prototype_call, 0, 0, object_proto);
  if (fn_proto == VAL_EXCEPTION) return -1;
  WRITE_FIELD(r, r->intrinsics[INTRINSIC_FUNCTION_PROTOTYPE], fn_proto);
  Value global = obj_new_with_type(iso, IT_JS_GLOBAL_OBJECT, sizeof(JSObject), object_proto);
  if (global == VAL_EXCEPTION) return -1;
  /* Global objects hold many properties looked up by name: keep them in a hash table. */
  if (obj_to_dictionary_mode(iso, global) < 0) return -1;
  WRITE_FIELD(r, r->global_object, global);
  WRITE_FIELD(r, r->global_this, global);
  WRITE_FIELD(r, r->intrinsics[INTRINSIC_GLOBAL_OBJECT], global);
  WRITE_FIELD(r, r->intrinsics[INTRINSIC_GLOBAL_THIS], global);
  if (rt_define_data(iso, global, NAME(iso, globalThis), global, ATTR_BUILTIN) < 0) return -1;
  for (size_t i = 0; i < PT_ARRAY_LEN(realm_installers); i++) {
    if (realm_installers[i](iso, r) < 0) return -1;
  }
  /* Proxy and Reflect sit on the internal methods this module owns. */
  if (proxy_install(iso, r) < 0 || reflect_install(iso, r) < 0) return -1;
  return 0;
}

Realm *realm_new(Isolate *iso) {
  Realm *r = heap_alloc(iso, sizeof(Realm), map_for_type(iso, IT_REALM));
  if (!r) return NULL;
  r->global_object = VAL_UNDEFINED;
  r->global_this = VAL_UNDEFINED;
  r->template_map = VAL_UNDEFINED;
  for (int i = 0; i < INTRINSIC_COUNT; i++) r->intrinsics[i] = VAL_UNDEFINED;
  r->host_defined = VAL_UNDEFINED;
  r->script_bindings = VAL_UNDEFINED;
  /* Built-ins are created in the new realm: functions remember iso->realm. */
  Realm *saved = iso->realm;
  iso->realm = r;
  int ok = realm_bootstrap(iso, r);
  if (saved) iso->realm = saved;
  if (ok < 0) {
    if (!saved) iso->realm = NULL;
    return NULL;
  }
  return r;
}
