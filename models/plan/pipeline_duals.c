/* hreeplan model layer: what a plan's shadow prices come with (MODEL.md
 * "What a plan reports", second edition):
 * - --ranges: for each dual, the interval of its right-hand side over
 *   which it holds, from the backend's ranging on the basis the duals were
 *   read from (GLPK; solver/glpk_range.c);
 * - MIP plans: the duals of the LP with every integer decision fixed at
 *   the plan's value ("duals_of": "fixed_mip"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"

typedef struct range_ctx {
    hp_solver *s;
    hpi_ranges *r;
} range_ctx;

static hp_status range_cb(void *ctx, const hp_dual *d, const int *rows, int n_rows, double base)
{
    range_ctx *c = ctx;
    hpi_ranges *r = c->r;
    double lo, hi;
    hp_status st;
    (void)d;
    if (r->n == r->cap) {
        int nc = r->cap ? 2 * r->cap : 32;
        double *nl = realloc(r->lo, (size_t)nc * sizeof *nl), *nh;
        if (!nl)
            return HP_ENOMEM;
        r->lo = nl;
        nh = realloc(r->hi, (size_t)nc * sizeof *nh);
        if (!nh)
            return HP_ENOMEM;
        r->hi = nh;
        r->cap = nc;
    }
    st = hp_solver_rhs_range(c->s, rows, n_rows, &lo, &hi);
    if (st != HP_OK)
        return st;
    r->lo[r->n] = lo > -HUGE_VAL ? base + lo : -HUGE_VAL;
    r->hi[r->n] = hi < HUGE_VAL ? base + hi : HUGE_VAL;
    r->n++;
    return HP_OK;
}

hp_status hpi_ranges_collect(hp_solver *s, const hp_model *m, const double *y, hpi_ranges *r)
{
    range_ctx c = {s, r};
    r->n = 0;
    r->done = 0;
    if (hp_plan_each_dual(m, y, range_cb, &c) != HP_OK)
        return HP_ESOLVER;
    r->done = 1;
    return HP_OK;
}

hp_status hpi_ranges_apply(const hpi_ranges *r, hp_plan *p)
{
    if (!r->done || r->n != p->n_duals)
        return HP_EINTERNAL;
    for (int k = 0; k < p->n_duals; k++) {
        p->duals[k].has_range = 1;
        p->duals[k].range_lo = r->lo[k];
        p->duals[k].range_hi = r->hi[k];
    }
    return HP_OK;
}

void hpi_ranges_free(hpi_ranges *r)
{
    free(r->lo);
    free(r->hi);
    memset(r, 0, sizeof *r);
}

/* the hook hp_solve_lex_ties() calls while the cost solve's basis stands */
static hp_status on_duals(hp_solver *s, void *ctx)
{
    hpi_ranges *r = ctx;
    return hpi_ranges_collect(s, r->m, r->y, r);
}

void hpi_ranges_hook(hp_solver *s, hpi_ranges *r)
{
    s->on_duals = on_duals;
    s->on_duals_ctx = r;
}

hp_status hpi_fixed_mip_duals(hp_solver *s, const hp_model *m, const hp_plan_opts *o,
                              const hp_solve_opts *so, const double *x, double *y, int *got)
{
    hp_status st = HP_OK;
    hp_solve_result r;
    int n = hp_lp_ncols(m->lp);

    *got = 0;
    for (int j = 0; j < n; j++)
        if (hp_lp_col_is_int(m->lp, j))
            HP_CALL(s->ops->set_col_bounds(s->h, j, round(x[j]), round(x[j])));
    /* a cost plan's tie-break left COST bounded by its least value: the
     * duals are those of minimising cost without that bound, as for LP
     * plans; risk and bounded plans keep their bounds (as LP plans do) */
    if (o->bound_kind == HP_BOUND_NONE && o->objective == HP_OBJ_COST)
        HP_CALL(s->ops->set_col_bounds(s->h, m->cost_col, hp_lp_col_lb(m->lp, m->cost_col),
                                       hp_lp_col_ub(m->lp, m->cost_col)));
    HP_CALL(hp_solver_minimise_col(s, m->cost_col));
    HP_CALL(s->ops->solve_lp(s->h, so, &r));
    if (r.status != HP_SOL_OPTIMAL || !r.has_solution)
        goto cleanup;
    HP_CALL(s->ops->get_duals(s->h, y));
    *got = 1;
cleanup:
    return st;
}
