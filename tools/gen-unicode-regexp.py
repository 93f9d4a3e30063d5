#!/usr/bin/env python3
"""Generates src/regexp/regexp-unicode-data.c from Debian's unicode-data package.

    apt-get install -y unicode-data
    python3 tools/gen-unicode-regexp.py [/usr/share/unicode] > src/regexp/regexp-unicode-data.c

The output is committed so the build needs no data package. It holds, as sorted inclusive
code-point ranges:
  - every binary property ECMAScript's \\p{...} accepts (ECMA-262 table "Binary Unicode property
    aliases"), General_Category values (with the group values L, LC, ...), Script and
    Script_Extensions values, each under all its aliases;
  - the properties of strings for the v flag (Basic_Emoji, RGI_Emoji, ...), as single code points
    plus a list of code-point sequences;
  - simple case folding (CaseFolding.txt, status C and S) for unicode-mode Canonicalize, and the
    BMP simple uppercase mapping restricted to characters whose full uppercase is one character
    (for non-unicode Canonicalize, which uses toUppercase and keeps ch if the result is longer).
"""
import os
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/unicode'
MAXCP = 0x10FFFF


def lines(name):
    with open(os.path.join(UCD, name), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                yield [p.strip() for p in line.split(';')]


def cprange(s):
    if '..' in s:
        a, b = s.split('..')
        return int(a, 16), int(b, 16)
    return int(s, 16), int(s, 16)


def to_ranges(cps):
    out = []
    for c in sorted(cps):
        if out and out[-1][1] + 1 == c:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


# ---- UnicodeData: general category, simple uppercase, Bidi_Mirrored --------------------------
gc = {}
upper = {}
mirrored = set()
with open(os.path.join(UCD, 'UnicodeData.txt'), encoding='utf-8') as f:
    first = None
    for line in f:
        p = line.rstrip('\n').split(';')
        cp = int(p[0], 16)
        if p[1].endswith(', First>'):
            first = cp
            continue
        if p[1].endswith(', Last>'):
            for c in range(first, cp + 1):
                gc[c] = p[2]
                if p[9] == 'Y':
                    mirrored.add(c)
            continue
        gc[cp] = p[2]
        if p[9] == 'Y':
            mirrored.add(cp)
        if p[12]:
            upper[cp] = int(p[12], 16)
for c in range(MAXCP + 1):
    if c not in gc:
        gc[c] = 'Cn'

# Full uppercase longer than one character: non-unicode Canonicalize keeps ch.
multi_upper = set()
for p in lines('SpecialCasing.txt'):
    if len(p) >= 5 and p[4]:  # conditional mappings
        continue
    up = p[3].split()
    if len(up) != 1:
        multi_upper.add(int(p[0], 16))

fold = {}
for p in lines('CaseFolding.txt'):
    if p[1] in ('C', 'S'):
        fold[int(p[0], 16)] = int(p[2], 16)

# ---- Property sets -------------------------------------------------------------------------
props = {}  # canonical name -> set of code points


def add_file_props(name, wanted=None):
    for p in lines(name):
        prop = p[1]
        if wanted is not None and prop not in wanted:
            continue
        a, b = cprange(p[0])
        props.setdefault(prop, set()).update(range(a, b + 1))


add_file_props('PropList.txt')
add_file_props('DerivedCoreProperties.txt')
add_file_props('DerivedNormalizationProps.txt', {'Changes_When_NFKC_Casefolded'})
add_file_props('emoji/emoji-data.txt')
props['Bidi_Mirrored'] = mirrored
props['Any'] = set(range(MAXCP + 1))
props['ASCII'] = set(range(128))
props['Assigned'] = {c for c in range(MAXCP + 1) if gc[c] != 'Cn'}

BINARY = ['ASCII', 'ASCII_Hex_Digit', 'Alphabetic', 'Any', 'Assigned', 'Bidi_Control',
          'Bidi_Mirrored', 'Case_Ignorable', 'Cased', 'Changes_When_Casefolded',
          'Changes_When_Casemapped', 'Changes_When_Lowercased', 'Changes_When_NFKC_Casefolded',
          'Changes_When_Titlecased', 'Changes_When_Uppercased', 'Dash',
          'Default_Ignorable_Code_Point', 'Deprecated', 'Diacritic', 'Emoji', 'Emoji_Component',
          'Emoji_Modifier', 'Emoji_Modifier_Base', 'Emoji_Presentation', 'Extended_Pictographic',
          'Extender', 'Grapheme_Base', 'Grapheme_Extend', 'Hex_Digit', 'IDS_Binary_Operator',
          'IDS_Trinary_Operator', 'ID_Continue', 'ID_Start', 'Ideographic', 'Join_Control',
          'Logical_Order_Exception', 'Lowercase', 'Math', 'Noncharacter_Code_Point',
          'Pattern_Syntax', 'Pattern_White_Space', 'Quotation_Mark', 'Radical',
          'Regional_Indicator', 'Sentence_Terminal', 'Soft_Dotted', 'Terminal_Punctuation',
          'Unified_Ideograph', 'Uppercase', 'Variation_Selector', 'White_Space', 'XID_Continue',
          'XID_Start']
# Short aliases of binary properties (PropertyAliases.txt), plus the spec's extras.
binary_alias = {}
for p in lines('PropertyAliases.txt'):
    if len(p) >= 2 and p[1] in BINARY:
        for a in [p[0]] + p[2:]:
            if a != p[1]:
                binary_alias[a] = p[1]
binary_alias['EBase'] = 'Emoji_Modifier_Base'
binary_alias['EComp'] = 'Emoji_Component'
binary_alias['EMod'] = 'Emoji_Modifier'
binary_alias['EPres'] = 'Emoji_Presentation'
binary_alias['ExtPict'] = 'Extended_Pictographic'

# General category values and groups.
gc_sets = {}
for c in range(MAXCP + 1):
    gc_sets.setdefault(gc[c], set()).add(c)
gc_alias = {}  # alias -> canonical short value
for p in lines('PropertyValueAliases.txt'):
    if p[0] != 'gc':
        continue
    short, long_ = p[1], p[2]
    extra = p[3:]
    if short not in gc_sets:
        # a group: the '#' comment listed the members; rebuild from the first letter(s)
        if short == 'LC':
            members = ['Lu', 'Ll', 'Lt']
        else:
            members = [k for k in list(gc_sets) if len(k) == 2 and k[0] == short]
        s = set()
        for m in members:
            s |= gc_sets[m]
        gc_sets[short] = s
    for a in [short, long_] + extra:
        gc_alias[a] = short

# Scripts and script extensions.
sc = {}
for p in lines('Scripts.txt'):
    a, b = cprange(p[0])
    for c in range(a, b + 1):
        sc[c] = p[1]
sc_alias = {}  # any alias -> long name
sc_short = {}  # short -> long
for p in lines('PropertyValueAliases.txt'):
    if p[0] != 'sc':
        continue
    for a in p[1:]:
        sc_alias[a] = p[2]
    sc_short[p[1]] = p[2]
sc_sets = {}
for c, s in sc.items():
    sc_sets.setdefault(s, set()).add(c)
for c in range(MAXCP + 1):
    if c not in sc:
        sc_sets.setdefault('Unknown', set()).add(c)
scx = {}
for p in lines('ScriptExtensions.txt'):
    a, b = cprange(p[0])
    names = [sc_short.get(x, x) for x in p[1].split()]
    for c in range(a, b + 1):
        scx[c] = names
scx_sets = {k: set(v) for k, v in sc_sets.items()}
for c, names in scx.items():
    own = sc.get(c, 'Unknown')
    scx_sets[own].discard(c)
    for n in names:
        scx_sets.setdefault(n, set()).add(c)

# ---- Properties of strings (v flag) ----------------------------------------------------------
str_props = {}


def add_seq_file(name):
    path = os.path.join(UCD, name)
    if not os.path.exists(path):
        return
    for p in lines(name):
        prop = p[1]
        entry = str_props.setdefault(prop, (set(), set()))
        if '..' in p[0]:
            a, b = cprange(p[0])
            entry[0].update(range(a, b + 1))
        else:
            seq = tuple(int(x, 16) for x in p[0].split())
            if len(seq) == 1:
                entry[0].add(seq[0])
            else:
                entry[1].add(seq)


add_seq_file('emoji/emoji-sequences.txt')
add_seq_file('emoji/emoji-zwj-sequences.txt')
if str_props:
    allcp, allseq = set(), set()
    for k in list(str_props):
        allcp |= str_props[k][0]
        allseq |= str_props[k][1]
    str_props['RGI_Emoji'] = (allcp, allseq)

# ---- Output -------------------------------------------------------------------------------------
out = []
w = out.append
w('/* Generated by tools/gen-unicode-regexp.py from the Unicode Character Database. DO NOT EDIT. */')
w('#include "regexp/regexp-unicode.h"')
w('')
range_data = []
entries = []  # (kind, name, offset, count)


def emit_set(kind, names, cps):
    rs = to_ranges(cps)
    off = len(range_data) // 2
    for a, b in rs:
        range_data.extend([a, b])
    for n in names:
        entries.append((kind, n, off, len(rs)))


for name in BINARY:
    aliases = [name] + sorted(a for a, t in binary_alias.items() if t == name)
    emit_set('RE_UPROP_BINARY', aliases, props[name])
for short in sorted(set(gc_alias.values())):
    aliases = sorted(a for a, t in gc_alias.items() if t == short)
    emit_set('RE_UPROP_GC', aliases, gc_sets[short])
for long_ in sorted(sc_sets):
    aliases = sorted(set(a for a, t in sc_alias.items() if t == long_) | {long_})
    emit_set('RE_UPROP_SCRIPT', aliases, sc_sets[long_])
    emit_set('RE_UPROP_SCRIPT_EXT', aliases, scx_sets.get(long_, set()))
for long_ in sorted(scx_sets):
    if long_ not in sc_sets:
        aliases = sorted(set(a for a, t in sc_alias.items() if t == long_) | {long_})
        emit_set('RE_UPROP_SCRIPT', aliases, set())
        emit_set('RE_UPROP_SCRIPT_EXT', aliases, scx_sets[long_])
# Scripts that have aliases but no characters at all still are valid names.
for a, long_ in sc_alias.items():
    if long_ not in sc_sets and long_ not in scx_sets:
        emit_set('RE_UPROP_SCRIPT', [a], set())
        emit_set('RE_UPROP_SCRIPT_EXT', [a], set())

seq_data = []
str_entries = []
for name in sorted(str_props):
    cps, seqs = str_props[name]
    rs = to_ranges(cps)
    off = len(range_data) // 2
    for a, b in rs:
        range_data.extend([a, b])
    soff = len(seq_data)
    for s in sorted(seqs):
        seq_data.append(len(s))
        seq_data.extend(s)
    str_entries.append((name, off, len(rs), soff, len(seqs)))

w('const uint32_t re_ucd_ranges[] = {')
for i in range(0, len(range_data), 8):
    w('  ' + ', '.join('0x%x' % x for x in range_data[i:i + 8]) + ',')
w('};')
w('')
entries.sort(key=lambda e: (e[0], e[1]))
w('const ReUnicodeProperty re_ucd_properties[] = {')
for kind, name, off, cnt in entries:
    w('  {%s, "%s", %d, %d},' % (kind, name, off, cnt))
w('};')
w('const size_t re_ucd_property_count = %d;' % len(entries))
w('')
w('const uint32_t re_ucd_sequences[] = {')
for i in range(0, len(seq_data), 10):
    w('  ' + ', '.join('0x%x' % x for x in seq_data[i:i + 10]) + ',')
if not seq_data:
    w('  0')
w('};')
w('const ReUnicodeStringProperty re_ucd_string_properties[] = {')
for name, off, cnt, soff, scnt in str_entries:
    w('  {"%s", %d, %d, %d, %d},' % (name, off, cnt, soff, scnt))
if not str_entries:
    w('  {"", 0, 0, 0, 0}')
w('};')
w('const size_t re_ucd_string_property_count = %d;' % len(str_entries))
w('')
pairs = sorted(fold.items())
w('/* Simple case folding: sorted (from, to) pairs. */')
w('const uint32_t re_ucd_fold[][2] = {')
for i in range(0, len(pairs), 6):
    w('  ' + ' '.join('{0x%x, 0x%x},' % p for p in pairs[i:i + 6]))
w('};')
w('const size_t re_ucd_fold_count = %d;' % len(pairs))
ups = sorted((c, u) for c, u in upper.items() if c <= 0xFFFF and u <= 0xFFFF and c not in multi_upper)
w('/* BMP simple uppercase where the full uppercase is one character: sorted (from, to) pairs. */')
w('const uint16_t re_ucd_upper[][2] = {')
for i in range(0, len(ups), 6):
    w('  ' + ' '.join('{0x%x, 0x%x},' % p for p in ups[i:i + 6]))
w('};')
w('const size_t re_ucd_upper_count = %d;' % len(ups))
print('\n'.join(out))
