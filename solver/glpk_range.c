/* hreeplan solver layer: right-hand-side ranging on GLPK's final basis
 * (backend.h rhs_range).
 *
 * The rows of a set move their right-hand side together by t.  A non-basic
 * row moves with its active bound: the basic variables then change by t
 * times the sum of the rows' columns of the simplex table
 * (glp_eval_tab_col, the computation glp_analyze_bound does for a single
 * variable).  A basic row of the set keeps its value while its bound
 * moves.  The ratio test over every basic variable gives the interval of
 * t over which the basis stays primal feasible, hence optimal (the
 * objective row does not change), so the duals read from it hold. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glpk_int.h"

/* a basic variable may leave its bound by this much (GLPK's own primal
 * feasibility tolerance is 1e-7 relative) */
#define RANGE_TOL 1e-9
/* a table entry smaller than this is no change */
#define PIVOT_TOL 1e-11

typedef struct range_arg {
    const int *rows;
    int n;
    double lo, hi;
} range_arg;

/* Narrows [a->lo, a->hi] so that value + d t stays within [lb, ub]. */
static void narrow(range_arg *a, double value, double d, double lb, double ub)
{
    double tol = RANGE_TOL * fmax(1.0, fabs(value));
    if (fabs(d) < PIVOT_TOL)
        return;
    if (ub < HUGE_VAL) {
        double t = (ub - value + tol) / d;
        if (d > 0)
            a->hi = fmin(a->hi, fmax(t, 0.0));
        else
            a->lo = fmax(a->lo, fmin(t, 0.0));
    }
    if (lb > -HUGE_VAL) {
        double t = (lb - value - tol) / d;
        if (d > 0)
            a->lo = fmax(a->lo, fmin(t, 0.0));
        else
            a->hi = fmin(a->hi, fmax(t, 0.0));
    }
}

static void var_bounds(glp_prob *P, int k, int m, double *lb, double *ub)
{
    int type = k <= m ? glp_get_row_type(P, k) : glp_get_col_type(P, k - m);
    double l = k <= m ? glp_get_row_lb(P, k) : glp_get_col_lb(P, k - m);
    double u = k <= m ? glp_get_row_ub(P, k) : glp_get_col_ub(P, k - m);
    *lb = type == GLP_LO || type == GLP_DB || type == GLP_FX ? l : -HUGE_VAL;
    *ub = type == GLP_UP || type == GLP_DB || type == GLP_FX ? u : HUGE_VAL;
}

static hp_status range_body(hpi_glpk_handle *h, void *varg)
{
    range_arg *a = varg;
    glp_prob *P = h->P;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    double *d = NULL, *val = NULL;
    int *ind = NULL, *in_set = NULL;
    hp_status st = HP_OK;

    a->lo = -HUGE_VAL;
    a->hi = HUGE_VAL;
    if (glp_get_status(P) != GLP_OPT) {
        st = HP_EINVAL;
        goto cleanup;
    }
    if (!glp_bf_exists(P) && glp_factorize(P) != 0) {
        st = HP_ESOLVER;
        goto cleanup;
    }
    d = calloc((size_t)(m + n + 1), sizeof *d);
    in_set = calloc((size_t)(m + 1), sizeof *in_set);
    ind = malloc((size_t)(m + 1) * sizeof *ind);
    val = malloc((size_t)(m + 1) * sizeof *val);
    if (!d || !in_set || !ind || !val) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int r = 0; r < a->n; r++) {
        int k = a->rows[r] + 1, len;
        if (k < 1 || k > m) {
            st = HP_EINVAL;
            goto cleanup;
        }
        if (in_set[k])
            continue;
        in_set[k] = 1;
        if (glp_get_row_stat(P, k) == GLP_BS)
            continue;
        len = glp_eval_tab_col(P, k, ind, val);
        for (int t = 1; t <= len; t++)
            d[ind[t]] += val[t];
    }
    for (int i = 1; i <= m; i++) {
        int k = glp_get_bhead(P, i);
        double lb, ub, value = k <= m ? glp_get_row_prim(P, k) : glp_get_col_prim(P, k - m);
        var_bounds(P, k, m, &lb, &ub);
        /* a basic row of the set: its bound moves by t under a value that
         * moves by d t, i.e. the value moves by (d - 1) t against it */
        if (k <= m && in_set[k]) {
            narrow(a, value, d[k] - 1.0, lb, ub);
        } else {
            narrow(a, value, d[k], lb, ub);
        }
    }
    if (a->lo <= -DBL_MAX)
        a->lo = -HUGE_VAL;
    if (a->hi >= DBL_MAX)
        a->hi = HUGE_VAL;
cleanup:
    free(d);
    free(in_set);
    free(ind);
    free(val);
    return st;
}

hp_status hpi_glpk_rhs_range(void *vh, const int *rows, int n, double *lo, double *hi)
{
    hpi_glpk_handle *h = vh;
    range_arg a = {rows, n, 0.0, 0.0};
    hp_status st;
    if (!h || !rows || n < 1 || !lo || !hi || h->last != HPI_GLPK_LAST_LP)
        return HP_EINVAL;
    st = hpi_glpk_guarded(h, range_body, &a);
    if (st == HP_OK) {
        *lo = a.lo;
        *hi = a.hi;
    }
    return st;
}
