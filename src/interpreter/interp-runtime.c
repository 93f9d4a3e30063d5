/* Slow paths and runtime functions of the interpreter (interp-runtime.h). */
#include "interpreter/interp-runtime.h"
#include "interpreter/codegen.h"
#include "heap/fixed-array.h"
#include "modules/module.h"
#include "interpreter/compiler.h"
#include "interpreter/interpreter.h"
#include "builtins/disposable.h"
#include "interpreter/async.h"
#include "builtins/iterator.h"
#include "builtins/object-helpers.h"
#include "builtins/regexp.h"
#include "execution/realm.h"
#include "ic/global-ic.h"
#include "objects/dictionary.h"
#include "objects/names.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const interp_runtime_names[RT_COUNT] = {
#define PT_RT_NAME(name, n) #name,
    PT_RUNTIME_FUNCTIONS(PT_RT_NAME)
#undef PT_RT_NAME
};

static char *utf8_of(Isolate *iso, Value v) {
  if (val_is_object(v)) return strdup("#<Object>");
  if (!val_is_pointer(v) || !val_is_string(v)) {
    /* primitives other than strings and symbols: their ToString runs no user code */
    if (val_is_pointer(v) && val_is_symbol(v)) return strdup("Symbol()");
    Value s = rt_to_string(iso, v);
    if (s == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      return NULL;
    }
    return str_to_utf8(iso, s, NULL);
  }
  if (!val_is_string(v)) {
    v = key_to_string(iso, v);
    if (v == VAL_EXCEPTION) {
      isolate_take_exception(iso);
      return NULL;
    }
  }
  return str_to_utf8(iso, v, NULL);
}

static Value throw_with_name(Isolate *iso, ErrorKind kind, const char *fmt, Value name) {
  char *s = NULL;
  if (val_is_number(name)) {
    s = utf8_of(iso, name);
  } else if (val_is_pointer(name) && val_is_symbol(name)) {
    Value d = sym_description(name);
    char *ds = val_is_undefined(d) ? NULL : str_to_utf8(iso, d, NULL);
    size_t n = (ds ? strlen(ds) : 0) + 16;
    s = malloc(n);
    if (s) snprintf(s, n, sym_is_private(name) ? "%s" : "Symbol(%s)", ds ? ds : "");
    free(ds);
  } else {
    s = utf8_of(iso, name);
  }
  Value e = rt_throw(iso, kind, fmt, s ? s : "?");
  free(s);
  return e;
}

/* ---- script-scope lexical declarations ---- */

/* The script scope's let/const/class bindings, shared by every script of the realm, live in a
 * dictionary on the realm, not on the global object: the global object may be made
 * non-extensible (or be a host's object) and script lexicals must still be declarable. A
 * binding's value is VAL_HOLE while it is in its TDZ; its details are ATTR_WRITABLE unless it is
 * const. A hash table keeps declaring n bindings and looking one up by name linear and constant
 * (a context grown by one slot per declaration made 50,000 top-level `let`s take 47 s). The
 * global IC caches these entries as it caches the global object's own (ic/global-ic.h). */
static Dictionary *script_bindings(Realm *realm) {
  return val_is_pointer(realm->script_bindings) ? (Dictionary *)val_to_ptr(realm->script_bindings) : NULL;
}

/* Adds a binding, in its TDZ. */
static int script_binding_add(Isolate *iso, Realm *realm, Value name, bool is_const) {
  Dictionary *d = script_bindings(realm);
  if (!d) {
    d = dict_new(iso, IT_PROPERTY_DICTIONARY, 8);
    if (!d) return -1;
  }
  d = dict_put(iso, d, name, VAL_HOLE, is_const ? 0 : ATTR_WRITABLE);
  if (!d) return -1;
  WRITE_FIELD(realm, realm->script_bindings, val_from_ptr(d));
  /* The new lexical shadows any global property of that name that a site has cached. */
  global_ic_invalidate(iso);
  return 0;
}

/* The entry of name in the current realm's script bindings, or -1; *out_dict: the dictionary. */
static int32_t script_binding_find(Isolate *iso, Value name, Dictionary **out_dict) {
  Dictionary *d = script_bindings(iso->realm);
  *out_dict = d;
  return d ? dict_find(iso, d, name) : -1;
}

bool interp_has_script_binding(Isolate *iso, Value name) {
  Dictionary *d;
  return script_binding_find(iso, name, &d) >= 0;
}

Value interp_load_global(Isolate *iso, Value name, bool inside_typeof) {
  Dictionary *bindings;
  int32_t entry = script_binding_find(iso, name, &bindings);
  if (entry >= 0) {
    Value v = DICT_VALUE(bindings, entry);
    if (v == VAL_HOLE) return throw_with_name(iso, ERR_REFERENCE, "Cannot access '%s' before initialization", name);
    return v;
  }
  Value global = iso->realm->global_object;
  PropertyDescriptor d;
  int own = obj_get_own_property(iso, global, name, &d);
  if (own < 0) return VAL_EXCEPTION;
  if (own && d.has_value) return d.value;
  if (!own) {
    int has = obj_has_property(iso, global, name);
    if (has < 0) return VAL_EXCEPTION;
    if (!has) {
      if (inside_typeof) return VAL_UNDEFINED;
      return throw_with_name(iso, ERR_REFERENCE, "%s is not defined", name);
    }
  }
  return obj_get(iso, global, name, global);
}

int interp_store_global(Isolate *iso, Value name, Value value, bool strict) {
  Dictionary *bindings;
  int32_t entry = script_binding_find(iso, name, &bindings);
  if (entry >= 0) {
    if (DICT_VALUE(bindings, entry) == VAL_HOLE) {
      throw_with_name(iso, ERR_REFERENCE, "Cannot access '%s' before initialization", name);
      return -1;
    }
    if (!(val_to_int(DICT_DETAILS(bindings, entry)) & ATTR_WRITABLE)) {
      rt_throw_type_error(iso, "Assignment to constant variable.");
      return -1;
    }
    dict_set_value(bindings, entry, value);
    return 0;
  }
  Value global = iso->realm->global_object;
  if (strict) {
    int has = obj_has_property(iso, global, name);
    if (has < 0) return -1;
    if (!has) {
      throw_with_name(iso, ERR_REFERENCE, "%s is not defined", name);
      return -1;
    }
  }
  return rt_set(iso, global, name, value, strict) < 0 ? -1 : 0;
}

/* decls: FeedbackVector of (kind int, name) pairs; kind: 0 var, 1 function, 2 let, 3 const,
 * 4 class. */
static Value declare_globals(Isolate *iso, Value decls) {
  FeedbackVector *d = (FeedbackVector *)val_to_ptr(decls);
  Realm *realm = iso->realm;
  Value global = realm->global_object;
  for (int i = 0; i + 1 < d->length; i += 2) {
    int kind = val_to_int(d->slots[i]);
    Value name = d->slots[i + 1];
    if (interp_has_script_binding(iso, name))
      return throw_with_name(iso, ERR_SYNTAX, "Identifier '%s' has already been declared", name);
    if (kind >= 2) {
      PropertyDescriptor pd;
      int r = obj_get_own_property(iso, global, name, &pd);
      if (r < 0) return VAL_EXCEPTION;
      if (r && !pd.configurable)
        return throw_with_name(iso, ERR_SYNTAX, "Identifier '%s' has already been declared", name);
    } else if (kind == 1) {
      /* CanDeclareGlobalFunction */
      PropertyDescriptor pd;
      int r = obj_get_own_property(iso, global, name, &pd);
      if (r < 0) return VAL_EXCEPTION;
      if (r && !pd.configurable && (desc_is_accessor(&pd) || !pd.writable || !pd.enumerable))
        return throw_with_name(iso, ERR_TYPE, "Cannot redefine property: %s", name);
      if (!r) {
        int ext = obj_is_extensible(iso, global);
        if (ext < 0) return VAL_EXCEPTION;
        if (!ext) return throw_with_name(iso, ERR_TYPE, "Cannot define global function '%s'", name);
      }
    }
  }
  for (int i = 0; i + 1 < d->length; i += 2) {
    int kind = val_to_int(d->slots[i]);
    Value name = d->slots[i + 1];
    if (kind >= 2) {
      if (script_binding_add(iso, realm, name, kind == 3) < 0) return VAL_EXCEPTION;
    } else {
      PropertyDescriptor pd;
      int r = obj_get_own_property(iso, global, name, &pd);
      if (r < 0) return VAL_EXCEPTION;
      if (kind == 1 && r && pd.configurable) {
        /* CreateGlobalFunctionBinding replaces a configurable property with a data property. */
        if (rt_define_data(iso, global, name, VAL_UNDEFINED, ATTR_WRITABLE | ATTR_ENUMERABLE) < 0) return VAL_EXCEPTION;
      } else if (!r) {
        int ext = obj_is_extensible(iso, global);
        if (ext < 0) return VAL_EXCEPTION;
        if (!ext) return throw_with_name(iso, ERR_TYPE, "Cannot define global variable '%s'", name);
        if (rt_define_data(iso, global, name, VAL_UNDEFINED, ATTR_WRITABLE | ATTR_ENUMERABLE) < 0) return VAL_EXCEPTION;
      }
    }
  }
  return VAL_UNDEFINED;
}

/* A function's name for a message, without running code: the SharedFunctionInfo's name, or a
 * native's own `name` when it is a data property holding a string; "" otherwise. */
static Value function_debug_name(Isolate *iso, Value fn) {
  if (!val_is_js_function(fn)) return VAL_UNDEFINED;
  if (val_is_pointer(js_function(fn)->shared)) return sfi_of(js_function(fn)->shared)->name;
  PropertyDescriptor d;
  int r = obj_get_own_property(iso, fn, NAME(iso, name), &d);
  if (r < 0) {
    isolate_take_exception(iso);
    return VAL_UNDEFINED;
  }
  return r && d.has_value && val_is_string(d.value) ? d.value : VAL_UNDEFINED;
}

Value interp_active_function(Value fn) {
  if ((sfi_of(js_function(fn)->shared)->flags & (SFI_ARROW | SFI_EVAL)) && val_is_js_function(js_function(fn)->extra))
    return js_function(fn)->extra;
  return fn;
}

Value interp_throw_not_super_constructor(Isolate *iso, InterpFrame *frame, Value super_ctor) {
  Value active = interp_active_function(frame->function);
  char sup[128], cls[128];
  Value sup_name = function_debug_name(iso, super_ctor);
  if (val_is_string(sup_name))
    /* as V8: a nameless function (Function.prototype, the parent of `extends null`) shows "null" */
    builtins_describe(iso, str_length(sup_name) > 0 ? sup_name : VAL_NULL, sup, sizeof sup);
  else
    builtins_describe(iso, super_ctor, sup, sizeof sup);
  Value cls_name = function_debug_name(iso, active);
  if (!val_is_string(cls_name) || str_length(cls_name) == 0)
    return rt_throw_type_error(iso, "Super constructor %s of anonymous class is not a constructor", sup);
  builtins_describe(iso, cls_name, cls, sizeof cls);
  return rt_throw_type_error(iso, "Super constructor %s of %s is not a constructor", sup, cls);
}

/* ---- dynamic (by name) lookup through the context chain ---- */

static int with_has_binding(Isolate *iso, Value obj, Value name) {
  int has = obj_has_property(iso, obj, name);
  if (has <= 0) return has;
  Value uns = obj_get(iso, obj, sym_well_known(iso, WKS_UNSCOPABLES), obj);
  if (uns == VAL_EXCEPTION) return -1;
  if (val_is_object(uns)) {
    Value b = obj_get(iso, uns, name, uns);
    if (b == VAL_EXCEPTION) return -1;
    if (rt_to_boolean(b)) return 0;
  }
  return 1;
}

/* Finds the binding of name: returns 1 with ctx_out and slot_out (slot >= 0: context slot; -1: the
   object in obj_out holds it), 0 when only the global scope is left, -1 on exception. */
static int lookup_binding(Isolate *iso, Value ctx, Value name, Value *ctx_out, int *slot_out, Value *obj_out, int *mode) {
  while (val_is_pointer(ctx)) {
    Context *c = context_of(ctx);
    ScopeInfo *si = val_is_pointer(c->scope_info) ? scope_info_of(c->scope_info) : NULL;
    if (si && si->scope_type == SCOPE_TYPE_WITH) {
      int r = with_has_binding(iso, c->extension, name);
      if (r < 0) return -1;
      if (r) {
        *ctx_out = ctx;
        *slot_out = -1;
        *obj_out = c->extension;
        *mode = SLOT_MODE_VAR;
        return 1;
      }
    } else {
      if (si && si->scope_type == SCOPE_TYPE_SCRIPT) break;
      int slot = scope_info_lookup(c->scope_info, name, mode);
      if (slot >= 0) {
        *ctx_out = ctx;
        *slot_out = slot;
        return 1;
      }
      if (val_is_object(c->extension)) {
        int r = obj_has_property(iso, c->extension, name);
        if (r < 0) return -1;
        if (r) {
          *ctx_out = ctx;
          *slot_out = -1;
          *obj_out = c->extension;
          *mode = SLOT_MODE_VAR;
          return 1;
        }
      }
    }
    ctx = c->previous;
  }
  return 0;
}

/* A `with` object's binding found by HasBinding may be gone by the time it is used (a proxy's
 * `has` trap, or an @@unscopables getter that deletes it): GetBindingValue and SetMutableBinding
 * of an object environment ask HasProperty again. 1: still there, 0: gone, -1: exception. */
static int with_binding_still_exists(Isolate *iso, Value c, Value obj, Value name) {
  if (scope_info_of(context_of(c)->scope_info)->scope_type != SCOPE_TYPE_WITH) return 1;
  return obj_has_property(iso, obj, name);
}

Value interp_lookup_slot(Isolate *iso, Value context, Value name, int flags, Value *receiver_out) {
  Value c, obj = VAL_UNDEFINED;
  int slot, mode;
  if (receiver_out) *receiver_out = VAL_UNDEFINED;
  int r = lookup_binding(iso, context, name, &c, &slot, &obj, &mode);
  if (r < 0) return VAL_EXCEPTION;
  if (r) {
    if (slot >= 0) {
      Value v = *context_slot_ptr(c, slot);
      if (v == VAL_HOLE) return throw_with_name(iso, ERR_REFERENCE, "Cannot access '%s' before initialization", name);
      return v;
    }
    int still = with_binding_still_exists(iso, c, obj, name);
    if (still < 0) return VAL_EXCEPTION;
    if (!still) {
      if (flags & LOOKUP_STRICT) return throw_with_name(iso, ERR_REFERENCE, "%s is not defined", name);
      return VAL_UNDEFINED;
    }
    if (receiver_out && scope_info_of(context_of(c)->scope_info)->scope_type == SCOPE_TYPE_WITH) *receiver_out = obj;
    return obj_get(iso, obj, name, obj);
  }
  Value m = module_of_context(context);
  int cell_index;
  bool immutable;
  if (module_is_record(m) && module_lookup_local(m, name, &cell_index, &immutable)) {
    Value v = module_cell(m, cell_index)->data[0];
    if (v == VAL_HOLE) return throw_with_name(iso, ERR_REFERENCE, "Cannot access '%s' before initialization", name);
    return v;
  }
  return interp_load_global(iso, name, (flags & LOOKUP_INSIDE_TYPEOF) != 0);
}

int interp_store_lookup_slot(Isolate *iso, Value context, Value name, Value value, bool strict) {
  Value c, obj = VAL_UNDEFINED;
  int slot, mode;
  int r = lookup_binding(iso, context, name, &c, &slot, &obj, &mode);
  if (r < 0) return -1;
  if (r) {
    if (slot >= 0) {
      Value *p = context_slot_ptr(c, slot);
      if (*p == VAL_HOLE) {
        throw_with_name(iso, ERR_REFERENCE, "Cannot access '%s' before initialization", name);
        return -1;
      }
      if (mode == SLOT_MODE_CONST) {
        rt_throw_type_error(iso, "Assignment to constant variable.");
        return -1;
      }
      if (mode == SLOT_MODE_SLOPPY_CONST) {
        if (strict) {
          rt_throw_type_error(iso, "Assignment to constant variable.");
          return -1;
        }
        return 0;
      }
      WRITE_FIELD(val_to_ptr(c), *p, value);
      return 0;
    }
    int still = with_binding_still_exists(iso, c, obj, name);
    if (still < 0) return -1;
    if (!still && strict) {
      throw_with_name(iso, ERR_REFERENCE, "%s is not defined", name);
      return -1;
    }
    return rt_set(iso, obj, name, value, strict) < 0 ? -1 : 0;
  }
  Value m = module_of_context(context);
  int cell_index;
  bool immutable;
  if (module_is_record(m) && module_lookup_local(m, name, &cell_index, &immutable)) {
    FixedArray *cell = module_cell(m, cell_index);
    if (cell->data[0] == VAL_HOLE) {
      throw_with_name(iso, ERR_REFERENCE, "Cannot access '%s' before initialization", name);
      return -1;
    }
    if (immutable) {
      rt_throw_type_error(iso, "Assignment to constant variable.");
      return -1;
    }
    WRITE_FIELD(cell, cell->data[0], value);
    return 0;
  }
  return interp_store_global(iso, name, value, strict);
}

static Value delete_lookup_slot(Isolate *iso, Value context, Value name) {
  Value c, obj = VAL_UNDEFINED;
  int slot, mode;
  int r = lookup_binding(iso, context, name, &c, &slot, &obj, &mode);
  if (r < 0) return VAL_EXCEPTION;
  if (r) {
    if (slot >= 0) return VAL_FALSE;
    int d = obj_delete(iso, obj, name);
    return d < 0 ? VAL_EXCEPTION : val_from_bool(d);
  }
  if (interp_has_script_binding(iso, name)) return VAL_FALSE;
  int d = obj_delete(iso, iso->realm->global_object, name);
  return d < 0 ? VAL_EXCEPTION : val_from_bool(d);
}

/* Sloppy direct eval: `var`s go to the closest declaration context's extension object, or to
 * the global object at script level. decls: (kind, name) pairs as for DeclareGlobals. */
static Value declare_eval_vars(Isolate *iso, Value context, Value decls) {
  FeedbackVector *d = (FeedbackVector *)val_to_ptr(decls);
  Value ctx = context;
  while (val_is_pointer(ctx)) {
    Context *c = context_of(ctx);
    ScopeInfo *si = scope_info_of(c->scope_info);
    if (si->scope_type == SCOPE_TYPE_SCRIPT) {
      ctx = VAL_UNDEFINED;
      break;
    }
    /* A var may not hoist over a lexical declaration of the same name (the eval code's own
     * context holds its own lexicals and does not count). */
    if (si->scope_type != SCOPE_TYPE_EVAL && si->scope_type != SCOPE_TYPE_WITH) {
      for (int i = 0; i + 1 < d->length; i += 2) {
        int mode;
        if (val_to_int(d->slots[i]) >= 2) continue;
        if (scope_info_lookup(c->scope_info, d->slots[i + 1], &mode) >= 0 && mode != SLOT_MODE_VAR &&
            mode != SLOT_MODE_SLOPPY_CONST)
          return throw_with_name(iso, ERR_SYNTAX, "Identifier '%s' has already been declared", d->slots[i + 1]);
      }
    }
    if (si->flags & SCOPE_INFO_PARAMS) {
      /* eval in a parameter expression: the parameters (and the arguments object) are bindings
       * of an environment between the eval and its var scope, so a like-named var conflicts */
      for (int i = 0; i + 1 < d->length; i += 2)
        if (val_to_int(d->slots[i]) < 2 && scope_info_lookup(c->scope_info, d->slots[i + 1], NULL) >= 0)
          return throw_with_name(iso, ERR_SYNTAX, "Identifier '%s' has already been declared", d->slots[i + 1]);
    }
    /* The sloppy eval code's own context holds only its lexicals: its vars belong to the
     * enclosing variable environment (EvalDeclarationInstantiation's varEnv). */
    if ((si->flags & SCOPE_INFO_DECLARATION) && si->scope_type != SCOPE_TYPE_EVAL) break;
    ctx = c->previous;
  }
  if (!val_is_pointer(ctx)) {
    /* At global level: a script-scope lexical of the same name conflicts too. */
    for (int i = 0; i + 1 < d->length; i += 2) {
      if (val_to_int(d->slots[i]) < 2 && interp_has_script_binding(iso, d->slots[i + 1]))
        return throw_with_name(iso, ERR_SYNTAX, "Identifier '%s' has already been declared", d->slots[i + 1]);
    }
    /* CanDeclareGlobalFunction / CanDeclareGlobalVar, all checked before anything is created */
    Value global = iso->realm->global_object;
    for (int i = 0; i + 1 < d->length; i += 2) {
      int k = val_to_int(d->slots[i]);
      if (k >= 2) continue;
      PropertyDescriptor pd;
      int r = obj_get_own_property(iso, global, d->slots[i + 1], &pd);
      if (r < 0) return VAL_EXCEPTION;
      bool ok;
      if (!r) {
        int e = obj_is_extensible(iso, global);
        if (e < 0) return VAL_EXCEPTION;
        ok = e != 0;
      } else {
        ok = k != 1 || pd.configurable || (pd.has_value && pd.writable && pd.enumerable);
      }
      if (!ok) return throw_with_name(iso, ERR_TYPE, "Cannot redefine property: %s", d->slots[i + 1]);
    }
  }
  for (int i = 0; i + 1 < d->length; i += 2) {
    Value name = d->slots[i + 1];
    if (val_to_int(d->slots[i]) >= 2) continue;
    if (!val_is_pointer(ctx)) {
      Value global = iso->realm->global_object;
      PropertyDescriptor pd;
      int r = obj_get_own_property(iso, global, name, &pd);
      if (r < 0) return VAL_EXCEPTION;
      /* CreateGlobalFunctionBinding: a configurable existing property becomes an ordinary
       * (writable, enumerable, deletable) one; the function value is stored when hoisted */
      bool redefine = !r || (val_to_int(d->slots[i]) == 1 && pd.configurable);
      if (redefine && rt_define_data(iso, global, name, r && pd.has_value ? pd.value : VAL_UNDEFINED, ATTR_DEFAULT) < 0)
        return VAL_EXCEPTION;
      continue;
    }
    Context *c = context_of(ctx);
    if (scope_info_lookup(c->scope_info, name, NULL) >= 0) continue;
    if (!val_is_object(c->extension)) {
      Value ext = obj_new(iso, VAL_NULL);
      if (ext == VAL_EXCEPTION) return ext;
      c = context_of(ctx);
      WRITE_FIELD(c, c->extension, ext);
    }
    int r = rt_has_own_property(iso, c->extension, name);
    if (r < 0) return VAL_EXCEPTION;
    if (!r && rt_define_data(iso, c->extension, name, VAL_UNDEFINED, ATTR_DEFAULT) < 0) return VAL_EXCEPTION;
  }
  return VAL_UNDEFINED;
}

/* ---- properties ---- */

Value interp_get_property(Isolate *iso, Value base, Value key) {
  if (val_is_nullish(base))
    return throw_with_name(iso, ERR_TYPE,
                           base == VAL_NULL ? "Cannot read properties of null (reading '%s')"
                                            : "Cannot read properties of undefined (reading '%s')",
                           key);
  if (val_is_pointer(base) && val_is_object(base)) return obj_get(iso, base, key, base);
  return rt_get(iso, base, key);
}

int interp_set_property(Isolate *iso, Value base, Value key, Value value, bool strict) {
  if (val_is_nullish(base)) {
    throw_with_name(iso, ERR_TYPE,
                    base == VAL_NULL ? "Cannot set properties of null (setting '%s')"
                                     : "Cannot set properties of undefined (setting '%s')",
                    key);
    return -1;
  }
  if (val_is_pointer(base) && val_is_object(base)) return rt_set(iso, base, key, value, strict) < 0 ? -1 : 0;
  Value obj = rt_to_object(iso, base);
  if (obj == VAL_EXCEPTION) return -1;
  int r = obj_set(iso, obj, key, value, base);
  if (r < 0) return -1;
  if (!r && strict) {
    throw_with_name(iso, ERR_TYPE, "Cannot create property '%s' on primitive", key);
    return -1;
  }
  return 0;
}

/* ---- closures ---- */

static Value lazy_feedback_cell(Isolate *iso) {
  FixedArray *cell = fixed_array_new(iso, 1, VAL_UNDEFINED);
  return cell ? val_from_ptr(cell) : VAL_EXCEPTION;
}

int interp_prepare_lazy(Isolate *iso, Value fn) {
  Value shared = js_function(fn)->shared;
  if (!val_is_pointer(sfi_of(shared)->bytecode) && codegen_compile_lazy(iso, shared) == VAL_EXCEPTION) return -1;
  if (js_function(fn)->kind_flags & FUNC_FEEDBACK_CELL) {
    FixedArray *cell = (FixedArray *)val_to_ptr(js_function(fn)->feedback);
    Value vec = cell->data[0];
    if (!val_is_pointer(vec)) {
      vec = feedback_vector_new(iso, bytecode_of(sfi_of(shared)->bytecode)->feedback_slot_count);
      if (vec == VAL_EXCEPTION) return -1;
      fixed_array_set(cell, 0, vec);
    }
    WRITE_FIELD(val_to_ptr(fn), js_function(fn)->feedback, vec);
    js_function(fn)->kind_flags &= ~(uint32_t)FUNC_FEEDBACK_CELL;
  }
  return 0;
}

Value interp_new_closure(Isolate *iso, InterpFrame *frame, Value shared, Value context, int slot) {
  SharedFunctionInfo *sfi = sfi_of(shared);
  uint32_t f = sfi->flags, kind = 0;
  if (f & SFI_STRICT) kind |= FUNC_STRICT;
  if (f & SFI_ARROW) kind |= FUNC_ARROW;
  if (f & SFI_METHOD) kind |= FUNC_METHOD;
  if (f & SFI_GENERATOR) kind |= FUNC_GENERATOR;
  if (f & SFI_ASYNC) kind |= FUNC_ASYNC;
  if (f & SFI_GETTER) kind |= FUNC_GETTER;
  if (f & SFI_SETTER) kind |= FUNC_SETTER;
  if (f & SFI_CLASS_CONSTRUCTOR) kind |= FUNC_CLASS_CONSTRUCTOR | FUNC_CONSTRUCTOR;
  if (f & SFI_DERIVED) kind |= FUNC_DERIVED;
  bool ordinary_ctor = !(f & (SFI_ARROW | SFI_METHOD | SFI_GENERATOR | SFI_ASYNC | SFI_GETTER | SFI_SETTER |
                              SFI_CLASS_CONSTRUCTOR | SFI_CLASS_FIELD_INIT));
  if (ordinary_ctor) kind |= FUNC_CONSTRUCTOR;
  Intrinsic proto_id = (f & SFI_GENERATOR) ? ((f & SFI_ASYNC) ? INTRINSIC_ASYNC_GENERATOR_FUNCTION_PROTOTYPE
                                                                : INTRINSIC_GENERATOR_FUNCTION_PROTOTYPE)
                       : (f & SFI_ASYNC) ? INTRINSIC_ASYNC_FUNCTION_PROTOTYPE
                                         : INTRINSIC_FUNCTION_PROTOTYPE;
  Value proto = intrinsic(iso, proto_id);
  if (!val_is_pointer(proto)) proto = intrinsic(iso, INTRINSIC_FUNCTION_PROTOTYPE);
  Value fn = function_new_closure(iso, shared, context, proto, kind);
  if (fn == VAL_EXCEPTION) return fn;
  if (ordinary_ctor && !(f & (SFI_STRICT | SFI_TOPLEVEL))) {
    /* As in V8, sloppy functions have own `arguments` and `caller` (builtins/function.c),
     * shadowing Function.prototype's throwing accessors. Accessors, not data properties whose
     * value changes: a non-writable, non-configurable data property must keep its value. */
    Value caller = intrinsic(iso, INTRINSIC_SLOPPY_CALLER_ACCESSOR);
    Value arguments = intrinsic(iso, INTRINSIC_SLOPPY_ARGUMENTS_ACCESSOR);
    if (val_is_pointer(caller) && val_is_pointer(arguments) &&
        (obj_add_shared_accessor(iso, fn, NAME(iso, arguments), arguments, 0) < 0 ||
         obj_add_shared_accessor(iso, fn, NAME(iso, caller), caller, 0) < 0))
      return VAL_EXCEPTION;
  }
  /* The feedback vector lives in the creating function's vector slot: shared by every closure
   * made at this site in this realm (template objects are per site). */
  Value fv = VAL_UNDEFINED;
  /* A function not compiled yet (lazy) has no slot count: its closures get a one-slot cell
   * (FixedArray) that the first call fills with the vector (interpreter_call), so closures made
   * before that still share one vector per site. */
  bool compiled = val_is_pointer(sfi->bytecode);
  int nslots = compiled ? bytecode_of(sfi->bytecode)->feedback_slot_count : 0;
  if (frame && slot >= 0) {
    Value parent = js_function(frame->function)->feedback;
    if (val_is_pointer(parent) && slot < ((FeedbackVector *)val_to_ptr(parent))->length) {
      fv = ((FeedbackVector *)val_to_ptr(parent))->slots[slot];
      if (!val_is_pointer(fv)) {
        fv = compiled ? feedback_vector_new(iso, nslots) : lazy_feedback_cell(iso);
        if (fv == VAL_EXCEPTION) return fv;
        FeedbackVector *pv = (FeedbackVector *)val_to_ptr(parent);
        WRITE_FIELD(pv, pv->slots[slot], fv);
      }
    }
  }
  if (!val_is_pointer(fv)) {
    fv = compiled ? feedback_vector_new(iso, nslots) : lazy_feedback_cell(iso);
    if (fv == VAL_EXCEPTION) return fv;
  }
  if (heap_object_type(val_to_ptr(fv)) == IT_FIXED_ARRAY) {
    /* a site's cell: once a first call filled it, closures made later take the vector itself */
    Value vec = ((FixedArray *)val_to_ptr(fv))->data[0];
    if (val_is_pointer(vec)) fv = vec;
  }
  WRITE_FIELD(val_to_ptr(fn), js_function(fn)->feedback, fv);
  if (heap_object_type(val_to_ptr(fv)) == IT_FIXED_ARRAY) js_function(fn)->kind_flags |= FUNC_FEEDBACK_CELL;
  if ((f & SFI_ARROW) && frame) {
    /* Arrows use their creator's [[HomeObject]] for super, and remember the non-arrow function
     * they are in (super() inside an arrow in a derived constructor). */
    JSFunction *creator = js_function(frame->function);
    WRITE_FIELD(val_to_ptr(fn), js_function(fn)->home_object, creator->home_object);
    WRITE_FIELD(val_to_ptr(fn), js_function(fn)->extra, interp_active_function(frame->function));
  }
  if (function_set_length(iso, fn, sfi->length) < 0) return VAL_EXCEPTION;
  if (!(f & SFI_CLASS_CONSTRUCTOR) || val_is_string(sfi->name)) {
    if (rt_define_data(iso, fn, NAME(iso, name), sfi_of(shared)->name, ATTR_CONFIGURABLE) < 0) return VAL_EXCEPTION;
  }
  if (ordinary_ctor) {
    if (function_make_constructor(iso, fn, VAL_UNDEFINED, true) < 0) return VAL_EXCEPTION;
  } else if (f & SFI_GENERATOR) {
    Value p = obj_new(iso, intrinsic(iso, (f & SFI_ASYNC) ? INTRINSIC_ASYNC_GENERATOR_PROTOTYPE : INTRINSIC_GENERATOR_PROTOTYPE));
    if (p == VAL_EXCEPTION) return p;
    if (rt_define_data(iso, fn, NAME(iso, prototype), p, ATTR_WRITABLE) < 0) return VAL_EXCEPTION;
  }
  return fn;
}

/* ---- arguments ---- */

Value interp_create_arguments(Isolate *iso, InterpFrame *frame, bool mapped) {
  Value param_map = sfi_of(js_function(frame->function)->shared)->param_map;
  Value obj;
  if (mapped && val_is_pointer(param_map))
    obj = arguments_new_mapped(iso, frame->rbase[1], param_map, frame->argc);
  else
    obj = obj_new_with_type(iso, IT_JS_ARGUMENTS, sizeof(JSObject), intrinsic(iso, INTRINSIC_OBJECT_PROTOTYPE));
  if (obj == VAL_EXCEPTION) return obj;
  for (int i = 0; i < frame->argc; i++)
    if (rt_define_data(iso, obj, key_from_index((uint32_t)i), frame->argv[i], ATTR_DEFAULT) < 0) return VAL_EXCEPTION;
  if (rt_define_data(iso, obj, NAME(iso, length), val_from_int(frame->argc), ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  Value values = intrinsic(iso, INTRINSIC_ARRAY_PROTOTYPE_VALUES);
  if (val_is_pointer(values) &&
      rt_define_data(iso, obj, sym_well_known(iso, WKS_ITERATOR), values, ATTR_BUILTIN) < 0)
    return VAL_EXCEPTION;
  if (mapped) {
    if (rt_define_data(iso, obj, NAME(iso, callee), frame->function, ATTR_BUILTIN) < 0) return VAL_EXCEPTION;
  } else {
    Value thrower = intrinsic(iso, INTRINSIC_THROW_TYPE_ERROR);
    if (val_is_pointer(thrower) && rt_define_accessor(iso, obj, NAME(iso, callee), thrower, thrower, 0) < 0)
      return VAL_EXCEPTION;
  }
  return obj;
}

Value interp_create_rest(Isolate *iso, InterpFrame *frame) {
  int formals = frame->bytecode->param_count - 1;
  int n = frame->argc > formals ? frame->argc - formals : 0;
  return array_from_values(iso, n ? frame->argv + formals : NULL, (uint32_t)n);
}

/* ---- for-in ---- */

Value interp_for_in_enumerate(Isolate *iso, Value receiver) {
  Value result = array_new(iso, 0);
  if (result == VAL_EXCEPTION || val_is_nullish(receiver)) return result;
  Value obj = rt_to_object(iso, receiver);
  if (obj == VAL_EXCEPTION) return obj;
  Value seen = obj_new(iso, VAL_NULL);
  if (seen == VAL_EXCEPTION) return seen;
  int depth = 0;
  while (val_is_object(obj)) {
    if (++depth > 100000) return rt_throw_range_error(iso, "Maximum call stack size exceeded");
    Value keys = obj_own_property_keys(iso, obj);
    if (keys == VAL_EXCEPTION) return keys;
    uint32_t n = array_length(keys);
    for (uint32_t i = 0; i < n; i++) {
      Value key = obj_get(iso, keys, key_from_index(i), keys);
      if (key == VAL_EXCEPTION) return key;
      if (val_is_pointer(key) && val_is_symbol(key)) continue;
      int s = rt_has_own_property(iso, seen, key);
      if (s < 0) return VAL_EXCEPTION;
      if (s) continue;
      PropertyDescriptor d;
      int r = obj_get_own_property(iso, obj, key, &d);
      if (r < 0) return VAL_EXCEPTION;
      if (!r) continue;
      if (rt_define_data(iso, seen, key, VAL_TRUE, ATTR_DEFAULT) < 0) return VAL_EXCEPTION;
      if (!d.enumerable) continue;
      Value ks = key_to_string(iso, key);
      if (ks == VAL_EXCEPTION || array_push(iso, result, ks) < 0) return VAL_EXCEPTION;
    }
    obj = obj_get_prototype_of(iso, obj);
    if (obj == VAL_EXCEPTION) return obj;
  }
  return result;
}

/* ---- iteration ---- */

Value interp_get_iterator(Isolate *iso, Value obj) {
  /* The bytecode reads `next` itself, once: only GetMethod and the call happen here. */
  if (!val_is_nullish(obj)) {
    Value m = rt_get_method(iso, obj, sym_well_known(iso, WKS_ITERATOR));
    if (m == VAL_EXCEPTION) return m;
    if (!val_is_undefined(m)) {
      Value it = rt_call(iso, m, obj, 0, NULL);
      if (it == VAL_EXCEPTION) return it;
      if (!val_is_object(it)) return rt_throw_type_error(iso, "Result of the Symbol.iterator method is not an object");
      return it;
    }
  }
  /* not iterable: the shared path throws with V8's message */
  IteratorRecord rec;
  if (builtins_get_iterator(iso, obj, false, &rec) < 0) return VAL_EXCEPTION;
  return rec.iterator;
}

static Value append_spread(Isolate *iso, Value arr, Value iterable) {
  IteratorRecord rec;
  if (builtins_get_iterator(iso, iterable, false, &rec) < 0) return VAL_EXCEPTION;
  for (;;) {
    Value v = builtins_iterator_step_value(iso, &rec);
    if (v == VAL_EXCEPTION) return v;
    if (v == VAL_HOLE) break;
    if (array_push(iso, arr, v) < 0) return VAL_EXCEPTION;
  }
  return arr;
}

/* ---- literals ---- */

Value interp_template_object(Isolate *iso, InterpFrame *frame, Value description, int slot) {
  Value fvv = js_function(frame->function)->feedback;
  FeedbackVector *fv = val_is_pointer(fvv) ? (FeedbackVector *)val_to_ptr(fvv) : NULL;
  if (fv && slot < fv->length && val_is_pointer(fv->slots[slot])) return fv->slots[slot];
  FeedbackVector *d = (FeedbackVector *)val_to_ptr(description);
  uint32_t n = (uint32_t)d->length / 2;
  Value cooked = array_new(iso, 0), raw = VAL_UNDEFINED;
  if (cooked == VAL_EXCEPTION) return cooked;
  raw = array_new(iso, 0);
  if (raw == VAL_EXCEPTION) return raw;
  d = (FeedbackVector *)val_to_ptr(description);
  for (uint32_t i = 0; i < n; i++) {
    if (array_push(iso, cooked, d->slots[i]) < 0) return VAL_EXCEPTION;
    if (array_push(iso, raw, d->slots[n + i]) < 0) return VAL_EXCEPTION;
  }
  if (obj_set_integrity_level(iso, raw, true) < 0) return VAL_EXCEPTION;
  if (rt_define_data(iso, cooked, NAME(iso, raw), raw, 0) < 0) return VAL_EXCEPTION;
  if (obj_set_integrity_level(iso, cooked, true) < 0) return VAL_EXCEPTION;
  fvv = js_function(frame->function)->feedback;
  if (val_is_pointer(fvv)) {
    fv = (FeedbackVector *)val_to_ptr(fvv);
    if (slot < fv->length) WRITE_FIELD(fv, fv->slots[slot], cooked);
  }
  return cooked;
}

Value interp_regexp_literal(Isolate *iso, Value pattern, Value flags) {
  static const char order[] = "dgimsuvy";
  static const int bits[] = {128, 1, 2, 4, 32, 16, 256, 8};
  int f = val_to_int(flags);
  char buf[16];
  int n = 0;
  for (int i = 0; i < 8; i++)
    if (f & bits[i]) buf[n++] = order[i];
  buf[n] = 0;
  Value fs = str_from_cstr(iso, buf);
  if (fs == VAL_EXCEPTION) return fs;
  return regexp_create(iso, pattern, fs);
}

/* ---- errors with source text ---- */

static bool ident_char(uint16_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

Value interp_callee_text(Isolate *iso, InterpFrame *frame) {
  if (!frame) return str_from_cstr(iso, "expression");
  SharedFunctionInfo *sfi = sfi_of(js_function(frame->function)->shared);
  int pos = bytecode_source_position(frame->bytecode, (uint32_t)(frame->pc - bytecode_bytes(frame->bytecode)));
  if (pos < 0 || !val_is_string(sfi->source)) return str_from_cstr(iso, "expression");
  Value src = str_flatten(iso, sfi->source);
  if (src == VAL_EXCEPTION) return src;
  uint32_t len = str_length(src);
  uint32_t start = (uint32_t)pos, end = (uint32_t)pos;
  if (start > len) return str_from_cstr(iso, "expression");
  while (start > 0 && (ident_char(str_char_at(src, start - 1)) || str_char_at(src, start - 1) == '.')) start--;
  while (end < len && (ident_char(str_char_at(src, end)) || str_char_at(src, end) == '.')) end++;
  if (end == start || end - start > 200) return str_from_cstr(iso, "expression");
  Value text = str_substring(iso, src, start, end);
  if (text != VAL_EXCEPTION && str_char_at(src, start) == '.') {
    /* the object part was not a plain name: V8 says (intermediate value).name */
    Value prefix = str_from_cstr(iso, "(intermediate value)");
    if (prefix == VAL_EXCEPTION) return prefix;
    text = str_concat(iso, prefix, text);
  }
  return text;
}

/* How V8 names a callee that is not a plain name: a few primitives by value (5, -5, "x", null,
 * true), everything else (BigInts, objects, call results) as "(intermediate value)". */
static Value callee_value_text(Isolate *iso, Value callee) {
  if (val_is_number(callee)) return rt_number_to_string(iso, val_to_number_unchecked(callee), 10);
  if (val_is_string(callee)) {
    Value q = str_from_cstr(iso, "\"");
    if (q == VAL_EXCEPTION) return q;
    Value t = str_concat(iso, q, callee);
    return t == VAL_EXCEPTION ? t : str_concat(iso, t, q);
  }
  if (callee == VAL_NULL) return str_from_cstr(iso, "null");
  if (callee == VAL_UNDEFINED) return str_from_cstr(iso, "undefined");
  if (val_is_bool(callee)) return str_from_cstr(iso, callee == VAL_TRUE ? "true" : "false");
  return str_from_cstr(iso, "(intermediate value)");
}

static bool text_is(Value s, uint32_t start, uint32_t end, const char *word) {
  size_t n = strlen(word);
  if (end - start != n) return false;
  for (size_t i = 0; i < n; i++)
    if (str_char_at(s, start + (uint32_t)i) != (uint8_t)word[i]) return false;
  return true;
}

Value interp_callee_text_of(Isolate *iso, InterpFrame *frame, Value callee) {
  if (!frame) return callee_value_text(iso, callee);
  SharedFunctionInfo *sfi = sfi_of(js_function(frame->function)->shared);
  int pos = bytecode_source_position(frame->bytecode, (uint32_t)(frame->pc - bytecode_bytes(frame->bytecode)));
  if (pos < 0 || !val_is_string(sfi->source)) return callee_value_text(iso, callee);
  Value src = str_flatten(iso, sfi->source);
  if (src == VAL_EXCEPTION) return src;
  uint32_t len = str_length(src), p = (uint32_t)pos;
  if (p + 3 > len || !text_is(src, p, p + 3, "new") || (p + 3 < len && ident_char(str_char_at(src, p + 3))) ||
      (p + 3 < len && str_char_at(src, p + 3) == '.'))
    goto not_new;
  /* `new X`: the position is the keyword's, so name the expression after it (its parentheses
   * skipped). A dotted name is shown as written; anything else by value. */
  p += 3;
  uint32_t parens = 0;
  for (; p < len; p++) {
    uint16_t c = str_char_at(src, p);
    if (c == '(') parens++;
    else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
  }
  if (p < len && ident_char(str_char_at(src, p)) && !(str_char_at(src, p) >= '0' && str_char_at(src, p) <= '9')) {
    uint32_t end = p;
    while (end < len && (ident_char(str_char_at(src, end)) || str_char_at(src, end) == '.')) end++;
    uint32_t after = end;
    while (after < len && (str_char_at(src, after) == ' ' || str_char_at(src, after) == '\t')) after++;
    bool whole = parens == 0 || (after < len && str_char_at(src, after) == ')');
    if (whole && end - p <= 200 && !text_is(src, p, end, "function") && !text_is(src, p, end, "class") &&
        !text_is(src, p, end, "async") && !text_is(src, p, end, "new"))
      return str_substring(iso, src, p, end);
  }
  return callee_value_text(iso, callee);
not_new:;
  Value t = interp_callee_text(iso, frame);
  if (t == VAL_EXCEPTION) return t;
  t = str_flatten(iso, t); /* the text may be a rope ("(intermediate value).foo") */
  if (t == VAL_EXCEPTION) return t;
  /* A number or BigInt literal is not a name: 5n() names its value, as V8 does. */
  if (str_length(t) > 0 && str_char_at(t, 0) >= '0' && str_char_at(t, 0) <= '9') return callee_value_text(iso, callee);
  return t;
}

Value interp_throw_not_callable(Isolate *iso, InterpFrame *frame, Value callee) {
  Value t = interp_callee_text_of(iso, frame, callee);
  if (t == VAL_EXCEPTION) return t;
  return throw_with_name(iso, ERR_TYPE, "%s is not a function", t);
}

Value interp_super_constructor(Isolate *iso, Value active_function) {
  return obj_get_prototype_of(iso, active_function);
}

/* ---- generators ---- */

static Value create_generator(Isolate *iso, Value closure, Value receiver) {
  Value proto = obj_get(iso, closure, NAME(iso, prototype), closure);
  if (proto == VAL_EXCEPTION) return proto;
  if (!val_is_object(proto)) {
    Realm *r = function_get_realm(iso, closure);
    proto = realm_intrinsic(r ? r : iso->realm, INTRINSIC_GENERATOR_PROTOTYPE);
  }
  Value g = obj_new_with_type(iso, IT_JS_GENERATOR, sizeof(JSGenerator), proto);
  if (g == VAL_EXCEPTION) return g;
  JSGenerator *gen = (JSGenerator *)val_to_ptr(g);
  WRITE_FIELD(gen, gen->function, closure);
  WRITE_FIELD(gen, gen->receiver, receiver);
  gen->state = val_from_int(GEN_SUSPENDED_START);
  gen->resume_mode = val_from_int(GEN_RESUME_NEXT);
  gen->continuation = val_from_int(0);
  return g;
}

/* ---- dispatch ---- */

int interp_private_add(Isolate *iso, Value obj, Value sym, const PropertyDescriptor *desc) {
  int r = obj_private_add(iso, obj, sym, desc);
  if (r == 0) {
    throw_with_name(iso, ERR_TYPE, "Cannot initialize %s twice on the same object", sym);
    return -1;
  }
  if (r == -2) {
    throw_with_name(iso, ERR_TYPE, "Cannot define private member %s, object is not extensible", sym);
    return -1;
  }
  return r < 0 ? -1 : 0;
}

static Value private_get(Isolate *iso, Value obj, Value sym) {
  if (!val_is_object(obj)) return rt_throw_type_error(iso, "Cannot read private member from a non-object");
  PropertyDescriptor d;
  if (!obj_private_find(iso, obj, sym, &d))
    return throw_with_name(iso, ERR_TYPE, "Cannot read private member %s from an object whose class did not declare it", sym);
  if (d.has_get || d.has_set) {
    if (!val_is_callable(d.get)) return throw_with_name(iso, ERR_TYPE, "'%s' was defined without a getter", sym);
    return rt_call(iso, d.get, obj, 0, NULL);
  }
  return d.value;
}

static Value private_set(Isolate *iso, Value obj, Value sym, Value v) {
  if (!val_is_object(obj)) return rt_throw_type_error(iso, "Cannot write private member to a non-object");
  PropertyDescriptor d;
  if (!obj_private_find(iso, obj, sym, &d))
    return throw_with_name(iso, ERR_TYPE, "Cannot write private member %s to an object whose class did not declare it", sym);
  if (d.has_get || d.has_set) {
    if (!val_is_callable(d.set)) return throw_with_name(iso, ERR_TYPE, "'%s' was defined without a setter", sym);
    if (rt_call(iso, d.set, obj, 1, &v) == VAL_EXCEPTION) return VAL_EXCEPTION;
    return v;
  }
  if (!d.writable) return throw_with_name(iso, ERR_TYPE, "Private method '%s' is not writable", sym);
  if (obj_private_write(iso, obj, sym, v) < 0) return VAL_EXCEPTION;
  return v;
}

Value class_define(Isolate *iso, InterpFrame *frame, Value *args, int argc);

Value interp_call_runtime(Isolate *iso, InterpFrame *frame, int id, Value *a, int argc) {
  switch ((RuntimeId)id) {
  case RT_DeclareGlobals: return declare_globals(iso, a[0]);
  case RT_DeclareEvalVars: return declare_eval_vars(iso, frame ? frame->rbase[1] : VAL_UNDEFINED, a[0]);
  case RT_CreateJSGeneratorObject: return create_generator(iso, a[0], a[1]);
  case RT_GeneratorGetResumeMode: return ((JSGenerator *)val_to_ptr(a[0]))->resume_mode;
  case RT_GeneratorClose:
    ((JSGenerator *)val_to_ptr(a[0]))->state = val_from_int(GEN_COMPLETED);
    return VAL_UNDEFINED;
  case RT_ThrowConstAssignError: return rt_throw_type_error(iso, "Assignment to constant variable.");
  case RT_ThrowReferenceError: return throw_with_name(iso, ERR_REFERENCE, "%s is not defined", a[0]);
  case RT_ThrowTypeError: return throw_with_name(iso, ERR_TYPE, "%s", a[0]);
  case RT_ThrowIteratorResultNotAnObject:
    return rt_throw_type_error(iso, "Iterator result is not an object");
  case RT_ThrowCalledNonCallable: return interp_throw_not_callable(iso, frame, a[0]);
  case RT_ThrowNotSuperConstructor: return rt_throw_type_error(iso, "Super constructor is not a constructor");
  case RT_ThrowSuperAlreadyCalled: return rt_throw_reference_error(iso, "Super constructor may only be called once");
  case RT_ThrowSuperNotCalled:
    return rt_throw_reference_error(iso, "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
  case RT_ThrowApplyNonFunction: return rt_throw_type_error(iso, "not a function");
  case RT_ThrowDerivedReturn: {
    /* [[Construct]] checks the result after leaving the callee: the caller realm's TypeError */
    Realm *realm = iso->realm;
    if (frame) iso->realm = frame->caller_realm;
    Value e = rt_throw_type_error(iso, "Derived constructors may only return object or undefined");
    iso->realm = realm;
    return e;
  }
  case RT_DefineClass: return class_define(iso, frame, a, argc);
  case RT_CreatePrivateName: return sym_new_private(iso, a[0]);
  case RT_LoadPrivate: return private_get(iso, a[0], a[1]);
  case RT_StorePrivate: return private_set(iso, a[0], a[1], a[2]);
  case RT_DefinePrivate: {
    if (!val_is_object(a[0])) return rt_throw_type_error(iso, "Cannot define private member on a non-object");
    /* (obj, name, value[, is_method]): a field is writable, a static method is not */
    bool method = argc > 3 && a[3] == VAL_TRUE;
    PropertyDescriptor d;
    desc_data(&d, a[2], method ? 0 : ATTR_WRITABLE);
    return interp_private_add(iso, a[0], a[1], &d) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
  }
  case RT_HasPrivate: {
    if (!val_is_object(a[0])) return rt_throw_type_error(iso, "Cannot use 'in' operator to search for a private field in a non-object");
    return val_from_bool(obj_private_find(iso, a[0], a[1], NULL));
  }
  case RT_AppendSpread: return append_spread(iso, a[0], a[1]);
  case RT_CopyDataProperties:
  case RT_CopyDataPropertiesExcluding: {
    Value target = a[0], src = a[1];
    if (val_is_nullish(src)) {
      if (id == RT_CopyDataPropertiesExcluding)
        return rt_throw_type_error(iso, "Cannot destructure '%s' as it is %s.", src == VAL_NULL ? "null" : "undefined",
                                   src == VAL_NULL ? "null" : "undefined");
      return target;
    }
    Value from = rt_to_object(iso, src);
    if (from == VAL_EXCEPTION) return from;
    Value keys = obj_own_property_keys(iso, from);
    if (keys == VAL_EXCEPTION) return keys;
    uint32_t n = array_length(keys);
    for (uint32_t i = 0; i < n; i++) {
      Value key = obj_get(iso, keys, key_from_index(i), keys);
      if (key == VAL_EXCEPTION) return key;
      bool excluded = false;
      for (int k = 2; k < argc; k++) {
        if (rt_same_value(a[k], key)) excluded = true;
      }
      if (excluded) continue;
      PropertyDescriptor d;
      int r = obj_get_own_property(iso, from, key, &d);
      if (r < 0) return VAL_EXCEPTION;
      if (!r || !d.enumerable) continue;
      Value v = obj_get(iso, from, key, from);
      if (v == VAL_EXCEPTION) return v;
      if (rt_create_data_property_or_throw(iso, target, key, v) < 0) return VAL_EXCEPTION;
    }
    return target;
  }
  case RT_DefineAccessor: {
    /* (object, key, getter or undefined, setter or undefined): merges with an existing pair */
    Value obj = a[0], key = a[1];
    PropertyDescriptor d;
    desc_init(&d);
    if (a[2] != VAL_UNDEFINED) { d.get = a[2]; d.has_get = true; }
    if (a[3] != VAL_UNDEFINED) { d.set = a[3]; d.has_set = true; }
    d.enumerable = (argc > 4) ? rt_to_boolean(a[4]) : true;
    d.has_enumerable = true;
    d.configurable = true;
    d.has_configurable = true;
    if (rt_define_property_or_throw(iso, obj, key, &d) < 0) return VAL_EXCEPTION;
    return obj;
  }
  case RT_SetPrototypeFromLiteral:
    if (val_is_object(a[1]) || a[1] == VAL_NULL) {
      if (obj_set_prototype_of(iso, a[0], a[1]) < 0) return VAL_EXCEPTION;
    }
    return a[0];
  case RT_SetFunctionName: {
    const char *prefix = NULL;
    if (argc > 2 && val_is_int(a[2])) prefix = val_to_int(a[2]) == 1 ? "get" : val_to_int(a[2]) == 2 ? "set" : NULL;
    if (function_set_name(iso, a[0], a[1], prefix) < 0) return VAL_EXCEPTION;
    return a[0];
  }
  case RT_IteratorClose: return builtins_iterator_close(iso, a[0], false) < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
  case RT_IteratorCloseOnThrow: {
    /* The exception to rethrow is in the accumulator of the caller; run `return` and ignore
     * anything it throws. */
    Value saved = iso->pending_exception;
    Value msg = iso->pending_message;
    iso->pending_exception = VAL_HOLE;
    Value ret = rt_get_method(iso, a[0], NAME(iso, return_));
    if (ret != VAL_EXCEPTION && ret != VAL_UNDEFINED) rt_call(iso, ret, a[0], 0, NULL);
    if (iso->terminating) return VAL_EXCEPTION;
    iso->pending_exception = saved;
    iso->pending_message = msg;
    return VAL_UNDEFINED;
  }
  case RT_ResolveEval: {
    /* (callee, source, caller closure, strict, source is an argument array) */
    Value callee = a[0];
    if (callee != intrinsic(iso, INTRINSIC_EVAL)) return callee;
    Value source = a[1];
    if (a[4] == val_from_int(1)) {
      /* eval(...args): the arguments were spread into a fresh dense array; its first element
       * (an own element, so the read runs no user code) is the source */
      source = array_length(source) > 0 ? rt_get(iso, source, key_from_index(0)) : VAL_UNDEFINED;
      if (source == VAL_EXCEPTION) return source;
    }
    if (!val_is_string(source)) return callee;
    return compiler_compile_eval(iso, source, true, rt_to_boolean(a[3]), frame->rbase[1], a[2]);
  }
  case RT_DeleteLookupSlot: return delete_lookup_slot(iso, frame->rbase[1], a[0]);
  case RT_LoadLookupSlotForCall: {
    /* (name, out receiver register follows) */
    Value recv;
    Value v = interp_lookup_slot(iso, frame->rbase[1], a[0], frame_lookup_flags(frame), &recv);
    if (v == VAL_EXCEPTION) return v;
    if (argc > 1) a[1] = recv;
    return v;
  }
  case RT_GetSuperBase: {
    Value p = obj_get_prototype_of(iso, a[0]);
    return p;
  }
  case RT_SetSuper: {
    /* (super base, key, value, receiver): PutValue of a super property reference */
    Value proto = a[0];
    if (val_is_nullish(proto)) return rt_throw_type_error(iso, "Cannot set properties of %s", proto == VAL_NULL ? "null" : "undefined");
    Value key = rt_to_property_key(iso, a[1]);
    if (key == VAL_EXCEPTION) return key;
    int r = obj_set(iso, proto, key, a[2], a[3]);
    if (r < 0) return VAL_EXCEPTION;
    if (!r && (sfi_of(js_function(frame->function)->shared)->flags & SFI_STRICT)) /* sloppy: ignored */
      return throw_with_name(iso, ERR_TYPE, "Cannot assign to read only property '%s' of object", key);
    return a[2];
  }
  case RT_GetSuperProperty:
    /* (super base, key, unused, receiver): GetValue of a super property reference whose base
     * GetSuperBase already took */
    if (val_is_nullish(a[0])) return rt_throw_type_error(iso, "Cannot read properties of %s", a[0] == VAL_NULL ? "null" : "undefined");
    {
      Value key = rt_to_property_key(iso, a[1]);
      if (key == VAL_EXCEPTION) return key;
      return obj_get(iso, a[0], key, a[3]);
    }
  case RT_GetKeyedSuper: {
    /* (home object, key, receiver) */
    Value proto = obj_get_prototype_of(iso, a[0]);
    if (proto == VAL_EXCEPTION) return proto;
    if (val_is_nullish(proto)) return rt_throw_type_error(iso, "Cannot read properties of %s", proto == VAL_NULL ? "null" : "undefined");
    Value key = rt_to_property_key(iso, a[1]);
    if (key == VAL_EXCEPTION) return key;
    return obj_get(iso, proto, key, a[2]);
  }
  case RT_InitializeClassFields: {
    /* (constructor function, this) */
    Value init = js_function(a[0])->class_fields_initializer;
    if (val_is_pointer(init) && interp_init_fields(iso, init, a[1]) < 0) return VAL_EXCEPTION;
    return a[1];
  }
  case RT_CreateIterResultObject: return builtins_create_iter_result(iso, a[0], rt_to_boolean(a[1]));
  case RT_AsyncNotImplemented: return rt_throw_type_error(iso, "async functions are not implemented yet");
  case RT_AsyncFunctionEnter: return async_function_enter(iso, a[0], a[1]);
  case RT_AsyncAwait: return async_await(iso, a[0], a[1]);
  case RT_AsyncFunctionResolve: return async_function_resolve(iso, a[0], a[1]);
  case RT_AsyncFunctionReject: return async_function_reject(iso, a[0], a[1]);
  case RT_AsyncGeneratorCreate: return async_generator_create(iso, a[0], a[1]);
  case RT_AsyncGeneratorYield: return async_generator_yield(iso, a[0], a[1]);
  case RT_GetAsyncIterator: return async_get_iterator(iso, a[0]);
  case RT_SetHomeObject:
    WRITE_FIELD(val_to_ptr(a[0]), js_function(a[0])->home_object, a[1]);
    return a[0];
  case RT_ThrowIfNotObjectIterResult:
    if (!val_is_object(a[0])) return rt_throw_type_error(iso, "Iterator result is not an object");
    return a[0];
  case RT_ToPropertyKey: return rt_to_property_key(iso, a[0]);
  case RT_NewObjectWithProto: return obj_new(iso, a[0]);
  case RT_SetClassFieldsInitializer:
    WRITE_FIELD(val_to_ptr(a[0]), js_function(a[0])->class_fields_initializer, a[1]);
    return a[0];
  case RT_GetNewTarget: {
    /* An arrow sees the new.target of the function it is in, found among the live frames. */
    Value active = interp_active_function(frame->function);
    if (active == frame->function) return frame->new_target;
    for (InterpFrame *f = frame->parent; f; f = f->parent)
      if (f->function == active) return f->new_target;
    return VAL_UNDEFINED;
  }
  case RT_GetActiveFunction: return interp_active_function(frame->function);
  case RT_SetPropertyStrict: {
    /* (object, key, value): a store in a strict region of a sloppy function (codegen.c) */
    Value key = a[1];
    if (!val_is_nullish(a[0])) {
      key = rt_to_property_key(iso, key);
      if (key == VAL_EXCEPTION) return key;
    }
    return interp_set_property(iso, a[0], key, a[2], true) < 0 ? VAL_EXCEPTION : a[2];
  }
  case RT_BindThisAfterSuper: {
    /* super() in direct eval code: the derived constructor's `this` is a context slot found by
     * name (a direct eval makes the constructor keep its specials in its context) */
    Value c, obj = VAL_UNDEFINED;
    int slot, mode;
    int r = lookup_binding(iso, frame->rbase[1], NAME(iso, this_), &c, &slot, &obj, &mode);
    if (r < 0) return VAL_EXCEPTION;
    if (!r || slot < 0) return rt_throw(iso, ERR_ERROR, "super() found no this binding (engine bug)");
    if (*context_slot_ptr(c, slot) != VAL_HOLE)
      return rt_throw_reference_error(iso, "Super constructor may only be called once");
    WRITE_FIELD(context_of(c), *context_slot_ptr(c, slot), a[0]);
    return a[0];
  }
  case RT_InitializeScriptLexical: {
    /* (name, value): the declaration's initialization, past the TDZ */
    Dictionary *bindings;
    int32_t entry = script_binding_find(iso, a[0], &bindings);
    if (entry < 0) return interp_store_global(iso, a[0], a[1], true) < 0 ? VAL_EXCEPTION : a[1];
    dict_set_value(bindings, entry, a[1]);
    return a[1];
  }
  case RT_GetHomeObject: return js_function(frame->function)->home_object;
  /* A dynamic reference read and then written (x += 1 inside `with`): the binding object is
   * resolved once, so the write goes where the read came from even if the right-hand side
   * removes or shadows the binding (a sloppy eval may add a closer var). The base is the binding
   * object, the Context holding a declarative binding, or null for the global environment. */
  case RT_ResolveLookupRef: {
    Value c, obj = VAL_UNDEFINED;
    int slot, mode;
    int r = lookup_binding(iso, frame->rbase[1], a[0], &c, &slot, &obj, &mode);
    if (r < 0) return VAL_EXCEPTION;
    if (!r) {
      /* a module binding (direct eval in module code): resolved from this context again */
      Value m = module_of_context(frame->rbase[1]);
      int cell_index;
      bool immutable;
      if (module_is_record(m) && module_lookup_local(m, a[0], &cell_index, &immutable)) return frame->rbase[1];
      return VAL_NULL; /* the global environment (or unresolvable) */
    }
    return slot < 0 ? obj : c; /* the binding object, or the context holding the slot */
  }
  case RT_LoadLookupRef: {
    /* (base, name) */
    if (a[0] == VAL_NULL) return interp_load_global(iso, a[1], false);
    if (!val_is_object(a[0])) return interp_lookup_slot(iso, a[0], a[1], frame_lookup_flags(frame), NULL);
    int has = obj_has_property(iso, a[0], a[1]);
    if (has < 0) return VAL_EXCEPTION;
    if (!has) {
      if (sfi_of(js_function(frame->function)->shared)->flags & SFI_STRICT)
        return throw_with_name(iso, ERR_REFERENCE, "%s is not defined", a[1]);
      return VAL_UNDEFINED;
    }
    return obj_get(iso, a[0], a[1], a[0]);
  }
  case RT_StoreLookupRef: {
    /* (base, name, value) */
    bool strict = (sfi_of(js_function(frame->function)->shared)->flags & SFI_STRICT) != 0;
    if (a[0] == VAL_NULL) return interp_store_global(iso, a[1], a[2], strict) < 0 ? VAL_EXCEPTION : a[2];
    if (!val_is_object(a[0]))
      return interp_store_lookup_slot(iso, a[0], a[1], a[2], strict) < 0 ? VAL_EXCEPTION : a[2];
    int has = obj_has_property(iso, a[0], a[1]);
    if (has < 0) return VAL_EXCEPTION;
    if (!has && strict) return throw_with_name(iso, ERR_REFERENCE, "%s is not defined", a[1]);
    return rt_set(iso, a[0], a[1], a[2], strict) < 0 ? VAL_EXCEPTION : a[2];
  }
  case RT_ThrowInvalidCallTarget: /* Annex B: `f() = v` in sloppy code, after the call ran */
    return rt_throw(iso, ERR_REFERENCE, "Invalid left-hand side in assignment");
  case RT_StoreAnnexBEvalVar: {
    /* (name, value, depth): Annex B.3.2.3 in sloppy eval code: a block function's value goes to
     * the var binding the eval declared, found from the eval's own scope, skipping the `depth`
     * block contexts (which hold the function's block binding of the same name). */
    Value ctx = frame->rbase[1];
    for (int32_t d = val_to_int(a[2]); d > 0 && val_is_pointer(ctx); d--) ctx = context_of(ctx)->previous;
    return interp_store_lookup_slot(iso, ctx, a[0], a[1], false) < 0 ? VAL_EXCEPTION : a[1];
  }
  case RT_NewDisposeCapability: return dispose_capability_new(iso);
  case RT_AddDisposableResource: /* (capability, value, 0 sync / 1 async) */
    return dispose_add_resource(iso, a[0], a[1], val_to_int(a[2]) ? DISPOSE_HINT_ASYNC : DISPOSE_HINT_SYNC);
  case RT_DisposeResources: /* (capability, finally token: 0 = throw completion, completion value) */
    return dispose_resources_sync(iso, a[0], a[1] == val_from_int(0), a[2]);
  case RT_AsyncDisposeBegin: /* (capability, token, completion value): undefined = nothing to await */
    return dispose_async_begin(iso, a[0], a[1] == val_from_int(0), a[2]);
  case RT_AsyncDisposeStep: return dispose_async_step(iso, a[0]);
  case RT_AsyncDisposeRejected: return dispose_async_rejected(iso, a[0], a[1]);
  case RT_GetGlobalThis:
    /* `this` of script code, read from an arrow or eval code; module code's is undefined */
    if (frame && module_is_record(module_of_context(frame->rbase[1]))) return VAL_UNDEFINED;
    return iso->realm->global_this;
  case RT_DynamicImport: {
    /* (specifier, options, phase): the referrer is the running code's script or module name */
    /* (eval code has no name of its own: its caller's script is the referrer) */
    Value referrer = VAL_UNDEFINED;
    for (InterpFrame *f = frame; f && referrer == VAL_UNDEFINED; f = f->parent)
      if (val_is_pointer(f->function) && val_instance_type(f->function) == IT_JS_FUNCTION)
        referrer = sfi_of(js_function(f->function)->shared)->resource_name;
    return module_dynamic_import(iso, a[0], a[1], referrer, val_to_int(a[2]));
  }
  case RT_GetImportMeta: /* (context, depth to the module context) */
    return module_import_meta(iso, module_from_context(a[0], val_to_int(a[1])));
  case RT_DefineMethod: {
    /* (object, key, value, enumerable) */
    Value key = rt_to_property_key(iso, a[1]);
    if (key == VAL_EXCEPTION) return key;
    PropertyDescriptor d;
    desc_data(&d, a[2], ATTR_WRITABLE | ATTR_CONFIGURABLE | (rt_to_boolean(a[3]) ? ATTR_ENUMERABLE : 0));
    if (rt_define_property_or_throw(iso, a[0], key, &d) < 0) return VAL_EXCEPTION;
    return a[2];
  }
  case RT_DefaultDerivedConstruct: {
    Value parent = obj_get_prototype_of(iso, frame->function);
    if (parent == VAL_EXCEPTION) return parent;
    if (!val_is_constructor(parent)) return rt_throw_type_error(iso, "Super constructor is not a constructor");
    Value r = rt_construct(iso, parent, frame->argc, frame->argv, frame->new_target);
    if (r == VAL_EXCEPTION) return r;
    Value init = js_function(frame->function)->class_fields_initializer;
    if (val_is_pointer(init) && interp_init_fields(iso, init, r) < 0) return VAL_EXCEPTION;
    return r;
  }
  case RT_ThrowAssignToPrivateMethod: return throw_with_name(iso, ERR_TYPE, "Private method '%s' is not writable", a[0]);
  default: break;
  }
  return rt_throw(iso, ERR_ERROR, "runtime function %s is not implemented yet", interp_runtime_names[id]);
}
