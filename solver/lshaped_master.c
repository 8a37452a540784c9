/* hreeplan solver layer: the master problem of the L-shaped method (see
 * lshaped.c for the method and the reasons behind each choice): building it
 * from the first stage, adding optimality and feasibility cuts, dropping
 * slack cuts with GLPK's basis kept valid. */
#include "lshaped_int.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int grow_rows(hpi_ls_master *m, int need)
{
    if (need <= m->cap)
        return 0;
    int nc = m->cap * 2 > need ? m->cap * 2 : need + 64;
    int *k = realloc(m->kind, (size_t)(nc + 1) * sizeof *k);
    if (!k)
        return -1;
    m->kind = k;
    k = realloc(m->age, (size_t)(nc + 1) * sizeof *k);
    if (!k)
        return -1;
    m->age = k;
    m->cap = nc;
    return 0;
}

/* Columns 1..n1: x; n1+1..n1+G: theta_g >= value_lb * P_g, cost 1. */
hp_status hpi_ls_master_build(hpi_ls_master *m, const hp_lshaped_problem *pb, const double *pg)
{
    const hp_lp *f = pb->first;
    size_t nnz = hp_lp_nnz(f);
    const int *ri = hp_lp_coef_rows(f), *cj = hp_lp_coef_cols(f);
    const double *cv = hp_lp_coef_vals(f);
    int *ia = NULL, *ja = NULL;
    double *ar = NULL;
    int n = m->n1 + m->G;

    m->m1 = hp_lp_nrows(f);
    m->lb = malloc((size_t)(m->n1 + 1) * sizeof *m->lb);
    m->ub = malloc((size_t)(m->n1 + 1) * sizeof *m->ub);
    m->is_int = malloc((size_t)(m->n1 + 1) * sizeof *m->is_int);
    m->ind = malloc((size_t)(n + 2) * sizeof *m->ind);
    m->val = malloc((size_t)(n + 2) * sizeof *m->val);
    m->grad = calloc((size_t)(m->n1 + 1), sizeof *m->grad);
    m->touched = malloc((size_t)(m->n1 + 1) * sizeof *m->touched);
    m->mark = calloc((size_t)(m->n1 + 1), 1);
    ia = malloc((nnz + 1) * sizeof *ia);
    ja = malloc((nnz + 1) * sizeof *ja);
    ar = malloc((nnz + 1) * sizeof *ar);
    if (!m->lb || !m->ub || !m->is_int || !m->ind || !m->val || !m->grad || !m->touched ||
        !m->mark || !ia || !ja || !ar || grow_rows(m, m->m1 + 64)) {
        free(ia);
        free(ja);
        free(ar);
        return HP_ENOMEM;
    }
    m->P = glp_create_prob();
    glp_set_obj_dir(m->P, GLP_MIN);
    if (m->m1 > 0)
        glp_add_rows(m->P, m->m1);
    glp_add_cols(m->P, n);
    for (int i = 0; i < m->m1; i++) {
        hpi_glpk_set_row(m->P, i + 1, hp_lp_row_lb(f, i), hp_lp_row_ub(f, i));
        m->kind[i + 1] = HPI_LS_ROW_FIRST;
        m->age[i + 1] = 0;
    }
    for (int j = 0; j < m->n1; j++) {
        m->lb[j] = hp_lp_col_lb(f, j);
        m->ub[j] = hp_lp_col_ub(f, j);
        m->is_int[j] = hp_lp_col_is_int(f, j);
        if (m->is_int[j])
            glp_set_col_kind(m->P, j + 1, GLP_IV);
        hpi_glpk_set_col(m->P, j + 1, m->lb[j], m->ub[j]);
        glp_set_obj_coef(m->P, j + 1, hp_lp_obj(f, j));
    }
    for (int g = 0; g < m->G; g++) {
        glp_set_col_bnds(m->P, m->n1 + g + 1, GLP_LO, pb->value_lb * pg[g], 0.0);
        glp_set_obj_coef(m->P, m->n1 + g + 1, 1.0);
    }
    for (size_t k = 0; k < nnz; k++) {
        ia[k + 1] = ri[k] + 1;
        ja[k + 1] = cj[k] + 1;
        ar[k + 1] = cv[k];
    }
    glp_load_matrix(m->P, (int)nnz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return HP_OK;
}

void hpi_ls_master_free(hpi_ls_master *m)
{
    if (m->P)
        glp_delete_prob(m->P);
    free(m->kind);
    free(m->age);
    free(m->lb);
    free(m->ub);
    free(m->is_int);
    free(m->ind);
    free(m->val);
    free(m->grad);
    free(m->touched);
    free(m->mark);
}

/* Adds g[k] += w * (-T_s^T dual)[k] for scenario s; records touched k. */
void hpi_ls_add_gradient(hpi_ls_master *m, const hp_lshaped_problem *pb, const double *dual, int s,
                         double w, int *nt)
{
    for (size_t k = pb->tech_beg[s]; k < pb->tech_beg[s + 1]; k++) {
        int c = pb->tech_col[k];
        if (!m->mark[c]) {
            m->mark[c] = 1;
            m->touched[(*nt)++] = c;
        }
        m->grad[c] -= w * dual[pb->tech_row[k]] * pb->tech_val[k];
    }
}

/* Adds the row  theta_col * coef_theta + sum_k -grad_k x_k  (>= or <=) rhs,
 * built from the touched gradient entries; clears the gradient. */
int hpi_ls_add_cut(hpi_ls_master *m, int nt, int theta_col, double rhs, int kind, const double *xh)
{
    int n = 0, r;
    double const_part = 0.0, gmax = 0.0;
    for (int t = 0; t < nt; t++)
        gmax = fmax(gmax, fabs(m->grad[m->touched[t]]));
    for (int t = 0; t < nt; t++) {
        int c = m->touched[t];
        double g = m->grad[c];
        m->grad[c] = 0.0;
        m->mark[c] = 0;
        /* entries 1e-11 below the row's largest are rounding noise of the
         * dual-times-technology sums; they would ruin the master's scaling */
        if (fabs(g) <= 1e-11 * gmax)
            continue;
        const_part += g * xh[c];
        n++;
        m->ind[n] = c + 1;
        m->val[n] = -g;
    }
    if (grow_rows(m, glp_get_num_rows(m->P) + 1))
        return -1;
    r = glp_add_rows(m->P, 1);
    if (kind == HPI_LS_ROW_OPT) {
        /* theta - g.x >= v - g.xhat */
        n++;
        m->ind[n] = theta_col + 1;
        m->val[n] = 1.0;
        glp_set_row_bnds(m->P, r, GLP_LO, rhs - const_part, 0.0);
    } else {
        /* phi + g.(x - xhat) <= 0  <=>  -g.x >= phi - g.xhat */
        glp_set_row_bnds(m->P, r, GLP_LO, rhs - const_part, 0.0);
    }
    glp_set_mat_row(m->P, r, n, m->ind, m->val);
    m->kind[r] = kind;
    m->age[r] = 0;
    return 0;
}

/* Deletes optimality cuts slack for `after` consecutive solves. */
long hpi_ls_drop_slack(hpi_ls_master *m, int after)
{
    int nr = glp_get_num_rows(m->P), nd = 0;
    int *del = malloc((size_t)(nr + 1) * sizeof *del);
    if (!del)
        return 0;
    for (int i = m->m1 + 1; i <= nr; i++) {
        if (m->kind[i] != HPI_LS_ROW_OPT)
            continue;
        double a = glp_get_row_prim(m->P, i), lb = glp_get_row_lb(m->P, i);
        if (glp_get_row_stat(m->P, i) == GLP_BS && a > lb + 1e-9 * (1.0 + fabs(lb)))
            m->age[i]++;
        else
            m->age[i] = 0;
        if (after > 0 && m->age[i] >= after)
            del[++nd] = i;
    }
    if (nd > 0) {
        int w = 1, k = 1;
        glp_del_rows(m->P, nd, del);
        /* compact the bookkeeping in GLPK's order */
        for (int i = 1; i <= nr; i++) {
            if (k <= nd && del[k] == i) {
                k++;
                continue;
            }
            m->kind[w] = m->kind[i];
            m->age[w] = m->age[i];
            w++;
        }
    }
    free(del);
    return nd;
}
