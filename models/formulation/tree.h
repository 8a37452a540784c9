/* hreeplan formulation room: the scenario tree (MODEL.md "Information:
 * non-anticipativity").
 *
 * The history of scenario s through quarter t is all of its data of
 * quarters 0..t (0-based): availability a[s,j,t] and price factors
 * pf[s,j,t] of every supplier, spot price factors of every product, and
 * whether each product's reserve may be released.  Spot limits are not
 * scenario data in an instance (the same in every scenario).  Scenarios
 * whose histories through t are equal, compared literally (==, value by
 * value, whatever the capacity), form one node of quarter t.  Nodes are
 * numbered quarter by quarter, and within a quarter in the order of their
 * first scenario; a node's first scenario is its representative.  Declared
 * and sampled scenarios alike: the tree is computed from the data, never
 * declared. */
#ifndef HP_TREE_H
#define HP_TREE_H

#include "../instance/instance.h"

typedef struct hp_tree {
    int S, T;
    int n_nodes;      /**< nodes over all quarters */
    int *node;        /**< [t * S + s]: node of scenario s in quarter t */
    int *first;       /**< [n]: the node's first scenario (its representative) */
    int *quarter;     /**< [n]: the node's quarter */
    int *parent;      /**< [n]: node of the previous quarter, -1 in quarter 0 */
    int *per_quarter; /**< [t]: nodes in quarter t */
    double *prob;     /**< [n]: the node's probability (sum of its scenarios') */
} hp_tree;

/** Computes the tree of inst's scenarios.  The caller frees *out with
 *  hp_tree_free().  HP_ENOMEM, HP_EINTERNAL on a NULL argument. */
hp_status hp_tree_build(const hp_instance *inst, hp_tree **out);
void hp_tree_free(hp_tree *tr);

/** The representative (first scenario) of s's node in quarter t. */
static inline int hp_tree_rep(const hp_tree *tr, int s, int t)
{
    return tr->first[tr->node[(size_t)t * (size_t)tr->S + (size_t)s]];
}

/** Whether the tree binds the recourse: some quarter before the last has
 *  fewer nodes than scenarios (then the two-stage model, where each
 *  scenario's recourse sees its whole future, is a different model). */
int hp_tree_binds(const hp_tree *tr);

/** The first quarter in which scenarios s and r differ (their histories
 *  through it differ), or T when they never do. */
int hp_tree_split(const hp_tree *tr, int s, int r);

#endif
