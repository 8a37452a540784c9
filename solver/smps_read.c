/* hreeplan solver layer: the SMPS core (MPS) and time files (smps.h); the
 * problem's life cycle and accessors. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smps_int.h"

/* ---- core ----------------------------------------------------------- */

/* in the order they may come */
enum { S_NONE, S_NAME, S_OBJSENSE, S_ROWS, S_COLUMNS, S_RHS, S_RANGES, S_BOUNDS, S_END };

static int grow(void **a, size_t elem, size_t need, size_t *cap)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *n = realloc(*a, nc * elem);
    if (!n)
        return -1;
    *a = n;
    *cap = nc;
    return 0;
}

static hp_status add_row(hp_smps *p, hpi_smps_rd *r, const char *type, const char *name,
                         hpi_names *dropped, size_t *cap)
{
    char t = (char)toupper((unsigned char)type[0]);
    if (type[1] || !strchr("NELG", t))
        return hpi_smps_fail(r, "row type '%s': expected N, E, L or G", type);
    if (hpi_names_find(&p->rows, name) >= 0 || hpi_names_find(dropped, name) >= 0 ||
        (p->obj_name && !strcmp(p->obj_name, name)))
        return hpi_smps_fail(r, "row '%s' defined twice", name);
    if (t == 'N') {
        if (!p->obj_name)
            return (p->obj_name = strdup(name)) ? HP_OK : HP_ENOMEM;
        return hpi_names_add(dropped, name) < 0 ? HP_ENOMEM : HP_OK;
    }
    size_t need = (size_t)p->rows.n + 1, c0 = *cap, c1 = *cap, c2 = *cap;
    if (grow((void **)&p->type, 1, need, &c0) ||
        grow((void **)&p->rhs, sizeof(double), need, &c1) ||
        grow((void **)&p->range, sizeof(double), need, &c2) ||
        grow((void **)&p->has_range, 1, need, cap))
        return HP_ENOMEM;
    int i = hpi_names_add(&p->rows, name);
    if (i < 0)
        return HP_ENOMEM;
    p->type[i] = t;
    p->rhs[i] = 0.0;
    p->range[i] = 0.0;
    p->has_range[i] = 0;
    return HP_OK;
}

static hp_status add_col(hp_smps *p, hpi_smps_rd *r, const char *name, int integer, size_t *cap)
{
    size_t need = (size_t)p->cols.n + 2, c[5] = {*cap, *cap, *cap, *cap, *cap};
    if (hpi_names_find(&p->cols, name) >= 0)
        return hpi_smps_fail(r, "column '%s': its entries are not together", name);
    if (grow((void **)&p->lb, sizeof(double), need, &c[0]) ||
        grow((void **)&p->ub, sizeof(double), need, &c[1]) ||
        grow((void **)&p->cost, sizeof(double), need, &c[2]) ||
        grow((void **)&p->is_int, 1, need, &c[3]) ||
        grow((void **)&p->col_beg, sizeof(size_t), need, cap))
        return HP_ENOMEM;
    int j = hpi_names_add(&p->cols, name);
    if (j < 0)
        return HP_ENOMEM;
    p->lb[j] = 0.0;
    p->ub[j] = HUGE_VAL;
    p->cost[j] = 0.0;
    p->is_int[j] = (unsigned char)integer;
    p->col_beg[j] = p->nnz;
    p->col_beg[j + 1] = p->nnz;
    return HP_OK;
}

static hp_status add_entry(hp_smps *p, hpi_smps_rd *r, const hpi_names *dropped, const char *row,
                           const char *val)
{
    int j = p->cols.n - 1, i;
    double v;
    hp_status st = hpi_smps_num(r, val, row, &v);
    if (st)
        return st;
    if (!isfinite(v))
        return hpi_smps_fail(r, "%s: an infinite coefficient", row);
    if (p->obj_name && !strcmp(row, p->obj_name)) {
        p->cost[j] += v;
        return HP_OK;
    }
    if (hpi_names_find(dropped, row) >= 0)
        return HP_OK;
    if ((i = hpi_names_find(&p->rows, row)) < 0)
        return hpi_smps_fail(r, "unknown row '%s'", row);
    for (size_t k = p->col_beg[j]; k < p->nnz; k++)
        if (p->t_row[k] == i)
            return hpi_smps_fail(r, "column '%s', row '%s': entry given twice", p->cols.name[j],
                                 row);
    size_t c1 = p->cap_nnz, c2 = p->cap_nnz;
    if (grow((void **)&p->t_row, sizeof(int), p->nnz + 1, &c1) ||
        grow((void **)&p->t_val, sizeof(double), p->nnz + 1, &c2) ||
        grow((void **)&p->t_line, sizeof(int), p->nnz + 1, &p->cap_nnz))
        return HP_ENOMEM;
    p->t_row[p->nnz] = i;
    p->t_val[p->nnz] = v;
    p->t_line[p->nnz] = r->line;
    p->nnz++;
    p->col_beg[j + 1] = p->nnz;
    return HP_OK;
}

/* RHS and RANGES lines: [SET] ROW VALUE [ROW VALUE]. */
static hp_status rhs_line(hp_smps *p, hpi_smps_rd *r, const hpi_names *dropped, char **tok, int n,
                          int ranges, char **set)
{
    int first = n % 2; /* odd: a set name first */
    hp_status st;
    if (n < 2)
        return hpi_smps_fail(r, "expected [SET] ROW VALUE [ROW VALUE]");
    if (first) {
        if (!*set && !(*set = strdup(tok[0])))
            return HP_ENOMEM;
        if (strcmp(*set, tok[0]))
            return HP_OK; /* a second vector: only the first is read (as GLPK) */
    }
    for (int k = first; k + 1 < n; k += 2) {
        double v;
        int i;
        if ((st = hpi_smps_num(r, tok[k + 1], tok[k], &v)))
            return st;
        if (p->obj_name && !strcmp(tok[k], p->obj_name)) {
            if (ranges)
                continue;
            if (!isfinite(v))
                return hpi_smps_fail(r, "%s: an infinite objective constant", tok[k]);
            p->obj_const = -v;
            continue;
        }
        if (hpi_names_find(dropped, tok[k]) >= 0)
            continue;
        if ((i = hpi_names_find(&p->rows, tok[k])) < 0)
            return hpi_smps_fail(r, "unknown row '%s'", tok[k]);
        if (!isfinite(v))
            return hpi_smps_fail(r, "%s: an infinite %s", tok[k],
                                 ranges ? "range" : "right-hand side");
        if (ranges) {
            p->range[i] = v;
            p->has_range[i] = 1;
        } else {
            p->rhs[i] = v;
        }
    }
    return HP_OK;
}

static hp_status bound_line(hp_smps *p, hpi_smps_rd *r, char **tok, int n, char **set)
{
    static const char *const types[] = {"UP", "LO", "FX", "FR", "MI", "PL", "BV", "LI", "UI"};
    int t = -1, j, valued, k;
    double v = 0.0;
    hp_status st;
    for (int q = 0; q < 9; q++)
        if (!strcmp(tok[0], types[q]))
            t = q;
    if (t < 0)
        return hpi_smps_fail(r, "bound type '%s': expected UP, LO, FX, FR, MI, PL, BV, LI or UI",
                             tok[0]);
    valued = t <= 2 || t >= 7;
    /* fields after the type: [SET] COL [VALUE] */
    if (t == 6) /* BV: the value is optional */
        k = (n == 4 || (n == 3 && hpi_names_find(&p->cols, tok[2]) >= 0)) ? 2 : 1;
    else
        k = n - (valued ? 2 : 1);
    if (k < 1 || k > 2 || (valued && t != 6 && n != k + 2))
        return hpi_smps_fail(r, "expected %s [SET] COLUMN%s", tok[0], valued ? " VALUE" : "");
    if (k == 2) {
        if (!*set && !(*set = strdup(tok[1])))
            return HP_ENOMEM;
        if (strcmp(*set, tok[1]))
            return HP_OK;
    }
    if ((j = hpi_names_find(&p->cols, tok[k])) < 0)
        return hpi_smps_fail(r, "unknown column '%s'", tok[k]);
    if (k + 1 < n && (st = hpi_smps_num(r, tok[k + 1], tok[k], &v)))
        return st;
    switch (t) {
    case 0: /* UP: a negative bound with lower bound 0 makes the lower -inf (MPS) */
    case 8:
        if (v < 0.0 && p->lb[j] == 0.0)
            p->lb[j] = -HUGE_VAL;
        p->ub[j] = v;
        break;
    case 1:
    case 7:
        p->lb[j] = v;
        break;
    case 2:
        if (!isfinite(v))
            return hpi_smps_fail(r, "%s: an infinite fixed value", tok[k]);
        p->lb[j] = p->ub[j] = v;
        break;
    case 3:
        p->lb[j] = -HUGE_VAL;
        p->ub[j] = HUGE_VAL;
        break;
    case 4:
        p->lb[j] = -HUGE_VAL;
        break;
    case 5:
        p->ub[j] = HUGE_VAL;
        break;
    case 6:
        p->lb[j] = 0.0;
        p->ub[j] = 1.0;
        break;
    }
    if (t >= 6)
        p->is_int[j] = 1;
    if (p->lb[j] > p->ub[j])
        return hpi_smps_fail(r, "column '%s': lower bound %g above upper bound %g", tok[k],
                             p->lb[j], p->ub[j]);
    return HP_OK;
}

static int section_of(const char *s)
{
    static const char *const names[] = {"NAME",   "ROWS",   "COLUMNS",  "RHS",
                                        "RANGES", "BOUNDS", "OBJSENSE", "ENDATA"};
    static const int ids[] = {S_NAME,   S_ROWS,   S_COLUMNS,  S_RHS,
                              S_RANGES, S_BOUNDS, S_OBJSENSE, S_END};
    for (int k = 0; k < 8; k++)
        if (!strcmp(s, names[k]))
            return ids[k];
    return -1;
}

static hp_status sense_word(hp_smps *p, hpi_smps_rd *r, const char *w)
{
    if (!strcmp(w, "MIN") || !strcmp(w, "MINIMIZE") || !strcmp(w, "MINIMISE"))
        p->sense = 1.0;
    else if (!strcmp(w, "MAX") || !strcmp(w, "MAXIMIZE") || !strcmp(w, "MAXIMISE"))
        p->sense = -1.0;
    else
        return hpi_smps_fail(r, "OBJSENSE '%s': expected MIN or MAX", w);
    return HP_OK;
}

hp_status hpi_smps_read_core(hp_smps *p, const char *file, char *err, size_t errlen)
{
    hpi_smps_rd r;
    hpi_names dropped;
    char *tok[8], *rhs_set = NULL, *rng_set = NULL, *bnd_set = NULL;
    int sec = S_NONE, n, header, integer = 0, seen[S_END + 1] = {0};
    size_t rcap = 0, ccap = 0;
    hp_status st = hpi_smps_open(&r, file, err, errlen);
    memset(&dropped, 0, sizeof dropped);
    p->sense = 1.0;
    if (st)
        return st;
    while ((n = hpi_smps_next(&r, tok, 8, &header)) > 0) {
        if (header) {
            int s = section_of(tok[0]);
            if (s < 0) {
                st = hpi_smps_fail(&r, "unknown section '%s'", tok[0]);
                goto cleanup;
            }
            if (s <= sec || (s > S_ROWS && s != S_OBJSENSE && s != S_END && !seen[S_ROWS])) {
                st = hpi_smps_fail(&r, "section %s out of place", tok[0]);
                goto cleanup;
            }
            if (s == S_COLUMNS && !p->obj_name) {
                st = hpi_smps_fail(&r, "no objective (N) row in ROWS");
                goto cleanup;
            }
            sec = s;
            seen[s] = 1;
            if (s == S_OBJSENSE && n == 2 && (st = sense_word(p, &r, tok[1])))
                goto cleanup;
            /* "RHS RIGHT": a set name after the header is allowed (and not used) */
            if (s != S_NAME &&
                (n > 2 || (n == 2 && (s == S_ROWS || s == S_COLUMNS || s == S_END)))) {
                st = hpi_smps_fail(&r, "unexpected text after %s", tok[0]);
                goto cleanup;
            }
            if (s == S_END)
                break;
            continue;
        }
        switch (sec) {
        case S_ROWS:
            st = n == 2 ? add_row(p, &r, tok[0], tok[1], &dropped, &rcap)
                        : hpi_smps_fail(&r, "expected TYPE NAME");
            break;
        case S_COLUMNS:
            if (n == 3 && !strcmp(tok[1], "'MARKER'")) {
                if (!strcmp(tok[2], "'INTORG'"))
                    integer = 1;
                else if (!strcmp(tok[2], "'INTEND'"))
                    integer = 0;
                else
                    st = hpi_smps_fail(&r, "marker %s: expected 'INTORG' or 'INTEND'", tok[2]);
                break;
            }
            if (n != 3 && n != 5) {
                st = hpi_smps_fail(&r, "expected COLUMN ROW VALUE [ROW VALUE]");
                break;
            }
            if (!p->cols.n || strcmp(p->cols.name[p->cols.n - 1], tok[0]))
                if ((st = add_col(p, &r, tok[0], integer, &ccap)))
                    break;
            if (!(st = add_entry(p, &r, &dropped, tok[1], tok[2])) && n == 5)
                st = add_entry(p, &r, &dropped, tok[3], tok[4]);
            break;
        case S_RHS:
        case S_RANGES:
            st = rhs_line(p, &r, &dropped, tok, n, sec == S_RANGES,
                          sec == S_RANGES ? &rng_set : &rhs_set);
            break;
        case S_BOUNDS:
            st = bound_line(p, &r, tok, n, &bnd_set);
            break;
        case S_OBJSENSE:
            st = n == 1 ? sense_word(p, &r, tok[0]) : hpi_smps_fail(&r, "expected MIN or MAX");
            break;
        default:
            st = hpi_smps_fail(&r, "data outside a section");
            break;
        }
        if (st)
            goto cleanup;
    }
    if (n < 0) {
        st = HP_EINVAL;
        goto cleanup;
    }
    r.line = 0;
    if (sec != S_END)
        st = hpi_smps_fail(&r, "no ENDATA (the file ends early)");
    else if (!p->cols.n)
        st = hpi_smps_fail(&r, "no columns");
    if (!st && p->sense < 0)
        for (int j = 0; j < p->cols.n; j++)
            p->cost[j] = -p->cost[j];
    if (!st && p->sense < 0)
        p->obj_const = -p->obj_const;
cleanup:
    if (st == HP_ENOMEM)
        snprintf(err, errlen, "%s: out of memory", file);
    hpi_names_free(&dropped);
    free(rhs_set);
    free(rng_set);
    free(bnd_set);
    hpi_smps_close(&r);
    return st;
}

void hpi_smps_row_bounds(const hp_smps *p, int i, double rhs, double *lb, double *ub)
{
    double R = fabs(p->range[i]);
    switch (p->type[i]) {
    case 'E':
        *lb = *ub = rhs;
        if (p->has_range[i]) {
            if (p->range[i] >= 0)
                *ub = rhs + R;
            else
                *lb = rhs - R;
        }
        break;
    case 'L':
        *lb = p->has_range[i] ? rhs - R : -HUGE_VAL;
        *ub = rhs;
        break;
    default:
        *lb = rhs;
        *ub = p->has_range[i] ? rhs + R : HUGE_VAL;
        break;
    }
}

/* ---- time ----------------------------------------------------------- */

hp_status hpi_smps_read_time(hp_smps *p, const char *file, char *err, size_t errlen)
{
    hpi_smps_rd r;
    char *tok[8];
    int n, header, sec = 0, np = 0, c[3], w[3];
    hp_status st = hpi_smps_open(&r, file, err, errlen);
    if (st)
        return st;
    while ((n = hpi_smps_next(&r, tok, 8, &header)) > 0) {
        if (header) {
            if (!strcmp(tok[0], "TIME") && sec == 0 && n <= 2) {
                sec = 1;
            } else if (!strcmp(tok[0], "PERIODS") && sec == 1 &&
                       (n == 1 || !strcmp(tok[1], "IMPLICIT"))) {
                sec = 2;
            } else if (!strcmp(tok[0], "PERIODS") && sec == 1) {
                st = hpi_smps_fail(&r, "PERIODS %s: only the implicit form is read", tok[1]);
            } else if (!strcmp(tok[0], "ENDATA") && sec == 2) {
                sec = 3;
                break;
            } else {
                st = hpi_smps_fail(&r, "'%s': expected %s", tok[0],
                                   sec == 0   ? "TIME"
                                   : sec == 1 ? "PERIODS"
                                              : "ENDATA");
            }
        } else if (sec != 2) {
            st = hpi_smps_fail(&r, "data outside the PERIODS section");
        } else if (n != 3) {
            st = hpi_smps_fail(&r, "expected COLUMN ROW PERIOD");
        } else if (np == 2) {
            st = hpi_smps_fail(&r, "a third period: only two-stage problems are read");
        } else if ((c[np] = hpi_names_find(&p->cols, tok[0])) < 0) {
            st = hpi_smps_fail(&r, "unknown column '%s'", tok[0]);
        } else if ((w[np] = hpi_names_find(&p->rows, tok[1])) < 0) {
            st = hpi_smps_fail(&r, "unknown row '%s'", tok[1]);
        } else if (np == 0 && (c[0] != 0 || w[0] != 0)) {
            st = hpi_smps_fail(&r,
                               "the first period must start at the core's first column "
                               "and row (%s, %s)",
                               p->cols.name[0], p->rows.n ? p->rows.name[0] : "none");
        } else if (np == 1 && (c[1] == 0 || w[1] == 0)) {
            st = hpi_smps_fail(&r, "the second period starts where the first does");
        } else if (np == 1 && !strcmp(tok[2], p->period[0])) {
            st = hpi_smps_fail(&r, "period '%s' named twice", tok[2]);
        } else if (!(p->period[np] = strdup(tok[2]))) {
            st = HP_ENOMEM;
        } else {
            np++;
        }
        if (st)
            goto cleanup;
    }
    if (n < 0) {
        st = HP_EINVAL;
        goto cleanup;
    }
    r.line = 0;
    if (sec != 3) {
        st = hpi_smps_fail(&r, "no ENDATA (the file ends early)");
        goto cleanup;
    }
    if (np != 2) {
        st = hpi_smps_fail(&r, "%d period%s: two-stage problems have two", np, np == 1 ? "" : "s");
        goto cleanup;
    }
    p->n1 = c[1];
    p->m1 = w[1];
    /* the stages must be a staircase: no second-stage column in a first-stage row */
    for (int j = p->n1; j < p->cols.n; j++) {
        if (p->is_int[j]) {
            snprintf(err, errlen,
                     "%s: column '%s' of the second period is integer: integer recourse is not "
                     "supported",
                     p->core_file, p->cols.name[j]);
            st = HP_EINVAL;
            goto cleanup;
        }
        for (size_t k = p->col_beg[j]; k < p->col_beg[j + 1]; k++)
            if (p->t_row[k] < p->m1) {
                snprintf(err, errlen,
                         "%s:%d: column '%s' of period %s has an entry in row '%s' of period %s",
                         p->core_file, p->t_line[k], p->cols.name[j], p->period[1],
                         p->rows.name[p->t_row[k]], p->period[0]);
                st = HP_EINVAL;
                goto cleanup;
            }
    }
cleanup:
    if (st == HP_ENOMEM)
        snprintf(err, errlen, "%s: out of memory", file);
    hpi_smps_close(&r);
    return st;
}

/* ---- the problem ---------------------------------------------------- */

hp_status hp_smps_read(const char *core, const char *time, const char *stoch, hp_smps **out,
                       char *err, size_t errlen)
{
    hp_smps *p = calloc(1, sizeof *p);
    hp_status st;
    *out = NULL;
    if (!p || !(p->core_file = strdup(core)) || !(p->stoch_file = strdup(stoch))) {
        hp_smps_free(p);
        snprintf(err, errlen, "%s: out of memory", core);
        return HP_ENOMEM;
    }
    if ((st = hpi_smps_read_core(p, core, err, errlen)) ||
        (st = hpi_smps_read_time(p, time, err, errlen)) ||
        (st = hpi_smps_read_stoch(p, stoch, err, errlen))) {
        hp_smps_free(p);
        return st;
    }
    *out = p;
    return HP_OK;
}

void hp_smps_free(hp_smps *p)
{
    if (!p)
        return;
    hpi_names_free(&p->cols);
    hpi_names_free(&p->rows);
    free(p->core_file);
    free(p->stoch_file);
    free(p->obj_name);
    free(p->lb);
    free(p->ub);
    free(p->cost);
    free(p->is_int);
    free(p->col_beg);
    free(p->type);
    free(p->rhs);
    free(p->range);
    free(p->has_range);
    free(p->t_row);
    free(p->t_val);
    free(p->t_line);
    free(p->period[0]);
    free(p->period[1]);
    free(p->elem);
    for (int f = 0; f < p->n_fac; f++) {
        hpi_smps_factor *q = &p->fac[f];
        free(q->prob);
        free(q->beg);
        free(q->mods);
        free(q->name);
        if (q->out_name)
            for (int k = 0; k < q->n_out; k++)
                free(q->out_name[k]);
        free(q->out_name);
    }
    free(p->fac);
    free(p);
}

int hp_smps_first_cols(const hp_smps *p)
{
    return p->n1;
}

const char *hp_smps_col_name(const hp_smps *p, int col)
{
    return p->cols.name[col];
}

const char *hp_smps_method_str(hp_smps_method m)
{
    return m == HP_SMPS_EXTENSIVE ? "extensive" : m == HP_SMPS_LSHAPED ? "lshaped" : "auto";
}
