/* hreeplan: the scenario tree computed from the scenario data (tree.h).
 *
 * Quarter by quarter, each scenario joins the first node among the
 * children of its node of the previous quarter whose representative has
 * the same data in this quarter, or opens a new one.  Children of a node
 * are kept in a list, so a quarter costs O(S * children * data) and the
 * sampled trees (few distinct quarter data per parent) stay cheap. */
#include "tree.h"

#include <stdlib.h>

/* Whether scenarios s and r have the same data in quarter t. */
static int same_quarter(const hp_instance *in, int s, int r, int t)
{
    for (int j = 0; j < in->n_suppliers; j++) {
        if (hp_avail(in, s, j, t) != hp_avail(in, r, j, t))
            return 0;
        if (hp_price_factor(in, s, j, t) != hp_price_factor(in, r, j, t))
            return 0;
    }
    for (int p = 0; p < in->n_products; p++) {
        if (hp_spot_factor(in, s, p, t) != hp_spot_factor(in, r, p, t))
            return 0;
        if (in->products[p].has_reserve &&
            hp_reserve_open(in, s, p, t) != hp_reserve_open(in, r, p, t))
            return 0;
    }
    return 1;
}

void hp_tree_free(hp_tree *tr)
{
    if (!tr)
        return;
    free(tr->node);
    free(tr->first);
    free(tr->quarter);
    free(tr->parent);
    free(tr->per_quarter);
    free(tr->prob);
    free(tr);
}

hp_status hp_tree_build(const hp_instance *in, hp_tree **out)
{
    hp_status st = HP_OK;
    hp_tree *tr = NULL;
    int *child = NULL, *next = NULL, root = -1;
    size_t S, T, N;

    if (!in || !out)
        return HP_EINTERNAL;
    *out = NULL;
    S = (size_t)in->n_scenarios;
    T = (size_t)in->T;
    N = S * T > 0 ? S * T : 1;
    tr = calloc(1, sizeof *tr);
    if (!tr)
        return HP_ENOMEM;
    tr->S = in->n_scenarios;
    tr->T = in->T;
    tr->node = malloc(N * sizeof *tr->node);
    tr->first = malloc(N * sizeof *tr->first);
    tr->quarter = malloc(N * sizeof *tr->quarter);
    tr->parent = malloc(N * sizeof *tr->parent);
    tr->prob = calloc(N, sizeof *tr->prob);
    tr->per_quarter = calloc(T ? T : 1, sizeof *tr->per_quarter);
    child = malloc(N * sizeof *child); /* first child of a node, -1 none */
    next = malloc(N * sizeof *next);   /* next sibling, -1 none */
    if (!tr->node || !tr->first || !tr->quarter || !tr->parent || !tr->prob || !tr->per_quarter ||
        !child || !next) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int t = 0; t < in->T; t++) {
        for (int s = 0; s < in->n_scenarios; s++) {
            int par = t > 0 ? tr->node[(size_t)(t - 1) * S + (size_t)s] : -1;
            int *head = par >= 0 ? &child[par] : &root, n = *head, last = -1;
            while (n >= 0 && !same_quarter(in, s, tr->first[n], t)) {
                last = n;
                n = next[n];
            }
            if (n < 0) {
                n = tr->n_nodes++;
                tr->first[n] = s;
                tr->quarter[n] = t;
                tr->parent[n] = par;
                child[n] = next[n] = -1;
                if (last >= 0)
                    next[last] = n;
                else
                    *head = n;
                tr->per_quarter[t]++;
            }
            tr->node[(size_t)t * S + (size_t)s] = n;
            tr->prob[n] += in->scenarios[s].probability;
        }
    }
    *out = tr;
    tr = NULL;
cleanup:
    free(child);
    free(next);
    hp_tree_free(tr);
    return st;
}

int hp_tree_binds(const hp_tree *tr)
{
    for (int t = 0; t + 1 < tr->T; t++)
        if (tr->per_quarter[t] < tr->S)
            return 1;
    return 0;
}

int hp_tree_split(const hp_tree *tr, int s, int r)
{
    for (int t = 0; t < tr->T; t++)
        if (tr->node[(size_t)t * (size_t)tr->S + (size_t)s] !=
            tr->node[(size_t)t * (size_t)tr->S + (size_t)r])
            return t;
    return tr->T;
}
