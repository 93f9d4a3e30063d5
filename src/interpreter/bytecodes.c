/* The bytecode table: names and operand types, generated from PT_BYTECODES. */
#include "interpreter/bytecodes.h"

#define R OPT_REG
#define RO OPT_REGOUT
#define RL OPT_REGLIST
#define RC OPT_REGCOUNT
#define RO2 OPT_REGOUT2
#define RO3 OPT_REGOUT3
#define IM OPT_IMM
#define UI OPT_UIMM
#define IX OPT_IDX
#define SL OPT_SLOT
#define FL OPT_FLAG8
#define RT OPT_RTID
#define JF OPT_JUMP
#define JB OPT_JUMPBACK

const BytecodeInfo bc_info[BC_COUNT] = {
#define PT_BC_INFO(name, code, n, ...) [code] = {#name, n, {__VA_ARGS__}},
    PT_BYTECODES(PT_BC_INFO)
#undef PT_BC_INFO
};
