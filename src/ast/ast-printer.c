/*
 * --print-ast: prints a function literal's tree in the style of V8's AstPrinter: a header, then
 * one node per line, indented with ". " per level, with the node's source position.
 */
#include "ast/ast.h"
#include "parsing/scopes.h"

#include <stdio.h>

typedef struct Printer {
  FILE *out;
  int indent;
} Printer;

static void print_node(Printer *pr, const AstNode *n);
static void print_function(Printer *pr, const FunctionLiteral *f);

static void line_start(Printer *pr) {
  for (int i = 0; i < pr->indent; i++) fputs(". ", pr->out);
}

static void put_str(Printer *pr, const AstString *s) {
  char buf[512];
  ast_string_to_utf8(s, buf, sizeof buf);
  fputs(buf, pr->out);
}

static void print_label(Printer *pr, const char *label, const AstNode *n) {
  line_start(pr);
  if (n) fprintf(pr->out, "%s at %u\n", label, n->start);
  else fprintf(pr->out, "%s\n", label);
}

static void print_child(Printer *pr, const char *label, const AstNode *n) {
  if (!n) return;
  if (label) {
    print_label(pr, label, NULL);
    pr->indent++;
    print_node(pr, n);
    pr->indent--;
  } else {
    print_node(pr, n);
  }
}

static void print_list(Printer *pr, const char *label, AstNodeList l) {
  if (label) {
    print_label(pr, label, NULL);
    pr->indent++;
  }
  for (uint32_t i = 0; i < l.count; i++) {
    if (l.items[i]) print_node(pr, l.items[i]);
    else {
      line_start(pr);
      fputs("THE HOLE\n", pr->out);
    }
  }
  if (label) pr->indent--;
}

static void print_ref(Printer *pr, const AstNode *n) {
  line_start(pr);
  const char *kind = "VAR PROXY";
  if (n->kind == AST_THIS) kind = "THIS";
  else if (n->kind == AST_NEW_TARGET) kind = "NEW TARGET";
  else if (n->kind == AST_PRIVATE_NAME) kind = "PRIVATE NAME";
  fprintf(pr->out, "%s", kind);
  const Variable *v = n->u.ref.var;
  switch (n->u.ref.kind) {
  case REF_VARIABLE:
    if (v) {
      fprintf(pr->out, " %s", var_location_name((VarLocation)v->location));
      if (v->location == LOC_PARAMETER || v->location == LOC_LOCAL || v->location == LOC_CONTEXT ||
          v->location == LOC_MODULE_EXPORT || v->location == LOC_MODULE_IMPORT)
        fprintf(pr->out, "[%d]", v->index);
      fprintf(pr->out, " (mode = %s%s)", var_mode_name((VarMode)v->mode), v->captured ? ", captured" : "");
    }
    break;
  case REF_GLOBAL:
    fputs(" global", pr->out);
    break;
  case REF_DYNAMIC:
    fputs(" lookup (mode = DYNAMIC)", pr->out);
    break;
  default:
    fputs(" unresolved", pr->out);
  }
  fputs(" \"", pr->out);
  if (n->kind == AST_PRIVATE_NAME) fputc('#', pr->out);
  put_str(pr, n->u.ref.name);
  fputs("\"\n", pr->out);
}

static void print_key(Printer *pr, uint8_t key_kind, const AstString *name, const AstNode *key) {
  if (key_kind == KEY_COMPUTED || key_kind == KEY_PRIVATE) {
    print_child(pr, "KEY", key);
    return;
  }
  line_start(pr);
  fputs("KEY \"", pr->out);
  put_str(pr, name);
  fputs("\"\n", pr->out);
}

static void print_decls(Printer *pr, const Scope *s) {
  if (!s || !s->var_count) return;
  line_start(pr);
  fprintf(pr->out, "%s SCOPE%s%s\n", scope_type_name((ScopeType)s->type), s->needs_context ? " (context)" : "",
          s->per_iteration ? " (per iteration)" : "");
  pr->indent++;
  for (const Variable *v = s->vars; v; v = v->next) {
    line_start(pr);
    fprintf(pr->out, "VARIABLE %s", var_location_name((VarLocation)v->location));
    if (v->index >= 0) fprintf(pr->out, "[%d]", v->index);
    fprintf(pr->out, " (mode = %s%s) \"", var_mode_name((VarMode)v->mode), v->needs_tdz ? ", hole check" : "");
    put_str(pr, v->name);
    fputs("\"\n", pr->out);
  }
  pr->indent--;
}

static const char *const prop_kinds[] = {"INIT", "PROTO", "METHOD", "GETTER", "SETTER", "SPREAD"};
static const char *const decl_kinds[] = {"VAR", "LET", "CONST", "USING", "AWAIT USING"};
static const char *const member_kinds[] = {"METHOD", "GETTER", "SETTER", "FIELD", "STATIC BLOCK", "ACCESSOR"};

static void print_node(Printer *pr, const AstNode *n) {
  if (!n) return;
  if (pr->indent > 200) {
    line_start(pr);
    fputs("...\n", pr->out);
    return;
  }
  switch (n->kind) {
  case AST_NUMBER: {
    line_start(pr);
    fprintf(pr->out, "LITERAL %.17g\n", n->u.number);
    return;
  }
  case AST_BIGINT:
    line_start(pr);
    fputs("LITERAL ", pr->out);
    put_str(pr, n->u.bigint.digits);
    fputs("n\n", pr->out);
    return;
  case AST_STRING:
    line_start(pr);
    fputs("LITERAL \"", pr->out);
    put_str(pr, n->u.str);
    fputs("\"\n", pr->out);
    return;
  case AST_NULL: line_start(pr); fputs("LITERAL null\n", pr->out); return;
  case AST_TRUE: line_start(pr); fputs("LITERAL true\n", pr->out); return;
  case AST_FALSE: line_start(pr); fputs("LITERAL false\n", pr->out); return;
  case AST_REGEXP:
    print_label(pr, "REGEXP LITERAL", n);
    pr->indent++;
    line_start(pr);
    fputs("PATTERN /", pr->out);
    put_str(pr, n->u.regexp.pattern);
    fputs("/\n", pr->out);
    line_start(pr);
    fputs("FLAGS ", pr->out);
    put_str(pr, n->u.regexp.flags);
    fputc('\n', pr->out);
    pr->indent--;
    return;
  case AST_TEMPLATE:
    print_label(pr, "TEMPLATE LITERAL", n);
    pr->indent++;
    for (uint32_t i = 0; i < n->u.tmpl.quasi_count; i++) {
      line_start(pr);
      fputs("COOKED ", pr->out);
      if (n->u.tmpl.cooked[i]) {
        fputc('"', pr->out);
        put_str(pr, n->u.tmpl.cooked[i]);
        fputs("\"\n", pr->out);
      } else {
        fputs("undefined\n", pr->out);
      }
      if (i + 1 < n->u.tmpl.quasi_count) print_node(pr, n->u.tmpl.exprs[i]);
    }
    pr->indent--;
    return;
  case AST_THIS:
  case AST_IDENTIFIER:
  case AST_NEW_TARGET:
  case AST_PRIVATE_NAME:
    print_ref(pr, n);
    return;
  case AST_FUNCTION:
  case AST_FUNCTION_DECL:
    print_label(pr, n->kind == AST_FUNCTION ? "FUNC LITERAL" : "FUNCTION DECLARATION", n);
    pr->indent++;
    print_function(pr, n->u.func);
    pr->indent--;
    return;
  default:
    break;
  }
  line_start(pr);
  fprintf(pr->out, "%s", ast_kind_name((AstKind)n->kind));
  switch (n->kind) {
  case AST_UNARY: case AST_BINARY: case AST_LOGICAL:
    fprintf(pr->out, " %s", ast_op_name((AstOp)(n->kind == AST_UNARY ? n->u.unary.op : n->u.binary.op)));
    break;
  case AST_UPDATE:
    fprintf(pr->out, " %s %s", n->u.update.prefix ? "PRE" : "POST", ast_op_name((AstOp)n->u.update.op));
    break;
  case AST_ASSIGN:
    if (n->u.assign.op != OP_ASSIGN) fprintf(pr->out, " %s=", ast_op_name((AstOp)n->u.assign.op));
    break;
  case AST_PROPERTY:
    fprintf(pr->out, " %s", prop_kinds[n->u.prop.kind]);
    break;
  case AST_VAR_DECL:
    fprintf(pr->out, " %s", decl_kinds[n->u.vardecl.decl_kind]);
    break;
  case AST_CLASS_MEMBER:
    fprintf(pr->out, " %s%s", (n->flags & AST_FLAG_STATIC) ? "STATIC " : "", member_kinds[n->u.member_.member_kind]);
    break;
  case AST_MEMBER:
    if (n->u.member.optional) fputs(" OPTIONAL", pr->out);
    break;
  case AST_CALL:
    if (n->u.call.optional) fputs(" OPTIONAL", pr->out);
    if (n->flags & AST_FLAG_DIRECT_EVAL) fputs(" (possibly direct eval)", pr->out);
    break;
  case AST_YIELD:
    if (n->u.yield.delegate) fputs("*", pr->out);
    break;
  case AST_FOR_OF:
    if (n->u.loop.is_await) fputs(" AWAIT", pr->out);
    break;
  default:
    break;
  }
  fprintf(pr->out, " at %u\n", n->start);
  pr->indent++;
  switch (n->kind) {
  case AST_TAGGED_TEMPLATE:
    print_child(pr, "TAG", n->u.tagged.tag);
    print_node(pr, n->u.tagged.tmpl);
    break;
  case AST_ARRAY:
  case AST_OBJECT:
  case AST_SEQUENCE:
    print_list(pr, NULL, n->u.list);
    break;
  case AST_PROPERTY:
    if (n->u.prop.kind != PROP_SPREAD) print_key(pr, n->u.prop.key_kind, n->u.prop.key_name, n->u.prop.key);
    print_node(pr, n->u.prop.value);
    break;
  case AST_CLASS:
  case AST_CLASS_DECL: {
    const ClassLiteral *c = n->u.cls;
    line_start(pr);
    fputs("NAME \"", pr->out);
    if (c->name) put_str(pr, c->name);
    else if (c->inferred_name) put_str(pr, c->inferred_name);
    fputs("\"\n", pr->out);
    print_decls(pr, c->scope);
    print_child(pr, "EXTENDS", c->extends);
    print_label(pr, "CONSTRUCTOR", NULL);
    pr->indent++;
    print_function(pr, c->constructor);
    pr->indent--;
    print_list(pr, NULL, c->members);
    break;
  }
  case AST_CLASS_MEMBER:
    print_key(pr, n->u.member_.key_kind, n->u.member_.key_name, n->u.member_.key);
    if (n->u.member_.value) print_function(pr, n->u.member_.value);
    break;
  case AST_UNARY: case AST_SPREAD: case AST_AWAIT: case AST_EXPR_STMT: case AST_RETURN: case AST_THROW:
    print_node(pr, n->u.unary.operand);
    break;
  case AST_UPDATE:
    print_node(pr, n->u.update.target);
    break;
  case AST_BINARY: case AST_LOGICAL:
    print_node(pr, n->u.binary.left);
    print_node(pr, n->u.binary.right);
    break;
  case AST_PRIVATE_IN:
    print_node(pr, n->u.private_in.name);
    print_node(pr, n->u.private_in.object);
    break;
  case AST_CONDITIONAL: case AST_IF:
    print_child(pr, n->kind == AST_IF ? "CONDITION" : NULL, n->u.cond.cond);
    print_child(pr, n->kind == AST_IF ? "THEN" : NULL, n->u.cond.then);
    print_child(pr, n->kind == AST_IF ? "ELSE" : NULL, n->u.cond.otherwise);
    break;
  case AST_ASSIGN:
    print_node(pr, n->u.assign.target);
    print_node(pr, n->u.assign.value);
    break;
  case AST_CALL: case AST_NEW: case AST_SUPER_CALL:
    print_node(pr, n->u.call.callee);
    print_list(pr, NULL, n->u.call.args);
    break;
  case AST_MEMBER: case AST_SUPER_MEMBER:
    print_node(pr, n->u.member.object);
    if (n->u.member.member_kind == MEMBER_NAMED) {
      line_start(pr);
      fputs("NAME ", pr->out);
      put_str(pr, n->u.member.name);
      fputc('\n', pr->out);
    } else {
      print_node(pr, n->u.member.key);
    }
    break;
  case AST_OPTIONAL_CHAIN:
    print_node(pr, n->u.chain.expression);
    break;
  case AST_YIELD:
    print_node(pr, n->u.yield.argument);
    break;
  case AST_IMPORT_CALL:
    print_node(pr, n->u.import_call.specifier);
    print_node(pr, n->u.import_call.options);
    break;
  case AST_OBJECT_PATTERN: case AST_ARRAY_PATTERN:
    print_list(pr, NULL, n->u.pattern.items);
    print_child(pr, "REST", n->u.pattern.rest);
    break;
  case AST_PATTERN_PROPERTY:
    print_key(pr, n->u.pprop.key_kind, n->u.pprop.key_name, n->u.pprop.key);
    print_node(pr, n->u.pprop.value);
    break;
  case AST_PATTERN_DEFAULT:
    print_node(pr, n->u.pdefault.target);
    print_child(pr, "DEFAULT", n->u.pdefault.value);
    break;
  case AST_VAR_DECL:
    print_list(pr, NULL, n->u.vardecl.declarators);
    break;
  case AST_VAR_DECLARATOR:
    print_node(pr, n->u.declarator.target);
    print_child(pr, "INIT", n->u.declarator.init);
    break;
  case AST_BLOCK:
    print_decls(pr, n->u.block.scope);
    print_list(pr, NULL, n->u.block.body);
    break;
  case AST_DO_WHILE: case AST_WHILE:
    print_child(pr, "COND", n->u.loop.cond);
    print_child(pr, "BODY", n->u.loop.body);
    break;
  case AST_FOR:
    print_decls(pr, n->u.loop.scope);
    print_child(pr, "INIT", n->u.loop.init);
    print_child(pr, "COND", n->u.loop.cond);
    print_child(pr, "NEXT", n->u.loop.update);
    print_child(pr, "BODY", n->u.loop.body);
    break;
  case AST_FOR_IN: case AST_FOR_OF:
    print_decls(pr, n->u.loop.scope);
    print_child(pr, "EACH", n->u.loop.init);
    print_child(pr, n->kind == AST_FOR_IN ? "IN" : "OF", n->u.loop.cond);
    print_child(pr, "BODY", n->u.loop.body);
    break;
  case AST_CONTINUE: case AST_BREAK:
    if (n->u.jump.label) {
      line_start(pr);
      fputs("LABEL ", pr->out);
      put_str(pr, n->u.jump.label);
      fputc('\n', pr->out);
    }
    break;
  case AST_WITH:
    print_child(pr, "OBJECT", n->u.with.object);
    print_child(pr, "BODY", n->u.with.body);
    break;
  case AST_SWITCH:
    print_decls(pr, n->u.switch_.scope);
    print_child(pr, "TAG", n->u.switch_.discriminant);
    print_list(pr, NULL, n->u.switch_.cases);
    break;
  case AST_CASE:
    if (n->u.case_.test) print_child(pr, "LABEL", n->u.case_.test);
    else print_label(pr, "DEFAULT", NULL);
    print_list(pr, "BODY", n->u.case_.body);
    break;
  case AST_LABELED:
    line_start(pr);
    fputs("LABEL ", pr->out);
    put_str(pr, n->u.labeled.label);
    fputc('\n', pr->out);
    print_node(pr, n->u.labeled.body);
    break;
  case AST_TRY:
    print_child(pr, "TRY", n->u.try_.block);
    if (n->u.try_.handler) {
      print_decls(pr, n->u.try_.catch_scope);
      print_child(pr, "CATCHVAR", n->u.try_.param);
      print_child(pr, "CATCH", n->u.try_.handler);
    }
    print_child(pr, "FINALLY", n->u.try_.finalizer);
    break;
  case AST_IMPORT_DECL:
    line_start(pr);
    fputs("FROM \"", pr->out);
    put_str(pr, n->u.import_decl.specifier);
    fputs("\"\n", pr->out);
    print_child(pr, "DEFAULT", n->u.import_decl.default_binding);
    print_child(pr, "NAMESPACE", n->u.import_decl.namespace_binding);
    for (uint32_t i = 0; i < n->u.import_decl.named_count; i++) {
      line_start(pr);
      fputs("IMPORT \"", pr->out);
      put_str(pr, n->u.import_decl.import_names[i]);
      fputs("\" AS\n", pr->out);
      pr->indent++;
      print_node(pr, n->u.import_decl.local_names[i]);
      pr->indent--;
    }
    break;
  case AST_EXPORT_DECL:
    for (uint32_t i = 0; i < n->u.export_decl.count; i++) {
      line_start(pr);
      fputs("EXPORT \"", pr->out);
      if (n->u.export_decl.local_names) put_str(pr, n->u.export_decl.local_names[i]);
      fputs("\" AS \"", pr->out);
      put_str(pr, n->u.export_decl.export_names[i]);
      fputs("\"\n", pr->out);
    }
    if (n->u.export_decl.specifier) {
      line_start(pr);
      fputs("FROM \"", pr->out);
      put_str(pr, n->u.export_decl.specifier);
      fputs("\"\n", pr->out);
    }
    print_node(pr, n->u.export_decl.declaration);
    print_child(pr, "DEFAULT", n->u.export_decl.expression);
    break;
  default:
    break;
  }
  pr->indent--;
}

static const char *fn_kind_name(uint8_t k) {
  static const char *const n[] = {"NormalFunction", "ArrowFunction", "ConciseMethod", "GetterFunction",
                                  "SetterFunction", "BaseConstructor", "DerivedConstructor",
                                  "ClassMembersInitializerFunction", "ClassStaticInitializerFunction",
                                  "Script", "Module", "Eval"};
  return k < PT_ARRAY_LEN(n) ? n[k] : "?";
}

static void print_function(Printer *pr, const FunctionLiteral *f) {
  line_start(pr);
  fprintf(pr->out, "FUNC at %u\n", f->source_start);
  pr->indent++;
  line_start(pr);
  fprintf(pr->out, "KIND %s%s%s\n", (f->flags & FNF_ASYNC) ? "Async" : "", fn_kind_name(f->kind),
          (f->flags & FNF_GENERATOR) ? " (generator)" : "");
  line_start(pr);
  fprintf(pr->out, "LITERAL ID %u\n", f->function_literal_id);
  line_start(pr);
  fputs("NAME \"", pr->out);
  if (f->name) put_str(pr, f->name);
  fputs("\"\n", pr->out);
  line_start(pr);
  fputs("INFERRED NAME \"", pr->out);
  if (f->inferred_name) put_str(pr, f->inferred_name);
  fputs("\"\n", pr->out);
  if (f->flags & FNF_STRICT) {
    line_start(pr);
    fputs("STRICT\n", pr->out);
  }
  if (f->params.count || f->rest) {
    print_list(pr, "PARAMS", f->params);
    print_child(pr, "REST PARAM", f->rest);
  }
  print_decls(pr, f->scope);
  if (f->body_scope != f->scope) print_decls(pr, f->body_scope);
  print_list(pr, NULL, f->body);
  pr->indent--;
}

void ast_print(FILE *out, const FunctionLiteral *fn) {
  Printer pr = {out, 0};
  fputs("--- AST ---\n", out);
  if (fn) print_function(&pr, fn);
}
