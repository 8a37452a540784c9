/* hreeplan model layer: plans under a bound (MODEL.md "Spend and penalty"
 * and "Ties and readings fixed for the second edition"):
 *   --budget B:   least risk with expected spend <= B; ties least spend;
 *                 then least expected cost;
 *   --max-risk R: least expected spend with risk <= R; ties least risk;
 *                 then least expected cost.
 * The bound is applied with a relative slack of 1e-9 (at least 1e-9
 * absolute), so that a value read back from a report, rounded in its last
 * digit, still admits the plan it came from.  The first level's ties are
 * those of a risk-minimal plan (within max(1e-6 |v|, 1e-9) of the least
 * value) for the budget, exact (1e-9) for the spend of --max-risk; the
 * second level's within 1e-9. */
#include <math.h>
#include <string.h>

#include "pipeline_int.h"

#define say hpi_pipeline_say

#define BOUND_SLACK 1e-9

static double slack(double v)
{
    return v + fmax(BOUND_SLACK * fabs(v), BOUND_SLACK);
}

hp_status hpi_solve_bound(hp_solver *s, const hp_model *m, const hp_plan_opts *o,
                          const hp_solve_opts *so, hp_solve_result *r, int *last_obj)
{
    hp_status st = HP_OK;
    double v[2];
    int budget = o->bound_kind == HP_BOUND_BUDGET;
    int bcol = budget ? m->spend_col : m->risk_col;
    int cols[3];
    double tol[2];

    cols[0] = budget ? m->risk_col : m->spend_col;
    cols[1] = budget ? m->spend_col : m->risk_col;
    cols[2] = m->cost_col;
    tol[0] = budget ? 1e-6 : 1e-9;
    tol[1] = 1e-9;
    *last_obj = m->cost_col;
    HP_CALL(s->ops->set_col_bounds(s->h, bcol, hp_lp_col_lb(m->lp, bcol),
                                   fmin(slack(o->bound), hp_lp_col_ub(m->lp, bcol))));
    HP_CALL(hp_solve_lex3(s, cols, tol, 1e-9, so, r, v));
cleanup:
    return st;
}

hp_outcome hpi_bound_infeasible(hp_solver *s, const hp_model *m, const hp_backend_ops *ops,
                                const hp_plan_opts *o, const hp_solve_opts *so)
{
    hp_status st = HP_OK;
    hp_solve_result r;
    int budget = o->bound_kind == HP_BOUND_BUDGET;
    int bcol = budget ? m->spend_col : m->risk_col;
    const char *file = m->inst->file;

    /* the least attainable value of the bounded quantity, without the bound */
    HP_CALL(
        s->ops->set_col_bounds(s->h, bcol, hp_lp_col_lb(m->lp, bcol), hp_lp_col_ub(m->lp, bcol)));
    HP_CALL(hp_solver_minimise_col(s, bcol));
    HP_CALL(hp_solve(s, so, &r));
    if (r.status == HP_SOL_INFEASIBLE) {
        hpi_report_infeasible(m, ops, o);
        return HP_OUTCOME_INFEASIBLE;
    }
    if (!r.has_solution || r.status != HP_SOL_OPTIMAL) {
        say(o, "%s: no plan within %s %.10g; the solver stopped (%s) looking for the least %s",
            file, budget ? "--budget" : "--max-risk", o->bound, hp_sol_status_str(r.status),
            budget ? "expected spend" : "risk");
        return HP_OUTCOME_INFEASIBLE;
    }
    if (budget)
        say(o,
            "%s: no plan spends at most %.10g USD (--budget): the least expected spend is "
            "%.10g USD",
            file, o->bound, r.objective);
    else
        say(o, "%s: no plan has %s risk at most %.10g (--max-risk): the least risk is %.10g", file,
            hp_measure_str(m->measure), o->bound, r.objective);
    return HP_OUTCOME_INFEASIBLE;
cleanup:
    say(o, "%s: the solver failed: %s", file, hp_status_str(st));
    return HP_OUTCOME_FAILED;
}
