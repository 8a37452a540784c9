/* hreeplan model layer: the expected-cost plan beside a plan that
 * minimises exposure (docs/model.md "Risk measures").  Exposure counts
 * tonnes ordered but not expected to arrive, so the least-exposed plan is
 * often the one that orders least from risky sources and leaves more
 * demand unmet: on the baseline it cuts exposure to 0 t and raises
 * expected unmet demand by more than half.  The report must say so; this
 * file solves the comparison plan on the same solver. */
#include "pipeline_int.h"

#include <stdlib.h>

hp_status hpi_exposure_reference(hp_solver *s, const hp_model *m, const hp_solve_opts *so,
                                 hp_plan *pl)
{
    hp_status st = HP_OK;
    hp_solve_result r;
    hp_plan *ref = NULL;
    double *x = NULL;
    int kept = -1;

    if (!pl || pl->measure != HP_MEASURE_EXPOSURE || pl->objective != HP_OBJ_RISK ||
        pl->bound_kind != HP_BOUND_NONE)
        return HP_OK;
    x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    if (!x)
        return HP_ENOMEM;
    /* the risk-minimal solve left its bound on the risk column */
    HP_CALL(s->ops->set_col_bounds(s->h, m->risk_col, hp_lp_col_lb(m->lp, m->risk_col),
                                   hp_lp_col_ub(m->lp, m->risk_col)));
    HP_CALL(hp_solve_lex_ties(s, m->cost_col, m->risk_col, so, &r, x, NULL, &kept));
    if (!r.has_solution || r.status == HP_SOL_FAILED)
        goto cleanup; /* no comparison: the report says nothing */
    HP_CALL(hp_plan_extract(m, x, NULL, &r, HP_OBJ_COST, &ref));
    pl->has_ref = 1;
    pl->ref_shortage = ref->shortage;
    pl->ref_exposure = ref->exposure;
    pl->ref_unmet = 0.0;
    for (int i = 0; i < ref->n_balance; i++)
        pl->ref_unmet += ref->balance[i].unmet;
cleanup:
    hp_plan_free(ref);
    free(x);
    return st;
}
