/* hreeplan formulation room: helpers shared by its files (model.c,
 * decompose.c) and nothing else.  Not part of the API. */
#ifndef HP_MODEL_INT_H
#define HP_MODEL_INT_H

#include <stddef.h>

/** An index map of n entries (at least one allocated), every entry -1
 *  ("no such column or row"); NULL when out of memory.  Freed with free(). */
int *hpi_index_map(size_t n);

#endif
