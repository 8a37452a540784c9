/* hreeplan formulation room: the sourcing model under the scenario tree
 * split into a master and scenario bundles for the L-shaped method
 * (solver/lshaped.h with blocks; MODEL.md "Information: non-anticipativity").
 *
 * The split is read off the extensive form of the tree (model_tree.c), so
 * that both methods solve the same model:
 * - a node of the tree is a MASTER node when it holds more than `bundle`
 *   scenarios and its quarter is not the last (a master node's parent is
 *   one too: it holds at least as many scenarios);
 * - scenario s's BUNDLE is its node in the first quarter t_b(s) whose node
 *   is not a master node: the scenarios of a subtree rooted there, at most
 *   `bundle` of them (or scenarios equal in every quarter);
 * - master columns: the first stage (orders, lots, contracts, eta, ...)
 *   and, for every master node, the recourse columns of its representative
 *   (first) scenario in that quarter: one copy of the node's decisions;
 * - a scenario's recourse column in a node it does not represent is an
 *   alias of the representative's (the non-anticipativity rows say they
 *   are equal): its coefficients go to that column, and the rows that
 *   become 0 = 0 or repeats are dropped (decompose_tree_rows.c);
 * - bundle b's columns: every other recourse column of its scenarios (and
 *   their CVaR excess xi).  A row lies in the bundle whose columns it
 *   touches (entries on master columns become its technology matrix), or
 *   in the master when it touches master columns only.  The
 *   non-anticipativity rows tie a scenario's copy of a master node's
 *   decision to the master's copy (a technology row), and a scenario's
 *   decisions in a non-master node to its representative's, which is in
 *   the same bundle: bundles are independent given the master;
 * - objective: the chosen definition row (cost = spend + penalty, risk or
 *   spend) as coefficients; since the extensive form weights each
 *   scenario's terms by its probability, a bundle's value is already its
 *   weighted contribution (probability 1 in the method);
 * - a bound on spend or risk (a row across all bundles) gives each bundle
 *   a budget column w_b in the master (master part + sum_b w_b <= bound)
 *   and a row (its part - w_b <= 0) in the bundle.
 * Any other row across two bundles is an internal error (the model has
 * none). */
#ifndef HP_DECOMPOSE_TREE_H
#define HP_DECOMPOSE_TREE_H

#include "../../solver/lshaped.h"
#include "model.h"

/** Bundle size used by the pipeline: nodes with more scenarios go to the
 *  master (bench/tree.sh measured 8, 16, 32 and 64 on the baseline). */
#define HP_TREE_BUNDLE 16

/* What the problem minimises (the goals of decompose.h). */
enum { HPI_TB_COST = 0, HPI_TB_RISK, HPI_TB_SPEND };

/* The tree problem of one lexicographic level. */
typedef struct hpi_tb {
    const hp_instance *in;
    hp_model *m; /* the extensive form under the tree (owned) */
    int goal;
    double obj_const; /* the goal's constant (the definition row's right-hand side) */
    int n_bundles, master_nodes;
    int *bundle_of;    /* [s]: scenario s's bundle */
    int *blk_of, *pos; /* model column -> bundle (-1 master, -2 definition), index there */
    int *alias;        /* model column -> the column it equals (itself, or its node's
                          representative's) */
    int *rblk, *rpos;  /* model row -> bundle (-1 master, -2 definition row, -3 dropped: a
                          repeat or 0 = 0), index there */
    hp_lp *first;
    hp_lp **blocks;
    double **ties;
    size_t *beg;
    int *trow, *tcol;
    double *tval;
    double *prob; /* all 1 */
    hp_lshaped_problem pb;
} hpi_tb;

/* The model's rows on aliased columns (decompose_tree_rows.c): row r's
 * merged entries e_col/e_val[beg[r] .. beg[r+1]-1]; keep[r] 0 for a row
 * that reads 0 = 0 or repeats an earlier one. */
typedef struct hpi_tb_rows {
    size_t *beg;
    int *e_col;
    double *e_val;
    char *keep;
} hpi_tb_rows;

hp_status hpi_tb_merge_rows(const hpi_tb *d, hpi_tb_rows *out);
void hpi_tb_rows_free(hpi_tb_rows *r);

/** Builds the tree problem of goal HPI_TB_* with expected spend <=
 *  spend_bound and risk <= risk_bound (HUGE_VAL: none) and bundles of at
 *  most `bundle` scenarios (>= 1).  The caller frees with hpi_tb_free()
 *  (also after a failure).  HP_EINVAL on a bad argument, HP_EINTERNAL on a
 *  row across two bundles. */
hp_status hpi_tb_build(hpi_tb *d, const hp_instance *in, hp_measure measure, double alpha, int goal,
                       double spend_bound, double risk_bound, int bundle);
void hpi_tb_free(hpi_tb *d);

/** The extensive model's column values from a solution of the tree
 *  problem (x: n1 master values, y: the bundles' values block after
 *  block); the definition columns from their rows.  xf has ncols(m->lp).
 *  HP_ENOMEM. */
hp_status hpi_tb_columns(const hpi_tb *d, const double *x, const double *y, double *xf);

#endif
