/* Small AST helpers: kind and operator names, string conversion. */
#include "ast/ast.h"

#include "base/utf.h"

const char *ast_kind_name(AstKind kind) {
  static const char *const names[AST_KIND_COUNT] = {
      [AST_NUMBER] = "NUMBER", [AST_BIGINT] = "BIGINT", [AST_STRING] = "STRING",
      [AST_TEMPLATE] = "TEMPLATE", [AST_TAGGED_TEMPLATE] = "TAGGED TEMPLATE",
      [AST_REGEXP] = "REGEXP LITERAL", [AST_NULL] = "NULL", [AST_TRUE] = "TRUE",
      [AST_FALSE] = "FALSE", [AST_THIS] = "THIS", [AST_IDENTIFIER] = "VAR PROXY",
      [AST_ARRAY] = "ARRAY LITERAL", [AST_OBJECT] = "OBJ LITERAL", [AST_PROPERTY] = "PROPERTY",
      [AST_FUNCTION] = "FUNC LITERAL", [AST_CLASS] = "CLASS LITERAL", [AST_UNARY] = "UNARY OPERATION",
      [AST_UPDATE] = "COUNT OPERATION", [AST_BINARY] = "BINARY OPERATION",
      [AST_PRIVATE_IN] = "PRIVATE IN", [AST_LOGICAL] = "LOGICAL OPERATION",
      [AST_CONDITIONAL] = "CONDITIONAL", [AST_ASSIGN] = "ASSIGN", [AST_SEQUENCE] = "COMMA",
      [AST_CALL] = "CALL", [AST_NEW] = "CALL NEW", [AST_MEMBER] = "PROPERTY LOAD",
      [AST_SUPER_MEMBER] = "SUPER PROPERTY", [AST_SUPER_CALL] = "SUPER CALL",
      [AST_OPTIONAL_CHAIN] = "OPTIONAL CHAIN", [AST_SPREAD] = "SPREAD", [AST_YIELD] = "YIELD",
      [AST_AWAIT] = "AWAIT", [AST_IMPORT_CALL] = "IMPORT CALL", [AST_IMPORT_META] = "IMPORT META",
      [AST_NEW_TARGET] = "NEW TARGET", [AST_PRIVATE_NAME] = "PRIVATE NAME",
      [AST_OBJECT_PATTERN] = "OBJECT PATTERN", [AST_ARRAY_PATTERN] = "ARRAY PATTERN",
      [AST_PATTERN_PROPERTY] = "PATTERN PROPERTY", [AST_PATTERN_DEFAULT] = "PATTERN DEFAULT",
      [AST_VAR_DECL] = "DECLARATIONS", [AST_VAR_DECLARATOR] = "DECLARATOR",
      [AST_FUNCTION_DECL] = "FUNCTION DECLARATION", [AST_CLASS_DECL] = "CLASS DECLARATION",
      [AST_EXPR_STMT] = "EXPRESSION STATEMENT", [AST_EMPTY] = "EMPTY", [AST_BLOCK] = "BLOCK",
      [AST_IF] = "IF", [AST_DO_WHILE] = "DO", [AST_WHILE] = "WHILE", [AST_FOR] = "FOR",
      [AST_FOR_IN] = "FOR IN", [AST_FOR_OF] = "FOR OF", [AST_CONTINUE] = "CONTINUE",
      [AST_BREAK] = "BREAK", [AST_RETURN] = "RETURN", [AST_WITH] = "WITH", [AST_SWITCH] = "SWITCH",
      [AST_CASE] = "CASE", [AST_LABELED] = "LABELED", [AST_THROW] = "THROW",
      [AST_TRY] = "TRY", [AST_DEBUGGER] = "DEBUGGER", [AST_IMPORT_DECL] = "IMPORT",
      [AST_EXPORT_DECL] = "EXPORT", [AST_CLASS_MEMBER] = "CLASS MEMBER",
  };
  return (unsigned)kind < AST_KIND_COUNT && names[kind] ? names[kind] : "?";
}

const char *ast_op_name(AstOp op) {
  static const char *const names[OP_COUNT] = {
      [OP_NONE] = "", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
      [OP_MOD] = "%", [OP_EXP] = "**", [OP_SHL] = "<<", [OP_SAR] = ">>", [OP_SHR] = ">>>",
      [OP_BIT_AND] = "&", [OP_BIT_OR] = "|", [OP_BIT_XOR] = "^", [OP_EQ] = "==",
      [OP_NE] = "!=", [OP_STRICT_EQ] = "===", [OP_STRICT_NE] = "!==", [OP_LT] = "<",
      [OP_GT] = ">", [OP_LE] = "<=", [OP_GE] = ">=", [OP_IN] = "in",
      [OP_INSTANCEOF] = "instanceof", [OP_AND] = "&&", [OP_OR] = "||", [OP_NULLISH] = "??",
      [OP_NEG] = "-", [OP_PLUS] = "+", [OP_NOT] = "!", [OP_BIT_NOT] = "~",
      [OP_TYPEOF] = "typeof", [OP_VOID] = "void", [OP_DELETE] = "delete", [OP_INC] = "++",
      [OP_DEC] = "--", [OP_ASSIGN] = "=",
  };
  return (unsigned)op < OP_COUNT && names[op] ? names[op] : "?";
}

char *ast_string_to_utf8(const AstString *s, char *buf, size_t size) {
  if (size == 0) return buf;
  size_t o = 0;
  for (uint32_t i = 0; s && i < s->length; i++) {
    uint32_t c = s->chars[i];
    if (pt_is_lead_surrogate(c) && i + 1 < s->length && pt_is_trail_surrogate(s->chars[i + 1])) {
      c = pt_combine_surrogates(c, s->chars[i + 1]);
      i++;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    char tmp[4];
    size_t n = pt_utf8_encode(c, tmp);
    if (o + n >= size) break;
    memcpy(buf + o, tmp, n);
    o += n;
  }
  buf[o] = 0;
  return buf;
}

bool ast_string_equals_ascii(const AstString *s, const char *ascii) {
  size_t n = strlen(ascii);
  if (!s || s->length != n) return false;
  for (size_t i = 0; i < n; i++)
    if (s->chars[i] != (unsigned char)ascii[i]) return false;
  return true;
}
