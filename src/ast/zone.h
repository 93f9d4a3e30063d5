/*
 * Zone: a bump allocator for the AST and everything the front end builds. Nothing is freed one by
 * one; the whole zone goes at once (parse_result_free). Not on the JS heap, not scanned by the GC.
 */
#ifndef PETREL_AST_ZONE_H
#define PETREL_AST_ZONE_H

#include "base/common.h"

typedef struct ZoneChunk ZoneChunk;
typedef struct Zone {
  ZoneChunk *chunks;
  char *pos, *limit;
  size_t total; /* bytes obtained from malloc */
} Zone;

void zone_init(Zone *z);
/* 8-byte aligned, zero-filled memory; NULL when malloc fails. */
void *zone_alloc(Zone *z, size_t size);
void zone_free_all(Zone *z);
/* Forgets everything allocated, keeping the first (smallest) chunk for reuse. */
void zone_reset(Zone *z);

#endif
