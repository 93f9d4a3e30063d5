/* The compiler pipeline (compiler.h): source -> parser -> bytecode generator -> closure. */
#include "interpreter/compiler.h"
#include "interpreter/codegen.h"
#include "interpreter/interp-runtime.h"
#include "interpreter/frames.h"
#include "interpreter/stack-trace.h"
#include "execution/flags.h"
#include "execution/messages.h"
#include "execution/realm.h"
#include "objects/names.h"
#include "objects/string.h"
#include <stdio.h>
#include <stdlib.h>

/* The UTF-16 text of a String (malloc'd). */
uint16_t *compiler_source_units(Isolate *iso, Value source, size_t *len) {
  Value flat = str_flatten(iso, source);
  if (flat == VAL_EXCEPTION) return NULL;
  size_t n = str_length(flat);
  uint16_t *buf = malloc((n + 1) * sizeof(uint16_t));
  if (!buf) {
    isolate_throw_oom(iso);
    return NULL;
  }
  str_copy_utf16(flat, 0, n, buf);
  *len = n;
  return buf;
}

/* Throws the parse error as a SyntaxError (or RangeError) with its location recorded. */
static Value throw_parse_error(Isolate *iso, ParseResult *r, Value resource_name, Value source) {
  ErrorKind kind = ERR_SYNTAX;
  if (r && r->error.kind == PARSE_ERROR_RANGE) kind = ERR_RANGE;
  if (!r || r->error.kind == PARSE_ERROR_OOM) return isolate_throw_oom(iso);
  rt_throw(iso, kind, "%s", r->error.message);
  int line, col;
  Value text = VAL_UNDEFINED;
  messages_source_location(iso, source, (int)r->error.offset, &line, &col, &text);
  Value m = messages_new(iso, resource_name, r->error.line, r->error.column, text);
  if (m != VAL_EXCEPTION) iso->pending_message = m;
  return VAL_EXCEPTION;
}

/* Parses a script, module or eval code (--print-ast prints it); NULL with the SyntaxError (or
 * RangeError, out of memory) pending. */
static ParseResult *parse_source(Isolate *iso, Value source, Value resource_name, const ParseOptions *opts) {
  size_t len;
  uint16_t *units = compiler_source_units(iso, source, &len);
  if (!units) return NULL;
  ParseOptions o = *opts;
  /* every caller keeps the tree for lazy compilation (CodegenInput.retained and a recipe) */
  o.preparse = pt_flags.preparse && pt_flags.lazy;
  ParseResult *r = parse_program(units, len, &o);
  free(units);
  if (!r || !r->ok) {
    throw_parse_error(iso, r, resource_name, source);
    if (r) parse_result_free(r);
    return NULL;
  }
  if (pt_flags.print_ast) ast_print(stdout, r->program);
  return r;
}

static Value make_closure(Isolate *iso, Value sfi, Value context) {
  return interp_new_closure(iso, NULL, sfi, context, -1);
}

static Value compile(Isolate *iso, Value source, Value resource_name, int line_offset, int column_offset,
                     const ParseOptions *opts, bool is_eval, bool direct, Value eval_origin) {
  ParseResult *r = parse_source(iso, source, resource_name, opts);
  if (!r) return VAL_EXCEPTION;
  CodegenInput in;
  memset(&in, 0, sizeof in);
  in.parse = r;
  in.source = source;
  in.resource_name = resource_name;
  in.eval_origin = eval_origin;
  /* `//# sourceURL=name` names the code in stack traces and error locations (as in V8). */
  Value url = stack_trace_source_url(iso, source);
  if (val_is_pointer(url) && val_is_string(url)) in.resource_name = url;
  in.line_offset = line_offset;
  in.column_offset = column_offset;
  in.is_eval = is_eval;
  in.eval_direct = direct;
  bool retained = false;
  Value unit = VAL_UNDEFINED;
  in.retained = &retained;
  in.retained_unit = &unit;
  ParseRecipe recipe = {.opts = *opts};
  in.recipe = &recipe;
  Value sfi = codegen_program(iso, &in);
  if (!retained) parse_result_free(r);
  codegen_unit_done(unit);
  return sfi;
}

Value compiler_compile_script(Isolate *iso, Value source, Value resource_name, int line_offset, int column_offset) {
  if (!val_is_string(source)) return rt_throw_type_error(iso, "script source must be a string");
  ParseOptions opts;
  parse_options_init(&opts);
  opts.line_offset = line_offset;
  opts.column_offset = column_offset;
  opts.stack_limit = iso->stack_limit;
  Value resource = val_is_string(resource_name) ? resource_name : VAL_UNDEFINED;
  Value sfi = compile(iso, source, resource, line_offset, column_offset, &opts, false, false, VAL_UNDEFINED);
  if (sfi == VAL_EXCEPTION) return sfi;
  return make_closure(iso, sfi, VAL_UNDEFINED);
}

Value compiler_compile_module(Isolate *iso, Value source, Value resource_name, CompilerModuleRecordFn make_record,
                              void *data) {
  if (!val_is_string(source)) return rt_throw_type_error(iso, "module source must be a string");
  ParseOptions opts;
  parse_options_init(&opts);
  opts.is_module = true;
  opts.strict = true;
  opts.stack_limit = iso->stack_limit;
  Value resource = val_is_string(resource_name) ? resource_name : VAL_UNDEFINED;
  ParseResult *r = parse_source(iso, source, resource, &opts);
  if (!r) return VAL_EXCEPTION;
  CodegenInput in;
  memset(&in, 0, sizeof in);
  in.parse = r;
  in.source = source;
  in.resource_name = resource;
  bool retained = false;
  Value unit = VAL_UNDEFINED;
  in.retained = &retained;
  in.retained_unit = &unit;
  ParseRecipe recipe = {.opts = opts};
  in.recipe = &recipe;
  Value sfi = codegen_program(iso, &in);
  /* When retained, the uncompiled inner functions reachable from sfi keep r alive, and the unit
   * keeps it from being dropped until make_record is done with it. */
  Value result = sfi == VAL_EXCEPTION ? VAL_EXCEPTION : make_record(iso, r, sfi, data);
  if (!retained) parse_result_free(r);
  codegen_unit_done(unit);
  return result;
}

/* Walks the caller's context chain to decide what the eval code may see. */
static bool context_in_function(Value ctx) {
  while (val_is_pointer(ctx)) {
    Context *c = context_of(ctx);
    if (val_is_pointer(c->scope_info)) {
      ScopeInfo *si = scope_info_of(c->scope_info);
      if ((si->flags & SCOPE_INFO_FUNCTION) && !(si->flags & SCOPE_INFO_ARROW)) return true;
    }
    ctx = c->previous;
  }
  return false;
}

/* The private names of the classes around a direct eval (their context slots are named "#x"),
 * without the '#', in malloc'd arrays the caller frees. Returns the count, or -1. */
#define EVAL_MAX_PRIVATE_NAMES 256
static int collect_private_names(Isolate *iso, Value context, uint16_t **names, uint32_t *lengths) {
  int n = 0;
  for (Value ctx = context; val_is_pointer(ctx); ctx = context_of(ctx)->previous) {
    if (!val_is_pointer(context_of(ctx)->scope_info)) continue;
    if (scope_info_of(context_of(ctx)->scope_info)->scope_type != SCOPE_TYPE_CLASS) continue;
    int count = scope_info_of(context_of(ctx)->scope_info)->slot_count;
    for (int i = 0; i < count && n < EVAL_MAX_PRIVATE_NAMES; i++) {
      Value name = scope_info_of(context_of(ctx)->scope_info)->entries[2 * i];
      if (!val_is_string(name)) continue;
      Value flat = str_flatten(iso, name);
      if (flat == VAL_EXCEPTION) return -1;
      uint32_t len = str_length(flat);
      if (len < 2 || str_char_at(flat, 0) != '#') continue;
      uint16_t *buf = malloc((size_t)(len - 1) * sizeof(uint16_t));
      if (!buf) return n;
      for (uint32_t k = 1; k < len; k++) buf[k - 1] = str_char_at(flat, k);
      names[n] = buf;
      lengths[n] = len - 1;
      n++;
    }
  }
  return n;
}

Value compiler_compile_eval(Isolate *iso, Value source, bool direct, bool strict, Value context, Value caller_fn) {
  uint16_t *private_names[EVAL_MAX_PRIVATE_NAMES];
  uint32_t private_lengths[EVAL_MAX_PRIVATE_NAMES];
  int nprivate = 0;
  ParseOptions opts;
  parse_options_init(&opts);
  opts.is_eval = true;
  opts.is_direct_eval = direct;
  opts.strict = direct && strict;
  if (direct) {
    /* new.target, super() and the field-initializer rules follow the closest non-arrow
     * function, which an arrow records as its active function (an arrow in script code records
     * the script's top-level code: there new.target is a SyntaxError) */
    Value active = val_is_js_function(caller_fn) ? interp_active_function(caller_fn) : caller_fn;
    bool in_fn = val_is_js_function(active) && !(sfi_of(js_function(active)->shared)->flags & SFI_TOPLEVEL);
    in_fn = in_fn || context_in_function(context);
    opts.eval_in_function = in_fn;
    opts.allow_new_target = in_fn;
    opts.allow_super_property = val_is_js_function(caller_fn) && val_is_pointer(js_function(caller_fn)->home_object);
    opts.allow_arguments = true;
    if (val_is_js_function(active)) {
      uint32_t fl = sfi_of(js_function(active)->shared)->flags;
      opts.allow_super_call = (fl & SFI_CLASS_CONSTRUCTOR) && (fl & SFI_DERIVED);
      if (fl & SFI_CLASS_FIELD_INIT) {
        opts.in_class_field_init = true;
        opts.allow_arguments = false;
      }
    }
  }
  opts.stack_limit = iso->stack_limit;
  if (direct) {
    nprivate = collect_private_names(iso, context, private_names, private_lengths);
    if (nprivate < 0) return VAL_EXCEPTION;
    opts.private_names = (const uint16_t *const *)private_names;
    opts.private_name_lengths = private_lengths;
    opts.private_name_count = (uint32_t)nprivate;
  }
  Value origin = stack_trace_eval_origin(iso);
  if (origin == VAL_EXCEPTION) {
    for (int i = 0; i < nprivate; i++) free(private_names[i]);
    return origin;
  }
  Value sfi = compile(iso, source, VAL_UNDEFINED, 0, 0, &opts, true, direct, origin);
  for (int i = 0; i < nprivate; i++) free(private_names[i]);
  if (sfi == VAL_EXCEPTION) return sfi;
  Value fn = make_closure(iso, sfi, direct ? context : VAL_UNDEFINED);
  if (fn == VAL_EXCEPTION) return fn;
  if (direct && val_is_js_function(caller_fn)) {
    WRITE_FIELD(val_to_ptr(fn), js_function(fn)->home_object, js_function(caller_fn)->home_object);
    /* the eval code's this / new.target / super() are its caller's closest non-arrow function's */
    Value active = interp_active_function(caller_fn);
    if (!(sfi_of(js_function(active)->shared)->flags & SFI_TOPLEVEL))
      WRITE_FIELD(val_to_ptr(fn), js_function(fn)->extra, active);
  }
  return fn;
}

Value compiler_eval(Isolate *iso, Value source, bool direct, bool strict, Value context, Value caller_fn,
                    Value this_val, Value new_target) {
  PT_UNUSED(new_target);
  if (!val_is_string(source)) return source;
  Value fn = compiler_compile_eval(iso, source, direct, strict, context, caller_fn);
  if (fn == VAL_EXCEPTION) return fn;
  Value recv = direct ? this_val : iso->realm->global_this;
  return rt_call(iso, fn, recv, 0, NULL);
}

Value compiler_create_dynamic_function(Isolate *iso, int kind, int argc, Value *argv, Value new_target) {
  StringBuilder sb;
  sb_init(&sb, iso);
  static const char *const prefixes[] = {"function anonymous(", "function* anonymous(", "async function anonymous(",
                                         "async function* anonymous("};
  sb_append_cstr(&sb, prefixes[kind >= 0 && kind <= 3 ? kind : 0]);
  size_t params_start = sb.length;
  for (int i = 0; i + 1 < argc; i++) {
    Value s = rt_to_string(iso, argv[i]);
    if (s == VAL_EXCEPTION) {
      sb_discard(&sb);
      return s;
    }
    if (i) sb_append_cstr(&sb, ",");
    sb_append_string(&sb, s);
  }
  size_t params_end = sb.length;
  sb_append_cstr(&sb, "\n) {\n");
  size_t body_start = sb.length;
  if (argc > 0) {
    Value s = rt_to_string(iso, argv[argc - 1]);
    if (s == VAL_EXCEPTION) {
      sb_discard(&sb);
      return s;
    }
    sb_append_string(&sb, s);
  }
  size_t body_end = sb.length;
  sb_append_cstr(&sb, "\n}");
  Value source = sb_finish(&sb);
  if (source == VAL_EXCEPTION) return source;
  size_t len;
  uint16_t *units = compiler_source_units(iso, source, &len);
  if (!units) return VAL_EXCEPTION;
  ParseOptions opts;
  parse_options_init(&opts);
  opts.stack_limit = iso->stack_limit;
  opts.preparse = pt_flags.preparse && pt_flags.lazy;
  DynamicFunctionKind dyn_kind = kind == 1   ? DYNFN_GENERATOR
                                : kind == 2 ? DYNFN_ASYNC
                                : kind == 3 ? DYNFN_ASYNC_GENERATOR
                                            : DYNFN_NORMAL;
  ParseResult *r = parse_dynamic_function(units, len, params_start, params_end, body_start, body_end, dyn_kind,
                                          &opts);
  free(units);
  if (!r || !r->ok) {
    Value e = throw_parse_error(iso, r, VAL_UNDEFINED, source);
    if (r) parse_result_free(r);
    return e;
  }
  CodegenInput in;
  memset(&in, 0, sizeof in);
  in.parse = r;
  in.source = source;
  in.resource_name = VAL_UNDEFINED;
  in.eval_origin = stack_trace_eval_origin(iso);
  if (in.eval_origin == VAL_EXCEPTION) {
    parse_result_free(r);
    return VAL_EXCEPTION;
  }
  Value url = stack_trace_source_url(iso, source);
  if (val_is_pointer(url) && val_is_string(url)) in.resource_name = url;
  bool retained = false;
  Value unit = VAL_UNDEFINED;
  in.retained = &retained;
  in.retained_unit = &unit;
  ParseRecipe recipe = {.opts = opts,
                        .dynamic = true,
                        .params_start = (uint32_t)params_start,
                        .params_end = (uint32_t)params_end,
                        .body_start = (uint32_t)body_start,
                        .body_end = (uint32_t)body_end,
                        .dynamic_kind = dyn_kind};
  in.recipe = &recipe;
  Value sfi = codegen_program(iso, &in);
  if (!retained) parse_result_free(r);
  codegen_unit_done(unit);
  if (sfi == VAL_EXCEPTION) return sfi;
  /* The program is one expression statement: running it yields the function, created in the
   * global scope of the current realm. */
  Value top = make_closure(iso, sfi, VAL_UNDEFINED);
  if (top == VAL_EXCEPTION) return top;
  Value fn = rt_call(iso, top, iso->realm->global_this, 0, NULL);
  if (fn == VAL_EXCEPTION) return fn;
  if (val_is_js_function(fn)) sfi_of(js_function(fn)->shared)->flags |= SFI_DYNAMIC;
  if (val_is_object(new_target) && val_is_js_function(fn)) {
    /* GetPrototypeFromConstructor(newTarget, fallbackProto): a subclass or another realm's
     * newTarget decides the function's [[Prototype]]. */
    static const int fallback[] = {INTRINSIC_FUNCTION_PROTOTYPE, INTRINSIC_GENERATOR_FUNCTION_PROTOTYPE,
                                   INTRINSIC_ASYNC_FUNCTION_PROTOTYPE, INTRINSIC_ASYNC_GENERATOR_FUNCTION_PROTOTYPE};
    Value proto = rt_prototype_from_constructor(iso, new_target, fallback[kind >= 0 && kind <= 3 ? kind : 0]);
    if (proto == VAL_EXCEPTION) return proto;
    if (obj_set_prototype_of(iso, fn, proto) < 0) return VAL_EXCEPTION;
  }
  return fn;
}

Value compiler_function_source_text(Isolate *iso, Value fn) {
  if (val_is_js_function(fn) && val_is_pointer(js_function(fn)->shared)) {
    SharedFunctionInfo *sfi = sfi_of(js_function(fn)->shared);
    if (val_is_string(sfi->source) && !(sfi->flags & SFI_NATIVE_SOURCE) && sfi->end_pos >= sfi->start_pos)
      return str_substring(iso, sfi->source, (size_t)sfi->start_pos, (size_t)sfi->end_pos);
  }
  /* Built-ins show their name (`function get size()`, `function [Symbol.split]()`); bound
   * functions and callable proxies show none, as V8 does: "bound f" is no valid NativeFunction. */
  bool nameless = val_is_pointer(fn) && (val_instance_type(fn) == IT_JS_BOUND_FUNCTION ||
                                         val_instance_type(fn) == IT_JS_PROXY);
  Value name = val_is_object(fn) && !nameless ? rt_get(iso, fn, NAME(iso, name)) : VAL_UNDEFINED;
  if (name == VAL_EXCEPTION) return name;
  StringBuilder sb;
  sb_init(&sb, iso);
  sb_append_cstr(&sb, "function ");
  if (val_is_string(name)) sb_append_string(&sb, name);
  sb_append_cstr(&sb, "() { [native code] }");
  return sb_finish(&sb);
}
