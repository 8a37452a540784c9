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
 * second level's within 1e-9.  The L-shaped method (hpi_lshaped_bound())
 * solves the same levels one decomposed solve each. */
#include <math.h>
#include <string.h>

#include "pipeline_int.h"

#define say hpi_pipeline_say

#define BOUND_SLACK 1e-9

static double slack(double v)
{
    return v + fmax(BOUND_SLACK * fabs(v), BOUND_SLACK);
}

/* A least value as the message gives it: solver noise around 0 (CBC's
 * least spend of a plan that buys nothing is -1e-10) reads 0. */
static double clean(double v)
{
    return fabs(v) < 1e-7 ? 0.0 : v;
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
            file, o->bound, clean(r.objective));
    else
        say(o, "%s: no plan has %s risk at most %.10g (--max-risk): the least risk is %.10g", file,
            hp_measure_str(m->measure), o->bound, clean(r.objective));
    return HP_OUTCOME_INFEASIBLE;
cleanup:
    say(o, "%s: the solver failed: %s", file, hp_status_str(st));
    return HP_OUTCOME_FAILED;
}

/* The same three levels by the L-shaped method: each level a decomposed
 * solve with the bound and the earlier levels' values as spend or risk
 * budgets (decompose.h). */
hp_status hpi_lshaped_bound(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                            const hp_lshaped_opts *lo, hp_plan **out, hp_lshaped_stats *stats)
{
    static const hp_dc_level budget[3] = {
        {HP_GOAL_RISK, 1e-6}, {HP_GOAL_SPEND, 1e-9}, {HP_GOAL_COST, 0.0}};
    static const hp_dc_level max_risk[3] = {
        {HP_GOAL_SPEND, 1e-9}, {HP_GOAL_RISK, 1e-9}, {HP_GOAL_COST, 0.0}};
    int is_budget = o->bound_kind == HP_BOUND_BUDGET;
    double b = slack(o->bound);

    if (!isfinite(o->bound))
        return HP_EINVAL;
    return hp_decompose_lex(inst, mo, lo, is_budget ? budget : max_risk, 3,
                            is_budget ? b : HUGE_VAL, is_budget ? HUGE_VAL : b,
                            is_budget ? HP_OBJ_RISK : HP_OBJ_COST, out, NULL, stats);
}

hp_outcome hpi_lshaped_bound_infeasible(const hp_instance *inst, const hp_model_opts *mo,
                                        const hp_plan_opts *o, const hp_lshaped_opts *lo)
{
    static const hp_dc_level spend[1] = {{HP_GOAL_SPEND, 0.0}};
    static const hp_dc_level risk[1] = {{HP_GOAL_RISK, 0.0}};
    int budget = o->bound_kind == HP_BOUND_BUDGET;
    double least = NAN;
    hp_status st;

    /* the least attainable value of the bounded quantity, without the bound */
    st = hp_decompose_lex(inst, mo, lo, budget ? spend : risk, 1, HUGE_VAL, HUGE_VAL, HP_OBJ_COST,
                          NULL, &least, NULL);
    if (st == HP_EINFEASIBLE) {
        say(o,
            "%s: no plan satisfies the hard constraints (storage limits against stock "
            "on hand and in transit; --method extensive names them)",
            inst->file);
        return HP_OUTCOME_INFEASIBLE;
    }
    if (st == HP_ESOLVER) {
        say(o, "%s: no plan within %s %.10g; the solver stopped (%s) looking for the least %s",
            inst->file, budget ? "--budget" : "--max-risk", o->bound,
            o->time_limit > 0 ? "time_limit" : "failed", budget ? "expected spend" : "risk");
        return HP_OUTCOME_INFEASIBLE;
    }
    if (st != HP_OK) {
        say(o, "%s: the L-shaped method failed: %s", inst->file, hp_status_str(st));
        return HP_OUTCOME_FAILED;
    }
    if (budget)
        say(o,
            "%s: no plan spends at most %.10g USD (--budget): the least expected spend is "
            "%.10g USD",
            inst->file, o->bound, clean(least));
    else
        say(o, "%s: no plan has %s risk at most %.10g (--max-risk): the least risk is %.10g",
            inst->file, hp_measure_str(mo->measure), o->bound, clean(least));
    return HP_OUTCOME_INFEASIBLE;
}
