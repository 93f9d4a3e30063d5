/* UTF-8 (read as WTF-8) <-> UTF-16. See utf.h for the rules on surrogates and malformed input. */
#include "base/utf.h"

uint32_t pt_utf8_decode(const uint8_t *s, size_t n, size_t *pos) {
  size_t i = *pos;
  uint32_t b0 = s[i];
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  int need;
  uint32_t cp, lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0; /* no overlong forms; ED A0.. (surrogates) allowed: WTF-8 */
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  i++;
  for (int k = 0; k < need; k++, i++) {
    if (i >= n) {
      *pos = i;
      return 0xFFFD;
    }
    uint32_t b = s[i];
    if (b < lo || b > hi) {
      *pos = i; /* the offending byte starts the next sequence */
      return 0xFFFD;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  *pos = i;
  return cp;
}

size_t pt_utf8_utf16_length(const char *str, size_t n, uint16_t *max_unit) {
  const uint8_t *s = (const uint8_t *)str;
  size_t pos = 0, units = 0;
  uint32_t max = 0;
  while (pos < n) {
    if (s[pos] < 0x80) {
      if (s[pos] > max) max = s[pos];
      pos++;
      units++;
      continue;
    }
    uint32_t cp = pt_utf8_decode(s, n, &pos);
    if (cp >= 0x10000) {
      units += 2;
      max = 0xFFFF;
    } else {
      units++;
      if (cp > max) max = cp;
    }
  }
  if (max_unit) *max_unit = (uint16_t)max;
  return units;
}

size_t pt_utf8_to_utf16(const char *str, size_t n, uint16_t *out) {
  const uint8_t *s = (const uint8_t *)str;
  size_t pos = 0, k = 0;
  while (pos < n) {
    uint32_t cp = pt_utf8_decode(s, n, &pos);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out[k++] = (uint16_t)(0xD800 + (cp >> 10));
      out[k++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    } else {
      out[k++] = (uint16_t)cp;
    }
  }
  return k;
}

size_t pt_utf8_to_latin1(const char *str, size_t n, uint8_t *out) {
  const uint8_t *s = (const uint8_t *)str;
  size_t pos = 0, k = 0;
  while (pos < n) out[k++] = (uint8_t)pt_utf8_decode(s, n, &pos);
  return k;
}

size_t pt_utf8_encode(uint32_t cp, char *out) {
  uint8_t *o = (uint8_t *)out;
  if (cp < 0x80) {
    o[0] = (uint8_t)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (uint8_t)(0xC0 | (cp >> 6));
    o[1] = (uint8_t)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (uint8_t)(0xE0 | (cp >> 12));
    o[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (uint8_t)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (uint8_t)(0xF0 | (cp >> 18));
  o[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (uint8_t)(0x80 | (cp & 0x3F));
  return 4;
}

size_t pt_utf16_utf8_length(const uint16_t *s, size_t n) {
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t u = s[i];
    if (u < 0x80) bytes += 1;
    else if (u < 0x800) bytes += 2;
    else if (pt_is_lead_surrogate(u) && i + 1 < n && pt_is_trail_surrogate(s[i + 1])) {
      bytes += 4;
      i++;
    } else bytes += 3; /* BMP, or a lone surrogate (U+FFFD or WTF-8: three bytes either way) */
  }
  return bytes;
}

size_t pt_utf16_to_utf8(const uint16_t *s, size_t n, char *out, bool wtf8) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t u = s[i];
    if (pt_is_lead_surrogate(u) && i + 1 < n && pt_is_trail_surrogate(s[i + 1])) {
      u = pt_combine_surrogates(u, s[i + 1]);
      i++;
    } else if (!wtf8 && (pt_is_lead_surrogate(u) || pt_is_trail_surrogate(u))) {
      u = 0xFFFD;
    }
    k += pt_utf8_encode(u, out + k);
  }
  return k;
}

size_t pt_latin1_utf8_length(const uint8_t *s, size_t n) {
  size_t bytes = n;
  for (size_t i = 0; i < n; i++) bytes += s[i] >> 7;
  return bytes;
}

size_t pt_latin1_to_utf8(const uint8_t *s, size_t n, char *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += pt_utf8_encode(s[i], out + k);
  return k;
}
