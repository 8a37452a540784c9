/* hreeplan solver layer: the GLPK backend's LP and MIP solves.
 *
 * LP: dual simplex (primal when the dual fails), warm-started from the
 * basis of the previous solve when GLPK still reports one; the presolver
 * only runs on a cold start (it would discard the basis).  MIP: the LP
 * relaxation first (glp_intopt without its presolver needs an optimal
 * basis), then branch and cut, with the previous incumbent offered as a
 * start and the best bound read in the callback.  Both run under
 * hpi_glpk_guarded(). */
#include "glpk_int.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Milliseconds left of the time limit counted from t0; INT_MAX: none. */
static int ms_left(const hp_solve_opts *o, double t0)
{
    double left;
    if (o->time_limit <= 0)
        return INT_MAX;
    left = (o->time_limit - (hp_seconds() - t0)) * 1000.0;
    if (left < 1.0)
        return 1;
    return left > (double)INT_MAX ? INT_MAX : (int)left;
}

/* ---- LP ------------------------------------------------------------ */

typedef struct solve_arg {
    const hp_solve_opts *o;
    hp_solve_result *r;
    double t0;
} solve_arg;

static int run_simplex(glp_prob *P, const hp_solve_opts *o, int presolve, int tm_ms, int primal)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    /* dual simplex (primal when the dual fails); primal simplex when only
     * the objective changed since the last optimal basis: that basis stays
     * primal feasible but not dual feasible (lexicographic second solves,
     * the ends of a Pareto sweep) */
    p.meth = primal ? GLP_PRIMAL : GLP_DUALP;
    p.presolve = presolve ? GLP_ON : GLP_OFF;
    p.tm_lim = tm_ms;
    return glp_simplex(P, &p);
}

/* glp_simplex has no callback: an interruptible solve without the
 * presolver runs in slices of at most POLL_MS of GLPK's time limit, each
 * resuming from the basis the last one left, and polls o->interrupt between
 * them.  An interrupt ends it as the time limit does (GLP_ETMLIM). */
#define POLL_MS 500
/* An interruptible cold start of a model with more rows than this skips the
 * presolver, which would leave no basis to resume from after a slice (it
 * scales the problem as the presolver would); the smaller models solve
 * within about a second either way. */
#define POLL_ROWS 5000

static int run_polled(glp_prob *P, const hp_solve_opts *o, int presolve, double t0, int primal)
{
    for (;;) {
        int left = ms_left(o, t0), slice = left, ret;
        int polled = o->interrupt && !presolve;
        if (polled && *o->interrupt)
            return GLP_ETMLIM;
        if (polled && slice > POLL_MS)
            slice = POLL_MS;
        ret = run_simplex(P, o, presolve, slice, primal);
        if (!polled || ret != GLP_ETMLIM || slice >= left)
            return ret;
    }
}

/* Solves the LP relaxation of h->P and fills r (is_mip = 0). */
static void lp_solve(hpi_glpk_handle *h, const hp_solve_opts *o, double t0, hp_solve_result *r)
{
    glp_prob *P = h->P;
    int warm = h->have_basis && glp_get_status(P) != GLP_UNDEF;
    int presolve = o->presolve && !warm && !(o->interrupt && glp_get_num_rows(P) > POLL_ROWS);
    int ret, it0 = glp_get_it_cnt(P);
    int primal = warm && h->obj_changed && glp_get_prim_stat(P) == GLP_FEAS;

    if (!warm && !presolve && o->presolve)
        /* what glp_simplex's presolver does besides presolving, skipped
         * above for polling: without it the two-stage model takes twice
         * as long */
        glp_scale_prob(P, GLP_SF_AUTO);
    if (!warm && !presolve)
        glp_adv_basis(P, 0);
    ret = run_polled(P, o, presolve, t0, primal);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
        /* the old basis went bad (e.g. after bound changes): start afresh */
        hp_log(3, "GLPK: basis unusable (code %d), restarting from an advanced basis", ret);
        presolve = 0;
        glp_adv_basis(P, 0);
        ret = run_polled(P, o, 0, t0, 0);
        if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
            glp_std_basis(P);
            ret = run_polled(P, o, 0, t0, 0);
        }
    }
    if (presolve && (ret == GLP_ENOPFS || ret == GLP_ENODFS)) {
        /* the presolver proved infeasibility but left no basis, and "no dual
         * feasible solution" does not say whether the primal is unbounded
         * or infeasible: settle it without the presolver */
        presolve = 0;
        glp_adv_basis(P, 0);
        ret = run_polled(P, o, 0, t0, 0);
    }
    h->have_basis = ret == 0 || (!presolve && (ret == GLP_ETMLIM || ret == GLP_EITLIM));
    if (ret == 0)
        h->obj_changed = 0;
    h->last = HPI_GLPK_LAST_LP;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    switch (ret) {
    case 0:
        switch (glp_get_status(P)) {
        case GLP_OPT:
            r->status = HP_SOL_OPTIMAL;
            r->has_solution = 1;
            break;
        case GLP_NOFEAS:
            r->status = HP_SOL_INFEASIBLE;
            break;
        case GLP_UNBND:
            r->status = HP_SOL_UNBOUNDED;
            break;
        default:
            break;
        }
        break;
    case GLP_ETMLIM:
        r->status = HP_SOL_TIME_LIMIT;
        r->has_solution = glp_get_prim_stat(P) == GLP_FEAS;
        break;
    case GLP_ENOPFS:
        r->status = HP_SOL_INFEASIBLE;
        break;
    case GLP_ENODFS:
        r->status = HP_SOL_UNBOUNDED;
        break;
    default:
        hp_log(1, "GLPK simplex failed with code %d", ret);
        break;
    }
    if (r->has_solution)
        r->objective = r->bound = glp_get_obj_val(P);
    r->iterations = glp_get_it_cnt(P) - it0;
    r->seconds = hp_seconds() - t0;
}

static hp_status lp_body(hpi_glpk_handle *h, void *varg)
{
    solve_arg *a = varg;
    lp_solve(h, a->o, a->t0, a->r);
    return HP_OK;
}

hp_status hpi_glpk_solve_lp(void *vh, const hp_solve_opts *o, hp_solve_result *r)
{
    solve_arg a = {o, r, hp_seconds()};
    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    return hpi_glpk_guarded(vh, lp_body, &a);
}

/* ---- MIP ----------------------------------------------------------- */

static void mip_callback(glp_tree *T, void *info)
{
    hpi_glpk_handle *h = info;
    int p = glp_ios_best_node(T);
    if (h->interrupt && *h->interrupt) {
        glp_ios_terminate(T);
        return;
    }
    if (p != 0) {
        h->best_bound = glp_ios_node_bound(T, p);
        h->bound_seen = 1;
    }
    /* The previous solve's incumbent is offered once as a heuristic
     * solution; GLPK checks it against the current bounds and takes it
     * only if feasible.  After a lexicographic bound it always is, so a
     * time-limited second solve never ends without a solution. */
    if (glp_ios_reason(T) == GLP_IHEUR && h->have_start && !h->start_offered) {
        h->start_offered = 1;
        if (glp_ios_heur_sol(T, h->xstart) == 0)
            hp_log(3, "GLPK: previous solution accepted as the first incumbent");
    }
}

/* Whether the kept start satisfies the current bounds of every column and
 * row (to 1e-7, relative above 1): glp_ios_heur_sol checks integrality
 * only, so a start made infeasible by a tightened bound (the next point of
 * an epsilon-constraint sweep) would be taken as the incumbent and, when
 * its objective cannot be beaten, reported optimal. */
static int start_feasible(hpi_glpk_handle *h)
{
    glp_prob *P = h->P;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P), ok = 1;
    int *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    if (!ind || !val || n != h->ncols)
        ok = 0;
    for (int j = 1; ok && j <= n; j++) {
        double x = h->xstart[j], tol = 1e-7 * fmax(1.0, fabs(x));
        int t = glp_get_col_type(P, j);
        if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && x < glp_get_col_lb(P, j) - tol)
            ok = 0;
        if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && x > glp_get_col_ub(P, j) + tol)
            ok = 0;
    }
    for (int i = 1; ok && i <= m; i++) {
        int len = glp_get_mat_row(P, i, ind, val), t = glp_get_row_type(P, i);
        double a = 0.0, tol;
        for (int k = 1; k <= len; k++)
            a += val[k] * h->xstart[ind[k]];
        tol = 1e-7 * fmax(1.0, fabs(a));
        if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && a < glp_get_row_lb(P, i) - tol)
            ok = 0;
        if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && a > glp_get_row_ub(P, i) + tol)
            ok = 0;
    }
    free(ind);
    free(val);
    return ok;
}

/* Keeps the MIP solution for the next solve's start. */
static void keep_start(hpi_glpk_handle *h)
{
    if (!h->xstart) {
        h->xstart = malloc(((size_t)h->ncols + 1) * sizeof *h->xstart);
        if (!h->xstart)
            return; /* only a lost speed-up */
    }
    h->xstart[0] = 0.0;
    for (int j = 1; j <= h->ncols; j++)
        h->xstart[j] = glp_mip_col_val(h->P, j);
    h->have_start = 1;
}

static hp_status mip_body(hpi_glpk_handle *h, void *varg)
{
    solve_arg *a = varg;
    const hp_solve_opts *o = a->o;
    hp_solve_result *r = a->r;
    glp_prob *P = h->P;
    glp_iocp p;
    double root;
    int ret, ms;
    long it0 = glp_get_it_cnt(P);

    /* Without its presolver glp_intopt needs an optimal LP basis: solve the
     * relaxation first (warm-started when possible). */
    lp_solve(h, o, a->t0, r);
    r->is_mip = 1;
    r->has_solution = 0;
    if (r->status != HP_SOL_OPTIMAL) {
        h->last = HPI_GLPK_LAST_MIP;
        r->gap = HUGE_VAL;
        return HP_OK;
    }
    root = r->objective;
    ms = ms_left(o, a->t0);

    glp_init_iocp(&p);
    p.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    p.presolve = GLP_OFF;
    p.tm_lim = ms;
    p.mip_gap = o->mip_gap > 0 ? o->mip_gap : 0.0;
    p.cb_func = mip_callback;
    p.cb_info = h;
    h->bound_seen = 0;
    h->best_bound = root;
    /* a start the new bounds cut off is not offered (start_feasible) */
    h->start_offered = h->have_start && !start_feasible(h);
    h->interrupt = o->interrupt;
    ret = glp_intopt(P, &p);
    h->interrupt = NULL;
    h->last = HPI_GLPK_LAST_MIP;

    r->status = HP_SOL_FAILED;
    r->has_solution = glp_mip_status(P) == GLP_OPT || glp_mip_status(P) == GLP_FEAS;
    switch (ret) {
    case 0:
        if (glp_mip_status(P) == GLP_OPT)
            r->status = HP_SOL_OPTIMAL;
        else if (glp_mip_status(P) == GLP_NOFEAS)
            r->status = HP_SOL_INFEASIBLE;
        break;
    case GLP_ETMLIM:
        r->status = HP_SOL_TIME_LIMIT;
        break;
    case GLP_EMIPGAP:
        r->status = HP_SOL_GAP_LIMIT;
        break;
    case GLP_ESTOP: /* hp_solve_opts.interrupt */
        r->status = r->has_solution ? HP_SOL_TIME_LIMIT : HP_SOL_FAILED;
        break;
    default:
        hp_log(1, "GLPK branch-and-cut failed with code %d", ret);
        break;
    }
    r->objective = r->has_solution ? glp_mip_obj_val(P) : 0.0;
    if (r->has_solution)
        keep_start(h);
    if (r->status == HP_SOL_OPTIMAL) {
        r->bound = r->objective;
        r->gap = 0.0;
    } else {
        /* the root relaxation is always a valid bound; the callback's last
         * best-node bound is at least as tight */
        r->bound = h->bound_seen && h->best_bound > root ? h->best_bound : root;
        if (r->has_solution) {
            if (r->bound > r->objective)
                r->bound = r->objective;
            r->gap = fabs(r->objective - r->bound) / (fabs(r->objective) + DBL_EPSILON);
        } else {
            r->gap = HUGE_VAL;
        }
    }
    r->iterations = glp_get_it_cnt(P) - it0;
    r->seconds = hp_seconds() - a->t0;
    return HP_OK;
}

hp_status hpi_glpk_solve_mip(void *vh, const hp_solve_opts *o, hp_solve_result *r)
{
    solve_arg a = {o, r, hp_seconds()};
    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    r->is_mip = 1;
    return hpi_glpk_guarded(vh, mip_body, &a);
}
