#include "elastic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies lp with every objective coefficient zero, so that the only
 * objective of the elastic copy is the total excess. */
static hp_status copy_lp(const hp_lp *lp, hp_lp **out)
{
    hp_lp *c = hp_lp_new();
    hp_status st = HP_OK;
    const int *ri = hp_lp_coef_rows(lp), *ci = hp_lp_coef_cols(lp);
    const double *v = hp_lp_coef_vals(lp);
    if (!c)
        return HP_ENOMEM;
    for (int j = 0; j < hp_lp_ncols(lp); j++)
        if (hp_lp_add_col(c, hp_lp_col_name(lp, j), hp_lp_col_lb(lp, j), hp_lp_col_ub(lp, j), 0.0,
                          hp_lp_col_is_int(lp, j)) < 0)
            goto nomem;
    for (int i = 0; i < hp_lp_nrows(lp); i++)
        if (hp_lp_add_row(c, hp_lp_row_name(lp, i), hp_lp_row_lb(lp, i), hp_lp_row_ub(lp, i)) < 0)
            goto nomem;
    for (size_t k = 0; k < hp_lp_nnz(lp); k++)
        HP_CALL(hp_lp_add_coef(c, ri[k], ci[k], v[k]));
    *out = c;
    return HP_OK;
nomem:
    st = HP_ENOMEM;
cleanup:
    hp_lp_free(c);
    return st;
}

hp_status hp_elastic_solve(const hp_backend_ops *ops, const hp_lp *lp, int n_cols, const int *cols,
                           int n_rows, const int *rows, double *col_excess, double *row_excess)
{
    hp_lp *e = NULL;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result r;
    double *x = NULL;
    int *ecol = NULL, *erow_lo = NULL, *erow_hi = NULL, opened = 0;
    char name[300], err[256];
    hp_status st;

    memset(&s, 0, sizeof s);
    HP_CALL(copy_lp(lp, &e));
    ecol = malloc(((size_t)n_cols + 1) * sizeof *ecol);
    erow_lo = malloc(((size_t)n_rows + 1) * sizeof *erow_lo);
    erow_hi = malloc(((size_t)n_rows + 1) * sizeof *erow_hi);
    if (!ecol || !erow_lo || !erow_hi)
        goto nomem;
    /* Column bound x <= ub becomes the row x - e <= ub with e >= 0. */
    for (int k = 0; k < n_cols; k++) {
        int j = cols[k], row;
        double ub = hp_lp_col_ub(lp, j);
        snprintf(name, sizeof name, "excess(%s)", hp_lp_col_name(lp, j));
        ecol[k] = hp_lp_add_col(e, name, 0.0, HUGE_VAL, 1.0, 0);
        row = hp_lp_add_row(e, name, -HUGE_VAL, ub);
        if (ecol[k] < 0 || row < 0)
            goto nomem;
        hp_lp_set_col_bounds(e, j, hp_lp_col_lb(lp, j), HUGE_VAL);
        HP_CALL(hp_lp_add_coef(e, row, j, 1.0));
        HP_CALL(hp_lp_add_coef(e, row, ecol[k], -1.0));
    }
    /* Row lb <= a.x <= ub becomes lb <= a.x + e_lo - e_hi <= ub. */
    for (int k = 0; k < n_rows; k++) {
        int i = rows[k];
        snprintf(name, sizeof name, "below(%s)", hp_lp_row_name(lp, i));
        erow_lo[k] = hp_lp_add_col(e, name, 0.0, HUGE_VAL, 1.0, 0);
        snprintf(name, sizeof name, "above(%s)", hp_lp_row_name(lp, i));
        erow_hi[k] = hp_lp_add_col(e, name, 0.0, HUGE_VAL, 1.0, 0);
        if (erow_lo[k] < 0 || erow_hi[k] < 0)
            goto nomem;
        HP_CALL(hp_lp_add_coef(e, i, erow_lo[k], 1.0));
        HP_CALL(hp_lp_add_coef(e, i, erow_hi[k], -1.0));
    }
    HP_CALL(hp_solver_open(&s, ops, e, err, sizeof err));
    opened = 1;
    hp_solve_opts_default(&so);
    HP_CALL(hp_solve(&s, &so, &r));
    if (!r.has_solution) {
        st = r.status == HP_SOL_INFEASIBLE ? HP_EINFEASIBLE : HP_ESOLVER;
        goto cleanup;
    }
    x = malloc((size_t)hp_lp_ncols(e) * sizeof *x);
    if (!x)
        goto nomem;
    HP_CALL(s.ops->get_primal(s.h, x));
    for (int k = 0; k < n_cols; k++)
        col_excess[k] = fmax(0.0, x[ecol[k]]);
    for (int k = 0; k < n_rows; k++)
        row_excess[k] = fmax(0.0, x[erow_lo[k]]) + fmax(0.0, x[erow_hi[k]]);
    goto cleanup;
nomem:
    st = HP_ENOMEM;
cleanup:
    if (opened)
        hp_solver_close(&s);
    hp_lp_free(e);
    free(x);
    free(ecol);
    free(erow_lo);
    free(erow_hi);
    return st;
}
