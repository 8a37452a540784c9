/* hreeplan: non-anticipativity in the formulation (model.h, tree.h;
 * MODEL.md "Information: non-anticipativity").
 *
 * How it is written: the tree of the instance's scenarios is computed from
 * their data (tree.c).  Under --information tree, for every quarter t and
 * every scenario s that is not the first scenario r of its node in quarter
 * t, each recourse column of s in quarter t is tied to r's by an equality
 * row "col[s] - col[r] = 0":
 *   na_inv, na_u, na_y, na_v, na_r [s,p,q]   inventory, unmet, spot,
 *                                             safety shortfall, reserve release
 *   na_k[s,j,p,q]                             take-or-pay shortfall (ship quarter q)
 *   na_eT[s,p]                                terminal shortfall (last quarter)
 * Ties to the representative (rather than between consecutive scenarios)
 * keep each row two nonzeros and make the rows of a node independent.
 * Under two-stage no row is added; the tree is computed in both cases so
 * that reports give its node count. */
#include "model.h"
#include "model_int.h"

#include <stdio.h>
#include <string.h>

const char *hp_information_str(hp_information i)
{
    return i == HP_INFO_TWO_STAGE ? "two-stage" : "tree";
}

int hp_information_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "tree"))
        return HP_INFO_TREE;
    if (!strcmp(s, "two-stage"))
        return HP_INFO_TWO_STAGE;
    return -1;
}

/* col_s - col_r = 0, where both exist. */
static hp_status tie(hp_model *m, const char *name, int cs, int cr)
{
    int r;
    if (cs < 0 || cr < 0 || cs == cr)
        return HP_OK;
    r = hp_lp_add_row(m->lp, name, 0.0, 0.0);
    if (r < 0)
        return HP_ENOMEM;
    m->na_rows++;
    if (hp_lp_add_coef(m->lp, r, cs, 1.0) != HP_OK || hp_lp_add_coef(m->lp, r, cr, -1.0) != HP_OK)
        return HP_ENOMEM;
    return HP_OK;
}

/* The rows of scenario s against its representative r in quarter t. */
static hp_status tie_quarter(hp_model *m, int s, int r, int t, char *name, size_t len)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    const char *sn = in->scenarios[s].name;
    char q[32];
    static const char *const what[] = {"inv", "u", "y", "v", "r"};

    hp_quarter_label(in, t, q, sizeof q);
    for (int p = 0; p < in->n_products; p++) {
        const char *pn = in->products[p].id;
        size_t a = hpi_si(in, s, p, t), b = hpi_si(in, r, p, t);
        const int *maps[] = {m->inv, m->u, m->y, m->v, m->res_r};
        for (size_t k = 0; k < sizeof maps / sizeof maps[0]; k++) {
            snprintf(name, len, "na_%s[%s,%s,%s]", what[k], sn, pn, q);
            HP_CALL(tie(m, name, maps[k][a], maps[k][b]));
        }
        for (int j = 0; j < in->n_suppliers; j++) {
            snprintf(name, len, "na_k[%s,%s,%s,%s]", sn, in->suppliers[j].id, pn, q);
            HP_CALL(
                tie(m, name, m->top_k[hpi_ki(in, s, j, p, t)], m->top_k[hpi_ki(in, r, j, p, t)]));
        }
        if (t == in->T - 1) {
            size_t P = (size_t)in->n_products;
            snprintf(name, len, "na_eT[%s,%s]", sn, pn);
            HP_CALL(tie(m, name, m->term_e[(size_t)s * P + (size_t)p],
                        m->term_e[(size_t)r * P + (size_t)p]));
        }
    }
cleanup:
    return st;
}

hp_status hpi_model_tree(hp_model *m)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    char name[768];

    m->na_rows = 0;
    if (!m->tree)
        HP_CALL(hp_tree_build(in, &m->tree));
    if (m->information != HP_INFO_TREE)
        goto cleanup;
    for (int t = 0; t < in->T; t++)
        for (int s = 0; s < in->n_scenarios; s++) {
            int r = hp_tree_rep(m->tree, s, t);
            if (r != s)
                HP_CALL(tie_quarter(m, s, r, t, name, sizeof name));
        }
cleanup:
    return st;
}
