/* hreeplan model layer: the formulation of ../shared/MODEL.md.
 *
 * hp_model_build() turns a validated instance into a backend-neutral
 * hp_lp (solver/lp.h) plus the index maps needed to read a solution back.
 * This layer never includes a solver library header (glpk.h, Cbc, ...).
 *
 * Defined columns make every plan a single-column objective:
 *   COST = expected cost (MODEL.md "Objectives") = SPEND + PENALTY, row cost_def;
 *   SPEND = expected cash spend (MODEL.md "Spend and penalty"), row spend_def;
 *   PENALTY = expected notional penalties, row penalty_def;
 *   RISK = the chosen risk measure, row risk_def.
 * Cost-minimal: minimise COST.  Risk-minimal: minimise RISK, bound it, then
 * minimise COST (hp_solve_lex).  Epsilon constraint: upper bound on RISK. */
#ifndef HP_MODEL_H
#define HP_MODEL_H

#include "../../solver/lp.h"
#include "../instance/instance.h"
#include "tree.h"

/** What the recourse knows (MODEL.md "Information: non-anticipativity"). */
typedef enum hp_information {
    HP_INFO_TREE = 0, /**< recourse of quarter t equal across a node (default) */
    HP_INFO_TWO_STAGE /**< recourse sees its scenario's whole future (first edition) */
} hp_information;
/** "tree" | "two-stage". */
const char *hp_information_str(hp_information i);
/** Parses "tree" | "two-stage"; -1 when unknown. */
int hp_information_parse(const char *s);

typedef struct hp_model_opts {
    hp_measure measure;         /**< risk measure that RISK measures */
    double alpha;               /**< CVaR level in (0,1) */
    hp_information information; /**< tree (0, the default) or two-stage */
    int bundle_size;     /**< L-shaped under the tree: nodes of more scenarios are decided in the
                              master, the rest solved in bundles of at most so many scenarios
                              (decompose_tree.h); 0: HP_TREE_BUNDLE */
    int adaptive_orders; /**< orders of ship quarters >= 2 per node (MODEL.md
                              --adaptive-orders); needs information tree */
} hp_model_opts;

/** Index maps: -1 where MODEL.md has no such variable or row.
 *  Layout: first stage [(j * P + p) * T + t], per scenario [(s * P + p) * T + t]. */
typedef struct hp_model {
    const hp_instance *inst; /**< not owned; must outlive the model */
    hp_lp *lp;               /**< owned */
    hp_measure measure;
    double alpha;
    int is_mip;
    int cost_col, risk_col;
    int cost_row, risk_row;
    int spend_col, penalty_col; /**< SPEND, PENALTY: COST = SPEND + PENALTY */
    int spend_row, penalty_row; /**< spend_def, penalty_def */
    int *x;                     /**< shipments x[j,p,t] */
    int *n_lots;                /**< lots n[j,p,t] */
    int *z;                     /**< contract z[j], per supplier */
    int *o;                     /**< ships-in-quarter o[j,t]: [j * T + t] */
    int *y, *u, *inv, *v;       /**< spot, unmet, inventory, safety shortfall per (s,p,t) */
    int eta_col;                /**< CVaR eta, -1 unless measure == cvar */
    int *xi;                    /**< CVaR excess per scenario, or NULL */
    int *cap_row;               /**< capacity row per (j,p,t) */
    int *bal_row;               /**< balance row per (s,p,t) */
    int *quota_row;             /**< per (restriction r, t): [r * T + t] */
    int *share_row;             /**< per (restriction r, t); horizon scope uses t = 0 */
    /* MODEL.md second edition (model_second.c) */
    int *term_e;   /**< terminal shortfall e[s,p]: [s * P + p] */
    int *term_row; /**< terminal row I[s,p,T] + e >= IT, per (s,p) */
    int *res_r;    /**< reserve release r per (s,p,t), where open */
    int *top_k;    /**< take-or-pay shortfall k: [((s * J + j) * P + p) * T + t] */
    int *co_b;     /**< co-production output b[j,t]: [j * T + t] */
    /* information (model_tree.c) */
    hp_information information; /**< what the recourse knows */
    hp_tree *tree;              /**< the scenario tree of inst (owned), always computed */
    int na_rows;                /**< non-anticipativity rows added (0 under two-stage) */
    /* adaptive orders (model_adaptive.c): orders of ship quarter t >= 1
     * (0-based) are columns of the tree node of quarter t; m->x, n_lots,
     * cap_row, co_b and o then hold quarter 0 only (-1 elsewhere) */
    int adaptive;       /**< orders are per node after the first quarter */
    int *x_node;        /**< x per (node n, j, p): [(n * J + j) * P + p], or NULL */
    int *lot_node;      /**< lots n per (node, j, p), as x_node */
    int *o_node;        /**< ships-in-quarter o per (node, j): [n * J + j] */
    int *cob_node;      /**< co-production b per (node, j): [n * J + j] */
    double *node_paid;  /**< [n * J + j]: sum over the node's scenarios of pi a pf (j's ship
                             quarter = the node's quarter) */
    double *node_avail; /**< [n * J + j]: sum over the node's scenarios of pi a */
} hp_model;

/** The order node of scenario s for ship quarter t: the tree node of
 *  quarter t under adaptive orders when t >= 1, else -1 (the order is
 *  shared by every scenario). */
int hp_model_order_node(const hp_model *m, int s, int t);

/** The column of the order x[j,p,t] that scenario s receives (its order
 *  node's, or the shared one); -1 when j does not ship p in t. */
int hp_model_xcol(const hp_model *m, int s, int j, int p, int t);

/** The order groups of ship quarter t: nodes lo..hi-1 of quarter t under
 *  adaptive orders and t >= 1, else lo = -1, hi = 0 (the shared group). */
void hp_model_order_groups(const hp_model *m, int t, int *lo, int *hi);

/** The column of x[j,p,t] in order node n (-1: the shared column). */
int hp_model_xcol_node(const hp_model *m, int n, int j, int p, int t);

/** An empty model for inst: an empty lp, every index map sized for inst's
 *  dimensions and set to -1 (xi only for HP_MEASURE_CVAR), the defined
 *  columns and rows -1.  hp_model_build() fills it; the decomposition
 *  fills its maps with the columns of its own stages.  The caller frees it
 *  with hp_model_free().  HP_ENOMEM. */
hp_status hp_model_alloc(const hp_instance *inst, hp_measure measure, double alpha, hp_model **out);

/** Builds the model.  The caller frees it with hp_model_free(). */
hp_status hp_model_build(const hp_instance *inst, const hp_model_opts *opts, hp_model **out);
void hp_model_free(hp_model *m);

/** Upper bounds on the model's rows, columns and nonzeros, counted from
 *  the instance's dimensions without building anything (doubles: they may
 *  exceed int).  Used to refuse a model too large for memory before any
 *  allocation grows. */
void hp_model_size_bound(const hp_instance *inst, double *rows, double *cols, double *nnz);

/** Model size without keeping the model (for `check`). */
hp_status hp_model_size(const hp_instance *inst, int *rows, int *cols, int *ints, size_t *nnz);

#endif
