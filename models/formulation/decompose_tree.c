/* hreeplan: the extensive form under the scenario tree split into a master
 * and scenario bundles (see decompose_tree.h for the scheme). */
#include "decompose_tree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decompose_int.h"
#include "model_int.h"

/* The spend bound's rows are in USD millions (decompose_stage.c). */
#define SPEND_UNIT 1e6

/* Technology triplets as they come, sorted by bundle at the end. */
typedef struct tech_buf {
    size_t n, cap;
    int *b, *row, *col;
    double *val;
} tech_buf;

static hp_status tech_push(tech_buf *t, int b, int row, int col, double val)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        int *nb = realloc(t->b, cap * sizeof *nb);
        if (nb)
            t->b = nb;
        int *nr = realloc(t->row, cap * sizeof *nr);
        if (nr)
            t->row = nr;
        int *nc = realloc(t->col, cap * sizeof *nc);
        if (nc)
            t->col = nc;
        double *nv = realloc(t->val, cap * sizeof *nv);
        if (nv)
            t->val = nv;
        if (!nb || !nr || !nc || !nv)
            return HP_ENOMEM;
        t->cap = cap;
    }
    t->b[t->n] = b;
    t->row[t->n] = row;
    t->col[t->n] = col;
    t->val[t->n] = val;
    t->n++;
    return HP_OK;
}

static void tech_free(tech_buf *t)
{
    free(t->b);
    free(t->row);
    free(t->col);
    free(t->val);
}

void hpi_tb_free(hpi_tb *d)
{
    if (!d)
        return;
    for (int b = 0; d->blocks && b < d->n_bundles; b++)
        hp_lp_free(d->blocks[b]);
    for (int b = 0; d->ties && b < d->n_bundles; b++)
        free(d->ties[b]);
    free(d->blocks);
    free(d->ties);
    hp_model_free(d->m);
    free(d->bundle_of);
    free(d->blk_of);
    free(d->alias);
    free(d->pos);
    free(d->rblk);
    free(d->rpos);
    hp_lp_free(d->first);
    free(d->beg);
    free(d->trow);
    free(d->tcol);
    free(d->tval);
    free(d->prob);
    memset(d, 0, sizeof *d);
}

/* Coefficients of a definition row (DEF - sum a c = rhs: coefficient a of
 * column c, the definition column's own set to 0); returns rhs. */
static double read_def(const hp_lp *lp, int row, int def_col, double *coef)
{
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    for (size_t k = 0; k < nnz; k++)
        if (ri[k] == row && cj[k] != def_col)
            coef[cj[k]] -= cv[k];
    return hp_lp_row_lb(lp, row);
}

/* Nodes, master nodes and each scenario's bundle. */
static hp_status bundles(hpi_tb *d, int bundle, char **is_master_out)
{
    const hp_tree *tr = d->m->tree;
    int S = tr->S, T = tr->T, N = tr->n_nodes;
    int *cnt = calloc((size_t)N + 1, sizeof *cnt), *bidx = malloc(((size_t)N + 1) * sizeof *bidx);
    char *is_master = calloc((size_t)N + 1, 1);
    hp_status st = HP_OK;

    d->bundle_of = malloc(((size_t)S + 1) * sizeof *d->bundle_of);
    if (!cnt || !bidx || !is_master || !d->bundle_of) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (size_t k = 0; k < (size_t)S * (size_t)T; k++)
        cnt[tr->node[k]]++;
    for (int n = 0; n < N; n++) {
        bidx[n] = -1;
        is_master[n] = (char)(tr->quarter[n] < T - 1 && cnt[n] > bundle);
        d->master_nodes += is_master[n];
    }
    for (int s = 0; s < S; s++) {
        int t = 0, n;
        while (t < T - 1 && is_master[tr->node[(size_t)t * (size_t)S + (size_t)s]])
            t++;
        n = tr->node[(size_t)t * (size_t)S + (size_t)s];
        if (bidx[n] < 0)
            bidx[n] = d->n_bundles++;
        d->bundle_of[s] = bidx[n];
    }
    *is_master_out = is_master;
    is_master = NULL;
cleanup:
    free(cnt);
    free(bidx);
    free(is_master);
    return st;
}

/* Column map[is] of scenario s in quarter t, map[ir] the same variable of
 * the representative r of s's node: the master's when the node is a master
 * node, else s's bundle's; an alias of r's column when r != s (the
 * non-anticipativity rows make them equal). */
static void mark(hpi_tb *d, const char *is_master, const int *map, size_t is, size_t ir, int s,
                 int t)
{
    const hp_tree *tr = d->m->tree;
    int c = map[is], n = tr->node[(size_t)t * (size_t)tr->S + (size_t)s];
    if (c < 0)
        return;
    if (tr->first[n] != s && map[ir] >= 0) {
        d->alias[c] = map[ir];
        d->blk_of[c] = d->blk_of[map[ir]];
        return;
    }
    d->blk_of[c] = is_master[n] ? -1 : d->bundle_of[s];
}

static void classify(hpi_tb *d, const char *is_master)
{
    const hp_model *m = d->m;
    const hp_instance *in = d->in;
    const hp_tree *tr = m->tree;
    int S = in->n_scenarios, P = in->n_products, J = in->n_suppliers, T = in->T;
    int nC = hp_lp_ncols(m->lp);
    size_t PT = (size_t)P * (size_t)T;

    for (int c = 0; c < nC; c++) {
        d->blk_of[c] = -1;
        d->alias[c] = c;
    }
    /* scenario by scenario: a representative comes before the others */
    for (int s = 0; s < S; s++) {
        for (int t = 0; t < T; t++) {
            size_t r = (size_t)hp_tree_rep(tr, s, t);
            for (int p = 0; p < P; p++) {
                size_t o = (size_t)p * (size_t)T + (size_t)t, is = (size_t)s * PT + o,
                       ir = r * PT + o;
                mark(d, is_master, m->y, is, ir, s, t);
                mark(d, is_master, m->u, is, ir, s, t);
                mark(d, is_master, m->inv, is, ir, s, t);
                mark(d, is_master, m->v, is, ir, s, t);
                mark(d, is_master, m->res_r, is, ir, s, t);
                for (int j = 0; j < J; j++) {
                    size_t jo = ((size_t)j * (size_t)P + (size_t)p) * (size_t)T + (size_t)t,
                           JPT = (size_t)J * PT;
                    mark(d, is_master, m->top_k, (size_t)s * JPT + jo, r * JPT + jo, s, t);
                }
                if (t == T - 1)
                    mark(d, is_master, m->term_e, (size_t)s * (size_t)P + (size_t)p,
                         r * (size_t)P + (size_t)p, s, T - 1);
            }
            if (t == T - 1 && m->xi)
                mark(d, is_master, m->xi, (size_t)s, r, s, T - 1);
        }
    }
    d->blk_of[m->cost_col] = d->blk_of[m->risk_col] = -2;
    d->blk_of[m->spend_col] = d->blk_of[m->penalty_col] = -2;
}

/* Moves the coefficients of aliased columns onto the columns they alias. */
static void fold(const hpi_tb *d, double *coef, int nC)
{
    for (int c = 0; c < nC; c++)
        if (d->alias[c] != c) {
            coef[d->alias[c]] += coef[c];
            coef[c] = 0.0;
        }
}

/* The least value of coef.col over bundle b's columns (ubo: upper bounds
 * replacing the columns' own, HUGE_VAL none); -HUGE_VAL when unbounded. */
static double block_min(const hpi_tb *d, int b, const double *coef, const double *ubo)
{
    const hp_lp *lp = d->m->lp;
    double v = 0.0;
    for (int c = 0; c < hp_lp_ncols(lp); c++)
        if (d->blk_of[c] == b && coef[c] != 0.0)
            v += fmin(coef[c] * hp_lp_col_lb(lp, c), coef[c] * fmin(hp_lp_col_ub(lp, c), ubo[c]));
    return isnan(v) ? -HUGE_VAL : v;
}

/* A bound coef.col <= ub across the bundles: budget columns w_b in the
 * master, master row sum + sum_b w_b <= ub, bundle rows part_b - w_b <= 0. */
static hp_status link_bound(hpi_tb *d, const double *coef, double ub, const double *ubo,
                            const char *name, tech_buf *tb)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    int nC = hp_lp_ncols(lp), w0 = hp_lp_ncols(d->first), row;
    int *brow = malloc(((size_t)d->n_bundles + 1) * sizeof *brow);

    if (!brow)
        return HP_ENOMEM;
    row = hp_lp_add_row(d->first, name, -HUGE_VAL, ub);
    if (row < 0) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int b = 0; b < d->n_bundles; b++) {
        double lo = block_min(d, b, coef, ubo);
        if (hp_lp_add_col(d->first, name, lo, HUGE_VAL, 0.0, 0) < 0 ||
            (brow[b] = hp_lp_add_row(d->blocks[b], name, -HUGE_VAL, 0.0)) < 0) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        HP_CALL(hp_lp_add_coef(d->first, row, w0 + b, 1.0));
        HP_CALL(tech_push(tb, b, brow[b], w0 + b, -1.0));
    }
    for (int c = 0; c < nC; c++) {
        if (coef[c] == 0.0 || d->blk_of[c] == -2)
            continue;
        if (d->blk_of[c] == -1)
            HP_CALL(hp_lp_add_coef(d->first, row, d->pos[c], coef[c]));
        else
            HP_CALL(
                hp_lp_add_coef(d->blocks[d->blk_of[c]], brow[d->blk_of[c]], d->pos[c], coef[c]));
    }
cleanup:
    free(brow);
    return st;
}

/* Rows: master, bundle, definition or dropped; entries into the master,
 * the bundles or their technology matrices. */
static hp_status split_rows(hpi_tb *d, tech_buf *tb)
{
    hp_status st = HP_OK;
    const hp_model *m = d->m;
    const hp_lp *lp = m->lp;
    int nR = hp_lp_nrows(lp);
    hpi_tb_rows R;

    HP_CALL(hpi_tb_merge_rows(d, &R));
    for (int r = 0; r < nR; r++)
        d->rblk[r] = R.keep[r] ? -1 : -3;
    d->rblk[m->cost_row] = d->rblk[m->risk_row] = -2;
    d->rblk[m->spend_row] = d->rblk[m->penalty_row] = -2;
    for (int r = 0; r < nR; r++) {
        hp_lp *to;
        if (d->rblk[r] < -1)
            continue;
        for (size_t k = R.beg[r]; k < R.beg[r + 1]; k++) {
            int b = d->blk_of[R.e_col[k]];
            if (b == -1)
                continue;
            if (b == -2 || (d->rblk[r] >= 0 && d->rblk[r] != b)) {
                st = HP_EINTERNAL; /* a row across bundles, or on a definition */
                goto cleanup;
            }
            d->rblk[r] = b;
        }
        to = d->rblk[r] == -1 ? d->first : d->blocks[d->rblk[r]];
        d->rpos[r] =
            hp_lp_add_row(to, hp_lp_row_name(lp, r), hp_lp_row_lb(lp, r), hp_lp_row_ub(lp, r));
        if (d->rpos[r] < 0) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        for (size_t k = R.beg[r]; k < R.beg[r + 1]; k++) {
            int c = R.e_col[k], b = d->rblk[r];
            if (b == -1)
                HP_CALL(hp_lp_add_coef(d->first, d->rpos[r], d->pos[c], R.e_val[k]));
            else if (d->blk_of[c] == b)
                HP_CALL(hp_lp_add_coef(d->blocks[b], d->rpos[r], d->pos[c], R.e_val[k]));
            else
                HP_CALL(tech_push(tb, b, d->rpos[r], d->pos[c], R.e_val[k]));
        }
    }
cleanup:
    hpi_tb_rows_free(&R);
    return st;
}

/* Technology triplets by bundle into d->beg, trow, tcol, tval. */
static hp_status sort_tech(hpi_tb *d, const tech_buf *tb)
{
    size_t nb = (size_t)d->n_bundles, *at;
    d->beg = calloc(nb + 2, sizeof *d->beg);
    d->trow = malloc((tb->n + 1) * sizeof *d->trow);
    d->tcol = malloc((tb->n + 1) * sizeof *d->tcol);
    d->tval = malloc((tb->n + 1) * sizeof *d->tval);
    at = calloc(nb + 1, sizeof *at);
    if (!d->beg || !d->trow || !d->tcol || !d->tval || !at) {
        free(at);
        return HP_ENOMEM;
    }
    for (size_t k = 0; k < tb->n; k++)
        d->beg[tb->b[k] + 1]++;
    for (size_t b = 0; b < nb; b++) {
        d->beg[b + 1] += d->beg[b];
        at[b] = d->beg[b];
    }
    for (size_t k = 0; k < tb->n; k++) {
        size_t i = at[tb->b[k]]++;
        d->trow[i] = tb->row[k];
        d->tcol[i] = tb->col[k];
        d->tval[i] = tb->val[k];
    }
    free(at);
    return HP_OK;
}

/* Columns into the master and the bundles, with the goal's costs. */
static hp_status add_columns(hpi_tb *d, const double *obj)
{
    const hp_lp *lp = d->m->lp;
    for (int c = 0; c < hp_lp_ncols(lp); c++) {
        int b = d->blk_of[c];
        if (b == -2 || d->alias[c] != c)
            continue;
        d->pos[c] = hp_lp_add_col(b < 0 ? d->first : d->blocks[b], hp_lp_col_name(lp, c),
                                  hp_lp_col_lb(lp, c), hp_lp_col_ub(lp, c), obj[c],
                                  b < 0 ? hp_lp_col_is_int(lp, c) : 0);
        if (d->pos[c] < 0)
            return HP_ENOMEM;
    }
    return HP_OK;
}

/* Tie objectives: least cost among risk-minimal recourse, least
 * criticality-weighted shortage among the others'. */
static hp_status ties(hpi_tb *d, const double *cost)
{
    const hp_model *m = d->m;
    const hp_instance *in = d->in;
    const hp_lp *lp = m->lp;
    size_t PT = (size_t)in->n_products * (size_t)in->T;
    for (int b = 0; b < d->n_bundles; b++) {
        d->ties[b] = calloc((size_t)hp_lp_ncols(d->blocks[b]) + 1, sizeof *d->ties[b]);
        if (!d->ties[b])
            return HP_ENOMEM;
    }
    if (d->goal == HPI_TB_RISK) {
        for (int c = 0; c < hp_lp_ncols(lp); c++)
            if (d->blk_of[c] >= 0 && d->alias[c] == c)
                d->ties[d->blk_of[c]][d->pos[c]] = cost[c];
        return HP_OK;
    }
    for (int s = 0; s < in->n_scenarios; s++)
        for (size_t i = 0; i < PT; i++) {
            int c = m->u[(size_t)s * PT + i];
            if (c >= 0 && d->blk_of[c] >= 0)
                d->ties[d->blk_of[c]][d->pos[d->alias[c]]] +=
                    in->products[i / (size_t)in->T].criticality * in->scenarios[s].probability;
        }
    return HP_OK;
}

hp_status hpi_tb_build(hpi_tb *d, const hp_instance *in, hp_measure measure, double alpha, int goal,
                       double spend_bound, double risk_bound, int bundle)
{
    hp_status st = HP_OK;
    hp_model_opts mo = {measure, alpha, HP_INFO_TREE, 0, 0};
    char *is_master = NULL;
    double *cost = NULL, *risk = NULL, *spend = NULL, *ubo = NULL, *obj, c_spend, c_pen, c_risk;
    tech_buf tb;
    int nC, nR;

    memset(d, 0, sizeof *d);
    memset(&tb, 0, sizeof tb);
    d->in = in;
    d->goal = goal;
    if (!in || goal < HPI_TB_COST || goal > HPI_TB_SPEND || bundle < 1 || isnan(spend_bound) ||
        isnan(risk_bound))
        return HP_EINVAL;
    HP_CALL(hp_model_build(in, &mo, &d->m));
    HP_CALL(bundles(d, bundle, &is_master));
    nC = hp_lp_ncols(d->m->lp);
    nR = hp_lp_nrows(d->m->lp);
    d->blk_of = malloc((size_t)nC * sizeof *d->blk_of);
    d->alias = malloc((size_t)nC * sizeof *d->alias);
    d->pos = hpi_index_map((size_t)nC);
    d->rblk = malloc(((size_t)nR + 1) * sizeof *d->rblk);
    d->rpos = hpi_index_map((size_t)nR + 1);
    cost = calloc((size_t)nC, sizeof *cost);
    risk = calloc((size_t)nC, sizeof *risk);
    spend = calloc((size_t)nC, sizeof *spend);
    ubo = malloc((size_t)nC * sizeof *ubo);
    d->first = hp_lp_new();
    d->blocks = calloc((size_t)d->n_bundles, sizeof *d->blocks);
    d->ties = calloc((size_t)d->n_bundles, sizeof *d->ties);
    d->prob = malloc((size_t)d->n_bundles * sizeof *d->prob);
    if (!d->blk_of || !d->alias || !d->pos || !d->rblk || !d->rpos || !cost || !risk || !spend ||
        !ubo || !d->first || !d->blocks || !d->ties || !d->prob) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int b = 0; b < d->n_bundles; b++) {
        d->prob[b] = 1.0;
        if (!(d->blocks[b] = hp_lp_new())) {
            st = HP_ENOMEM;
            goto cleanup;
        }
    }
    classify(d, is_master);
    /* COST = SPEND + PENALTY */
    c_spend = read_def(d->m->lp, d->m->spend_row, d->m->spend_col, spend);
    memcpy(cost, spend, (size_t)nC * sizeof *cost);
    c_pen = read_def(d->m->lp, d->m->penalty_row, d->m->penalty_col, cost);
    c_risk = read_def(d->m->lp, d->m->risk_row, d->m->risk_col, risk);
    fold(d, spend, nC);
    fold(d, cost, nC);
    fold(d, risk, nC);
    obj = goal == HPI_TB_RISK ? risk : goal == HPI_TB_SPEND ? spend : cost;
    d->obj_const = goal == HPI_TB_RISK ? c_risk : goal == HPI_TB_SPEND ? c_spend : c_spend + c_pen;
    /* a terminal credit: the last inventory is at most the stock that can
     * be on hand at the end */
    for (int c = 0; c < nC; c++)
        ubo[c] = HUGE_VAL;
    for (int s = 0; s < in->n_scenarios; s++)
        for (int p = 0; p < in->n_products; p++) {
            int c = d->m->inv[((size_t)s * (size_t)in->n_products + (size_t)p) * (size_t)in->T +
                              (size_t)(in->T - 1)];
            if (c >= 0)
                ubo[c] = hpi_dc_end_stock(in, p);
        }
    HP_CALL(add_columns(d, obj));
    if (d->m->eta_col >= 0 && d->blk_of[d->m->eta_col] == -1) {
        /* the VaR of a shortage lies in [0, the largest shortage]: a
         * master that minimises eta before any cut stays bounded */
        double zmax = 0.0;
        for (int p = 0; p < in->n_products; p++)
            for (int t = 0; t < in->T; t++)
                zmax += in->products[p].criticality * in->products[p].demand[t];
        hp_lp_set_col_bounds(d->first, d->pos[d->m->eta_col], 0.0, zmax);
    }
    HP_CALL(split_rows(d, &tb));
    if (isfinite(spend_bound)) {
        for (int c = 0; c < nC; c++)
            spend[c] /= SPEND_UNIT;
        HP_CALL(
            link_bound(d, spend, (spend_bound - c_spend) / SPEND_UNIT, ubo, "spend_bound", &tb));
        for (int c = 0; c < nC; c++)
            spend[c] *= SPEND_UNIT;
    }
    if (isfinite(risk_bound) && goal != HPI_TB_RISK)
        HP_CALL(link_bound(d, risk, risk_bound - c_risk, ubo, "risk_bound", &tb));
    HP_CALL(sort_tech(d, &tb));
    HP_CALL(ties(d, cost));
    d->pb.value_lb = HUGE_VAL;
    for (int b = 0; b < d->n_bundles; b++)
        d->pb.value_lb = fmin(d->pb.value_lb, block_min(d, b, obj, ubo));
    if (!isfinite(d->pb.value_lb)) {
        st = HP_EINVAL;
        goto cleanup;
    }
    d->pb.first = d->first;
    d->pb.n_scen = d->n_bundles;
    d->pb.prob = d->prob;
    d->pb.tech_beg = d->beg;
    d->pb.tech_row = d->trow;
    d->pb.tech_col = d->tcol;
    d->pb.tech_val = d->tval;
    d->pb.blocks = (const hp_lp *const *)d->blocks;
    d->pb.block_tie = (const double *const *)d->ties;
cleanup:
    free(is_master);
    free(cost);
    free(risk);
    free(spend);
    free(ubo);
    tech_free(&tb);
    return st;
}

/* The value of definition column col from its row (the others known). */
static void eval_def(const hp_lp *lp, int row, int col, double *xf)
{
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    double v = hp_lp_row_lb(lp, row), a = 1.0;
    for (size_t k = 0; k < nnz; k++)
        if (ri[k] == row) {
            if (cj[k] == col)
                a = cv[k];
            else
                v -= cv[k] * xf[cj[k]];
        }
    xf[col] = v / a;
}

hp_status hpi_tb_columns(const hpi_tb *d, const double *x, const double *y, double *xf)
{
    const hp_model *m = d->m;
    int nC = hp_lp_ncols(m->lp);
    size_t *off = calloc((size_t)d->n_bundles + 1, sizeof *off);
    if (!off)
        return HP_ENOMEM;
    for (int b = 1; b < d->n_bundles; b++)
        off[b] = off[b - 1] + (size_t)hp_lp_ncols(d->blocks[b - 1]);
    for (int c = 0; c < nC; c++) {
        int a = d->alias[c];
        xf[c] = d->blk_of[a] == -1  ? x[d->pos[a]]
                : d->blk_of[a] >= 0 ? y[off[d->blk_of[a]] + (size_t)d->pos[a]]
                                    : 0.0;
    }
    eval_def(m->lp, m->spend_row, m->spend_col, xf);
    eval_def(m->lp, m->penalty_row, m->penalty_col, xf);
    eval_def(m->lp, m->risk_row, m->risk_col, xf);
    eval_def(m->lp, m->cost_row, m->cost_col, xf);
    free(off);
    return HP_OK;
}
