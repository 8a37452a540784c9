/* hreeplan solver layer: the recourse workers of the L-shaped method (see
 * lshaped.h and lshaped_int.h).
 *
 * Each worker thread loads the recourse template once into its own GLPK
 * problem; per scenario only the row bounds change (lb - T_s x, ub - T_s x)
 * in a fresh copy of that template (see fresh_copy()).
 * Choices:
 * - dual simplex (the old basis stays dual feasible when only bounds move),
 *   presolve off (it would discard the basis), falling back to a standard
 *   basis when GLPK reports the basis unusable;
 * - every scenario restarts from its OWN last optimal basis, stored per
 *   scenario (m2 + 1 + n2 bytes), never from whatever the worker solved
 *   before: the basis, hence the duals and the cuts, then depend only on
 *   the scenario's history, so 1 thread and 8 threads give bit-identical
 *   iterates.  A scenario's first solve starts from scenario 0's first
 *   optimal basis (scenario 0 is solved alone first, from GLPK's standard
 *   basis): scenarios differ in a few bounds and entries, so the warm start
 *   saves most of the dual simplex iterations of a cold start;
 * - with a tie objective, an extra free row q.y is kept in the problem; in
 *   the final round it is bounded by the optimal value and the tie
 *   objective minimised from the optimal basis (primal simplex);
 * - a scenario's own recourse data (hp_lshaped_problem.var_*) is set on
 *   the fresh copy before it is solved: costs (and the tie row q.y with
 *   them) in the main problem, matrix entries in both copies;
 * - an infeasible scenario is solved again in an elastic copy (two
 *   violation columns per row, cost 1 each) built on first need; its value
 *   and duals give the feasibility cut;
 * - with a recourse LP per scenario (hp_lshaped_problem.blocks, bundles of
 *   scenarios), the worker loads the scenario's own LP before each solve
 *   (loading costs about what the copy does) and the elastic copy with it;
 *   the basis is still the scenario's own;
 * - GLPK aborts on misuse: the inputs are validated before the workers
 *   start, and every build and solve runs under hpi_glpk_protect(); a
 *   caught error frees the thread's environment and marks the pool failed. */
#include "lshaped_int.h"
#include "par.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One worker's state, private to its thread. */
typedef struct wk {
    hpi_ls_pool *p;
    glp_prob *tmpl;    /* recourse (+ tie row when the problem has a tie objective), never solved */
    glp_prob *lp;      /* the fresh copy of tmpl being solved */
    glp_prob *el_tmpl; /* elastic copy, on first need, never solved */
    glp_prob *el;
    double *shift; /* T_s x per row */
    /* the recourse LP loaded in tmpl: the template, or block `cur` */
    const hp_lp *src;
    int m2, n2, cur;
    int *rt;           /* GLPK row types of src */
    double *rlb, *rub; /* its row bounds, 0 where infinite */
    int *ind;
    double *vv;
    long solves, iters;
} wk;

/* Loads the template rows and columns into P (columns 1..n2, rows 1..m2). */
static int load_template(const wk *w, glp_prob *P, int extra_cols)
{
    const hp_lp *lp = w->src;
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    int *ia = malloc((nnz + 1) * sizeof *ia), *ja = malloc((nnz + 1) * sizeof *ja);
    double *ar = malloc((nnz + 1) * sizeof *ar);
    if (!ia || !ja || !ar) {
        free(ia);
        free(ja);
        free(ar);
        return -1;
    }
    glp_set_obj_dir(P, GLP_MIN);
    if (w->m2 > 0)
        glp_add_rows(P, w->m2);
    glp_add_cols(P, w->n2 + extra_cols);
    for (int i = 0; i < w->m2; i++)
        glp_set_row_bnds(P, i + 1, w->rt[i], w->rlb[i], w->rub[i]);
    for (int j = 0; j < w->n2; j++)
        hpi_glpk_set_col(P, j + 1, hp_lp_col_lb(lp, j), hp_lp_col_ub(lp, j));
    for (size_t k = 0; k < nnz; k++) {
        ia[k + 1] = ri[k] + 1;
        ja[k + 1] = cj[k] + 1;
        ar[k + 1] = cv[k];
    }
    glp_load_matrix(P, (int)nnz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return 0;
}

static int build_main(wk *w)
{
    const hp_lp *lp = w->src;
    w->tmpl = glp_create_prob();
    if (load_template(w, w->tmpl, 0))
        return -1;
    for (int j = 0; j < w->n2; j++)
        glp_set_obj_coef(w->tmpl, j + 1, hp_lp_obj(lp, j));
    if (hpi_ls_tie(w->p->pb, w->cur < 0 ? 0 : w->cur)) {
        /* row m2+1: q.y, free until the final round bounds it */
        int r = glp_add_rows(w->tmpl, 1), n = 0;
        for (int j = 0; j < w->n2; j++)
            if (hp_lp_obj(lp, j) != 0.0) {
                n++;
                w->ind[n] = j + 1;
                w->vv[n] = hp_lp_obj(lp, j);
            }
        glp_set_mat_row(w->tmpl, r, n, w->ind, w->vv);
        glp_set_row_bnds(w->tmpl, r, GLP_FR, 0.0, 0.0);
    }
    return 0;
}

/* Elastic copy: row i gets +e_i and -e_i, each with cost 1. */
static int build_elastic(wk *w)
{
    w->el_tmpl = glp_create_prob();
    if (load_template(w, w->el_tmpl, 2 * w->m2))
        return -1;
    for (int i = 0; i < w->m2; i++) {
        int cp = w->n2 + 2 * i + 1, cn = cp + 1;
        int row[2] = {0, i + 1};
        double one[2] = {0.0, 1.0}, mone[2] = {0.0, -1.0};
        glp_set_col_bnds(w->el_tmpl, cp, GLP_LO, 0.0, 0.0);
        glp_set_col_bnds(w->el_tmpl, cn, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(w->el_tmpl, cp, 1.0);
        glp_set_obj_coef(w->el_tmpl, cn, 1.0);
        glp_set_mat_col(w->el_tmpl, cp, 1, row, one);
        glp_set_mat_col(w->el_tmpl, cn, 1, row, mone);
    }
    return 0;
}

static int simplex(glp_prob *P, int meth)
{
    glp_smcp c;
    glp_init_smcp(&c);
    c.msg_lev = GLP_MSG_OFF;
    c.meth = meth;
    c.presolve = GLP_OFF;
    return glp_simplex(P, &c);
}

/* Solves with the basis in place; on a bad basis restarts from the
 * standard one.  Returns GLPK's status (GLP_OPT, GLP_NOFEAS, ...) or -1. */
static int solve_lp(wk *w, glp_prob *P, int meth)
{
    int it0 = glp_get_it_cnt(P), ret = simplex(P, meth);
    if (ret != 0) {
        glp_std_basis(P);
        ret = simplex(P, GLP_DUALP);
    }
    w->iters += glp_get_it_cnt(P) - it0;
    w->solves++;
    if (ret != 0)
        return -1;
    return glp_get_status(P);
}

/* Sets W[row][col] = v in P (1-based; 0 deletes the entry). */
static void set_entry(wk *w, glp_prob *P, int row, int col, double v)
{
    int len = glp_get_mat_row(P, row, w->ind, w->vv), k = 1;
    while (k <= len && w->ind[k] != col)
        k++;
    if (k > len) {
        if (v == 0.0)
            return;
        len++;
        w->ind[k] = col;
    }
    w->vv[k] = v;
    if (v == 0.0) {
        w->ind[k] = w->ind[len];
        w->vv[k] = w->vv[len];
        len--;
    }
    glp_set_mat_row(P, row, len, w->ind, w->vv);
}

/* Scenario s's own costs (with_obj: main problem) and matrix entries. */
static void set_scenario_data(wk *w, glp_prob *P, int s, int with_obj)
{
    hpi_ls_pool *p = w->p;
    const hp_lshaped_problem *pb = p->pb;
    if (!pb->var_beg)
        return;
    for (size_t k = pb->var_beg[s]; k < pb->var_beg[s + 1]; k++) {
        int r = pb->var_row[k], c = pb->var_col[k] + 1;
        double v = pb->var_val[k];
        if (r >= 0) {
            set_entry(w, P, r + 1, c, v);
        } else if (r == HP_LSHAPED_VAR_OBJ && with_obj) {
            glp_set_obj_coef(P, c, v);
            if (pb->tie_obj)
                set_entry(w, P, w->m2 + 1, c, v);
        }
    }
}

static void set_bounds(wk *w, glp_prob *P, int s)
{
    hpi_ls_pool *p = w->p;
    const hp_lshaped_problem *pb = p->pb;
    for (int i = 0; i < w->m2; i++)
        w->shift[i] = 0.0;
    for (size_t k = pb->tech_beg[s]; k < pb->tech_beg[s + 1]; k++)
        w->shift[pb->tech_row[k]] += pb->tech_val[k] * p->x[pb->tech_col[k]];
    for (int i = 0; i < w->m2; i++)
        if (w->rt[i] != GLP_FR)
            glp_set_row_bnds(P, i + 1, w->rt[i], w->rlb[i] - w->shift[i], w->rub[i] - w->shift[i]);
}

static void save_basis(wk *w, int s)
{
    hpi_ls_pool *p = w->p;
    int mr = glp_get_num_rows(w->lp);
    unsigned char *b = p->basis + p->boff[s];
    for (int i = 1; i <= mr; i++)
        b[i - 1] = (unsigned char)glp_get_row_stat(w->lp, i);
    for (int j = 1; j <= w->n2; j++)
        b[w->m2 + j] = (unsigned char)glp_get_col_stat(w->lp, j);
    p->has_basis[s] = 1;
}

static void restore_basis(wk *w, int s)
{
    hpi_ls_pool *p = w->p;
    int mr = glp_get_num_rows(w->lp);
    const unsigned char *b = p->basis + p->boff[s];
    if (!p->has_basis[s]) {
        if (!p->has_ref) {
            glp_std_basis(w->lp);
            return;
        }
        b = p->ref_basis;
    }
    for (int i = 1; i <= mr; i++)
        glp_set_row_stat(w->lp, i, b[i - 1]);
    for (int j = 1; j <= w->n2; j++)
        glp_set_col_stat(w->lp, j, b[w->m2 + j]);
}

/* Final round: the recourse solution, tie-broken when asked. */
static void final_solution(wk *w, int s, double qval)
{
    hpi_ls_pool *p = w->p;
    const hp_lshaped_problem *pb = p->pb;
    const double *tie = hpi_ls_tie(pb, s);
    double *y = p->y + p->yoff[s];
    int r = w->m2 + 1;
    for (int j = 0; j < w->n2; j++)
        y[j] = glp_get_col_prim(w->lp, j + 1);
    if (!tie)
        return;
    glp_set_row_bnds(w->lp, r, GLP_UP, 0.0, qval + 1e-11 * (1.0 + fabs(qval)));
    for (int j = 0; j < w->n2; j++)
        glp_set_obj_coef(w->lp, j + 1, tie[j]);
    if (pb->var_beg)
        for (size_t k = pb->var_beg[s]; k < pb->var_beg[s + 1]; k++)
            if (pb->var_row[k] == HP_LSHAPED_VAR_TIE)
                glp_set_obj_coef(w->lp, pb->var_col[k] + 1, pb->var_val[k]);
    if (solve_lp(w, w->lp, GLP_PRIMAL) == GLP_OPT)
        for (int j = 0; j < w->n2; j++)
            y[j] = glp_get_col_prim(w->lp, j + 1);
    /* the problem is left as it is: the next solve starts from a fresh copy */
}

/* A GLPK problem carries state beyond its basis (the factorisation's
 * storage, grown and defragmented by earlier solves) that can steer the
 * simplex differently on degenerate ties; solving a fresh copy of a
 * never-solved template makes each solve depend on the scenario's data and
 * basis alone (the copy costs less than the solve). */
static void fresh_copy(glp_prob **P, glp_prob *tmpl)
{
    if (*P)
        glp_delete_prob(*P);
    *P = glp_create_prob();
    glp_copy_prob(*P, tmpl, GLP_OFF);
}

static void solve_elastic(wk *w, int s)
{
    hpi_ls_pool *p = w->p;
    double *d = p->dual + p->doff[s];
    int stat;
    if (!w->el_tmpl && build_elastic(w)) {
        p->st[s] = HPI_LS_FAILED;
        return;
    }
    fresh_copy(&w->el, w->el_tmpl);
    set_scenario_data(w, w->el, s, 0);
    set_bounds(w, w->el, s);
    glp_std_basis(w->el);
    stat = solve_lp(w, w->el, GLP_DUALP);
    if (stat != GLP_OPT) {
        p->st[s] = HPI_LS_FAILED;
        return;
    }
    p->val[s] = glp_get_obj_val(w->el);
    for (int i = 0; i < w->m2; i++)
        d[i] = glp_get_row_dual(w->el, i + 1);
    p->st[s] = HPI_LS_INFEAS;
}

/* Loads block s's recourse LP as the worker's template (and forgets the
 * elastic copy of the previous one). */
static int load_block(wk *w, int s)
{
    const hp_lp *lp = w->p->pb->blocks[s];
    if (w->tmpl)
        glp_delete_prob(w->tmpl);
    if (w->el_tmpl)
        glp_delete_prob(w->el_tmpl);
    w->tmpl = w->el_tmpl = NULL;
    w->src = lp;
    w->cur = s;
    w->m2 = hp_lp_nrows(lp);
    w->n2 = hp_lp_ncols(lp);
    for (int i = 0; i < w->m2; i++) {
        double lb = hp_lp_row_lb(lp, i), ub = hp_lp_row_ub(lp, i);
        w->rt[i] = hpi_glpk_bound_type(lb, ub);
        w->rlb[i] = isinf(lb) ? 0.0 : lb;
        w->rub[i] = isinf(ub) ? 0.0 : ub;
    }
    return build_main(w);
}

/* Solves scenario s at p->x; runs under hpi_glpk_protect() (see guarded()). */
static void solve_scenario(wk *w, int s)
{
    hpi_ls_pool *p = w->p;
    double *d = p->dual + p->doff[s];
    int stat;

    if (p->pb->blocks && (w->cur != s || !w->tmpl) && load_block(w, s)) {
        p->st[s] = HPI_LS_FAILED;
        return;
    }
    fresh_copy(&w->lp, w->tmpl);
    set_scenario_data(w, w->lp, s, 1);
    set_bounds(w, w->lp, s);
    restore_basis(w, s);
    stat = solve_lp(w, w->lp, GLP_DUALP);
    if (stat == GLP_NOFEAS) {
        solve_elastic(w, s);
        /* a violation below the solver's tolerances is a near-feasible
         * scenario that the dual simplex judged infeasible: settle it from
         * the standard basis with the primal simplex */
        if (p->st[s] == HPI_LS_INFEAS && p->val[s] < 1e-7) {
            glp_std_basis(w->lp);
            stat = solve_lp(w, w->lp, GLP_PRIMAL);
            if (stat == GLP_NOFEAS)
                return;
        } else {
            return;
        }
    }
    if (stat != GLP_OPT) {
        p->st[s] = HPI_LS_FAILED;
        return;
    }
    p->st[s] = HPI_LS_OPT;
    p->val[s] = glp_get_obj_val(w->lp);
    for (int i = 0; i < w->m2; i++)
        d[i] = glp_get_row_dual(w->lp, i + 1);
    save_basis(w, s);
    if (p->mode == HPI_LS_FINAL && p->y)
        final_solution(w, s, p->val[s]);
}

typedef struct solve_arg {
    wk *w;
    int s;
} solve_arg;

static hp_status solve_body(void *varg)
{
    solve_arg *a = varg;
    solve_scenario(a->w, a->s);
    return HP_OK;
}

static hp_status build_body(void *varg)
{
    return build_main(varg) ? HP_ENOMEM : HP_OK;
}

/* Runs solve_scenario() or build_main() under the GLPK guard; returns 0, or
 * -1 when it failed (after a GLPK error the thread's problems are gone). */
static int guarded(wk *w, hpi_glpk_fn fn, void *arg)
{
    unsigned long gen = hpi_glpk_env_gen();
    hp_status st = hpi_glpk_protect(fn, arg);
    if (hpi_glpk_env_gen() != gen) {
        w->tmpl = w->lp = w->el_tmpl = w->el = NULL;
        w->cur = -1;
    }
    return st == HP_OK ? 0 : -1;
}

static int guarded_solve(wk *w, int s)
{
    solve_arg a = {w, s};
    return guarded(w, solve_body, &a);
}

void *hpi_ls_worker(void *arg)
{
    wk w;
    hpi_ls_pool *p = arg;
    unsigned long seen = 0;
    int ok;

    memset(&w, 0, sizeof w);
    w.p = p;
    glp_term_hook(hpi_glpk_quiet, NULL);
    w.shift = malloc((size_t)(p->m2 + 1) * sizeof *w.shift);
    /* room for a row of the elastic copy (n2 + 2 entries, 1-based) plus one */
    w.ind = malloc((size_t)(p->n2 + 4) * sizeof *w.ind);
    w.vv = malloc((size_t)(p->n2 + 4) * sizeof *w.vv);
    w.cur = -1;
    if (p->pb->blocks) {
        /* each solve loads its block (load_block) */
        w.rt = malloc((size_t)(p->m2 + 1) * sizeof *w.rt);
        w.rlb = malloc((size_t)(p->m2 + 1) * sizeof *w.rlb);
        w.rub = malloc((size_t)(p->m2 + 1) * sizeof *w.rub);
        ok = w.shift && w.ind && w.vv && w.rt && w.rlb && w.rub;
    } else {
        w.src = p->pb->second;
        w.m2 = p->m2;
        w.n2 = p->n2;
        w.rt = p->row_type;
        w.rlb = p->row_lb;
        w.rub = p->row_ub;
        ok = w.shift && w.ind && w.vv && guarded(&w, build_body, &w) == 0;
    }
    pthread_mutex_lock(&p->mu);
    if (!ok)
        p->failed = 1;
    pthread_mutex_unlock(&p->mu);

    for (;;) {
        int s0, s1;
        pthread_mutex_lock(&p->mu);
        while (!p->quit && p->round == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->quit) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        seen = p->round;
        pthread_mutex_unlock(&p->mu);
        for (;;) {
            pthread_mutex_lock(&p->mu);
            s0 = p->next;
            p->next += p->chunk;
            pthread_mutex_unlock(&p->mu);
            if (s0 >= p->lim)
                break;
            s1 = s0 + p->chunk < p->lim ? s0 + p->chunk : p->lim;
            for (int s = s0; s < s1; s++) {
                if (!ok || (!p->pb->blocks && !w.tmpl)) {
                    p->st[s] = HPI_LS_FAILED;
                    continue;
                }
                if (guarded_solve(&w, s) != 0) {
                    p->st[s] = HPI_LS_FAILED;
                    ok = 0;
                }
            }
        }
        pthread_mutex_lock(&p->mu);
        if (!ok)
            p->failed = 1;
        p->solves += w.solves;
        p->iters += w.iters;
        w.solves = w.iters = 0;
        if (--p->running == 0)
            pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
    if (w.tmpl)
        glp_delete_prob(w.tmpl);
    if (w.lp)
        glp_delete_prob(w.lp);
    if (w.el_tmpl)
        glp_delete_prob(w.el_tmpl);
    if (w.el)
        glp_delete_prob(w.el);
    free(w.shift);
    free(w.ind);
    free(w.vv);
    if (p->pb->blocks) {
        free(w.rt);
        free(w.rlb);
        free(w.rub);
    }
    glp_term_hook(NULL, NULL);
    glp_free_env();
    return NULL;
}
