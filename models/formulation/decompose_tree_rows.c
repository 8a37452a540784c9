/* hreeplan: the rows of the tree problem with aliased columns merged
 * (decompose_tree.h).  Once a scenario's decisions in a shared node are
 * the representative's columns, its non-anticipativity rows read 0 = 0 and
 * its rows in that node repeat the representative's (same data, same
 * columns): both are dropped, which leaves one copy of each node's rows. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decompose_tree.h"

typedef struct ent {
    int col;
    double val;
} ent;

static int by_col(const void *a, const void *b)
{
    int x = ((const ent *)a)->col, y = ((const ent *)b)->col;
    return (x > y) - (x < y);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

static uint64_t bits(double v)
{
    uint64_t u;
    v = v == 0.0 ? 0.0 : v; /* -0 as 0 */
    memcpy(&u, &v, sizeof u);
    return u;
}

static uint64_t row_hash(const hp_lp *lp, int r, const ent *e, size_t n)
{
    uint64_t h = mix(bits(hp_lp_row_lb(lp, r)), bits(hp_lp_row_ub(lp, r)));
    for (size_t k = 0; k < n; k++)
        h = mix(mix(h, (uint64_t)e[k].col), bits(e[k].val));
    return h;
}

static int same_row(const hp_lp *lp, int a, int b, const size_t *beg, const ent *e)
{
    size_t na = beg[a + 1] - beg[a], nb = beg[b + 1] - beg[b];
    if (na != nb || hp_lp_row_lb(lp, a) != hp_lp_row_lb(lp, b) ||
        hp_lp_row_ub(lp, a) != hp_lp_row_ub(lp, b))
        return 0;
    for (size_t k = 0; k < na; k++)
        if (e[beg[a] + k].col != e[beg[b] + k].col || e[beg[a] + k].val != e[beg[b] + k].val)
            return 0;
    return 1;
}

hp_status hpi_tb_merge_rows(const hpi_tb *d, hpi_tb_rows *out)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    int nR = hp_lp_nrows(lp);
    size_t nnz = hp_lp_nnz(lp), H = 1;
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    size_t *beg = calloc((size_t)nR + 2, sizeof *beg), *at = NULL;
    ent *e = malloc((nnz + 1) * sizeof *e);
    int *table = NULL;

    memset(out, 0, sizeof *out);
    out->keep = calloc((size_t)nR + 1, 1);
    while (H < 2 * (size_t)nR + 2)
        H *= 2;
    table = malloc(H * sizeof *table);
    at = malloc(((size_t)nR + 1) * sizeof *at);
    if (!beg || !e || !out->keep || !table || !at) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (size_t k = 0; k < nnz; k++)
        beg[ri[k] + 1]++;
    for (int r = 0; r < nR; r++) {
        beg[r + 1] += beg[r];
        at[r] = beg[r];
    }
    for (size_t k = 0; k < nnz; k++) {
        ent *x = &e[at[ri[k]]++];
        x->col = d->alias[cj[k]];
        x->val = cv[k];
    }
    /* merge each row's entries on the same column, drop zeros, compact */
    {
        size_t w = 0, b0 = 0;
        for (int r = 0; r < nR; r++) {
            size_t b1 = beg[r + 1], start = w;
            qsort(e + b0, b1 - b0, sizeof *e, by_col);
            for (size_t k = b0; k < b1; k++) {
                if (w > start && e[w - 1].col == e[k].col)
                    e[w - 1].val += e[k].val;
                else
                    e[w++] = e[k];
            }
            {
                size_t w2 = start;
                for (size_t k = start; k < w; k++)
                    if (e[k].val != 0.0)
                        e[w2++] = e[k];
                w = w2;
            }
            b0 = b1;
            beg[r] = start;
            beg[r + 1] = w;
        }
    }
    for (size_t h = 0; h < H; h++)
        table[h] = -1;
    for (int r = 0; r < nR; r++) {
        size_t n = beg[r + 1] - beg[r], h;
        if (n == 0)
            continue; /* 0 = 0: a non-anticipativity row of an alias */
        h = (size_t)row_hash(lp, r, e + beg[r], n) & (H - 1);
        while (table[h] >= 0 && !same_row(lp, table[h], r, beg, e))
            h = (h + 1) & (H - 1);
        if (table[h] >= 0)
            continue; /* the representative's row again */
        table[h] = r;
        out->keep[r] = 1;
    }
    out->beg = beg;
    beg = NULL; /* out's now */
    out->e_col = malloc((out->beg[nR] + 1) * sizeof *out->e_col);
    out->e_val = malloc((out->beg[nR] + 1) * sizeof *out->e_val);
    if (!out->e_col || !out->e_val) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (size_t k = 0; k < out->beg[nR]; k++) {
        out->e_col[k] = e[k].col;
        out->e_val[k] = e[k].val;
    }
cleanup:
    free(beg);
    free(e);
    free(table);
    free(at);
    if (st != HP_OK)
        hpi_tb_rows_free(out);
    return st;
}

void hpi_tb_rows_free(hpi_tb_rows *r)
{
    free(r->beg);
    free(r->e_col);
    free(r->e_val);
    free(r->keep);
    memset(r, 0, sizeof *r);
}
