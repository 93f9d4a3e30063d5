/* Zone allocator: chunks from malloc, bump allocation inside a chunk, freed all at once. */
#include "ast/zone.h"

#include <stdlib.h>

struct ZoneChunk {
  ZoneChunk *next;
  size_t size;
  /* followed by the memory handed out */
};

#define ZONE_MIN_CHUNK (64 * 1024)
#define ZONE_HEADER ((sizeof(ZoneChunk) + 15) & ~(size_t)15)

void zone_init(Zone *z) { memset(z, 0, sizeof *z); }

void *zone_alloc(Zone *z, size_t size) {
  size = (size + 7) & ~(size_t)7;
  if (size == 0) size = 8;
  if ((size_t)(z->limit - z->pos) < size || !z->pos) {
    /* Large requests get a chunk of their own; growth doubles to bound the chunk count. */
    size_t want = z->total < ZONE_MIN_CHUNK ? ZONE_MIN_CHUNK : z->total;
    if (want > 8 * 1024 * 1024) want = 8 * 1024 * 1024;
    if (want < size) want = size;
    if (want > SIZE_MAX - ZONE_HEADER) return NULL;
    ZoneChunk *c = malloc(ZONE_HEADER + want);
    if (!c) return NULL;
    c->next = z->chunks;
    c->size = want;
    z->chunks = c;
    z->total += want;
    z->pos = (char *)c + ZONE_HEADER;
    z->limit = z->pos + want;
  }
  void *p = z->pos;
  z->pos += size;
  memset(p, 0, size);
  return p;
}

void zone_free_all(Zone *z) {
  ZoneChunk *c = z->chunks;
  while (c) {
    ZoneChunk *next = c->next;
    free(c);
    c = next;
  }
  memset(z, 0, sizeof *z);
}

void zone_reset(Zone *z) {
  ZoneChunk *c = z->chunks, *first = NULL;
  while (c) {
    ZoneChunk *next = c->next;
    if (next) free(c);
    else first = c;
    c = next;
  }
  z->chunks = first;
  z->total = first ? first->size : 0;
  z->pos = first ? (char *)first + ZONE_HEADER : NULL;
  z->limit = first ? z->pos + first->size : NULL;
}
