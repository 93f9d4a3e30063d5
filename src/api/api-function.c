/*
 * The public API: native functions, their callback info, and function templates' functions.
 */
#include "api/api-internal.h"

#include <stdlib.h>

#include "execution/isolate-control.h"
#include "objects/js-function.h"
#include "objects/js-object.h"
#include "objects/names.h"
#include "objects/string.h"

#define V(h) api_val(h)

/* ---- Native functions --------------------------------------------------------------------- */

int api_callbacks_reserve(ApiState *api) {
  if (api->callback_count < api->callback_capacity) return 0;
  int cap = api->callback_capacity ? api->callback_capacity * 2 : 16;
  petrel_function_callback *c = realloc(api->callbacks, (size_t)cap * sizeof *c);
  if (c == NULL) return -1;
  api->callbacks = c; /* bigger is still valid if the next realloc fails */
  petrel_function_template **owners = realloc(api->callback_templates, (size_t)cap * sizeof *owners);
  if (owners == NULL) return -1;
  for (int i = api->callback_capacity; i < cap; i++) owners[i] = NULL;
  api->callback_templates = owners;
  api->callback_capacity = cap;
  return 0;
}

int api_register_callback(Isolate *iso, petrel_function_callback cb) {
  ApiState *api = iso->api;
  /* Share an index with another plain function of the same callback, never with a template's
   * (its index makes `new` build the template's instances). */
  for (int i = 0; i < api->callback_count; i++)
    if (api->callbacks[i] == cb && api->callback_templates[i] == NULL) return i;
  if (api_callbacks_reserve(api) < 0) return -1;
  api->callbacks[api->callback_count] = cb;
  api->callback_templates[api->callback_count] = NULL;
  return api->callback_count++;
}

/* The engine-side body of every API function: builds the callback info in a fresh handle scope,
 * calls the embedder, and turns a pending exception into VAL_EXCEPTION. */
static Value api_native_trampoline(Isolate *iso, const CallArgs *args) {
  ApiState *api = iso->api;
  JSFunction *fn = js_function(args->callee);
  if (fn->magic < 0 || fn->magic >= api->callback_count) return rt_throw_type_error(iso, "invalid native function");
  petrel_function_callback cb = api->callbacks[fn->magic];
  bool construct = args->new_target != VAL_UNDEFINED;
  Value this_val = args->this_val;
  petrel_function_template *tpl = api_template_for_callback(iso, fn->magic);
  if (construct && tpl != NULL) {
    /* A template's function: `this` is an instance of its instance template. */
    this_val = api_template_construct_receiver(iso, tpl, args->new_target);
    if (this_val == VAL_EXCEPTION) return VAL_EXCEPTION;
  } else if (construct) {
    Value proto = rt_prototype_from_constructor(iso, args->new_target, INTRINSIC_OBJECT_PROTOTYPE);
    if (proto == VAL_EXCEPTION) return VAL_EXCEPTION;
    this_val = obj_new(iso, proto);
    if (this_val == VAL_EXCEPTION) return VAL_EXCEPTION;
  }
  petrel_handle_scope scope;
  petrel_handle_scope_open(api_public(iso), &scope);
  petrel_callback_info info;
  info.iso = iso;
  info.ctx = api_context_for_realm(iso, iso->realm);
  info.argc = args->argc;
  info.args = NULL;
  for (int i = 0; i < args->argc; i++) {
    Value *slot = (Value *)(void *)api_local(iso, args->argv[i]);
    if (i == 0) info.args = slot;
  }
  info.this_slot = (Value *)(void *)api_local(iso, this_val);
  info.new_target_slot = (Value *)(void *)api_local(iso, args->new_target);
  info.data_slot = (Value *)(void *)api_local(iso, fn->extra);
  info.undefined_slot = (Value *)(void *)api_local(iso, VAL_UNDEFINED);
  info.return_slot = (Value *)(void *)api_local(iso, VAL_UNDEFINED);
  info.holder_slot = NULL;
  api->callback_level++;
  Value ret;
  if (info.ctx == NULL) {
    ret = isolate_throw_oom(iso);
  } else {
    cb(&info);
    ret = *info.return_slot;
  }
  api->callback_level--;
  petrel_handle_scope_close(&scope);
  if (isolate_has_exception(iso)) return VAL_EXCEPTION;
  if (construct) return val_is_object(ret) ? ret : this_val;
  return ret;
}

/* A native API function named by a property key (prefix "get"/"set" or NULL, as
 * function_set_name). A constructor gets a `prototype` like V8's FunctionTemplate functions. */
Value api_make_function_ex(Isolate *iso, int callback_index, Value data, Value name_key, int length,
                           bool constructor, const char *prefix) {
  Value fn = function_new_native(iso, prefix ? NAME(iso, empty) : name_key, length, api_native_trampoline,
                                 callback_index, constructor ? NATIVE_CONSTRUCTOR : 0);
  if (fn == VAL_EXCEPTION) return fn;
  WRITE_FIELD(val_to_ptr(fn), js_function(fn)->extra, data);
  if (prefix && function_set_name(iso, fn, name_key, prefix) < 0) return VAL_EXCEPTION;
  /* A writable `prototype` whose `constructor` is fn, so `new f()` objects inherit from
   * f.prototype and instanceof works. */
  if (constructor && function_make_constructor(iso, fn, VAL_UNDEFINED, true) < 0) return VAL_EXCEPTION;
  return fn;
}

Value api_make_function(Isolate *iso, int callback_index, Value data, const char *name, int length) {
  Value key = key_from_cstr(iso, name ? name : "");
  if (key == VAL_EXCEPTION) return key;
  return api_make_function_ex(iso, callback_index, data, key, length, true, NULL);
}

petrel_isolate *petrel_callback_info_isolate(const petrel_callback_info *info) { return api_public(info->iso); }
petrel_context *petrel_callback_info_context(const petrel_callback_info *info) { return info->ctx; }
int petrel_callback_info_length(const petrel_callback_info *info) { return info->argc; }

petrel_value *petrel_callback_info_arg(const petrel_callback_info *info, int i) {
  if (i < 0 || i >= info->argc) return (petrel_value *)(void *)info->undefined_slot;
  /* Argument handles were allocated consecutively; they are contiguous within one block. */
  Value *first = info->args;
  HandleBlock *b = info->iso->api->first;
  for (; b != NULL; b = b->next)
    if (first >= b->slots && first < b->slots + API_HANDLE_BLOCK_SIZE) break;
  PT_ASSERT(b != NULL);
  size_t in_block = (size_t)(b->slots + API_HANDLE_BLOCK_SIZE - first);
  if ((size_t)i < in_block) return (petrel_value *)(void *)(first + i);
  size_t rest = (size_t)i - in_block;
  for (b = b->next; b != NULL; b = b->next) {
    if (rest < API_HANDLE_BLOCK_SIZE) return (petrel_value *)(void *)(b->slots + rest);
    rest -= API_HANDLE_BLOCK_SIZE;
  }
  PT_UNREACHABLE();
}

petrel_value *petrel_callback_info_this(const petrel_callback_info *info) {
  return (petrel_value *)(void *)info->this_slot;
}
petrel_value *petrel_callback_info_new_target(const petrel_callback_info *info) {
  return (petrel_value *)(void *)info->new_target_slot;
}
bool petrel_callback_info_is_construct_call(const petrel_callback_info *info) {
  return *info->new_target_slot != VAL_UNDEFINED;
}
petrel_value *petrel_callback_info_data(const petrel_callback_info *info) {
  return (petrel_value *)(void *)info->data_slot;
}
petrel_value *petrel_callback_info_holder(const petrel_callback_info *info) {
  return (petrel_value *)(void *)(info->holder_slot ? info->holder_slot : info->this_slot);
}
void petrel_callback_info_set_return_int32(const petrel_callback_info *info, int32_t i) {
  *info->return_slot = val_from_int(i);
}
void petrel_callback_info_set_return_uint32(const petrel_callback_info *info, uint32_t u) {
  *info->return_slot = u <= INT32_MAX ? val_from_int((int32_t)u) : val_from_number((double)u);
}
void petrel_callback_info_set_return_double(const petrel_callback_info *info, double d) {
  *info->return_slot = val_from_number(d);
}
void petrel_callback_info_set_return_bool(const petrel_callback_info *info, bool b) {
  *info->return_slot = val_from_bool(b);
}
void petrel_callback_info_set_return_undefined(const petrel_callback_info *info) {
  *info->return_slot = VAL_UNDEFINED;
}
void petrel_callback_info_set_return_null(const petrel_callback_info *info) { *info->return_slot = VAL_NULL; }
void petrel_callback_info_set_return_empty_string(const petrel_callback_info *info) {
  *info->return_slot = NAME(info->iso, empty);
}
void petrel_callback_info_set_return(const petrel_callback_info *info, petrel_value *value) {
  *info->return_slot = V(value);
}

petrel_value *petrel_function_new(petrel_context *ctx, petrel_function_callback callback, petrel_value *data,
                                  const char *name, int length) {
  Isolate *iso = ctx->iso;
  int index = api_register_callback(iso, callback);
  if (index < 0) {
    isolate_throw_oom(iso);
    api_exception(iso);
    return NULL;
  }
  Realm *saved = api_enter_realm(ctx);
  Value fn = api_make_function(iso, index, data ? V(data) : VAL_UNDEFINED, name, length);
  api_leave_realm(iso, saved);
  return api_local_or_null(iso, fn);
}

petrel_function_template *petrel_function_template_new(petrel_isolate *piso, petrel_function_callback callback,
                                                       petrel_value *data, const char *name, int length) {
  Isolate *iso = api_iso(piso);
  ApiState *api = iso->api;
  petrel_function_template *t = calloc(1, sizeof *t);
  char *copy = strdup(name ? name : "");
  if (t == NULL || copy == NULL || callback == NULL) {
    free(t);
    free(copy);
    return NULL;
  }
  t->iso = iso;
  t->callback = callback;
  int index = api_register_template_callback(iso, t);
  if (index < 0) {
    free(t);
    free(copy);
    return NULL;
  }
  t->callback_index = index;
  t->data = data ? V(data) : VAL_UNDEFINED;
  t->name = copy;
  t->length = length;
  t->next = api->templates;
  if (t->next) t->next->prev = t;
  api->templates = t;
  return t;
}

/* The template's function in ctx, made and cached on first use; VAL_EXCEPTION (pending) on
 * failure. The entry is cached before the setup, so templates that refer to themselves (a
 * prototype method made from the same template) terminate. */
Value api_function_template_function(petrel_function_template *t, petrel_context *ctx) {
  Isolate *iso = t->iso;
  for (int i = 0; i < t->cache_count; i++)
    if (t->cache[i].ctx == ctx) return t->cache[i].fn;
  if (t->cache_count == t->cache_capacity) {
    int cap = t->cache_capacity ? t->cache_capacity * 2 : 4;
    struct TemplateCacheEntry *c = realloc(t->cache, (size_t)cap * sizeof *c);
    if (c == NULL) return isolate_throw_oom(iso);
    t->cache = c;
    t->cache_capacity = cap;
  }
  if (!isolate_check_stack(iso)) return VAL_EXCEPTION; /* deep inheritance / template cycles */
  Realm *saved = api_enter_realm(ctx);
  Value fn = VAL_EXCEPTION;
  Value key = key_from_cstr(iso, t->name);
  if (key != VAL_EXCEPTION)
    fn = api_make_function_ex(iso, t->callback_index, t->data, key, t->length, !t->remove_prototype, NULL);
  if (fn != VAL_EXCEPTION) {
    int slot = t->cache_count++;
    t->cache[slot] = (struct TemplateCacheEntry){ctx, fn};
    if (api_template_setup_function(iso, t, ctx, fn) < 0) {
      /* Forget the half-made function (entries made meanwhile shift down). */
      for (int i = slot; i + 1 < t->cache_count; i++) t->cache[i] = t->cache[i + 1];
      t->cache_count--;
      fn = VAL_EXCEPTION;
    }
  }
  api_leave_realm(iso, saved);
  return fn;
}

petrel_value *petrel_function_template_get_function(petrel_function_template *t, petrel_context *ctx) {
  Value fn = api_function_template_function(t, ctx);
  return api_local_or_null(t->iso, fn);
}

void petrel_function_template_release(petrel_function_template *t) {
  ApiState *api = t->iso->api;
  api_function_template_forget(t);
  if (t->prev) t->prev->next = t->next;
  else api->templates = t->next;
  if (t->next) t->next->prev = t->prev;
  free(t->cache);
  free(t->name);
  free(t);
}

/* Copies handle arguments to a C array on the stack (seen by the conservative scan). */
#define API_MAX_STACK_ARGS 64

bool petrel_function_call(petrel_context *ctx, petrel_value *fn, petrel_value *recv, int argc,
                          petrel_value **argv, petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Value stack_args[API_MAX_STACK_ARGS];
  Value *args = argc <= API_MAX_STACK_ARGS ? stack_args : malloc((size_t)argc * sizeof(Value));
  if (args == NULL) {
    isolate_throw_oom(iso);
    return api_exception(iso);
  }
  /* A heap-allocated argument array is not scanned: its values stay alive through argv's handles. */
  for (int i = 0; i < argc; i++) args[i] = V(argv[i]);
  Realm *saved = api_enter_realm(ctx);
  Value r = rt_call(iso, V(fn), recv ? V(recv) : VAL_UNDEFINED, argc, args);
  if (args != stack_args) free(args);
  return api_result(iso, saved, r, result);
}

bool petrel_function_construct(petrel_context *ctx, petrel_value *fn, int argc, petrel_value **argv,
                               petrel_value **result) {
  Isolate *iso = ctx->iso;
  if (!api_can_run(iso)) return false;
  Value stack_args[API_MAX_STACK_ARGS];
  Value *args = argc <= API_MAX_STACK_ARGS ? stack_args : malloc((size_t)argc * sizeof(Value));
  if (args == NULL) {
    isolate_throw_oom(iso);
    return api_exception(iso);
  }
  for (int i = 0; i < argc; i++) args[i] = V(argv[i]);
  Realm *saved = api_enter_realm(ctx);
  Value r;
  if (!val_is_constructor(V(fn))) r = rt_throw_type_error(iso, "value is not a constructor");
  else r = rt_construct(iso, V(fn), argc, args, V(fn));
  if (args != stack_args) free(args);
  return api_result(iso, saved, r, result);
}

petrel_value *petrel_function_get_name(petrel_context *ctx, petrel_value *fn) {
  Isolate *iso = ctx->iso;
  Value name = VAL_UNDEFINED;
  if (val_is_object(V(fn))) {
    PropertyDescriptor desc;
    int found = obj_get_own_property(iso, V(fn), NAME(iso, name), &desc);
    if (found < 0) {
      isolate_take_exception(iso);
      iso->pending_message = VAL_HOLE;
    } else if (found && desc.has_value) {
      name = desc.value;
    }
  }
  return api_local(iso, val_is_string(name) ? name : NAME(iso, empty));
}
