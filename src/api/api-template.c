/*
 * The public API, templates (V8's ObjectTemplate and the rest of FunctionTemplate): object
 * templates with data properties, C accessors, function-template properties and internal fields;
 * a function template's instance and prototype templates, inheritance, class name, length,
 * prototype options; the `this` of `new` on a template's function; has_instance.
 *
 * Templates are C structs owned by the isolate. The Values they hold (property values, accessor
 * data) are roots: api_templates_visit is called from the API's root visitor. A template is
 * frozen once instantiated, so every function and instance made from it agrees with it.
 */
#include "api/api-internal.h"

#include <stdlib.h>

#include "heap/fixed-array.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/string.h"

enum { TP_VALUE, TP_FUNCTION_TEMPLATE, TP_ACCESSOR };

typedef struct TemplateProp {
  char *name;
  int kind;
  int attributes;
  Value value;                         /* TP_VALUE */
  Value data;                          /* TP_ACCESSOR: the embedder's data */
  petrel_function_template *fn;        /* TP_FUNCTION_TEMPLATE */
  petrel_accessor_getter getter;       /* TP_ACCESSOR */
  petrel_accessor_setter setter;
} TemplateProp;

struct petrel_object_template {
  Isolate *iso;
  TemplateProp *props;
  int count, capacity;
  int internal_field_count;
  petrel_function_template *owner;     /* set for a function template's instance template */
  bool owned;                          /* an instance or prototype template: freed with its owner */
  bool instantiated;
  struct petrel_object_template *prev, *next;
};

/* The C side of one accessor, owned by a Foreign (freed when no accessor function uses it). */
typedef struct AccessorRecord {
  petrel_accessor_getter getter;
  petrel_accessor_setter setter;
} AccessorRecord;

/* Accessor function data: a FixedArray [Foreign(AccessorRecord), name, embedder data]. */
enum { ACC_RECORD, ACC_NAME, ACC_DATA, ACC_SLOTS };

/* ---- Roots and lifetime ------------------------------------------------------------------- */

void api_templates_visit(ApiState *api, HeapVisitor *v) {
  for (petrel_object_template *t = api->object_templates; t != NULL; t = t->next)
    for (int i = 0; i < t->count; i++) {
      heap_visit_value(v, &t->props[i].value);
      heap_visit_value(v, &t->props[i].data);
    }
}

static void object_template_free(petrel_object_template *t) {
  ApiState *api = t->iso->api;
  if (t->prev) t->prev->next = t->next;
  else api->object_templates = t->next;
  if (t->next) t->next->prev = t->prev;
  for (int i = 0; i < t->count; i++) free(t->props[i].name);
  free(t->props);
  free(t);
}

void api_templates_dispose(Isolate *iso) {
  ApiState *api = iso->api;
  while (api->object_templates != NULL) object_template_free(api->object_templates);
  free(api->callback_templates);
  api->callback_templates = NULL;
}

/* Called by petrel_function_template_release. */
void api_function_template_forget(petrel_function_template *t) {
  ApiState *api = t->iso->api;
  if (t->instance_template) object_template_free(t->instance_template);
  if (t->prototype_template) object_template_free(t->prototype_template);
  t->instance_template = t->prototype_template = NULL;
  if (api->callback_templates && t->callback_index >= 0 && t->callback_index < api->callback_count &&
      api->callback_templates[t->callback_index] == t)
    api->callback_templates[t->callback_index] = NULL;
  /* Templates inheriting from t lose their parent rather than point at freed memory. */
  for (petrel_function_template *o = api->templates; o != NULL; o = o->next)
    if (o->parent == t) o->parent = NULL;
}

int api_register_template_callback(Isolate *iso, petrel_function_template *t) {
  ApiState *api = iso->api;
  /* A fresh index per template (not shared by callback pointer), so the trampoline finds t. */
  if (api_callbacks_reserve(api) < 0) return -1;
  static uintptr_t next_id = 1; /* process-wide, so ids never repeat */
  t->id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
  api->callbacks[api->callback_count] = t->callback;
  api->callback_templates[api->callback_count] = t;
  return api->callback_count++;
}

static petrel_function_template *template_for_index(ApiState *api, int index) {
  if (api->callback_templates == NULL || index < 0 || index >= api->callback_count) return NULL;
  return api->callback_templates[index];
}

/* ---- Object templates: configuration ------------------------------------------------------ */

static petrel_object_template *object_template_make(Isolate *iso) {
  ApiState *api = iso->api;
  petrel_object_template *t = calloc(1, sizeof *t);
  if (t == NULL) return NULL;
  t->iso = iso;
  t->next = api->object_templates;
  if (t->next) t->next->prev = t;
  api->object_templates = t;
  return t;
}

petrel_object_template *petrel_object_template_new(petrel_isolate *iso) { return object_template_make(api_iso(iso)); }

void petrel_object_template_release(petrel_object_template *t) {
  if (t == NULL || t->owned) return; /* owned templates die with their function template */
  object_template_free(t);
}

/* A slot for `name`: the existing entry (replaced) or a new one. NULL when frozen or OOM. */
static TemplateProp *template_prop(petrel_object_template *t, const char *name) {
  if (t->instantiated || name == NULL) return NULL;
  for (int i = 0; i < t->count; i++)
    if (strcmp(t->props[i].name, name) == 0) {
      TemplateProp *p = &t->props[i];
      char *keep = p->name;
      memset(p, 0, sizeof *p);
      p->name = keep;
      p->value = p->data = VAL_UNDEFINED;
      return p;
    }
  if (t->count == t->capacity) {
    int cap = t->capacity ? t->capacity * 2 : 4;
    TemplateProp *n = realloc(t->props, (size_t)cap * sizeof *n);
    if (n == NULL) return NULL;
    t->props = n;
    t->capacity = cap;
  }
  char *copy = strdup(name);
  if (copy == NULL) return NULL;
  TemplateProp *p = &t->props[t->count];
  memset(p, 0, sizeof *p);
  p->name = copy;
  p->value = p->data = VAL_UNDEFINED;
  t->count++;
  return p;
}

bool petrel_object_template_set(petrel_object_template *t, const char *name, petrel_value *value, int attributes) {
  TemplateProp *p = template_prop(t, name);
  if (p == NULL) return false;
  p->kind = TP_VALUE;
  p->value = api_val(value);
  p->attributes = attributes;
  return true;
}

bool petrel_object_template_set_function_template(petrel_object_template *t, const char *name,
                                                  petrel_function_template *fn, int attributes) {
  if (fn == NULL || fn->iso != t->iso) return false;
  TemplateProp *p = template_prop(t, name);
  if (p == NULL) return false;
  p->kind = TP_FUNCTION_TEMPLATE;
  p->fn = fn;
  p->attributes = attributes;
  return true;
}

bool petrel_object_template_set_accessor(petrel_object_template *t, const char *name, petrel_accessor_getter getter,
                                         petrel_accessor_setter setter, petrel_value *data, int attributes) {
  if (getter == NULL && setter == NULL) return false;
  TemplateProp *p = template_prop(t, name);
  if (p == NULL) return false;
  p->kind = TP_ACCESSOR;
  p->getter = getter;
  p->setter = setter;
  p->data = data ? api_val(data) : VAL_UNDEFINED;
  p->attributes = attributes;
  return true;
}

bool petrel_object_template_set_internal_field_count(petrel_object_template *t, int count) {
  if (t->instantiated || count < 0 || count > PETREL_MAX_INTERNAL_FIELDS) return false;
  t->internal_field_count = count;
  return true;
}

int petrel_object_template_internal_field_count(petrel_object_template *t) { return t->internal_field_count; }

/* ---- Accessor trampolines ----------------------------------------------------------------- */

/* The object in obj's prototype chain that has `key` as an own property (V8's holder); obj itself
 * when not found or when the walk would meet a proxy (whose traps could run JavaScript). */
static Value find_holder(Isolate *iso, Value obj, Value key) {
  Value o = obj;
  for (int depth = 0; val_is_object(o) && depth < 10000; depth++) {
    if (val_instance_type(o) == IT_JS_PROXY) break;
    PropertyDescriptor d;
    int r = obj_get_own_property(iso, o, key, &d);
    if (r < 0) {
      isolate_take_exception(iso);
      iso->pending_message = VAL_HOLE;
      break;
    }
    if (r > 0) return o;
    o = obj_get_prototype_of(iso, o);
    if (o == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      iso->pending_message = VAL_HOLE;
      break;
    }
  }
  return obj;
}

/* Calls the embedder's accessor with an info whose data and holder are the accessor's. */
static void accessor_call(const petrel_callback_info *info, bool set) {
  Isolate *iso = info->iso;
  FixedArray *a = (FixedArray *)val_to_ptr(*info->data_slot);
  AccessorRecord *rec = ((Foreign *)val_to_ptr(fixed_array_get(a, ACC_RECORD)))->ptr;
  Value name = fixed_array_get(a, ACC_NAME);
  petrel_callback_info inner = *info;
  inner.data_slot = (Value *)(void *)api_local(iso, fixed_array_get(a, ACC_DATA));
  inner.holder_slot = (Value *)(void *)api_local(iso, find_holder(iso, *info->this_slot, name));
  petrel_value *property = api_local(iso, val_is_symbol(name) ? name : key_to_string(iso, name));
  if (set) {
    rec->setter(property, petrel_callback_info_arg(info, 0), &inner);
    *info->return_slot = VAL_UNDEFINED;
  } else {
    rec->getter(property, &inner);
  }
}

static void accessor_get_cb(const petrel_callback_info *info) { accessor_call(info, false); }
static void accessor_set_cb(const petrel_callback_info *info) { accessor_call(info, true); }


static Value make_accessor_fn(Isolate *iso, Value record, Value key, Value data, bool set) {
  FixedArray *a = fixed_array_new(iso, ACC_SLOTS, VAL_UNDEFINED);
  if (a == NULL) return VAL_EXCEPTION;
  fixed_array_set(a, ACC_RECORD, record);
  fixed_array_set(a, ACC_NAME, key);
  fixed_array_set(a, ACC_DATA, data);
  int index = api_register_callback(iso, set ? accessor_set_cb : accessor_get_cb);
  if (index < 0) return isolate_throw_oom(iso);
  return api_make_function_ex(iso, index, val_from_ptr(a), key, set ? 1 : 0, false, set ? "set" : "get");
}

/* ---- Instantiation ------------------------------------------------------------------------ */

static int define_data(Isolate *iso, Value obj, Value key, Value value, int attributes) {
  PropertyDescriptor d;
  memset(&d, 0, sizeof d);
  d.value = value;
  d.get = d.set = VAL_UNDEFINED;
  d.has_value = d.has_writable = d.has_enumerable = d.has_configurable = true;
  d.writable = (attributes & PETREL_PROP_WRITABLE) != 0;
  d.enumerable = (attributes & PETREL_PROP_ENUMERABLE) != 0;
  d.configurable = (attributes & PETREL_PROP_CONFIGURABLE) != 0;
  return rt_define_property_or_throw(iso, obj, key, &d);
}

/* Defines t's properties on obj (in the current realm, which is ctx's). */
static int apply_template(Isolate *iso, petrel_object_template *t, petrel_context *ctx, Value obj) {
  t->instantiated = true;
  for (int i = 0; i < t->count; i++) {
    TemplateProp *p = &t->props[i];
    Value key = key_from_cstr(iso, p->name);
    if (key == VAL_EXCEPTION) return -1;
    if (p->kind == TP_VALUE) {
      if (define_data(iso, obj, key, p->value, p->attributes) < 0) return -1;
    } else if (p->kind == TP_FUNCTION_TEMPLATE) {
      Value fn = api_function_template_function(p->fn, ctx);
      if (fn == VAL_EXCEPTION || define_data(iso, obj, key, fn, p->attributes) < 0) return -1;
    } else {
      AccessorRecord *rec = malloc(sizeof *rec);
      if (rec == NULL) return (isolate_throw_oom(iso), -1);
      rec->getter = p->getter;
      rec->setter = p->setter;
      Foreign *f = foreign_new(iso, rec, free);
      if (f == NULL) {
        free(rec);
        return -1;
      }
      Value record = val_from_ptr(f);
      PropertyDescriptor d;
      memset(&d, 0, sizeof d);
      d.value = VAL_UNDEFINED;
      d.get = d.set = VAL_UNDEFINED;
      if (p->getter) {
        d.get = make_accessor_fn(iso, record, key, p->data, false);
        if (d.get == VAL_EXCEPTION) return -1;
      }
      if (p->setter) {
        d.set = make_accessor_fn(iso, record, key, p->data, true);
        if (d.set == VAL_EXCEPTION) return -1;
      }
      d.has_get = d.has_set = d.has_enumerable = d.has_configurable = true;
      d.enumerable = (p->attributes & PETREL_PROP_ENUMERABLE) != 0;
      d.configurable = (p->attributes & PETREL_PROP_CONFIGURABLE) != 0;
      if (rt_define_property_or_throw(iso, obj, key, &d) < 0) return -1;
    }
  }
  return 0;
}

int api_template_apply(Isolate *iso, petrel_object_template *t, petrel_context *ctx, Value obj) {
  return apply_template(iso, t, ctx, obj);
}

/* An object with `fields` internal fields (an API object when fields > 0 or tagged). */
static Value new_api_object(Isolate *iso, Value proto, int fields, uintptr_t template_id) {
  if (fields == 0 && template_id == 0) return obj_new(iso, proto);
  api_object_register_type();
  Value o = obj_new_with_type(iso, IT_JS_API_OBJECT, sizeof(JSApiObject) + (size_t)fields * sizeof(void *), proto);
  if (o == VAL_EXCEPTION) return o;
  JSApiObject *a = (JSApiObject *)val_to_ptr(o);
  a->field_count = val_from_int(fields);
  a->template_id = template_id;
  for (int i = 0; i < fields; i++) a->fields[i] = NULL;
  return o;
}

/* The receiver for `new` on t's function: internal fields (the most any template in the chain
 * asks for) and the instance-template properties of the chain, the root's first. */
static Value template_instance(Isolate *iso, petrel_function_template *t, Value proto, petrel_context *ctx) {
  petrel_function_template *chain[64];
  int n = 0, fields = 0;
  for (petrel_function_template *c = t; c != NULL && n < 64; c = c->parent) {
    chain[n++] = c;
    if (c->instance_template && c->instance_template->internal_field_count > fields)
      fields = c->instance_template->internal_field_count;
  }
  Value o = new_api_object(iso, proto, fields, t->id);
  if (o == VAL_EXCEPTION) return o;
  for (int i = n - 1; i >= 0; i--)
    if (chain[i]->instance_template && apply_template(iso, chain[i]->instance_template, ctx, o) < 0)
      return VAL_EXCEPTION;
  return o;
}

Value api_template_construct_receiver(Isolate *iso, petrel_function_template *t, Value new_target) {
  Value proto = rt_prototype_from_constructor(iso, new_target, INTRINSIC_OBJECT_PROTOTYPE);
  if (proto == VAL_EXCEPTION) return proto;
  petrel_context *ctx = api_context_for_realm(iso, iso->realm);
  if (ctx == NULL) return isolate_throw_oom(iso);
  return template_instance(iso, t, proto, ctx);
}

/* The template owning a callback index (for the native trampoline). */
petrel_function_template *api_template_for_callback(Isolate *iso, int index) {
  return template_for_index(iso->api, index);
}

bool petrel_object_template_new_instance(petrel_object_template *t, petrel_context *ctx, petrel_value **out) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Realm *saved = api_enter_realm(ctx);
  Value o;
  if (t->owner != NULL) {
    /* An instance template: instances are what `new F()` makes, with F.prototype. */
    Value fn = api_function_template_function(t->owner, ctx);
    Value proto = fn == VAL_EXCEPTION ? fn : rt_get(iso, fn, NAME(iso, prototype));
    if (proto == VAL_EXCEPTION) o = proto;
    else {
      if (!val_is_object(proto)) proto = intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE);
      o = template_instance(iso, t->owner, proto, ctx);
    }
  } else {
    o = new_api_object(iso, intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE), t->internal_field_count, 0);
    if (o != VAL_EXCEPTION && apply_template(iso, t, ctx, o) < 0) o = VAL_EXCEPTION;
  }
  api_leave_realm(iso, saved);
  if (o == VAL_EXCEPTION) return api_exception(iso);
  *out = api_local(iso, o);
  return true;
}

/* ---- Function templates, continued -------------------------------------------------------- */

petrel_object_template *petrel_function_template_instance_template(petrel_function_template *t) {
  if (t->instance_template == NULL) {
    t->instance_template = object_template_make(t->iso);
    if (t->instance_template) {
      t->instance_template->owner = t;
      t->instance_template->owned = true;
    }
  }
  return t->instance_template;
}

petrel_object_template *petrel_function_template_prototype_template(petrel_function_template *t) {
  if (t->prototype_template == NULL) {
    t->prototype_template = object_template_make(t->iso);
    /* Not `owner`: its instances are ordinary objects; but it dies with t. */
    if (t->prototype_template) t->prototype_template->owned = true;
  }
  return t->prototype_template;
}

bool petrel_function_template_inherit(petrel_function_template *t, petrel_function_template *parent) {
  if (t->instantiated || parent == NULL || parent->iso != t->iso) return false;
  for (petrel_function_template *c = parent; c != NULL; c = c->parent)
    if (c == t) return false; /* a cycle */
  t->parent = parent;
  return true;
}

bool petrel_function_template_set_class_name(petrel_function_template *t, const char *name) {
  if (t->instantiated || name == NULL) return false;
  char *copy = strdup(name);
  if (copy == NULL) return false;
  free(t->name);
  t->name = copy;
  return true;
}

bool petrel_function_template_set_length(petrel_function_template *t, int length) {
  if (t->instantiated || length < 0) return false;
  t->length = length;
  return true;
}

bool petrel_function_template_remove_prototype(petrel_function_template *t) {
  if (t->instantiated) return false;
  t->remove_prototype = true;
  return true;
}

bool petrel_function_template_read_only_prototype(petrel_function_template *t) {
  if (t->instantiated) return false;
  t->read_only_prototype = true;
  return true;
}

bool petrel_function_template_has_instance(petrel_function_template *t, petrel_value *v) {
  Value x = api_val(v);
  if (!val_is_pointer(x) || val_instance_type(x) != IT_JS_API_OBJECT) return false;
  uintptr_t id = ((JSApiObject *)val_to_ptr(x))->template_id;
  if (id == 0) return false;
  for (petrel_function_template *c = t->iso->api->templates; c != NULL; c = c->next) {
    if (c->id != id) continue;
    for (petrel_function_template *p = c; p != NULL; p = p->parent)
      if (p == t) return true;
    return false;
  }
  return false;
}

/* Completes a template's new function in the current realm (ctx's): prototype options, the
 * parent's prototype, the prototype template. */
int api_template_setup_function(Isolate *iso, petrel_function_template *t, petrel_context *ctx, Value fn) {
  t->instantiated = true;
  if (t->remove_prototype) return 0;
  Value proto = rt_get(iso, fn, NAME(iso, prototype));
  if (proto == VAL_EXCEPTION) return -1;
  if (t->read_only_prototype) {
    PropertyDescriptor d;
    memset(&d, 0, sizeof d);
    d.has_writable = true;
    d.writable = false;
    d.value = d.get = d.set = VAL_UNDEFINED;
    if (rt_define_property_or_throw(iso, fn, NAME(iso, prototype), &d) < 0) return -1;
  }
  if (!val_is_object(proto)) return 0;
  if (t->parent != NULL) {
    Value pf = api_function_template_function(t->parent, ctx);
    if (pf == VAL_EXCEPTION) return -1;
    Value parent_proto = rt_get(iso, pf, NAME(iso, prototype));
    if (parent_proto == VAL_EXCEPTION) return -1;
    if (val_is_object(parent_proto) && obj_set_prototype_of(iso, proto, parent_proto) < 0) return -1;
  }
  if (t->prototype_template && apply_template(iso, t->prototype_template, ctx, proto) < 0) return -1;
  return 0;
}
