/* hreeplan solver layer: the backend-neutral sparse LP/MIP model.
 *
 * Columns and rows live in growable parallel arrays; coefficients are kept
 * as triplets in insertion order.  Nothing here talks to a backend, so
 * hp_lp_validate() can name a bad row or column before GLPK would abort. */
#include "lp.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GLPK refuses (aborts on) names longer than this. */
#define HP_LP_NAME_MAX 255

typedef struct lp_vec {
    char **name;
    double *lb, *ub;
    double *obj; /* columns only */
    int *is_int; /* columns only */
    int n, cap;
} lp_vec;

struct hp_lp {
    lp_vec col, row;
    int *ci, *cj;
    double *cv;
    size_t nnz, nnz_cap;
    int nints;
    double obj_const;
};

hp_lp *hp_lp_new(void)
{
    return calloc(1, sizeof(hp_lp));
}

static void vec_free(lp_vec *v)
{
    for (int i = 0; i < v->n; i++)
        free(v->name[i]);
    free(v->name);
    free(v->lb);
    free(v->ub);
    free(v->obj);
    free(v->is_int);
}

void hp_lp_free(hp_lp *lp)
{
    if (!lp)
        return;
    vec_free(&lp->col);
    vec_free(&lp->row);
    free(lp->ci);
    free(lp->cj);
    free(lp->cv);
    free(lp);
}

static int grow(void **p, size_t n, size_t size)
{
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* Makes room for one more entry; each array is grown separately so a
 * failure leaves every array at least as large as before (no leak, no
 * inconsistency: only cap is raised once all succeeded). */
static int vec_reserve(lp_vec *v, int is_col)
{
    size_t cap;
    if (v->n < v->cap)
        return 0;
    cap = v->cap ? (size_t)v->cap * 2 : 16;
    if (cap > (size_t)INT32_MAX)
        return -1;
    if (grow((void **)&v->name, cap, sizeof *v->name) ||
        grow((void **)&v->lb, cap, sizeof *v->lb) || grow((void **)&v->ub, cap, sizeof *v->ub))
        return -1;
    if (is_col && (grow((void **)&v->obj, cap, sizeof *v->obj) ||
                   grow((void **)&v->is_int, cap, sizeof *v->is_int)))
        return -1;
    v->cap = (int)cap;
    return 0;
}

static char *dup_name(const char *s)
{
    size_t n;
    char *d;
    if (!s)
        s = "";
    n = strlen(s) + 1;
    d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int hp_lp_add_col(hp_lp *lp, const char *name, double lb, double ub, double obj, int is_int)
{
    lp_vec *v = &lp->col;
    char *nm;
    if (vec_reserve(v, 1))
        return -1;
    nm = dup_name(name);
    if (!nm)
        return -1;
    v->name[v->n] = nm;
    v->lb[v->n] = lb;
    v->ub[v->n] = ub;
    v->obj[v->n] = obj;
    v->is_int[v->n] = is_int != 0;
    if (is_int)
        lp->nints++;
    return v->n++;
}

int hp_lp_add_row(hp_lp *lp, const char *name, double lb, double ub)
{
    lp_vec *v = &lp->row;
    char *nm;
    if (vec_reserve(v, 0))
        return -1;
    nm = dup_name(name);
    if (!nm)
        return -1;
    v->name[v->n] = nm;
    v->lb[v->n] = lb;
    v->ub[v->n] = ub;
    return v->n++;
}

hp_status hp_lp_add_coef(hp_lp *lp, int row, int col, double val)
{
    if (row < 0 || row >= lp->row.n || col < 0 || col >= lp->col.n)
        return HP_EINVAL;
    if (val == 0.0)
        return HP_OK;
    if (lp->nnz == lp->nnz_cap) {
        size_t cap = lp->nnz_cap ? lp->nnz_cap * 2 : 64;
        if (grow((void **)&lp->ci, cap, sizeof *lp->ci) ||
            grow((void **)&lp->cj, cap, sizeof *lp->cj) ||
            grow((void **)&lp->cv, cap, sizeof *lp->cv))
            return HP_ENOMEM;
        lp->nnz_cap = cap;
    }
    lp->ci[lp->nnz] = row;
    lp->cj[lp->nnz] = col;
    lp->cv[lp->nnz] = val;
    lp->nnz++;
    return HP_OK;
}

void hp_lp_set_obj_const(hp_lp *lp, double c)
{
    lp->obj_const = c;
}

void hp_lp_set_obj(hp_lp *lp, int col, double val)
{
    if (col >= 0 && col < lp->col.n)
        lp->col.obj[col] = val;
}

void hp_lp_set_col_bounds(hp_lp *lp, int col, double lb, double ub)
{
    if (col >= 0 && col < lp->col.n) {
        lp->col.lb[col] = lb;
        lp->col.ub[col] = ub;
    }
}

void hp_lp_set_row_bounds(hp_lp *lp, int row, double lb, double ub)
{
    if (row >= 0 && row < lp->row.n) {
        lp->row.lb[row] = lb;
        lp->row.ub[row] = ub;
    }
}

/* ---- validation ---------------------------------------------------- */

static hp_status fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static hp_status fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return HP_EINVAL;
}

static hp_status check_name(const char *what, int idx, const char *name, char *err, size_t errlen)
{
    size_t n = strlen(name);
    if (n > HP_LP_NAME_MAX)
        return fail(err, errlen, "%s %d '%.40s...': name longer than %d characters", what, idx,
                    name, HP_LP_NAME_MAX);
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)name[k] < 32 || name[k] == 127)
            return fail(err, errlen, "%s %d: name contains a control character", what, idx);
    return HP_OK;
}

static hp_status check_bounds(const char *what, int idx, const char *name, double lb, double ub,
                              char *err, size_t errlen)
{
    if (isnan(lb) || isnan(ub))
        return fail(err, errlen, "%s '%s': bound is NaN", what, name);
    if (lb == HUGE_VAL)
        return fail(err, errlen, "%s '%s': lower bound is +infinity", what, name);
    if (ub == -HUGE_VAL)
        return fail(err, errlen, "%s '%s': upper bound is -infinity", what, name);
    if (lb > ub)
        return fail(err, errlen, "%s '%s': lower bound %.17g > upper bound %.17g", what, name, lb,
                    ub);
    return check_name(what, idx, name, err, errlen);
}

typedef struct coef_key {
    uint64_t key;
    size_t pos;
} coef_key;

static int cmp_key(const void *a, const void *b)
{
    const coef_key *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

hp_status hp_lp_validate(const hp_lp *lp, char *err, size_t errlen)
{
    coef_key *keys = NULL;
    hp_status st = HP_OK;

    if (err && errlen)
        err[0] = '\0';
    if (!lp)
        return fail(err, errlen, "no model");
    if (!isfinite(lp->obj_const))
        return fail(err, errlen, "objective constant is not finite");
    for (int j = 0; j < lp->col.n; j++) {
        const char *nm = lp->col.name[j];
        HP_CALL(check_bounds("column", j, nm, lp->col.lb[j], lp->col.ub[j], err, errlen));
        if (!isfinite(lp->col.obj[j])) {
            st = fail(err, errlen, "column '%s': objective coefficient is %g", nm, lp->col.obj[j]);
            goto cleanup;
        }
    }
    for (int i = 0; i < lp->row.n; i++)
        HP_CALL(check_bounds("row", i, lp->row.name[i], lp->row.lb[i], lp->row.ub[i], err, errlen));
    for (size_t k = 0; k < lp->nnz; k++) {
        int i = lp->ci[k], j = lp->cj[k];
        if (i < 0 || i >= lp->row.n || j < 0 || j >= lp->col.n) {
            st = fail(err, errlen, "coefficient %zu: index (%d, %d) out of range", k, i, j);
            goto cleanup;
        }
        if (!isfinite(lp->cv[k])) {
            st = fail(err, errlen, "row '%s', column '%s': coefficient is %g", lp->row.name[i],
                      lp->col.name[j], lp->cv[k]);
            goto cleanup;
        }
    }
    if (lp->nnz > 1) {
        keys = malloc(lp->nnz * sizeof *keys);
        if (!keys) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        for (size_t k = 0; k < lp->nnz; k++) {
            keys[k].key = (uint64_t)(uint32_t)lp->ci[k] << 32 | (uint32_t)lp->cj[k];
            keys[k].pos = k;
        }
        qsort(keys, lp->nnz, sizeof *keys, cmp_key);
        for (size_t k = 1; k < lp->nnz; k++)
            if (keys[k].key == keys[k - 1].key) {
                size_t p = keys[k].pos;
                st = fail(err, errlen, "row '%s', column '%s': duplicate coefficient",
                          lp->row.name[lp->ci[p]], lp->col.name[lp->cj[p]]);
                goto cleanup;
            }
    }
cleanup:
    free(keys);
    return st;
}

/* ---- read access --------------------------------------------------- */

int hp_lp_ncols(const hp_lp *lp)
{
    return lp->col.n;
}
int hp_lp_nrows(const hp_lp *lp)
{
    return lp->row.n;
}
size_t hp_lp_nnz(const hp_lp *lp)
{
    return lp->nnz;
}
int hp_lp_nints(const hp_lp *lp)
{
    return lp->nints;
}
const char *hp_lp_col_name(const hp_lp *lp, int col)
{
    return lp->col.name[col];
}
const char *hp_lp_row_name(const hp_lp *lp, int row)
{
    return lp->row.name[row];
}
double hp_lp_col_lb(const hp_lp *lp, int col)
{
    return lp->col.lb[col];
}
double hp_lp_col_ub(const hp_lp *lp, int col)
{
    return lp->col.ub[col];
}
double hp_lp_obj(const hp_lp *lp, int col)
{
    return lp->col.obj[col];
}
double hp_lp_obj_const(const hp_lp *lp)
{
    return lp->obj_const;
}
int hp_lp_col_is_int(const hp_lp *lp, int col)
{
    return lp->col.is_int[col];
}
double hp_lp_row_lb(const hp_lp *lp, int row)
{
    return lp->row.lb[row];
}
double hp_lp_row_ub(const hp_lp *lp, int row)
{
    return lp->row.ub[row];
}
const int *hp_lp_coef_rows(const hp_lp *lp)
{
    return lp->ci;
}
const int *hp_lp_coef_cols(const hp_lp *lp)
{
    return lp->cj;
}
const double *hp_lp_coef_vals(const hp_lp *lp)
{
    return lp->cv;
}

static int find_name(const lp_vec *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->name[i], name) == 0)
            return i;
    return -1;
}

int hp_lp_find_col(const hp_lp *lp, const char *name)
{
    return find_name(&lp->col, name);
}
int hp_lp_find_row(const hp_lp *lp, const char *name)
{
    return find_name(&lp->row, name);
}

double hp_lp_eval_obj(const hp_lp *lp, const double *x)
{
    double s = lp->obj_const;
    for (int j = 0; j < lp->col.n; j++)
        s += lp->col.obj[j] * x[j];
    return s;
}
