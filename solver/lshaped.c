/* hreeplan solver layer: the L-shaped method, master problem and main loop
 * (see lshaped.h; the recourse workers are in lshaped_sub.c).
 *
 * Why these choices (measured on the sourcing model, see bench/README.md):
 * - Partial cut aggregation.  One cut per scenario (multi-cut) makes the
 *   master the bottleneck (thousands of rows per iteration); one cut for all
 *   scenarios (single cut) needs many more iterations.  About 100 groups of
 *   consecutive scenarios, one cut each, sit between the two.
 * - Only violated cuts are added: a group whose value theta_g already
 *   matches its recourse value within a share of the tolerance adds
 *   nothing, so the master grows only where the model is wrong.
 * - Cuts slack (basic, with room) for `drop_after` consecutive master
 *   solves are deleted.  They are basic, so GLPK's basis stays valid; the
 *   lower bound stays valid because every master is a relaxation, and the
 *   best lower bound seen is kept.
 * - The master keeps its basis: new cut rows enter basic, the old basis
 *   stays dual feasible and the dual simplex resumes from it.
 * - A feasibility cut, from the elastic copy of an infeasible scenario,
 *   reads phi(xhat) + g.(x - xhat) <= 0 with phi the least total violation
 *   (convex in x) and g its subgradient: every x that cuts off has phi > 0.
 * - Integer first-stage columns: the LP relaxation is solved first by
 *   plain L-shaped iterations (cheap, and its cuts stay valid), then the
 *   master is solved as a MIP each iteration (glp_intopt after the LP
 *   relaxation, presolve off) and its integer solutions are evaluated
 *   until the gap between the MIP master's value and the best integer plan
 *   closes.  Branch-and-Benders-cut inside glp_intopt's callback would
 *   avoid re-solving the MIP, but GLPK offers no documented way to add
 *   globally valid lazy rows from the callback; the masters here have few
 *   integer columns (contracts, ship-or-not), so a MIP per iteration is
 *   cheap.
 * - Trust region (option): box |x - center| <= radius * scale around the
 *   best plan; the center moves when a plan improves the best value by at
 *   least a tenth of the predicted decrease, the radius doubles when the
 *   box was binding then.  A master value is a lower bound only when no
 *   box bound binds; when the predicted decrease falls below the
 *   tolerance the box is removed for good, so the final bounds are exact. */
#include "lshaped_int.h"
#include "par.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void hp_lshaped_opts_default(hp_lshaped_opts *o)
{
    memset(o, 0, sizeof *o);
    o->tolerance = 1e-6;
    o->cut_groups = 100;
    o->threads = 0;
    o->max_iter = 500;
    o->drop_after = 3;
    o->trust_region = 0.0;
    o->time_limit = 0.0;
    o->mip_gap = 0.0;
    o->keep_recourse = 1;
}

void hp_lshaped_result_free(hp_lshaped_result *r)
{
    if (!r)
        return;
    free(r->x);
    free(r->scen_value);
    free(r->y);
    free(r->rec_dual);
    free(r->first_dual);
    free(r);
}

/* State of one solve. */
typedef struct run {
    const hp_lshaped_problem *pb;
    const hp_lshaped_opts *o;
    hpi_ls_master m;
    hpi_ls_pool pool;
    int S, n1, G;
    int *group_of;         /* S */
    double *pg;            /* G: sum of p in the group */
    double *xh;            /* master solution (n1 + G) */
    double *best;          /* best plan (n1) */
    double *tr_lb, *tr_ub; /* trust region box (n1) */
    double lower, upper, t0;
    int have_best, mip_phase, tr_on, tr_binding;
    double radius;
    hp_lshaped_stats *st;
} run;

static double left_s(const run *r)
{
    return r->o->time_limit > 0 ? r->o->time_limit - (hp_seconds() - r->t0) : HUGE_VAL;
}

static void tr_apply(run *r)
{
    hpi_ls_master *m = &r->m;
    for (int j = 0; j < r->n1; j++) {
        double lb = m->lb[j], ub = m->ub[j], c = r->best[j];
        double sc = isfinite(lb) && isfinite(ub) && ub > lb ? ub - lb : fmax(1.0, fabs(c));
        double d = r->radius * sc;
        r->tr_lb[j] = fmax(lb, c - d);
        r->tr_ub[j] = fmin(ub, c + d);
        hpi_glpk_set_col(m->P, j + 1, r->tr_lb[j], r->tr_ub[j]);
    }
}

static void tr_remove(run *r)
{
    r->tr_on = 0;
    for (int j = 0; j < r->n1; j++)
        hpi_glpk_set_col(r->m.P, j + 1, r->m.lb[j], r->m.ub[j]);
}

/* Solves the master; returns GLPK's status (GLP_OPT, GLP_NOFEAS, ...) or -1,
 * and fills r->xh and *obj. */
static int master_solve(run *r, double *obj)
{
    glp_smcp c;
    glp_prob *P = r->m.P;
    int ret, stat, ncol = r->n1 + r->G;
    double lt = left_s(r);

    glp_init_smcp(&c);
    c.msg_lev = GLP_MSG_OFF;
    c.meth = GLP_DUALP;
    c.presolve = GLP_OFF;
    if (lt < 1e6)
        c.tm_lim = lt > 0.001 ? (int)(lt * 1000.0) : 1;
    ret = glp_simplex(P, &c);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EFAIL) {
        glp_std_basis(P);
        ret = glp_simplex(P, &c);
    }
    if (ret == GLP_EFAIL || ret == GLP_ESING || ret == GLP_ECOND) {
        /* numerical failure from the standard basis too (a master with
         * spend and risk budgets beside costs in USD): scaled, primal */
        glp_scale_prob(P, GLP_SF_AUTO);
        glp_std_basis(P);
        c.meth = GLP_PRIMAL;
        ret = glp_simplex(P, &c);
        c.meth = GLP_DUALP;
    }
    if (ret == GLP_ETMLIM)
        return GLP_UNDEF;
    if (ret != 0) {
        hp_log(3, "L-shaped: master simplex returned %d", ret);
        return -1;
    }
    stat = glp_get_status(P);
    if (stat == GLP_NOFEAS) {
        /* the dual simplex can misjudge a badly scaled master after many
         * cuts: confirm from a standard basis with the primal simplex, on
         * the master scaled (a master with spend budgets in USD m beside
         * costs in USD was judged infeasible unscaled by both methods) */
        glp_scale_prob(P, GLP_SF_AUTO);
        glp_std_basis(P);
        c.meth = GLP_PRIMAL;
        ret = glp_simplex(P, &c);
        if (ret == GLP_ETMLIM)
            return GLP_UNDEF;
        if (ret != 0) {
            hp_log(3, "L-shaped: master primal simplex returned %d", ret);
            return -1;
        }
        stat = glp_get_status(P);
        if (stat == GLP_OPT)
            hp_log(3, "L-shaped: master infeasible by the dual simplex, optimal by the primal");
    }
    if (stat != GLP_OPT)
        return stat;
    if (r->mip_phase) {
        glp_iocp io;
        glp_init_iocp(&io);
        io.msg_lev = GLP_MSG_OFF;
        io.presolve = GLP_OFF;
        io.mip_gap = r->o->mip_gap;
        lt = left_s(r);
        if (lt < 1e6)
            io.tm_lim = lt > 0.001 ? (int)(lt * 1000.0) : 1;
        ret = glp_intopt(P, &io);
        stat = glp_mip_status(P);
        if (ret == GLP_EFAIL && stat != GLP_FEAS && stat != GLP_OPT) {
            /* a numerical failure in a node LP: once more on the master
             * scaled, from its relaxation solved again */
            glp_scale_prob(P, GLP_SF_AUTO);
            glp_std_basis(P);
            if (glp_simplex(P, &c) == 0 && glp_get_status(P) == GLP_OPT) {
                ret = glp_intopt(P, &io);
                stat = glp_mip_status(P);
            }
        }
        if (ret == GLP_ETMLIM && stat != GLP_FEAS && stat != GLP_OPT)
            return GLP_UNDEF;
        if (stat == GLP_NOFEAS)
            return GLP_NOFEAS;
        if (stat != GLP_OPT && stat != GLP_FEAS) {
            hp_log(3, "L-shaped: master MIP returned %d, status %d", ret, stat);
            return -1;
        }
        for (int j = 0; j < ncol; j++)
            r->xh[j] = glp_mip_col_val(P, j + 1);
        for (int j = 0; j < r->n1; j++)
            if (r->m.is_int[j])
                r->xh[j] = round(r->xh[j]);
        /* with a gap allowed, only the relaxation's value is a sure bound */
        *obj = r->o->mip_gap > 0 || stat != GLP_OPT ? glp_get_obj_val(P) : glp_mip_obj_val(P);
        return GLP_OPT;
    }
    for (int j = 0; j < ncol; j++)
        r->xh[j] = glp_get_col_prim(P, j + 1);
    *obj = glp_get_obj_val(P);
    r->tr_binding = 0;
    if (r->tr_on)
        for (int j = 0; j < r->n1; j++)
            if ((r->tr_lb[j] > r->m.lb[j] && r->xh[j] <= r->tr_lb[j] + 1e-9) ||
                (r->tr_ub[j] < r->m.ub[j] && r->xh[j] >= r->tr_ub[j] - 1e-9))
                r->tr_binding = 1;
    return GLP_OPT;
}

static double scale_of(double v)
{
    return fmax(1.0, fabs(v));
}

/* One evaluation at r->xh: cuts, bounds.  Sets *n_added (cuts added). */
static hp_status evaluate(run *r, double mobj, int *n_added, int *n_inf)
{
    const hp_lshaped_problem *pb = r->pb;
    hpi_ls_pool *p = &r->pool;
    hpi_ls_master *m = &r->m;
    double t = hp_seconds(), first = 0.0, total, *gv = NULL;
    hp_status st;
    int *ginf = NULL;

    st = hpi_ls_pool_run(p, r->xh, HPI_LS_EVAL);
    r->st->recourse_seconds += hp_seconds() - t;
    if (st != HP_OK)
        return st;
    *n_added = *n_inf = 0;
    gv = calloc((size_t)r->G, sizeof *gv);
    ginf = calloc((size_t)r->G, sizeof *ginf);
    if (!gv || !ginf) {
        free(gv);
        free(ginf);
        return HP_ENOMEM;
    }
    for (int j = 0; j < r->n1; j++)
        first += hp_lp_obj(pb->first, j) * r->xh[j];
    for (int s = 0; s < r->S; s++) {
        if (p->st[s] == HPI_LS_FAILED) {
            free(gv);
            free(ginf);
            return HP_ESOLVER;
        }
        if (p->st[s] == HPI_LS_INFEAS) {
            int nt = 0;
            (*n_inf)++;
            ginf[r->group_of[s]] = 1;
            hpi_ls_add_gradient(m, pb, p->dual + p->doff[s], s, 1.0, &nt);
            if (hpi_ls_add_cut(m, nt, -1, p->val[s], HPI_LS_ROW_FEAS, r->xh)) {
                free(gv);
                free(ginf);
                return HP_ENOMEM;
            }
            r->st->feas_cuts++;
            (*n_added)++;
        } else {
            gv[r->group_of[s]] += pb->prob[s] * p->val[s];
        }
    }
    total = first;
    for (int g = 0; g < r->G; g++)
        total += gv[g];
    if (*n_inf == 0) {
        if (r->mip_phase || !r->have_best || total < r->upper) {
            if (!r->have_best || total < r->upper) {
                /* a serious step moves the trust region */
                int serious = !r->have_best || r->upper - total >= 0.1 * (r->upper - mobj);
                r->upper = total;
                memcpy(r->best, r->xh, (size_t)r->n1 * sizeof *r->best);
                r->have_best = 1;
                if (r->tr_on && serious) {
                    if (r->tr_binding)
                        r->radius *= 2.0;
                    tr_apply(r);
                }
            }
        }
    }
    /* optimality cuts of the groups whose value the master underestimates */
    for (int g = 0, s0 = 0; g < r->G; g++) {
        int s1 = s0, nt = 0;
        while (s1 < r->S && r->group_of[s1] == g)
            s1++;
        if (!ginf[g] &&
            gv[g] - r->xh[r->n1 + g] > 1e-3 * r->o->tolerance * scale_of(total) * r->pg[g]) {
            for (int s = s0; s < s1; s++)
                hpi_ls_add_gradient(m, pb, p->dual + p->doff[s], s, pb->prob[s], &nt);
            if (hpi_ls_add_cut(m, nt, r->n1 + g, gv[g], HPI_LS_ROW_OPT, r->xh)) {
                free(gv);
                free(ginf);
                return HP_ENOMEM;
            }
            r->st->cuts_added++;
            (*n_added)++;
        }
        s0 = s1;
    }
    free(gv);
    free(ginf);
    return HP_OK;
}

static int online_cores(void)
{
    /* the MPI ranks on this machine share its cores */
    long n = sysconf(_SC_NPROCESSORS_ONLN) / hp_par_local_size();
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

hp_status hp_lshaped_solve(const hp_lshaped_problem *pb, const hp_lshaped_opts *o,
                           hp_lshaped_result **out)
{
    hp_status st = HP_OK;
    hp_lshaped_opts def;
    hp_lshaped_result *res = NULL;
    run r;
    int pool_on = 0, threads, stall = 0;
    double prev_mobj = NAN;

    if (!out)
        return HP_EINVAL;
    *out = NULL;
    if (!o) {
        hp_lshaped_opts_default(&def);
        o = &def;
    }
    memset(&r, 0, sizeof r);
    HP_CALL(hpi_ls_validate(pb, o));
    r.pb = pb;
    r.o = o;
    r.S = pb->n_scen;
    r.n1 = hp_lp_ncols(pb->first);
    r.G = o->cut_groups < r.S ? o->cut_groups : r.S;
    r.t0 = hp_seconds();
    glp_term_hook(hpi_glpk_quiet, NULL);
    res = calloc(1, sizeof *res);
    r.group_of = malloc((size_t)r.S * sizeof *r.group_of);
    r.pg = calloc((size_t)r.G, sizeof *r.pg);
    r.xh = calloc((size_t)(r.n1 + r.G + 1), sizeof *r.xh);
    r.best = calloc((size_t)(r.n1 + 1), sizeof *r.best);
    r.tr_lb = malloc((size_t)(r.n1 + 1) * sizeof *r.tr_lb);
    r.tr_ub = malloc((size_t)(r.n1 + 1) * sizeof *r.tr_ub);
    if (!res || !r.group_of || !r.pg || !r.xh || !r.best || !r.tr_lb || !r.tr_ub) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    r.st = &res->stats;
    for (int s = 0; s < r.S; s++) {
        r.group_of[s] = (int)((long long)s * r.G / r.S);
        r.pg[r.group_of[s]] += pb->prob[s];
    }
    threads = o->threads > 0 ? o->threads : online_cores();
    if (threads > r.S)
        threads = r.S;
    res->stats.threads = threads;
    res->is_mip = hp_lp_nints(pb->first) > 0;
    res->status = HP_SOL_FAILED;
    r.m.n1 = r.n1;
    r.m.G = r.G;
    HP_CALL(hpi_ls_master_build(&r.m, pb, r.pg));
    HP_CALL(hpi_ls_pool_start(&r.pool, pb, threads, o->keep_recourse));
    pool_on = 1;
    r.lower = -HUGE_VAL;
    r.upper = HUGE_VAL;
    r.tr_on = o->trust_region > 0 && !res->is_mip;
    r.radius = o->trust_region;

    for (;;) {
        double mobj = 0.0, t, gap;
        int ms, n_added = 0, n_inf = 0;
        /* every MPI rank runs this loop: they stop together */
        if (res->stats.iterations >= o->max_iter ||
            hp_par_any(left_s(&r) <= 0 || (o->interrupt && *o->interrupt))) {
            res->status = HP_SOL_TIME_LIMIT;
            hp_log(1, "L-shaped: stopped by %s",
                   o->interrupt && *o->interrupt ? "an interrupt"
                   : left_s(&r) <= 0             ? "the time limit"
                                                 : "the iteration limit");
            break;
        }
        t = hp_seconds();
        ms = master_solve(&r, &mobj);
        res->stats.master_seconds += hp_seconds() - t;
        res->stats.iterations++;
        if (r.mip_phase)
            res->stats.mip_iterations++;
        if (ms == GLP_UNDEF) {
            res->status = HP_SOL_TIME_LIMIT;
            break;
        }
        if (ms == GLP_NOFEAS && r.tr_on) {
            tr_remove(&r);
            continue;
        }
        if (ms == GLP_NOFEAS) {
            res->status = HP_SOL_INFEASIBLE;
            break;
        }
        if (ms != GLP_OPT) {
            hp_log(1, "L-shaped: the master LP failed (GLPK status %d)", ms);
            break;
        }
        if (!r.tr_on || !r.tr_binding)
            r.lower = fmax(r.lower, mobj);
        if (glp_get_num_rows(r.m.P) > res->stats.max_rows)
            res->stats.max_rows = glp_get_num_rows(r.m.P);
        if (!r.mip_phase)
            res->stats.cuts_dropped += hpi_ls_drop_slack(&r.m, o->drop_after);
        st = evaluate(&r, mobj, &n_added, &n_inf);
        if (st == HP_ESOLVER) {
            hp_log(1, "L-shaped: a recourse LP failed");
            st = HP_OK;
            break;
        }
        if (st != HP_OK)
            goto cleanup;
        hp_log(
            3,
            "L-shaped it %d: master %.10g lower %.10g upper %.10g cuts +%d infeasible %d rows %d",
            res->stats.iterations, mobj, r.lower, r.upper, n_added, n_inf, glp_get_num_rows(r.m.P));
        if (o->progress)
            o->progress(o->progress_ctx, res->stats.iterations, r.lower, r.upper);
        if (r.tr_on && r.have_best && r.upper - mobj <= o->tolerance * scale_of(r.upper))
            tr_remove(&r);
        gap = r.have_best ? (r.upper - r.lower) / scale_of(r.upper) : HUGE_VAL;
        if (gap <= o->tolerance) {
            if (res->is_mip && !r.mip_phase) {
                /* the relaxation is solved: from here on the master is a MIP
                 * and only integer plans count for the upper bound */
                r.mip_phase = 1;
                r.have_best = 0;
                r.upper = HUGE_VAL;
                continue;
            }
            res->status = HP_SOL_OPTIMAL;
            break;
        }
        /* feasibility cuts that leave the master where it was (a violation
         * within the master's own tolerances, on a plan squeezed between
         * tight bounds) are no progress either */
        if (r.have_best && n_added == n_inf && n_inf > 0 && mobj == prev_mobj && !r.tr_on)
            n_added = 0;
        prev_mobj = mobj;
        if (n_added == 0 && !r.tr_on) {
            if (++stall >= 3) {
                hp_log(1, "L-shaped: no violated cut with a relative gap of %g left", gap);
                res->status = r.have_best ? HP_SOL_GAP_LIMIT : HP_SOL_FAILED;
                break;
            }
        } else {
            stall = 0;
        }
    }

    /* stopped before the MIP phase: the best plan so far is fractional */
    if (res->is_mip && !r.mip_phase)
        r.have_best = 0;
    if (r.have_best && res->status != HP_SOL_INFEASIBLE) {
        hpi_ls_pool *p = &r.pool;
        double v = 0.0, t = hp_seconds();
        st = hpi_ls_pool_run(p, r.best, HPI_LS_FINAL);
        res->stats.recourse_seconds += hp_seconds() - t;
        if (st != HP_OK)
            goto cleanup;
        for (int s = 0; s < r.S; s++)
            if (p->st[s] != HPI_LS_OPT) {
                hp_log(1, "L-shaped: the recourse of scenario %d failed at the final plan", s);
                res->status = HP_SOL_FAILED;
                goto stats;
            }
        for (int j = 0; j < r.n1; j++)
            v += hp_lp_obj(pb->first, j) * r.best[j];
        for (int s = 0; s < r.S; s++)
            v += pb->prob[s] * p->val[s];
        res->objective = v;
        res->has_solution = 1;
        res->x = r.best;
        r.best = NULL;
        res->scen_value = p->val;
        p->val = NULL;
        res->rec_dual = p->dual;
        p->dual = NULL;
        res->y = p->y;
        p->y = NULL;
        if (!res->is_mip) {
            res->first_dual = malloc((size_t)(r.m.m1 + 1) * sizeof *res->first_dual);
            if (!res->first_dual) {
                st = HP_ENOMEM;
                goto cleanup;
            }
            for (int i = 0; i < r.m.m1; i++)
                res->first_dual[i] = glp_get_row_dual(r.m.P, i + 1);
        }
        r.upper = v;
    }
stats:
    res->stats.lower = r.lower;
    res->stats.upper = r.upper;
    res->stats.gap = isfinite(r.upper) && isfinite(r.lower)
                         ? fmax(0.0, (r.upper - r.lower) / scale_of(r.upper))
                         : HUGE_VAL;
    /* a gap closed only to a loose tolerance is no proof of optimality: the
     * status says the run stopped on its allowed gap */
    if (res->status == HP_SOL_OPTIMAL && res->stats.gap > HP_LSHAPED_OPTIMAL_GAP)
        res->status = HP_SOL_GAP_LIMIT;
    res->stats.recourse_solves = r.pool.solves;
    res->stats.simplex_iters = r.pool.iters;
    res->stats.seconds = hp_seconds() - r.t0;
    /* where the time went (bench/mpi.sh reads it: HREEPLAN_VERBOSE=2) */
    hp_log(2,
           "L-shaped time: %d iterations, %.3f s: master %.3f s, recourse rounds %.3f s "
           "(of which waiting for and gathering %d ranks %.3f s), rank %d; %d scenarios, "
           "%d first-stage columns, recourse %d rows x %d columns, %d cut groups",
           res->stats.iterations, res->stats.seconds, res->stats.master_seconds,
           res->stats.recourse_seconds, hp_par_size(), r.pool.gather_seconds, hp_par_rank(), r.S,
           r.n1, r.pool.m2, r.pool.n2, r.G);
    *out = res;
    res = NULL;
cleanup:
    if (pool_on)
        hpi_ls_pool_stop(&r.pool);
    hpi_ls_master_free(&r.m);
    free(r.group_of);
    free(r.pg);
    free(r.xh);
    free(r.best);
    free(r.tr_lb);
    free(r.tr_ub);
    hp_lshaped_result_free(res);
    glp_term_hook(NULL, NULL);
    return st;
}
