/*
 * The regexp matcher: a backtracking VM over the compiled instructions. All backtracking state
 * lives in a growable array on the C heap (never the C stack), so `/(a*)*b/` on a long input or a
 * deeply nested pattern cannot overflow the native stack. A step counter polls the embedder's
 * interrupt callback so a catastrophic pattern can be terminated.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "regexp/regexp-internal.h"

enum { BT_BRANCH, BT_RESTORE, BT_LOOK, BT_STAR, BT_LAZY };

typedef struct BtEntry {
  int32_t kind, a, b, c, d;
} BtEntry;

/* Upper bound on backtrack entries (about 160 MB): beyond it the match fails with RE_EXEC_OOM. */
#define RE_MAX_BACKTRACK (1u << 23)
#define RE_POLL_INTERVAL 0x3FFF

typedef struct Vm {
  const RegExpCode *code;
  const uint8_t *s8;
  const uint16_t *s16;
  int len;
  bool unicode;
  int *st; /* captures then registers */
  BtEntry *bt;
  size_t sp, cap;
  BtEntry bt_local[128]; /* the first entries live on the C stack */
  bool (*poll)(void *);
  void *poll_data;
  uint32_t steps;
} Vm;

static inline uint32_t unit_at(const Vm *vm, int i) { return vm->s8 ? vm->s8[i] : vm->s16[i]; }

/* Reads the character at pos going forward; returns the new position or -1 at the end. */
static inline int read_fwd(const Vm *vm, int pos, uint32_t *c) {
  if (pos >= vm->len) return -1;
  uint32_t u = unit_at(vm, pos);
  if (vm->unicode && u >= 0xD800 && u <= 0xDBFF && pos + 1 < vm->len) {
    uint32_t l = unit_at(vm, pos + 1);
    if (l >= 0xDC00 && l <= 0xDFFF) {
      *c = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
      return pos + 2;
    }
  }
  *c = u;
  return pos + 1;
}

static inline int read_bwd(const Vm *vm, int pos, uint32_t *c) {
  if (pos <= 0) return -1;
  uint32_t u = unit_at(vm, pos - 1);
  if (vm->unicode && u >= 0xDC00 && u <= 0xDFFF && pos - 2 >= 0) {
    uint32_t h = unit_at(vm, pos - 2);
    if (h >= 0xD800 && h <= 0xDBFF) {
      *c = 0x10000 + ((h - 0xD800) << 10) + (u - 0xDC00);
      return pos - 2;
    }
  }
  *c = u;
  return pos - 1;
}

static inline bool set_has(const ReSet *s, uint32_t c) {
  if (c < 256) return (s->latin1[c >> 5] >> (c & 31)) & 1;
  size_t lo = 0, hi = s->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < s->r[2 * mid]) hi = mid;
    else if (c > s->r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/* Matches one RO_CHAR or RO_CLASS instruction at *pos; advances *pos on success. */
static inline bool atom_match(const Vm *vm, const int32_t *ins, int *pos) {
  int32_t flags = ins[1];
  uint32_t c;
  int np = (flags & RF_BACK) ? read_bwd(vm, *pos, &c) : read_fwd(vm, *pos, &c);
  if (np < 0) return false;
  if (flags & RF_ICASE) c = re_canon(c, vm->unicode);
  bool ok;
  if (ins[0] == RO_CHAR) ok = c == (uint32_t)ins[2];
  else ok = set_has(&vm->code->sets[ins[2]], c) != ((flags & RF_NEGATE) != 0);
  if (ok) *pos = np;
  return ok;
}

static bool push(Vm *vm, int32_t kind, int32_t a, int32_t b, int32_t c, int32_t d) {
  if (vm->sp == vm->cap) {
    size_t cap = vm->cap * 2;
    if (cap > RE_MAX_BACKTRACK) cap = RE_MAX_BACKTRACK;
    if (vm->sp >= cap) return false;
    BtEntry *q;
    if (vm->bt == vm->bt_local) {
      q = malloc(cap * sizeof *q);
      if (q) memcpy(q, vm->bt_local, vm->sp * sizeof *q);
    } else {
      q = realloc(vm->bt, cap * sizeof *q);
    }
    if (!q) return false;
    vm->bt = q;
    vm->cap = cap;
  }
  BtEntry *e = &vm->bt[vm->sp++];
  e->kind = kind, e->a = a, e->b = b, e->c = c, e->d = d;
  return true;
}

static inline bool set_slot(Vm *vm, int slot, int value) {
  if (vm->st[slot] == value) return true;
  /* With no choice point left, a failure ends this attempt and the state is reset anyway. */
  if (vm->sp == 0) {
    vm->st[slot] = value;
    return true;
  }
  if (!push(vm, BT_RESTORE, slot, vm->st[slot], 0, 0)) return false;
  vm->st[slot] = value;
  return true;
}

static bool is_lt(uint32_t c) { return re_is_line_terminator(c); }

/* Compares the text of a capture with the input at *pos (forward or backward). */
static bool backref_match(const Vm *vm, int start, int end, bool back, bool icase, int *pos) {
  int n = end - start;
  int p = *pos;
  if (!icase) {
    if (back) {
      if (p - n < 0) return false;
      for (int i = 0; i < n; i++)
        if (unit_at(vm, start + i) != unit_at(vm, p - n + i)) return false;
      *pos = p - n;
    } else {
      if (p + n > vm->len) return false;
      for (int i = 0; i < n; i++)
        if (unit_at(vm, start + i) != unit_at(vm, p + i)) return false;
      *pos = p + n;
    }
    return true;
  }
  if (back) {
    int q = end;
    while (q > start) {
      uint32_t a = 0, b = 0;
      q = read_bwd(vm, q, &a);
      if (q < start) q = start;
      p = read_bwd(vm, p, &b);
      if (p < 0 || re_canon(a, vm->unicode) != re_canon(b, vm->unicode)) return false;
    }
  } else {
    int q = start;
    while (q < end) {
      uint32_t a = 0, b = 0;
      q = read_fwd(vm, q, &a);
      p = read_fwd(vm, p, &b);
      if (p < 0 || re_canon(a, vm->unicode) != re_canon(b, vm->unicode)) return false;
    }
  }
  *pos = p;
  return true;
}

/* Runs the program from position `start`. Returns RE_EXEC_*. */
static int run(Vm *vm, int start) {
  const int32_t *code = vm->code->insns;
  int pc = 0, pos = start;
  vm->sp = 0;
  for (;;) {
    if (PT_UNLIKELY((++vm->steps & RE_POLL_INTERVAL) == 0) && vm->poll && !vm->poll(vm->poll_data))
      return RE_EXEC_INTERRUPTED;
    const int32_t *ins = code + pc;
    switch ((ReOp)ins[0]) {
      case RO_CHAR:
      case RO_CLASS:
        if (!atom_match(vm, ins, &pos)) goto fail;
        pc += 3;
        continue;
      case RO_ANY:
        goto fail; /* not emitted */
      case RO_SPLIT:
        if (!push(vm, BT_BRANCH, ins[2], pos, 0, 0)) return RE_EXEC_OOM;
        pc = ins[1];
        continue;
      case RO_JMP:
        pc = ins[1];
        continue;
      case RO_SAVE:
        if (!set_slot(vm, ins[1], pos)) return RE_EXEC_OOM;
        pc += 2;
        continue;
      case RO_RESET:
        for (int s = ins[1]; s < ins[2]; s++)
          if (!set_slot(vm, s, -1)) return RE_EXEC_OOM;
        pc += 3;
        continue;
      case RO_SET_REG:
        if (!set_slot(vm, 2 * vm->code->ncaps + ins[1], ins[2])) return RE_EXEC_OOM;
        pc += 3;
        continue;
      case RO_SET_REG_POS:
        if (!set_slot(vm, 2 * vm->code->ncaps + ins[1], pos)) return RE_EXEC_OOM;
        pc += 2;
        continue;
      case RO_LOOP: {
        int cnt = vm->st[2 * vm->code->ncaps + ins[1]];
        int body = pc + 6;
        if (cnt < ins[2]) {
          pc = body;
        } else if (cnt >= ins[3]) {
          pc = ins[5];
        } else if (ins[4]) {
          if (!push(vm, BT_BRANCH, ins[5], pos, 0, 0)) return RE_EXEC_OOM;
          pc = body;
        } else {
          if (!push(vm, BT_BRANCH, body, pos, 0, 0)) return RE_EXEC_OOM;
          pc = ins[5];
        }
        continue;
      }
      case RO_LOOP_END: {
        int base = 2 * vm->code->ncaps;
        int cnt = vm->st[base + ins[1]];
        /* The empty check: an iteration beyond the minimum that consumed nothing fails. */
        if (cnt >= ins[3] && pos == vm->st[base + ins[2]]) goto fail;
        if (!set_slot(vm, base + ins[1], cnt + 1)) return RE_EXEC_OOM;
        pc = ins[4];
        continue;
      }
      case RO_STAR: {
        int min = ins[1], max = ins[2];
        const int32_t *atom = ins + 4;
        int cont = pc + 7;
        int count = 0;
        while (count < min) {
          if (!atom_match(vm, atom, &pos)) goto fail;
          count++;
        }
        if (ins[3]) {
          int minpos = pos;
          while (count < max && atom_match(vm, atom, &pos)) {
            count++;
            if (PT_UNLIKELY((++vm->steps & RE_POLL_INTERVAL) == 0) && vm->poll &&
                !vm->poll(vm->poll_data))
              return RE_EXEC_INTERRUPTED;
          }
          if (pos != minpos && !push(vm, BT_STAR, cont, minpos, pos, atom[1] & RF_BACK))
            return RE_EXEC_OOM;
        } else if (count < max) {
          if (!push(vm, BT_LAZY, pc, pos, count, 0)) return RE_EXEC_OOM;
        }
        pc = cont;
        continue;
      }
      case RO_BACKREF: {
        int n = ins[2];
        bool back = (ins[1] & RF_BACK) != 0, icase = (ins[1] & RF_ICASE) != 0;
        for (int i = 0; i < n; i++) {
          int g = ins[3 + i];
          int s = vm->st[2 * g], e = vm->st[2 * g + 1];
          if (s >= 0 && e >= 0) {
            if (!backref_match(vm, s, e, back, icase, &pos)) goto fail;
            break;
          }
        }
        pc += 3 + n;
        continue;
      }
      case RO_BOL:
        if (!(pos == 0 || (ins[1] && is_lt(unit_at(vm, pos - 1))))) goto fail;
        pc += 2;
        continue;
      case RO_EOL:
        if (!(pos == vm->len || (ins[1] && is_lt(unit_at(vm, pos))))) goto fail;
        pc += 2;
        continue;
      case RO_WORDB: {
        bool ui = ins[2] != 0;
        bool a = pos > 0 && re_is_word_char(unit_at(vm, pos - 1), ui);
        bool b = pos < vm->len && re_is_word_char(unit_at(vm, pos), ui);
        if ((a != b) == (ins[1] != 0)) goto fail;
        pc += 3;
        continue;
      }
      case RO_LOOK:
        if (!push(vm, BT_LOOK, ins[1], ins[2], pos, 0)) return RE_EXEC_OOM;
        pc += 3;
        continue;
      case RO_LOOK_END: {
        size_t m = vm->sp;
        while (m > 0 && vm->bt[m - 1].kind != BT_LOOK) m--;
        PT_ASSERT(m > 0);
        m--;
        if (!ins[1]) {
          /* Positive: the body matched. Drop its choice points (lookarounds are atomic) but
           * keep the capture restores, so backtracking past here still undoes them. */
          pos = vm->bt[m].c;
          size_t k = m;
          for (size_t i = m + 1; i < vm->sp; i++)
            if (vm->bt[i].kind == BT_RESTORE) vm->bt[k++] = vm->bt[i];
          vm->sp = k;
          pc += 2;
          continue;
        }
        /* Negative: the body matched, so the lookaround fails. Undo the body's captures. */
        while (vm->sp > m + 1) {
          BtEntry *e = &vm->bt[--vm->sp];
          if (e->kind == BT_RESTORE) vm->st[e->a] = e->b;
        }
        vm->sp = m;
        goto fail;
      }
      case RO_MATCH:
        return RE_EXEC_MATCH;
    }
    PT_UNREACHABLE();
  fail:
    for (;;) {
      if (vm->sp == 0) return RE_EXEC_NO_MATCH;
      BtEntry *e = &vm->bt[vm->sp - 1];
      switch (e->kind) {
        case BT_RESTORE:
          vm->st[e->a] = e->b;
          vm->sp--;
          continue;
        case BT_BRANCH:
          pc = e->a;
          pos = e->b;
          vm->sp--;
          goto resume;
        case BT_LOOK:
          vm->sp--;
          if (e->a) { /* negative lookaround whose body failed: it succeeds */
            pc = e->b;
            pos = e->c;
            goto resume;
          }
          continue;
        case BT_STAR: {
          uint32_t ch;
          int np = e->d ? read_fwd(vm, e->c, &ch) : read_bwd(vm, e->c, &ch);
          if (e->d ? np > e->b : np < e->b) np = e->b;
          pc = e->a;
          pos = np;
          if (np == e->b) vm->sp--;
          else e->c = np;
          goto resume;
        }
        case BT_LAZY: {
          int spc = e->a, p = e->b, count = e->c;
          vm->sp--;
          const int32_t *star = code + spc;
          if (!atom_match(vm, star + 4, &p)) continue;
          count++;
          if (count < star[2] && !push(vm, BT_LAZY, spc, p, count, 0)) return RE_EXEC_OOM;
          pc = spc + 7;
          pos = p;
          goto resume;
        }
      }
      PT_UNREACHABLE();
    }
  resume:;
  }
}

int re_exec(const RegExpCode *code, const void *input, size_t len, bool one_byte, size_t start,
            int *captures, bool (*poll)(void *), void *poll_data) {
  return re_exec_ex(code, input, len, one_byte, start, captures, false, poll, poll_data);
}

int re_exec_ex(const RegExpCode *code, const void *input, size_t len, bool one_byte, size_t start,
               int *captures, bool force_search, bool (*poll)(void *), void *poll_data) {
  if (len > (size_t)INT32_MAX / 2 || start > len) return start > len ? RE_EXEC_NO_MATCH : RE_EXEC_OOM;
  /* Only the header is cleared: bt_local is scratch, and zeroing its 2.5 KB on every call
   * dominated short searches. */
  Vm vm;
  memset(&vm, 0, offsetof(Vm, bt_local));
  vm.poll = NULL;
  vm.poll_data = NULL;
  vm.steps = 0;
  vm.code = code;
  if (one_byte) vm.s8 = input;
  else vm.s16 = input;
  vm.len = (int)len;
  vm.unicode = (code->flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS)) != 0;
  vm.poll = poll;
  vm.poll_data = poll_data;
  vm.bt = vm.bt_local;
  vm.cap = PT_ARRAY_LEN(vm.bt_local);
  size_t nslots = 2 * (size_t)code->ncaps + (size_t)code->nregs;
  /* Small patterns keep their state on the C stack: no malloc per exec. */
  int st_local[64];
  vm.st = nslots <= PT_ARRAY_LEN(st_local) ? st_local : malloc(nslots * sizeof(int));
  if (!vm.st) return RE_EXEC_OOM;
  bool sticky = (code->flags & RE_FLAG_STICKY) != 0 && !force_search;
  int result = RE_EXEC_NO_MATCH;
  /* In unicode mode an index inside a surrogate pair means the pair's start (as V8 does). */
  if (vm.unicode && start > 0 && start < len && unit_at(&vm, (int)start) >= 0xDC00 &&
      unit_at(&vm, (int)start) <= 0xDFFF && unit_at(&vm, (int)start - 1) >= 0xD800 &&
      unit_at(&vm, (int)start - 1) <= 0xDBFF)
    start--;
  for (int pos = (int)start; pos <= vm.len;) {
    if (code->anchored && pos > 0) break;
    if (vm.s8 && code->quick_len > 0 && !sticky) {
      /* Latin-1 subject with a quick check: scan for the most selective offset first. */
      int off = code->scan_off, last = vm.len - code->min_len;
      if (pos > last) break;
      if (code->scan_unit >= 0) {
        const uint8_t *hit = memchr(vm.s8 + pos + off, code->scan_unit, (size_t)(last - pos) + 1);
        if (!hit) break;
        pos = (int)(hit - vm.s8) - off;
      } else {
        const uint32_t *set = code->quick[off];
        while (pos <= last && !((set[vm.s8[pos + off] >> 5] >> (vm.s8[pos + off] & 31)) & 1)) pos++;
        if (pos > last) break;
      }
      int k = 0;
      for (; k < code->quick_len; k++) {
        uint32_t u = vm.s8[pos + k];
        if (!((code->quick[k][u >> 5] >> (u & 31)) & 1)) break;
      }
      if (k < code->quick_len) {
        pos++;
        continue;
      }
    } else if (vm.s16 && code->quick_len > 0 && !sticky) {
      /* The same for UTF-16 subjects, without memchr. */
      int off = code->scan_off, last = vm.len - code->min_len;
      const uint32_t *set = code->quick[off];
      bool wide = code->quick_wide[off];
      for (; pos <= last; pos++) {
        uint32_t u = vm.s16[pos + off];
        if (u < 256 ? (set[u >> 5] >> (u & 31)) & 1 : wide) break;
      }
      if (pos > last) break;
      int k = 0;
      for (; k < code->quick_len; k++) {
        uint32_t u = vm.s16[pos + k];
        if (!(u < 256 ? (code->quick[k][u >> 5] >> (u & 31)) & 1 : code->quick_wide[k])) break;
      }
      if (k < code->quick_len) {
        pos++;
        continue;
      }
    } else if (code->has_first && !sticky) {
      if (vm.s8) {
        while (pos < vm.len && !((code->first[vm.s8[pos] >> 5] >> (vm.s8[pos] & 31)) & 1)) pos++;
      } else {
        for (; pos < vm.len; pos++) {
          uint32_t u = vm.s16[pos];
          if (u < 256 ? (code->first[u >> 5] >> (u & 31)) & 1 : code->first_wide) break;
        }
      }
      if (pos >= vm.len) break;
      /* In unicode mode never start inside a surrogate pair. */
      if (vm.unicode && pos > (int)start && unit_at(&vm, pos) >= 0xDC00 && unit_at(&vm, pos) <= 0xDFFF &&
          unit_at(&vm, pos - 1) >= 0xD800 && unit_at(&vm, pos - 1) <= 0xDBFF) {
        pos++;
        continue;
      }
    }
    if (code->min_len > 0) {
      /* No match shorter than min_len: none can start here or later. */
      if (pos + code->min_len > vm.len) break;
      int k = 1;
      for (; k < code->quick_len; k++) {
        uint32_t u = unit_at(&vm, pos + k);
        if (!(u < 256 ? (code->quick[k][u >> 5] >> (u & 31)) & 1 : code->quick_wide[k])) break;
      }
      if (k < code->quick_len) {
        if (sticky) break;
        pos++;
        continue;
      }
    }
    for (size_t i = 0; i < nslots; i++) vm.st[i] = i < 2 * (size_t)code->ncaps ? -1 : 0;
    result = run(&vm, pos);
    if (result != RE_EXEC_NO_MATCH || sticky) break;
    if (vm.poll && pos % 1024 == 1023 && !vm.poll(vm.poll_data)) {
      result = RE_EXEC_INTERRUPTED;
      break;
    }
    if (vm.unicode && pos + 1 < vm.len && unit_at(&vm, pos) >= 0xD800 && unit_at(&vm, pos) <= 0xDBFF &&
        unit_at(&vm, pos + 1) >= 0xDC00 && unit_at(&vm, pos + 1) <= 0xDFFF)
      pos += 2;
    else
      pos++;
  }
  if (result == RE_EXEC_MATCH)
    for (int i = 0; i < 2 * code->ncaps; i++) captures[i] = vm.st[i];
  if (vm.st != st_local) free(vm.st);
  if (vm.bt != vm.bt_local) free(vm.bt);
  return result;
}
