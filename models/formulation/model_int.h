/* hreeplan formulation room: helpers shared by its files (model.c,
 * decompose.c) and nothing else.  Not part of the API. */
#ifndef HP_MODEL_INT_H
#define HP_MODEL_INT_H

#include <stddef.h>

#include "model.h"

/** Build context of hp_model_build(): the model being filled and a
 *  scratch name buffer for the next column or row. */
typedef struct hpi_builder {
    const hp_instance *in;
    hp_model *m;
    hp_lp *lp;
    int P, J, T, S;
    char name[768];
} hpi_builder;

/** Formats the next column or row name into b->name. */
void hpi_fmt_name(hpi_builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Adds a column (or row) named b->name; its index into *out; HP_ENOMEM. */
hp_status hpi_add_col(hpi_builder *b, double lb, double ub, int is_int, int *out);
hp_status hpi_add_row(hpi_builder *b, double lb, double ub, int *out);

/* ---- model_first.c: the first stage ---- */
/** x, capacity, contracts, minimum orders, lots and the contract limit. */
hp_status hpi_model_first_stage(hpi_builder *b);
/** Quota and share rows on ship quarters. */
hp_status hpi_model_restrictions(hpi_builder *b);

/** An index map of n entries (at least one allocated), every entry -1
 *  ("no such column or row"); NULL when out of memory.  Freed with free(). */
int *hpi_index_map(size_t n);

/* ---- model_second.c: MODEL.md second edition ---- */
/** The index maps of the second edition's columns (all -1); HP_ENOMEM. */
hp_status hpi_model_second_alloc(hp_model *m);
void hpi_model_second_free(hp_model *m);
/** Co-production, commitments, reserve and terminal stock, added to a
 *  model whose balance, spend_def and penalty_def rows exist. */
hp_status hpi_model_second(hp_model *m);
/** Coefficient of I[s,p,t] in spend, per unit of probability: holding
 *  cost, less the terminal credit 1000 cT in the last quarter. */
double hpi_inv_cost(const hp_instance *in, int p, int t);

/* ---- model_tree.c: non-anticipativity ---- */
/** Computes m->tree and, under HP_INFO_TREE, adds the rows that make every
 *  recourse column of quarter t of a scenario equal to that of its node's
 *  representative (MODEL.md "Information: non-anticipativity"). */
hp_status hpi_model_tree(hp_model *m);

/* ---- model_adaptive.c: adaptive orders ---- */
/** Sets m->adaptive and allocates the per-node maps and the node sums of
 *  pi a and pi a pf (m->tree must exist); HP_ENOMEM. */
hp_status hpi_model_adaptive_alloc(hp_model *m);
void hpi_model_adaptive_free(hp_model *m);
/** ",n<node>" for a node's column and row names, "" for the shared group. */
void hpi_node_suffix(int n, char *buf, size_t len);

/* Index of a per-scenario (s, p, t) entry: (s * P + p) * T + t. */
static inline size_t hpi_si(const hp_instance *in, int s, int p, int t)
{
    return ((size_t)s * (size_t)in->n_products + (size_t)p) * (size_t)in->T + (size_t)t;
}

/* Index of a per-scenario (s, j, p, t) entry: ((s * J + j) * P + p) * T + t. */
static inline size_t hpi_ki(const hp_instance *in, int s, int j, int p, int t)
{
    return (((size_t)s * (size_t)in->n_suppliers + (size_t)j) * (size_t)in->n_products +
            (size_t)p) *
               (size_t)in->T +
           (size_t)t;
}

#endif
