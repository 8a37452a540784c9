/* hreeplan: adaptive orders, the multi-stage plan (model.h; MODEL.md
 * "Information: non-anticipativity", --adaptive-orders; docs/model.md).
 *
 * How it is written: under --adaptive-orders the orders x[j,p,t] of a ship
 * quarter t >= 1 (0-based; quarter 2 and later in MODEL.md's numbering)
 * are columns of the scenario tree's node of quarter t, one copy per node
 * instead of per scenario (the same feasible set as per-scenario copies
 * tied within each node, with fewer columns and no tie rows).  Scenario s
 * receives the copy of its node (hp_model_xcol()).  Everything written on
 * a shipment is written per node: capacity, lots, minimum-order binaries
 * o, quota and per-quarter share rows, co-production outputs b and hard
 * commitments; a horizon share cap is one row per path of the tree (per
 * node of the last quarter).  Contracts z stay decisions of quarter 1,
 * shared by every node.  Purchases are paid on what arrives: the node's
 * column costs 1000 c sum_{s in node} pi_s pf[s,j,t] a[s,j,t], and its
 * exposure is sum_{s in node} pi_s (1 - a[s,j,t]).  Quarter-0 orders keep
 * the shared columns of m->x even when quarter 0 has several nodes. */
#include "model.h"
#include "model_int.h"

#include <stdio.h>
#include <stdlib.h>

int hp_model_order_node(const hp_model *m, int s, int t)
{
    if (!m->adaptive || t < 1 || !m->tree)
        return -1;
    return m->tree->node[(size_t)t * (size_t)m->tree->S + (size_t)s];
}

int hp_model_xcol_node(const hp_model *m, int n, int j, int p, int t)
{
    const hp_instance *in = m->inst;
    if (n < 0)
        return m->x[((size_t)j * (size_t)in->n_products + (size_t)p) * (size_t)in->T + (size_t)t];
    return m->x_node[((size_t)n * (size_t)in->n_suppliers + (size_t)j) * (size_t)in->n_products +
                     (size_t)p];
}

int hp_model_xcol(const hp_model *m, int s, int j, int p, int t)
{
    return hp_model_xcol_node(m, hp_model_order_node(m, s, t), j, p, t);
}

void hp_model_order_groups(const hp_model *m, int t, int *lo, int *hi)
{
    int first = 0;
    if (!m->adaptive || t < 1) {
        *lo = -1;
        *hi = 0;
        return;
    }
    for (int q = 0; q < t; q++)
        first += m->tree->per_quarter[q];
    *lo = first;
    *hi = first + m->tree->per_quarter[t];
}

void hpi_node_suffix(int n, char *buf, size_t len)
{
    if (n < 0)
        buf[0] = '\0';
    else
        snprintf(buf, len, ",n%d", n);
}

hp_status hpi_model_adaptive_alloc(hp_model *m)
{
    const hp_instance *in = m->inst;
    const hp_tree *tr = m->tree;
    size_t N = (size_t)tr->n_nodes, J = (size_t)in->n_suppliers, P = (size_t)in->n_products;

    m->adaptive = 1;
    m->x_node = hpi_index_map(N * J * P);
    m->lot_node = hpi_index_map(N * J * P);
    m->o_node = hpi_index_map(N * J);
    m->cob_node = hpi_index_map(N * J);
    m->node_paid = calloc(N * J + 1, sizeof *m->node_paid);
    m->node_avail = calloc(N * J + 1, sizeof *m->node_avail);
    if (!m->x_node || !m->lot_node || !m->o_node || !m->cob_node || !m->node_paid || !m->node_avail)
        return HP_ENOMEM;
    for (int s = 0; s < in->n_scenarios; s++) {
        double pi = in->scenarios[s].probability;
        for (int t = 1; t < in->T; t++) {
            size_t n = (size_t)tr->node[(size_t)t * (size_t)tr->S + (size_t)s];
            for (int j = 0; j < in->n_suppliers; j++) {
                double a = hp_avail(in, s, j, t);
                m->node_avail[n * J + (size_t)j] += pi * a;
                m->node_paid[n * J + (size_t)j] += pi * a * hp_price_factor(in, s, j, t);
            }
        }
    }
    return HP_OK;
}

void hpi_model_adaptive_free(hp_model *m)
{
    free(m->x_node);
    free(m->lot_node);
    free(m->o_node);
    free(m->cob_node);
    free(m->node_paid);
    free(m->node_avail);
}
