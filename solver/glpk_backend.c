/* hreeplan solver layer: the GLPK backend.
 *
 * One glp_prob per handle.  GLPK aborts the process on misuse; the model is
 * validated before it gets here, and every call that could still abort runs
 * under hpi_glpk_protect() (glpk_util.c).  A caught error frees every GLPK
 * object of the calling thread (the GLPK environment is thread-local); the
 * environment's generation then marks all handles of that thread as dead:
 * they return HP_EINTERNAL instead of touching freed memory.  A handle must be used by the thread
 * that created it.
 *
 * GLPK's terminal output is routed line by line to hp_log() level 3; it
 * never reaches stdout.
 *
 * Warm starts: the basis left by the previous solve is reused when GLPK
 * still reports it (glp_get_status() != GLP_UNDEF); GLPK's presolver would
 * discard it, so the presolver only runs on a cold start.
 *
 * The model's objective constant is loaded as GLPK's constant term (column
 * 0), so reported objectives and written files include it; set_obj()
 * replaces the coefficients and keeps that constant.
 *
 * This file holds the guard, model loading and modification, solution
 * access and files; glpk_solve.c the LP and MIP solves. */
#include "glpk_int.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- terminal output and the abort guard --------------------------- */

static _Thread_local char term_buf[512];
static _Thread_local size_t term_len;

static void term_flush(void)
{
    if (term_len) {
        term_buf[term_len] = '\0';
        hp_log(3, "%s", term_buf);
        term_len = 0;
    }
}

static int term_hook(void *info, const char *s)
{
    (void)info;
    for (; *s; s++) {
        if (*s == '\n') {
            term_flush();
            continue;
        }
        if (term_len == sizeof term_buf - 1)
            term_flush();
        term_buf[term_len++] = *s;
    }
    return 1; /* handled: GLPK prints nothing itself */
}

static int alive(const hpi_glpk_handle *h)
{
    return h && h->P && h->gen == hpi_glpk_env_gen() && pthread_equal(h->owner, pthread_self());
}

typedef struct guard_arg {
    hpi_glpk_handle *h;
    hpi_glpk_body_fn fn;
    void *arg;
} guard_arg;

static hp_status guard_body(void *varg)
{
    guard_arg *g = varg;
    return g->fn(g->h, g->arg);
}

/* GLPK's terminal output goes to hp_log() while fn runs.  After a caught
 * error the hooks died with the environment: resetting them would only
 * create a new one. */
static hp_status run_guarded(hpi_glpk_handle *h, hpi_glpk_body_fn fn, void *arg)
{
    guard_arg g = {h, fn, arg};
    unsigned long gen = hpi_glpk_env_gen();
    hp_status st;
    glp_term_hook(term_hook, NULL);
    st = hpi_glpk_protect(guard_body, &g);
    term_flush();
    if (hpi_glpk_env_gen() != gen)
        return HP_EINTERNAL;
    glp_term_hook(NULL, NULL);
    return st;
}

hp_status hpi_glpk_guarded(hpi_glpk_handle *h, hpi_glpk_body_fn fn, void *arg)
{
    unsigned long gen = hpi_glpk_env_gen();
    hp_status st;
    if (!alive(h))
        return HP_EINTERNAL;
    st = run_guarded(h, fn, arg);
    if (hpi_glpk_env_gen() != gen) {
        h->P = NULL;
        hp_log(0,
               "GLPK stopped on an internal error; its problem objects in this thread were freed");
    }
    return st;
}

/* ---- helpers ------------------------------------------------------- */

static int bad_bounds(double lb, double ub)
{
    return isnan(lb) || isnan(ub) || lb > ub || lb == HUGE_VAL || ub == -HUGE_VAL;
}

/* ---- create / load ------------------------------------------------- */

static const char *glpk_version(void)
{
    return glp_version();
}

static hp_status create_body(hpi_glpk_handle *h, void *arg)
{
    (void)arg;
    h->P = glp_create_prob();
    glp_set_obj_dir(h->P, GLP_MIN);
    return HP_OK;
}

static hp_status glpk_create(void **out)
{
    hpi_glpk_handle *h = calloc(1, sizeof *h);
    hp_status st;
    *out = NULL;
    if (!h)
        return HP_ENOMEM;
    h->owner = pthread_self();
    st = run_guarded(h, create_body, NULL);
    if (st != HP_OK) {
        free(h);
        return st;
    }
    h->gen = hpi_glpk_env_gen();
    *out = h;
    return HP_OK;
}

static void glpk_destroy(void *vh)
{
    hpi_glpk_handle *h = vh;
    if (!h)
        return;
    if (alive(h))
        glp_delete_prob(h->P);
    else if (h->P)
        hp_log(1, "GLPK problem freed from another thread or after an error: not deleted");
    free(h->xstart);
    free(h);
}

typedef struct load_arg {
    const hp_lp *lp;
    int *ia, *ja;
    double *ar;
} load_arg;

static hp_status load_body(hpi_glpk_handle *h, void *varg)
{
    load_arg *a = varg;
    const hp_lp *lp = a->lp;
    glp_prob *P = h->P;
    int n = hp_lp_ncols(lp), m = hp_lp_nrows(lp);
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);

    glp_erase_prob(P);
    glp_set_obj_dir(P, GLP_MIN);
    if (m > 0)
        glp_add_rows(P, m);
    if (n > 0)
        glp_add_cols(P, n);
    for (int i = 0; i < m; i++) {
        glp_set_row_name(P, i + 1, hp_lp_row_name(lp, i));
        hpi_glpk_set_row(P, i + 1, hp_lp_row_lb(lp, i), hp_lp_row_ub(lp, i));
    }
    for (int j = 0; j < n; j++) {
        glp_set_col_name(P, j + 1, hp_lp_col_name(lp, j));
        glp_set_col_kind(P, j + 1, hp_lp_col_is_int(lp, j) ? GLP_IV : GLP_CV);
        hpi_glpk_set_col(P, j + 1, hp_lp_col_lb(lp, j), hp_lp_col_ub(lp, j));
        glp_set_obj_coef(P, j + 1, hp_lp_obj(lp, j));
    }
    glp_set_obj_coef(P, 0, hp_lp_obj_const(lp));
    for (size_t k = 0; k < nnz; k++) {
        a->ia[k + 1] = ri[k] + 1;
        a->ja[k + 1] = cj[k] + 1;
        a->ar[k + 1] = cv[k];
    }
    glp_load_matrix(P, (int)nnz, a->ia, a->ja, a->ar);
    h->ncols = n;
    h->nrows = m;
    h->have_basis = 0;
    h->last = HPI_GLPK_LAST_NONE;
    h->have_start = 0;
    free(h->xstart); /* sized for the old model */
    h->xstart = NULL;
    return HP_OK;
}

static hp_status glpk_load(void *vh, const hp_lp *lp)
{
    load_arg a;
    size_t nnz = hp_lp_nnz(lp);
    hp_status st;
    if (nnz >= (size_t)INT_MAX)
        return HP_EINVAL;
    a.lp = lp;
    a.ia = malloc((nnz + 1) * sizeof *a.ia);
    a.ja = malloc((nnz + 1) * sizeof *a.ja);
    a.ar = malloc((nnz + 1) * sizeof *a.ar);
    if (!a.ia || !a.ja || !a.ar)
        st = HP_ENOMEM;
    else
        st = hpi_glpk_guarded(vh, load_body, &a);
    free(a.ia);
    free(a.ja);
    free(a.ar);
    return st;
}

/* ---- modification -------------------------------------------------- */

typedef struct obj_arg {
    const double *obj;
} obj_arg;

static hp_status set_obj_body(hpi_glpk_handle *h, void *arg)
{
    const double *obj = ((obj_arg *)arg)->obj;
    for (int j = 0; j < h->ncols; j++)
        glp_set_obj_coef(h->P, j + 1, obj[j]);
    h->obj_changed = 1;
    return HP_OK;
}

static hp_status glpk_set_obj(void *vh, const double *obj)
{
    hpi_glpk_handle *h = vh;
    obj_arg a = {obj};
    if (!obj)
        return HP_EINVAL;
    if (alive(h))
        for (int j = 0; j < h->ncols; j++)
            if (!isfinite(obj[j]))
                return HP_EINVAL;
    return hpi_glpk_guarded(h, set_obj_body, &a);
}

typedef struct bnd_arg {
    int idx, is_row;
    double lb, ub;
} bnd_arg;

static hp_status bnd_body(hpi_glpk_handle *h, void *arg)
{
    bnd_arg *b = arg;
    if (b->is_row)
        hpi_glpk_set_row(h->P, b->idx + 1, b->lb, b->ub);
    else
        hpi_glpk_set_col(h->P, b->idx + 1, b->lb, b->ub);
    return HP_OK;
}

static hp_status set_bounds(hpi_glpk_handle *h, int is_row, int idx, double lb, double ub)
{
    bnd_arg b = {idx, is_row, lb, ub};
    if (!alive(h))
        return HP_EINTERNAL;
    if (idx < 0 || idx >= (is_row ? h->nrows : h->ncols) || bad_bounds(lb, ub))
        return HP_EINVAL;
    return hpi_glpk_guarded(h, bnd_body, &b);
}

static hp_status glpk_set_col_bounds(void *vh, int col, double lb, double ub)
{
    return set_bounds(vh, 0, col, lb, ub);
}

static hp_status glpk_set_row_bounds(void *vh, int row, double lb, double ub)
{
    return set_bounds(vh, 1, row, lb, ub);
}

/* ---- solution access and files ------------------------------------- */

static hp_status primal_body(hpi_glpk_handle *h, void *arg)
{
    double *x = arg;
    for (int j = 0; j < h->ncols; j++)
        x[j] = h->last == HPI_GLPK_LAST_MIP ? glp_mip_col_val(h->P, j + 1)
                                            : glp_get_col_prim(h->P, j + 1);
    return HP_OK;
}

static hp_status glpk_get_primal(void *vh, double *x)
{
    hpi_glpk_handle *h = vh;
    if (!alive(h))
        return HP_EINTERNAL;
    if (h->last == HPI_GLPK_LAST_NONE || !x)
        return HP_EINVAL;
    return hpi_glpk_guarded(h, primal_body, x);
}

static hp_status duals_body(hpi_glpk_handle *h, void *arg)
{
    double *y = arg;
    for (int i = 0; i < h->nrows; i++)
        y[i] = glp_get_row_dual(h->P, i + 1);
    return HP_OK;
}

static hp_status glpk_get_duals(void *vh, double *y)
{
    hpi_glpk_handle *h = vh;
    if (!alive(h))
        return HP_EINTERNAL;
    if (h->last != HPI_GLPK_LAST_LP || !y)
        return HP_EINVAL;
    return hpi_glpk_guarded(h, duals_body, y);
}

typedef struct write_arg {
    const char *path;
    hp_write_fmt fmt;
} write_arg;

/* GLPK's CPLEX LP writer drops the objective constant, and readers
 * disagree on the sign of an MPS objective-row RHS (GLPK: +constant,
 * CPLEX and CBC: -constant).  A nonzero constant is therefore written as
 * a column fixed at 1 whose cost is the constant: every reader then
 * finds the same objective value. */
static hp_status write_body(hpi_glpk_handle *h, void *varg)
{
    write_arg *a = varg;
    glp_prob *P = h->P, *Q = NULL;
    double c0 = glp_get_obj_coef(P, 0);
    int rc;
    if (c0 != 0.0) {
        char name[64] = "obj_constant";
        int j, k = 0;
        Q = glp_create_prob();
        glp_copy_prob(Q, P, GLP_ON);
        glp_create_index(Q);
        while (glp_find_col(Q, name) != 0)
            snprintf(name, sizeof name, "obj_constant_%d", ++k);
        j = glp_add_cols(Q, 1);
        glp_set_col_name(Q, j, name);
        glp_set_col_bnds(Q, j, GLP_FX, 1.0, 1.0);
        glp_set_obj_coef(Q, j, c0);
        glp_set_obj_coef(Q, 0, 0.0);
        P = Q;
    }
    if (a->fmt == HP_WRITE_LP)
        rc = glp_write_lp(P, NULL, a->path);
    else
        rc = glp_write_mps(P, GLP_MPS_FILE, NULL, a->path);
    if (Q)
        glp_delete_prob(Q);
    return rc == 0 ? HP_OK : HP_EIO;
}

static hp_status glpk_write(void *vh, const char *path, hp_write_fmt fmt)
{
    write_arg a = {path, fmt};
    if (!path || (fmt != HP_WRITE_LP && fmt != HP_WRITE_MPS))
        return HP_EINVAL;
    return hpi_glpk_guarded(vh, write_body, &a);
}

static const hp_backend_ops glpk_ops = {
    .name = "glpk",
    .version = glpk_version,
    .create = glpk_create,
    .destroy = glpk_destroy,
    .load = glpk_load,
    .set_obj = glpk_set_obj,
    .set_col_bounds = glpk_set_col_bounds,
    .set_row_bounds = glpk_set_row_bounds,
    .solve_lp = hpi_glpk_solve_lp,
    .solve_mip = hpi_glpk_solve_mip,
    .get_primal = glpk_get_primal,
    .get_duals = glpk_get_duals,
    .write = glpk_write,
    .rhs_range = hpi_glpk_rhs_range,
};

const hp_backend_ops *hp_backend_glpk(void)
{
    return &glpk_ops;
}
