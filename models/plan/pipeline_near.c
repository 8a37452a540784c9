/* hreeplan model layer: --near-optimal SLACK --minimise-share REGION
 * (pipeline.h, MODEL.md "Near-optimal plans" in docs/model.md).
 *
 * The reference is the plan the options ask for (under --budget or
 * --max-risk), else the expected-cost plan.  The near-optimal set: plans
 * with SPEND <= s_ref + SLACK |s_ref| (+1e-9) and RISK <= the bound (the
 * reference's --max-risk, else the reference's own risk, within
 * max(1e-6 |r|, 1e-9)).  Among them the least share N/D of the region,
 * N = t shipped from the region, D = t shipped in all (docs/model.md
 * "Regions"), a ratio minimised by Dinkelbach's method: from lambda = the
 * reference's share, minimise N - lambda D, set lambda = N/D, until the
 * least value is 0 (within 1e-9 D).  Then, with N - lambda* D <= 1e-9 D
 * as a row, the least spend (so that the plan buys nothing it need not).
 * Everything on the extensive form. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"

#define say        hpi_pipeline_say
#define MAX_ROUNDS 100

/* Levenshtein distance, case-insensitive, of short words (cut at 63). */
static int distance(const char *a, const char *b)
{
    int d[64][64], la = (int)strlen(a), lb = (int)strlen(b);
    la = la > 63 ? 63 : la;
    lb = lb > 63 ? 63 : lb;
    for (int i = 0; i <= la; i++)
        d[i][0] = i;
    for (int j = 0; j <= lb; j++)
        d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int c = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j - 1] + c;
            v = d[i - 1][j] + 1 < v ? d[i - 1][j] + 1 : v;
            v = d[i][j - 1] + 1 < v ? d[i][j - 1] + 1 : v;
            d[i][j] = v;
        }
    return d[la][lb];
}

/* The region's index, or -1 after saying which regions there are. */
static int find_region(const hp_instance *in, const hp_plan_opts *o)
{
    int best = -1, bd = 1 << 30;
    for (int g = 0; g < in->n_regions; g++)
        if (!strcmp(in->regions[g], o->near_region))
            return g;
    for (int g = 0; g < in->n_regions; g++) {
        int dd = distance(o->near_region, in->regions[g]);
        if (dd < bd) {
            bd = dd;
            best = g;
        }
    }
    if (best >= 0)
        say(o, "%s: --minimise-share: no supplier is in region '%s' (did you mean '%s'?)", in->file,
            o->near_region, in->regions[best]);
    else
        say(o, "%s: --minimise-share: no supplier is in region '%s'", in->file, o->near_region);
    return -1;
}

static double risk_of(const hp_plan *p)
{
    switch (p->measure) {
    case HP_MEASURE_SHORTAGE:
        return p->shortage;
    case HP_MEASURE_EXPOSURE:
        return p->exposure;
    default:
        return p->cvar;
    }
}

typedef struct near_lp {
    hp_model *m;
    hp_solver s;
    int opened, num, den;
} near_lp;

/* Opens the solver on nl->m with the spend and risk caps. */
static hp_status open_capped(near_lp *nl, const hp_backend_ops *ops, double spend_cap,
                             double risk_cap)
{
    hp_status st = HP_OK;
    const hp_model *m = nl->m;
    HP_CALL(hp_solver_open(&nl->s, ops, m->lp, NULL, 0));
    nl->opened = 1;
    HP_CALL(nl->s.ops->set_col_bounds(nl->s.h, m->spend_col, hp_lp_col_lb(m->lp, m->spend_col),
                                      fmin(spend_cap, hp_lp_col_ub(m->lp, m->spend_col))));
    HP_CALL(nl->s.ops->set_col_bounds(nl->s.h, m->risk_col, hp_lp_col_lb(m->lp, m->risk_col),
                                      fmin(risk_cap, hp_lp_col_ub(m->lp, m->risk_col))));
cleanup:
    return st;
}

/* Adds N and D (columns with defining rows) to the model. */
static hp_status add_share_cols(near_lp *nl, int g)
{
    hp_status st = HP_OK;
    hp_lp *lp = nl->m->lp;
    const hp_instance *in = nl->m->inst;
    int rn, rd;
    nl->num = hp_lp_add_col(lp, "NEAR_REGION_T", 0.0, HUGE_VAL, 0.0, 0);
    nl->den = hp_lp_add_col(lp, "NEAR_ALL_T", 0.0, HUGE_VAL, 0.0, 0);
    rn = hp_lp_add_row(lp, "near_region_def", 0.0, 0.0);
    rd = hp_lp_add_row(lp, "near_all_def", 0.0, 0.0);
    if (nl->num < 0 || nl->den < 0 || rn < 0 || rd < 0)
        return HP_ENOMEM;
    HP_CALL(hp_lp_add_coef(lp, rn, nl->num, 1.0));
    HP_CALL(hp_lp_add_coef(lp, rd, nl->den, 1.0));
    for (int j = 0; j < in->n_suppliers; j++)
        for (int p = 0; p < in->n_products; p++)
            for (int t = 0; t < in->T; t++) {
                int c = nl->m->x[((size_t)j * (size_t)in->n_products + (size_t)p) * (size_t)in->T +
                                 (size_t)t];
                if (c < 0)
                    continue;
                if (in->suppliers[j].region_idx == g)
                    HP_CALL(hp_lp_add_coef(lp, rn, c, -1.0));
                HP_CALL(hp_lp_add_coef(lp, rd, c, -1.0));
            }
cleanup:
    return st;
}

/* Solves (MIP or LP) and reads x; integer columns then fixed at their
 * rounded values and the LP re-solved (the plan's polish). */
static hp_status solve_read(near_lp *nl, const hp_solve_opts *so, hp_solve_result *r, double *x)
{
    hp_status st = HP_OK;
    hp_solve_result r2;
    const hp_lp *lp = nl->m->lp;
    HP_CALL(hp_solve(&nl->s, so, r));
    if (!r->has_solution || r->status == HP_SOL_FAILED || r->status == HP_SOL_UNBOUNDED) {
        st = r->status == HP_SOL_INFEASIBLE ? HP_EINFEASIBLE : HP_ESOLVER;
        goto cleanup;
    }
    HP_CALL(nl->s.ops->get_primal(nl->s.h, x));
    if (!nl->m->is_mip)
        goto cleanup;
    for (int j = 0; j < hp_lp_ncols(lp); j++)
        if (hp_lp_col_is_int(lp, j))
            HP_CALL(nl->s.ops->set_col_bounds(nl->s.h, j, round(x[j]), round(x[j])));
    if (nl->s.ops->solve_lp(nl->s.h, so, &r2) == HP_OK && r2.status == HP_SOL_OPTIMAL)
        HP_CALL(nl->s.ops->get_primal(nl->s.h, x));
    for (int j = 0; j < hp_lp_ncols(lp); j++)
        if (hp_lp_col_is_int(lp, j))
            HP_CALL(
                nl->s.ops->set_col_bounds(nl->s.h, j, hp_lp_col_lb(lp, j), hp_lp_col_ub(lp, j)));
cleanup:
    return st;
}

/* Dinkelbach's iterations; *lambda in: the reference's share, out: the
 * least share; x the last plan. */
static hp_status least_share(near_lp *nl, const hp_solve_opts *so, const hp_plan_opts *o,
                             double *lambda, double *x, hp_solve_result *r)
{
    hp_status st = HP_OK;
    int n = hp_lp_ncols(nl->m->lp);
    for (int round_ = 0; round_ < MAX_ROUNDS; round_++) {
        double num, den;
        if (hpi_interrupted(o))
            return HP_ESOLVER;
        for (int j = 0; j < n; j++)
            nl->s.obj[j] = 0.0;
        nl->s.obj[nl->num] = 1.0;
        nl->s.obj[nl->den] = -*lambda;
        HP_CALL(nl->s.ops->set_obj(nl->s.h, nl->s.obj));
        HP_CALL(solve_read(nl, so, r, x));
        num = x[nl->num];
        den = x[nl->den];
        if (num - *lambda * den >= -1e-9 * fmax(1.0, den) || den <= 0.0)
            break;
        *lambda = num / den;
    }
cleanup:
    return st;
}

hp_outcome hp_plan_near_optimal(const hp_instance *inst, const hp_model_opts *mo,
                                const hp_plan_opts *o, hp_plan **out)
{
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    hp_plan_opts ro = *o;
    hp_plan *before = NULL, *after = NULL;
    hp_outcome oc;
    hp_status st = HP_OK;
    hp_solve_opts so;
    hp_solve_result r;
    near_lp nl;
    double *x = NULL, spend_cap, risk_cap, r0, lambda;
    int g, row;

    *out = NULL;
    memset(&nl, 0, sizeof nl);
    if (!ops || !o->near_region)
        return HP_OUTCOME_INVALID;
    g = find_region(inst, o);
    if (g < 0)
        return HP_OUTCOME_INVALID;
    if (o->bound_kind == HP_BOUND_NONE && o->objective == HP_OBJ_RISK) {
        say(o, "hreeplan: --near-optimal compares with the expected-cost plan or with a "
               "--budget or --max-risk plan, not with --objective risk");
        return HP_OUTCOME_INVALID;
    }
    ro.method = HP_METHOD_EXTENSIVE;
    ro.ranges = 0;
    oc = hp_plan_solve(inst, mo, &ro, &before);
    if (oc != HP_OUTCOME_OK)
        return oc;
    spend_cap = before->cost_spend + o->near_slack * fabs(before->cost_spend) +
                fmax(1e-9 * fabs(before->cost_spend), 1e-9);
    r0 = o->bound_kind == HP_BOUND_MAX_RISK ? o->bound : risk_of(before);
    risk_cap = r0 + fmax(1e-6 * fabs(r0), 1e-9);

    HP_CALL(hp_model_build(inst, mo, &nl.m));
    HP_CALL(add_share_cols(&nl, g));
    HP_CALL(open_capped(&nl, ops, spend_cap, risk_cap));
    x = malloc((size_t)hp_lp_ncols(nl.m->lp) * sizeof *x);
    if (!x) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    hp_solve_opts_default(&so);
    so.time_limit = o->time_limit;
    so.mip_gap = o->mip_gap;
    so.interrupt = o->interrupt;
    lambda = before->region_share[g];
    HP_CALL(least_share(&nl, &so, o, &lambda, x, &r));

    /* the least spend among the plans of the least share */
    hp_solver_close(&nl.s);
    nl.opened = 0;
    row = hp_lp_add_row(nl.m->lp, "near_share", -HUGE_VAL, 1e-9 * fmax(1.0, x[nl.den]));
    if (row < 0) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(hp_lp_add_coef(nl.m->lp, row, nl.num, 1.0));
    HP_CALL(hp_lp_add_coef(nl.m->lp, row, nl.den, -lambda));
    HP_CALL(open_capped(&nl, ops, spend_cap, risk_cap));
    HP_CALL(hp_solver_minimise_col(&nl.s, nl.m->spend_col));
    HP_CALL(solve_read(&nl, &so, &r, x));

    HP_CALL(hp_plan_extract(nl.m, x, NULL, &r, before->objective, &after));
    after->bound_kind = before->bound_kind;
    after->bound = before->bound;
    after->backend = ops->name;
    after->backend_version = ops->version();
    after->has_near = 1;
    after->near_slack = o->near_slack;
    after->near_region = g;
    after->share_before = before->region_share[g];
    after->share_after = after->region_share[g];
    after->near_before = before;
    before = NULL;
cleanup:
    if (nl.opened)
        hp_solver_close(&nl.s);
    free(x);
    hp_plan_free(before);
    if (st != HP_OK) {
        hp_plan_free(after);
        after = NULL;
        if (hpi_interrupted(o)) {
            say(o, "%s: interrupted; no plan", inst->file);
            oc = HP_OUTCOME_INTERRUPTED;
        } else {
            say(o, "%s: --near-optimal: %s", inst->file, hp_status_str(st));
            oc = st == HP_ESOLVER || st == HP_EINFEASIBLE ? HP_OUTCOME_STOPPED : HP_OUTCOME_FAILED;
        }
    }
    hp_model_free(nl.m);
    *out = after;
    return oc;
}
