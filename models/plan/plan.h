/* hreeplan model layer: a plan read back from a solution (MODEL.md "What a
 * plan reports"), and the risk measures computed from the plan itself. */
#ifndef HP_PLAN_H
#define HP_PLAN_H

#include "../../solver/backend.h"
#include "../formulation/model.h"

/** Shipments of at most this many t are solver noise: not listed as orders
 *  (their cost still counts in the plan's cost). */
#define HP_ORDER_TOL 1e-6

struct hp_plan;

typedef struct hp_order {
    int supplier, product;
    int ship, arrive;     /**< quarter offsets */
    double quantity;      /**< t shipped (in its node, for a contingent order) */
    double expected_qty;  /**< t expected to arrive: abar * quantity; for a contingent
                               order its part of the plan's expectation,
                               sum_{s in node} pi_s a[s,j,t] * quantity */
    double price;         /**< USD/kg */
    double expected_cost; /**< 1000 * price * abar * quantity, USD (contingent:
                               1000 * price * sum_{s in node} pi_s pf a * quantity) */
    int node;             /**< adaptive plans: the tree node whose order it is (ship
                               quarter >= 2); -1: ordered in every scenario */
    double probability;   /**< of the node (1 for node -1) */
} hp_order;

typedef struct hp_balance {
    int product, quarter;
    double demand, in_transit, arrivals, spot, unmet, inventory, below_safety;
    double reserve; /**< reserve released (t) */
} hp_balance;

typedef enum hp_dual_kind {
    HP_DUAL_CAPACITY = 0,
    HP_DUAL_QUOTA,
    HP_DUAL_SHARE,
    HP_DUAL_BALANCE
} hp_dual_kind;
/** "capacity", "quota", "share", "balance". */
const char *hp_dual_kind_str(hp_dual_kind k);

typedef struct hp_dual {
    hp_dual_kind kind;
    int supplier, region, product, quarter; /**< -1 where not applicable */
    int scenario;                           /**< balance rows: -1 = summed over scenarios */
    double value;                           /**< d(objective)/d(rhs), USD per t */
    /** --ranges: the right-hand side over which value holds, [range_lo,
     *  range_hi] (+-HUGE_VAL: unlimited), in the constraint's own quantity:
     *  capacity K (t), quota Qmax (t), t shipped above a share cap (0 is the
     *  cap), balance: t in transit arriving (R); has_range 0 when not asked */
    int has_range;
    double range_lo, range_hi;
} hp_dual;

/** Calls fn once per shadow price a plan lists, in the plan's order, with
 *  the dual (value from y) and the model rows whose right-hand side it
 *  prices (a balance dual: that product and quarter in every scenario) and
 *  the value of its quantity (range base: K, Qmax, 0, R) in *base.  Stops at
 *  the first status other than HP_OK and returns it. */
typedef hp_status (*hp_dual_fn)(void *ctx, const hp_dual *d, const int *rows, int n_rows,
                                double base);
hp_status hp_plan_each_dual(const hp_model *m, const double *y, hp_dual_fn fn, void *ctx);

typedef enum hp_objective { HP_OBJ_COST = 0, HP_OBJ_RISK } hp_objective;

/** A bound of a plan: none, an expected-spend budget, a risk cap. */
typedef enum hp_bound_kind { HP_BOUND_NONE = 0, HP_BOUND_BUDGET, HP_BOUND_MAX_RISK } hp_bound_kind;

typedef struct hp_plan {
    const hp_instance *inst; /**< not owned */
    hp_objective objective;
    hp_measure measure;
    double alpha;
    hp_solve_result result;
    /* cost split, USD (docs/model.md "Spend and penalty"): cost_spend is
     * the cash (purchases + contracts + spot + holding + reserve purchases
     * + take-or-pay fees - terminal credit), cost_penalty the notional
     * penalties (shortage, safety stock, terminal), cost_total =
     * cost_spend + cost_penalty */
    double cost_total, cost_purchase, cost_contract, cost_spot, cost_holding, cost_penalty;
    double cost_spend;
    /* a bound asked for (MODEL.md "Spend and penalty"): HP_BOUND_BUDGET
     * (least risk with spend <= bound) or HP_BOUND_MAX_RISK (least spend
     * with risk <= bound); HP_BOUND_NONE (0) for a cost or risk plan */
    hp_bound_kind bound_kind;
    double bound;
    /* second edition parts: reserve purchases and take-or-pay fees (spend),
     * the terminal credit (subtracted from spend), the terminal shortfall
     * penalty (part of cost_penalty) */
    double cost_reserve, cost_take_or_pay, cost_terminal_credit, penalty_terminal;
    /* all three risk measures, from the plan itself */
    double shortage, cvar, exposure;
    /* a risk-minimal plan on exposure: the expected-cost plan's weighted
     * shortage, exposure and expected unmet t (has_ref), so that reports
     * can say when less exposure costs more shortage */
    int has_ref;
    double ref_shortage, ref_exposure, ref_unmet;
    double *scen_shortage; /**< Z_s per scenario (criticality-weighted t) */
    double *scen_cost;     /**< cost of each scenario, USD */
    double *region_qty;    /**< t shipped per region (index as inst->regions) */
    double *region_share;  /**< share of all t shipped, 0..1 */
    int *contract;         /**< per supplier: 1 contracted (z), 0 not, -1 no contract choice */
    int n_orders;
    hp_order *orders; /**< shipments above HP_ORDER_TOL, by ship quarter, supplier, product */
    int n_balance;
    hp_balance *balance; /**< per product and quarter, product-major */
    int n_duals;
    hp_dual *duals; /**< LP plans, and MIP plans with duals_of_fixed_mip */
    /* information (MODEL.md "Information: non-anticipativity") */
    hp_information information; /**< what the recourse knew */
    int nodes;                  /**< nodes of the scenario tree (all quarters) */
    const char *method;         /**< "extensive" or "lshaped" (static), NULL: not said */
    int bundles;      /**< L-shaped under the tree: scenario bundles (recourse LPs), else 0 */
    int master_nodes; /**< L-shaped under the tree: tree nodes decided in the master */
    /* --adaptive-orders (MODEL.md "Information: non-anticipativity"):
     * orders after quarter 1 are per node of the tree; node_label[n] says
     * in words what the history of node n was (plan_nodes.c), NULL for
     * nodes of quarter 1 */
    int adaptive;
    int n_node_labels;
    char **node_label;
    int *node_quarter;     /**< [n]: the node's quarter (0-based) */
    int has_foresight;     /**< two_stage_cost is set (--foresight) */
    double two_stage_cost; /**< expected cost of the two-stage plan; value of
                                foresight = cost_total - two_stage_cost */
    /** per scenario, product and quarter: [(s * P + p) * T + t] (MODEL.md
     *  scenarios[k].balance; probability 1 values, not expectations) */
    hp_balance *scen_balance;
    int duals_fixed; /**< MIP plan: duals of the LP with the integer decisions fixed */
    /* --value-of-information (MODEL.md "Value of information"), expected
     * cost in USD; has_stochastic_value 0 when not asked; eev HUGE_VAL when
     * the expected-value plan admits no recourse in some scenario */
    int has_stochastic_value;
    double ws, eev, rp, evpi, vss;
    /* --near-optimal: this plan has the least share of near_region among
     * the plans within near_slack of the reference plan `near_before`
     * (owned) */
    int has_near;
    double near_slack;
    int near_region;
    double share_before, share_after;
    struct hp_plan *near_before;
    int rows, cols;
    size_t nnz;
    const char *backend; /**< static string */
    const char *backend_version;
} hp_plan;

/** Reads the plan from primal values x (ncols) and, for LP plans, row duals
 *  y (nrows; NULL for MIPs).  The caller frees with hp_plan_free(). */
hp_status hp_plan_extract(const hp_model *m, const double *x, const double *y,
                          const hp_solve_result *r, hp_objective obj, hp_plan **out);
void hp_plan_free(hp_plan *p);

/** Fills pl->node_label and node_quarter from m's tree (plan_nodes.c): a
 *  node of quarter t >= 1 is described by the events of its scenarios'
 *  common history that have begun by t ("CN stops in 2026Q2", "lynas-my
 *  at 50% in 2026Q2-2026Q3", "Dy2O3 spot x2 in 2026Q3", or "no
 *  disruption by 2026Q3"); where two nodes of one quarter would read the
 *  same, by the names of their scenarios.  HP_ENOMEM. */
hp_status hp_plan_node_labels(const hp_model *m, hp_plan *pl);

#endif
