#include "diagnose.h"

#include <math.h>
#include <stdlib.h>

#include "../../solver/elastic.h"

hp_status hp_diagnose_infeasible(const hp_model *m, const hp_backend_ops *ops, hp_diag *diag)
{
    const hp_instance *in = m->inst;
    int P = in->n_products, T = in->T, S = in->n_scenarios, n = 0;
    int *cols = NULL;
    double *excess = NULL;
    hp_status st = HP_OK;
    char q[16];

    cols = malloc(((size_t)S * (size_t)P * (size_t)T + 1) * sizeof *cols);
    excess = malloc(((size_t)S * (size_t)P * (size_t)T + 1) * sizeof *excess);
    if (!cols || !excess) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int s = 0; s < S; s++)
        for (int p = 0; p < P; p++)
            for (int t = 0; t < T; t++) {
                int c = m->inv[((size_t)s * (size_t)P + (size_t)p) * (size_t)T + (size_t)t];
                if (c >= 0 && isfinite(hp_lp_col_ub(m->lp, c)))
                    cols[n++] = c;
            }
    st = hp_elastic_solve(ops, m->lp, n, cols, 0, NULL, excess, NULL);
    if (st != HP_OK)
        goto cleanup;
    /* One message per product and quarter: the largest excess over the
     * scenarios and in how many scenarios the limit is exceeded. */
    for (int p = 0; p < P; p++)
        for (int t = 0; t < T; t++) {
            double worst = 0.0;
            int count = 0, k = 0, first_s = -1;
            for (int s = 0; s < S; s++) {
                int c = m->inv[((size_t)s * (size_t)P + (size_t)p) * (size_t)T + (size_t)t];
                if (c < 0 || !isfinite(hp_lp_col_ub(m->lp, c)))
                    continue;
                while (k < n && cols[k] != c)
                    k++;
                if (k < n && excess[k] > 1e-6) {
                    if (excess[k] > worst)
                        worst = excess[k];
                    if (first_s < 0)
                        first_s = s;
                    count++;
                }
            }
            if (count == 0)
                continue;
            hp_quarter_label(in, t, q, sizeof q);
            if (count == S)
                st = hp_diag_add(diag,
                                 "%s:%d: products[%d].storage_limit: the limit of %.6g t of %s is "
                                 "exceeded by %.6g t in %s in every scenario: stock on hand and "
                                 "in transit less demand cannot be held",
                                 in->file, in->products[p].line, p, in->products[p].storage_limit,
                                 in->products[p].id, worst, q);
            else
                st = hp_diag_add(diag,
                                 "%s:%d: products[%d].storage_limit: the limit of %.6g t of %s is "
                                 "exceeded by up to %.6g t in %s in %d of %d scenarios (first: "
                                 "%s)",
                                 in->file, in->products[p].line, p, in->products[p].storage_limit,
                                 in->products[p].id, worst, q, count, S,
                                 in->scenarios[first_s].name);
            if (st != HP_OK)
                goto cleanup;
        }
cleanup:
    free(cols);
    free(excess);
    return st;
}
