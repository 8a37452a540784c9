/* hreeplan: an upper bound on the size of the model of models/model.c,
 * from the instance's dimensions alone (see hp_model_size_bound). */
#include "model.h"

void hp_model_size_bound(const hp_instance *in, double *rows, double *cols, double *nnz)
{
    double X = 0.0, S = in->n_scenarios, P = in->n_products, T = in->T, J = in->n_suppliers;
    double R = in->n_restrictions, SPT = S * P * T;
    for (int j = 0; j < in->n_suppliers; j++)
        X += (double)in->suppliers[j].n_offers * (double)(in->T - in->suppliers[j].lead_time);
    /* columns: x and lots per offer and ship quarter; z and o per supplier;
     * inventory, unmet, spot, shortfall per scenario; xi; COST, RISK, eta,
     * SPEND, PENALTY */
    *cols = 2.0 * X + J + J * T + 4.0 * SPT + S + 5.0;
    /* rows: capacity and lot rows per x; minimum-order rows; quotas and
     * share caps per quarter; balance and safety stock per scenario; CVaR
     * rows; max_contracts, cost_def, risk_def, spend_def, penalty_def */
    *rows = 2.0 * X + 3.0 * J * T + R * T + 2.0 * SPT + S + 5.0;
    /* each x: capacity (with z), lot, minimum order, restrictions, one
     * balance row per scenario, cost and risk definitions; each scenario
     * column: balance (twice for inventory), safety stock, cost and risk;
     * COST, SPEND, PENALTY in the definition rows */
    *nnz = X * (8.0 + 2.0 * R + S) + SPT * 10.0 + J * T * 4.0 + 3.0 * S + 5.0;
    /* second edition (model_second.c): co-production b per supplier and
     * quarter with a row per x; a commitment row and k per x and scenario;
     * reserve releases per scenario, product and quarter; the reserve stock
     * and terminal rows and e per scenario and product */
    if (hp_instance_second_edition(in)) {
        *cols += J * T + S * X + SPT + S * P;
        *rows += X + S * X + 2.0 * S * P;
        *nnz += 2.0 * X + 4.0 * S * X + 3.0 * SPT + 3.0 * S * P;
        *rows += SPT + S * X + S * P;
        *nnz += 2.0 * (SPT + S * X + S * P);
    }
    /* non-anticipativity (model_tree.c, the default): at most one tie row
     * of two nonzeros per recourse column I, u, y, v (and, above, r, k, e) */
    *rows += 4.0 * SPT;
    *nnz += 8.0 * SPT;
}
