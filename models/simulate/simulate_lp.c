/* The exact (lp) recourse of a simulation: per path, the recourse LP of
 * MODEL.md constraints 1, 7 and 8 with the plan fixed, with the second
 * edition's terminal stock (shortfall e, credit on the last stock) and
 * strategic reserve (releases r, open or closed by the path's
 * availability).  One LP is built and loaded once; from path to path only
 * the right-hand sides of the balance rows change (in transit + arrivals -
 * demand) and the bounds of the releases, so each solve is a warm dual
 * simplex from the previous basis.  Cost parts as the rule's: reserve
 * purchases, the terminal credit and the terminal penalty each apart. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "simulate_int.h"

#define LP_BLOCK 256

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct rlp {
    hp_lp *lp;
    int *inv, *u, *y, *v, *o, *bal; /* per (p,t), -1 when absent */
    int *r;                         /* reserve release per (p,t), -1 when absent */
    int *e;                         /* terminal shortfall per p, -1 when absent */
    double *pen;                    /* write-off price per product */
} rlp;

static void rlp_free(rlp *m)
{
    hp_lp_free(m->lp);
    free(m->inv);
    free(m->u);
    free(m->y);
    free(m->v);
    free(m->o);
    free(m->bal);
    free(m->r);
    free(m->e);
    free(m->pen);
}

static hp_status col(rlp *m, const char *kind, const char *id, int t, double lb, double ub,
                     double obj, int *out)
{
    char name[128];
    snprintf(name, sizeof name, "%s[%s,%d]", kind, id, t + 1);
    *out = hp_lp_add_col(m->lp, name, lb, ub, obj, 0);
    return *out < 0 ? HP_ENOMEM : HP_OK;
}

static hp_status rlp_build(const hp_instance *in, rlp *m)
{
    hp_status st = HP_OK;
    int P = in->n_products, T = in->T;
    size_t PT = (size_t)P * (size_t)T;
    char name[128];
    memset(m, 0, sizeof *m);
    m->lp = hp_lp_new();
    m->inv = malloc(PT * sizeof(int));
    m->u = malloc(PT * sizeof(int));
    m->y = malloc(PT * sizeof(int));
    m->v = malloc(PT * sizeof(int));
    m->o = malloc(PT * sizeof(int));
    m->bal = malloc(PT * sizeof(int));
    m->pen = malloc((size_t)P * sizeof(double));
    m->r = malloc(PT * sizeof(int));
    m->e = malloc((size_t)P * sizeof(int));
    if (!m->lp || !m->inv || !m->u || !m->y || !m->v || !m->o || !m->bal || !m->pen || !m->r ||
        !m->e) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int p = 0; p < P; p++) {
        const hp_product *pr = &in->products[p];
        int tot = -1;
        m->pen[p] = pr->holding_cost * T + 1.0;
        m->e[p] = -1;
        for (int t = 0; t < T; t++) {
            size_t i = (size_t)p * (size_t)T + (size_t)t;
            double h = pr->holding_cost;
            if (t == T - 1 && pr->has_terminal)
                h -= 1000.0 * pr->terminal_value;
            HP_CALL(col(m, "inv", pr->id, t, 0.0,
                        pr->has_storage_limit ? pr->storage_limit : HUGE_VAL, h, &m->inv[i]));
            m->r[i] = -1;
            if (pr->has_reserve && fmin(pr->reserve_limit[t], pr->reserve_stock) > 0.0) {
                /* bounds set per path */
                HP_CALL(col(m, "r", pr->id, t, 0.0, 0.0, 1000.0 * pr->reserve_price, &m->r[i]));
                if (tot < 0) {
                    snprintf(name, sizeof name, "reserve[%s]", pr->id);
                    tot = hp_lp_add_row(m->lp, name, -HUGE_VAL, pr->reserve_stock);
                    if (tot < 0) {
                        st = HP_ENOMEM;
                        goto cleanup;
                    }
                }
                HP_CALL(hp_lp_add_coef(m->lp, tot, m->r[i], 1.0));
            }
            HP_CALL(col(m, "u", pr->id, t, 0.0, pr->demand[t], pr->shortage_penalty, &m->u[i]));
            m->y[i] = m->v[i] = -1;
            if (pr->has_spot)
                HP_CALL(col(m, "y", pr->id, t, 0.0, pr->spot_limit[t], 1000.0 * pr->spot_price[t],
                            &m->y[i]));
            if (pr->safety_stock[t] > 0.0) {
                HP_CALL(col(m, "v", pr->id, t, 0.0, HUGE_VAL, pr->safety_penalty, &m->v[i]));
                snprintf(name, sizeof name, "ss[%s,%d]", pr->id, t + 1);
                int row = hp_lp_add_row(m->lp, name, pr->safety_stock[t], HUGE_VAL);
                if (row < 0) {
                    st = HP_ENOMEM;
                    goto cleanup;
                }
                HP_CALL(hp_lp_add_coef(m->lp, row, m->inv[i], 1.0));
                HP_CALL(hp_lp_add_coef(m->lp, row, m->v[i], 1.0));
            }
            HP_CALL(col(m, "writeoff", pr->id, t, 0.0, HUGE_VAL, m->pen[p], &m->o[i]));
            snprintf(name, sizeof name, "bal[%s,%d]", pr->id, t + 1);
            m->bal[i] = hp_lp_add_row(m->lp, name, 0.0, 0.0);
            if (m->bal[i] < 0) {
                st = HP_ENOMEM;
                goto cleanup;
            }
            HP_CALL(hp_lp_add_coef(m->lp, m->bal[i], m->inv[i], 1.0));
            if (t > 0)
                HP_CALL(hp_lp_add_coef(m->lp, m->bal[i], m->inv[i - 1], -1.0));
            if (m->y[i] >= 0)
                HP_CALL(hp_lp_add_coef(m->lp, m->bal[i], m->y[i], -1.0));
            HP_CALL(hp_lp_add_coef(m->lp, m->bal[i], m->u[i], -1.0));
            HP_CALL(hp_lp_add_coef(m->lp, m->bal[i], m->o[i], 1.0));
            if (m->r[i] >= 0)
                HP_CALL(hp_lp_add_coef(m->lp, m->bal[i], m->r[i], -1.0));
        }
        if (pr->has_terminal && pr->terminal_target > 0.0) {
            int row;
            HP_CALL(col(m, "eT", pr->id, T - 1, 0.0, HUGE_VAL, pr->terminal_penalty, &m->e[p]));
            snprintf(name, sizeof name, "terminal[%s]", pr->id);
            row = hp_lp_add_row(m->lp, name, pr->terminal_target, HUGE_VAL);
            if (row < 0) {
                st = HP_ENOMEM;
                goto cleanup;
            }
            HP_CALL(
                hp_lp_add_coef(m->lp, row, m->inv[(size_t)p * (size_t)T + (size_t)(T - 1)], 1.0));
            HP_CALL(hp_lp_add_coef(m->lp, row, m->e[p], 1.0));
        }
    }
cleanup:
    return st;
}

/* MODEL.md "Strategic reserve": open where the smallest availability of
 * the region's suppliers in quarter t of this path is below `below`. */
static int reserve_open(const hp_instance *in, const double *a, int p, int t)
{
    const hp_product *pr = &in->products[p];
    double amin = HUGE_VAL;
    for (int j = 0; j < in->n_suppliers; j++)
        if (in->suppliers[j].region_idx == pr->reserve_region)
            amin = fmin(amin, a[(size_t)j * (size_t)in->T + (size_t)t]);
    return amin < pr->reserve_below;
}

hp_status hpi_sim_run_lp(const hp_instance *in, const hpi_sim_problem *sp, long n,
                         hpi_sim_source *src, const double *weight, const hp_sim_opts *o,
                         hp_mc_out *out)
{
    hp_status st = HP_OK;
    const hp_mc_problem *pb = &sp->pb;
    int P = in->n_products, T = in->T, opened = 0;
    size_t PT = (size_t)P * (size_t)T, ncol = PT + 1, JT = (size_t)pb->n_src;
    rlp m;
    hp_solver s;
    hp_solve_opts so;
    char err[256] = "";
    double *A = malloc((size_t)LP_BLOCK * JT * sizeof *A);
    double *arr = malloc(ncol * sizeof *arr);
    double *xs = NULL;
    memset(&s, 0, sizeof s);
    memset(&m, 0, sizeof m);
    if (!A || !arr) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(rlp_build(in, &m));
    xs = malloc((size_t)hp_lp_ncols(m.lp) * sizeof *xs);
    if (!xs) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    st = hp_solver_open(&s, o->backend ? o->backend : hp_backend_glpk(), m.lp, err, sizeof err);
    if (st != HP_OK) {
        hp_log(0, "simulate: the recourse LP was refused: %s", err);
        goto cleanup;
    }
    opened = 1;
    hp_solve_opts_default(&so);
    for (size_t it = 0; it < PT; it++) {
        if (out->stockout)
            out->stockout[it] = 0.0;
        if (out->unmet)
            out->unmet[it] = 0.0;
        if (out->arrivals)
            out->arrivals[it] = 0.0;
        if (out->reserve)
            out->reserve[it] = 0.0;
    }
    out->threads = 1;
    out->block = LP_BLOCK;
    out->done = 0;
    for (long first = 0; first < n; first += LP_BLOCK) {
        int nb = (int)(n - first < LP_BLOCK ? n - first : LP_BLOCK);
        if (o->cancel && *o->cancel)
            break;
        double t0 = wall();
        HP_CALL(hpi_sim_fill(src, first, nb, A));
        out->t_fill += wall() - t0;
        for (int k = 0; k < nb; k++) {
            long path = first + k;
            double wk = weight ? weight[path] : 1.0 / (double)n;
            const double *a = A + (size_t)k * JT;
            /* the scenario of this path, when paths are the instance's */
            int scen = src->paths == HP_PATHS_SCENARIOS ? (int)path : -1;
            double t1 = wall();
            memset(arr, 0, ncol * sizeof *arr);
            for (size_t c = 0; c < JT; c++) {
                const double *row = pb->plan + c * ncol;
                if (a[c] == 0.0)
                    continue;
                for (size_t q = 0; q < PT; q++)
                    arr[q] += a[c] * row[q];
                /* on the instance's scenarios, their price factors */
                arr[PT] += a[c] * row[PT] *
                           (scen >= 0 ? hp_price_factor(in, scen, (int)(c / (size_t)T),
                                                        (int)(c % (size_t)T))
                                      : 1.0);
            }
            double t2 = wall();
            for (int p = 0; p < P; p++) {
                const hp_product *pr = &in->products[p];
                for (int t = 0; t < T; t++) {
                    size_t i = (size_t)p * (size_t)T + (size_t)t;
                    double rhs = pr->in_transit[t] + arr[i] - pr->demand[t];
                    if (t == 0)
                        rhs += pr->initial_inventory;
                    HP_CALL(s.ops->set_row_bounds(s.h, m.bal[i], rhs, rhs));
                    if (m.r[i] >= 0)
                        HP_CALL(s.ops->set_col_bounds(
                            s.h, m.r[i], 0.0,
                            reserve_open(in, a, p, t)
                                ? fmin(pr->reserve_limit[t], pr->reserve_stock)
                                : 0.0));
                }
            }
            hp_solve_result res;
            HP_CALL(hp_solve(&s, &so, &res));
            if (res.status != HP_SOL_OPTIMAL || !res.has_solution) {
                hp_log(0, "simulate: the recourse LP of path %ld ended %s", path,
                       hp_sol_status_str(res.status));
                st = HP_ESOLVER;
                goto cleanup;
            }
            HP_CALL(s.ops->get_primal(s.h, xs));
            double spend = arr[PT] + pb->fixed_cost, pen = 0.0, shortage = 0.0;
            out->purchase += wk * arr[PT];
            out->fixed += wk * pb->fixed_cost;
            for (int p = 0; p < P; p++) {
                const hp_product *pr = &in->products[p];
                for (int t = 0; t < T; t++) {
                    size_t i = (size_t)p * (size_t)T + (size_t)t;
                    double inv = xs[m.inv[i]], u = xs[m.u[i]], ov = xs[m.o[i]];
                    double y = m.y[i] >= 0 ? xs[m.y[i]] : 0.0, v = m.v[i] >= 0 ? xs[m.v[i]] : 0.0;
                    double spc = pr->has_spot
                                     ? 1000.0 * pr->spot_price[t] *
                                           (scen >= 0 ? hp_spot_factor(in, scen, p, t) : 1.0)
                                     : 0.0;
                    double rel = m.r[i] >= 0 ? xs[m.r[i]] : 0.0;
                    double rc = 1000.0 * pr->reserve_price * rel;
                    if (t == T - 1 && pr->has_terminal) {
                        double cr = 1000.0 * pr->terminal_value * inv;
                        double es = m.e[p] >= 0 ? xs[m.e[p]] : 0.0;
                        spend -= cr;
                        pen += pr->terminal_penalty * es;
                        out->term_credit += wk * cr;
                        out->term_penalty += wk * pr->terminal_penalty * es;
                        out->term_short_qty += wk * es;
                    }
                    spend += spc * y + rc + pr->holding_cost * inv;
                    pen += pr->shortage_penalty * u + pr->safety_penalty * v;
                    shortage += pr->criticality * u;
                    out->reserve_cost += wk * rc;
                    out->reserve_qty += wk * rel;
                    out->spot_cost += wk * spc * y;
                    out->holding += wk * pr->holding_cost * inv;
                    out->shortage_cost += wk * pr->shortage_penalty * u;
                    out->safety_cost += wk * pr->safety_penalty * v;
                    out->unmet_qty += wk * u;
                    out->spot_qty += wk * y;
                    out->overflow_qty += wk * ov;
                    if (out->stockout && u > HP_MC_STOCKOUT_TOL)
                        out->stockout[i] += wk;
                    if (out->unmet)
                        out->unmet[i] += wk * u;
                    if (out->arrivals)
                        out->arrivals[i] += wk * arr[i];
                    if (out->reserve)
                        out->reserve[i] += wk * rel;
                }
            }
            out->path_cost[path] = spend + pen;
            if (out->path_spend)
                out->path_spend[path] = spend;
            out->path_shortage[path] = shortage;
            out->t_arrivals += t2 - t1;
            out->t_recourse += wall() - t2;
        }
        out->done = first + nb;
        if (o->progress && o->progress(o->progress_ctx, out->done, n))
            break;
    }
    out->stopped = out->done < n;
cleanup:
    if (opened)
        hp_solver_close(&s);
    rlp_free(&m); /* a partly built model too */
    free(A);
    free(arr);
    free(xs);
    return st;
}
