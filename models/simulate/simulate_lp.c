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

#include "../../solver/par.h"
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

/* The paths are solved in blocks of LP_BLOCK by index, each block from a
 * freshly loaded LP (warm from path to path inside the block), so that a
 * path's solution depends on its block alone, never on which MPI rank
 * (solver/par.h) solved the block.  A solved path leaves a record of PREC
 * doubles: its arrivals and purchase cost (ncol), then per (p,t) the
 * ending stock, unmet, written off, spot, below safety and released, then
 * per product the terminal shortfall; the sums over paths are taken from
 * the records afterwards, in path order (accumulate()), so that they are
 * bit for bit the same on any number of ranks.  A block's record starts
 * with 1 when it was solved, 0 when the run stopped before it. */
typedef struct lp_run {
    const hp_instance *in;
    const hp_mc_problem *pb;
    hpi_sim_source *src;
    const hp_sim_opts *o;
    long n, round0; /* paths; first block of the current round */
    size_t PT, ncol, JT, prec;
    rlp m;
    hp_solver s;
    int opened, stop;
    double *A, *xs;
    double t_fill, t_arrivals, t_recourse;
} lp_run;

enum { Q_INV = 0, Q_U, Q_OV, Q_Y, Q_V, Q_REL, Q_N };

static hp_status solve_block(void *ctx, long item, void *recv)
{
    hp_status st = HP_OK;
    lp_run *c = ctx;
    const hp_instance *in = c->in;
    const hp_mc_problem *pb = c->pb;
    int P = in->n_products, T = in->T;
    long first = (c->round0 + item) * LP_BLOCK;
    int nb = (int)(c->n - first < LP_BLOCK ? c->n - first : LP_BLOCK);
    double *rec = recv;
    char err[256] = "";
    hp_solve_opts so;

    rec[0] = 0.0;
    if (nb <= 0 || c->stop || (c->o->cancel && *c->o->cancel))
        goto cleanup;
    if (c->opened)
        hp_solver_close(&c->s);
    c->opened = 0;
    st = hp_solver_open(&c->s, c->o->backend ? c->o->backend : hp_backend_glpk(), c->m.lp, err,
                        sizeof err);
    if (st != HP_OK) {
        hp_log(0, "simulate: the recourse LP was refused: %s", err);
        goto cleanup;
    }
    c->opened = 1;
    hp_solve_opts_default(&so);
    double t0 = wall();
    HP_CALL(hpi_sim_fill(c->src, first, nb, c->A));
    c->t_fill += wall() - t0;
    for (int k = 0; k < nb; k++) {
        long path = first + k;
        const double *a = c->A + (size_t)k * c->JT;
        double *arr = rec + 1 + (size_t)k * c->prec, *q = arr + c->ncol, *es = q + Q_N * c->PT;
        /* the scenario of this path, when paths are the instance's */
        int scen = c->src->paths == HP_PATHS_SCENARIOS ? (int)path : -1;
        double t1 = wall();
        memset(arr, 0, c->ncol * sizeof *arr);
        for (size_t j = 0; j < c->JT; j++) {
            const double *row = pb->plan + j * c->ncol;
            if (a[j] == 0.0)
                continue;
            for (size_t i = 0; i < c->PT; i++)
                arr[i] += a[j] * row[i];
            /* on the instance's scenarios, their price factors */
            arr[c->PT] +=
                a[j] * row[c->PT] *
                (scen >= 0 ? hp_price_factor(in, scen, (int)(j / (size_t)T), (int)(j % (size_t)T))
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
                HP_CALL(c->s.ops->set_row_bounds(c->s.h, c->m.bal[i], rhs, rhs));
                if (c->m.r[i] >= 0)
                    HP_CALL(c->s.ops->set_col_bounds(
                        c->s.h, c->m.r[i], 0.0,
                        reserve_open(in, a, p, t) ? fmin(pr->reserve_limit[t], pr->reserve_stock)
                                                  : 0.0));
            }
        }
        hp_solve_result res;
        HP_CALL(hp_solve(&c->s, &so, &res));
        if (res.status != HP_SOL_OPTIMAL || !res.has_solution) {
            hp_log(0, "simulate: the recourse LP of path %ld ended %s", path,
                   hp_sol_status_str(res.status));
            st = HP_ESOLVER;
            goto cleanup;
        }
        HP_CALL(c->s.ops->get_primal(c->s.h, c->xs));
        for (size_t i = 0; i < c->PT; i++) {
            const int *col[Q_N] = {c->m.inv, c->m.u, c->m.o, c->m.y, c->m.v, c->m.r};
            for (int f = 0; f < Q_N; f++)
                q[(size_t)f * c->PT + i] = col[f][i] >= 0 ? c->xs[col[f][i]] : 0.0;
        }
        for (int p = 0; p < P; p++)
            es[p] = c->m.e[p] >= 0 ? c->xs[c->m.e[p]] : 0.0;
        c->t_arrivals += t2 - t1;
        c->t_recourse += wall() - t2;
    }
    rec[0] = 1.0;
    if (c->o->progress && c->o->progress(c->o->progress_ctx, first + nb, c->n))
        c->stop = 1;
cleanup:
    return st;
}

/* Adds path `path`'s record to the sums of out (weight wk). */
static void accumulate(const lp_run *c, const double *arr, long path, double wk, hp_mc_out *out)
{
    const hp_instance *in = c->in;
    const hp_mc_problem *pb = c->pb;
    int P = in->n_products, T = in->T;
    const double *q = arr + c->ncol, *es_of = q + Q_N * c->PT;
    int scen = c->src->paths == HP_PATHS_SCENARIOS ? (int)path : -1;
    double spend = arr[c->PT] + pb->fixed_cost, pen = 0.0, shortage = 0.0;
    out->purchase += wk * arr[c->PT];
    out->fixed += wk * pb->fixed_cost;
    for (int p = 0; p < P; p++) {
        const hp_product *pr = &in->products[p];
        for (int t = 0; t < T; t++) {
            size_t i = (size_t)p * (size_t)T + (size_t)t;
            double inv = q[Q_INV * c->PT + i], u = q[Q_U * c->PT + i], ov = q[Q_OV * c->PT + i];
            double y = q[Q_Y * c->PT + i], v = q[Q_V * c->PT + i];
            double spc = pr->has_spot ? 1000.0 * pr->spot_price[t] *
                                            (scen >= 0 ? hp_spot_factor(in, scen, p, t) : 1.0)
                                      : 0.0;
            double rel = q[Q_REL * c->PT + i];
            double rc = 1000.0 * pr->reserve_price * rel;
            if (t == T - 1 && pr->has_terminal) {
                double cr = 1000.0 * pr->terminal_value * inv;
                double es = es_of[p];
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
}

/* blocks per rank in one round: bounds the records held at once */
#define LP_ROUND 4

hp_status hpi_sim_run_lp(const hp_instance *in, const hpi_sim_problem *sp, long n,
                         hpi_sim_source *src, const double *weight, const hp_sim_opts *o,
                         hp_mc_out *out)
{
    hp_status st = HP_OK;
    lp_run c;
    long n_blocks = (n + LP_BLOCK - 1) / LP_BLOCK, per_round;
    size_t brec;
    double *recs = NULL;

    memset(&c, 0, sizeof c);
    c.in = in;
    c.pb = &sp->pb;
    c.src = src;
    c.o = o;
    c.n = n;
    c.PT = (size_t)in->n_products * (size_t)in->T;
    c.ncol = c.PT + 1;
    c.JT = (size_t)c.pb->n_src;
    c.prec = c.ncol + Q_N * c.PT + (size_t)in->n_products;
    brec = (1 + LP_BLOCK * c.prec) * sizeof(double);
    per_round = (long)LP_ROUND * hp_par_size();
    c.A = malloc((size_t)LP_BLOCK * c.JT * sizeof *c.A);
    recs = malloc((size_t)per_round * brec);
    if (!c.A || !recs) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(rlp_build(in, &c.m));
    c.xs = malloc((size_t)hp_lp_ncols(c.m.lp) * sizeof *c.xs);
    if (!c.xs) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (size_t it = 0; it < c.PT; it++) {
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
    for (long r0 = 0; r0 < n_blocks && out->done == r0 * LP_BLOCK; r0 += per_round) {
        long nr = n_blocks - r0 < per_round ? n_blocks - r0 : per_round;
        c.round0 = r0;
        HP_CALL(hp_par_map(nr, brec, solve_block, &c, recs));
        for (long b = 0; b < nr; b++) {
            const double *rec = (const double *)(void *)((char *)recs + (size_t)b * brec);
            long first = (r0 + b) * LP_BLOCK;
            int nb = (int)(n - first < LP_BLOCK ? n - first : LP_BLOCK);
            if (rec[0] == 0.0)
                break;
            for (int k = 0; k < nb; k++) {
                long path = first + k;
                double wk = weight ? weight[path] : 1.0 / (double)n;
                accumulate(&c, rec + 1 + (size_t)k * c.prec, path, wk, out);
            }
            out->done = first + nb;
        }
    }
    out->stopped = out->done < n;
    out->t_fill = c.t_fill;
    out->t_arrivals = c.t_arrivals;
    out->t_recourse = c.t_recourse;
cleanup:
    if (c.opened)
        hp_solver_close(&c.s);
    rlp_free(&c.m); /* a partly built model too */
    free(c.A);
    free(c.xs);
    free(recs);
    return st;
}
