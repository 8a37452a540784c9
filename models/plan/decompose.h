/* hreeplan model layer: the sourcing model of ../shared/MODEL.md solved by
 * scenario decomposition (the L-shaped method of solver/lshaped.h).
 *
 * The decomposition is read off the formulation itself: the model of
 * models/model.c is built for ONE scenario whose availability is the mean
 * abar (so its purchase and exposure coefficients are the true ones), and
 * its columns and rows are split into
 *   first stage  x, z, o, n (and eta, and one risk budget per scenario when
 *                a risk bound is imposed) with the rows on them alone
 *                (capacity, lots, minimum orders, quotas, share caps, at most
 *                Nmax contracts);
 *   recourse     y, u, I, v (and xi for CVaR) with the rows that hold them
 *                (balance 1, safety stock 7; u <= d, I <= Imax, y <= Ymax
 *                are column bounds);
 * and the technology matrix of scenario s is the balance rows' x
 * coefficients -a[s,j,t-L[j]] (plus eta's in the CVaR row).  Costs come
 * from the model's cost_def row, risks from its risk_def row.
 *
 * Plans:
 * - cost-minimal: minimise c.x + E[Q_s(x)]; each scenario's recourse is
 *   then tie-broken towards the least criticality-weighted shortage among
 *   its cost-optimal solutions (the extensive form breaks ties by the risk
 *   measure over the whole plan; both agree when the cost-optimal first
 *   stage is unique, which is the usual case);
 * - risk-minimal: first the least risk r* (shortage: recourse cost
 *   criticality * u; CVaR: eta in the master, xi_s >= Z_s - eta in the
 *   recourse; exposure: first stage only), then the least cost with
 *   risk <= r* + max(1e-6 |r*|, 1e-9), as the extensive form does;
 * - least expected spend, --budget, --max-risk and the spend front
 *   (MODEL.md "Spend and penalty"): the same lexicographic levels as the
 *   extensive form, each a decomposed solve of its own objective (spend:
 *   the spend_def coefficients, spot, holding, reserve, take-or-pay and the
 *   terminal credit in the recourse) under the bounds the levels before it
 *   left; a spend bound gives each scenario a spend budget column sb_s in
 *   the master (first-stage spend + sum_s p_s sb_s <= B) and a recourse row
 *   recourse spend_s <= sb_s, exactly as the risk budgets below;
 * - scenario spot prices: each scenario's spot columns carry its own cost
 *   (and spend-row entry), so its recourse LP and cuts are its own;
 * - cost-minimal under a risk bound B (the Pareto front's points): exposure
 *   is a master row; shortage and CVaR give each scenario a budget column
 *   b_s in the master (sum_s p_s b_s <= B, resp. eta + sum p_s b_s /
 *   (1 - alpha) <= B) and a recourse row Z_s(u) <= b_s (+ eta): an exact
 *   reformulation whose violated budgets come back as feasibility cuts.
 *
 * Information: everything above is the two-stage model.  When mo asks for
 * the scenario tree and the tree binds, hp_decompose_lex() (hence every
 * entry point below) solves the tree instead, by scenario bundles under a
 * master of the shared nodes (hp_decompose_tree_lex(),
 * models/formulation/decompose_tree.h), with the same levels.
 *
 * The plan (models/plan.h) is extracted from the first-stage solution and
 * every scenario's recourse solution through index maps laid out like the
 * extensive model's, so reports cannot tell the two apart; rows, cols and
 * nnz report the size of the equivalent extensive form.  Duals: the
 * master's first-stage rows and p_s times the recourse duals of the
 * balance rows (what the extensive form's duals are). */
#ifndef HP_DECOMPOSE_H
#define HP_DECOMPOSE_H

#include "../../solver/lshaped.h"
#include "../../solver/pareto.h"
#include "../formulation/model.h"
#include "plan.h"

/** What one lexicographic level minimises. */
typedef enum hp_dc_goal { HP_GOAL_COST = 0, HP_GOAL_RISK, HP_GOAL_SPEND } hp_dc_goal;

/** One level: its goal, and the relative tolerance (absolute floor 1e-9)
 *  within which the later levels keep its value. */
typedef struct hp_dc_level {
    hp_dc_goal goal;
    double tol;
} hp_dc_level;

/** Lexicographic plan by the L-shaped method: level k minimises
 *  levels[k].goal subject to expected spend <= spend_bound and risk <=
 *  risk_bound (HUGE_VAL: none) and to every earlier level's goal at most
 *  its value v plus max(tol |v|, 1e-9).  values (n entries, may be NULL)
 *  receives each level's value (NAN when not reached).  The plan of the
 *  last level is extracted into *out (may be NULL: values only) with
 *  `report` as its objective.  One time limit (lo) is shared by the
 *  levels.  Returns as hp_decompose_plan(); HP_EINFEASIBLE when a level has
 *  no plan (bounds below the least attainable values, or none at all). */
hp_status hp_decompose_lex(const hp_instance *inst, const hp_model_opts *mo,
                           const hp_lshaped_opts *lo, const hp_dc_level *levels, int n,
                           double spend_bound, double risk_bound, hp_objective report,
                           hp_plan **out, double *values, hp_lshaped_stats *stats);

/** hp_decompose_lex() under the scenario tree: the tree problem of
 *  models/formulation/decompose_tree.h (master nodes with more than
 *  `bundle` scenarios, the rest in bundles of subtrees, one recourse LP
 *  each).  hp_decompose_lex() calls it with HP_TREE_BUNDLE whenever mo asks
 *  for the tree and the tree binds; tests call it with other sizes.  The
 *  plan's bundles and master_nodes say how it was split. */
hp_status hp_decompose_tree_lex(const hp_instance *inst, const hp_model_opts *mo,
                                const hp_lshaped_opts *lo, const hp_dc_level *levels, int n,
                                double spend_bound, double risk_bound, hp_objective report,
                                int bundle, hp_plan **out, double *values, hp_lshaped_stats *stats);

/** Solves the plan of `obj` (cost- or risk-minimal, MODEL.md "Plans") by
 *  the L-shaped method.  mo gives the measure and alpha (NULL: the
 *  instance's); lo the method's options (NULL: defaults).  On HP_OK *out
 *  holds the plan (its status may be time_limit / gap_limit); the caller
 *  frees it with hp_plan_free().  stats (may be NULL) receives the method's
 *  figures, iterations and seconds summed over the solves of the plan.
 *  HP_EINFEASIBLE: the instance admits no plan; HP_ESOLVER: stopped (limit
 *  or numerical failure) without a feasible plan; HP_EINVAL: bad options. */
hp_status hp_decompose_plan(const hp_instance *inst, const hp_model_opts *mo,
                            const hp_lshaped_opts *lo, hp_objective obj, hp_plan **out,
                            hp_lshaped_stats *stats);

/** The least expected cost with the risk measure of mo at most risk_bound
 *  (one point of the epsilon-constraint front); returns the plan as
 *  hp_decompose_plan() does (objective HP_OBJ_COST). */
hp_status hp_decompose_bounded(const hp_instance *inst, const hp_model_opts *mo,
                               const hp_lshaped_opts *lo, double risk_bound, hp_plan **out,
                               hp_lshaped_stats *stats);

/** The spend-risk front of MODEL.md "Spend and penalty" by the L-shaped
 *  method, laid out as the extensive sweep lays it out: point 0 the least
 *  spend, ties least risk (within 1e-9 of the spend), its risk r_max;
 *  point n-1 the least spend within max(1e-6 |r*|, 1e-9) of the least risk
 *  r*; points 1..n-2 the least spend with risk <= r_max - k (r_max - r*) /
 *  (n - 1).  Each point's cost is its expected spend.  *cost_plan receives
 *  the expected-cost plan (hp_decompose_plan(), objective cost) to be
 *  marked on the front.  Otherwise as hp_decompose_front(). */
hp_status hp_decompose_spend_front(const hp_instance *inst, const hp_model_opts *mo,
                                   const hp_lshaped_opts *lo, int n, const volatile int *interrupt,
                                   hp_pareto **front, hp_plan **plans, hp_plan **cost_plan,
                                   hp_lshaped_stats *stats);

/** The epsilon-constraint front of MODEL.md "Plans" by the L-shaped method,
 *  as solver/pareto.h's sweep lays it out: point 0 the cost-minimal plan
 *  (its risk r_max), point n-1 the risk-minimal plan (r_min), points
 *  1..n-2 the least cost with risk <= r_max - k (r_max - r_min) / (n - 1).
 *  Every point is its own decomposed solve.  *front (free with
 *  hp_pareto_free()) gets the points, marked by hp_pareto_mark() in the
 *  order 0, n-1, 1, ..., n-2 with tolerance 1e-6; plans[k] (caller-allocated,
 *  n entries, set to NULL first) the plan of point k, freed by the caller
 *  with hp_plan_free().  interrupt (may be NULL) is polled between points.
 *  Returns as hp_decompose_plan() for the two ends; an interior point that
 *  fails keeps has_solution = 0. */
hp_status hp_decompose_front(const hp_instance *inst, const hp_model_opts *mo,
                             const hp_lshaped_opts *lo, int n, const volatile int *interrupt,
                             hp_pareto **front, hp_plan **plans, hp_lshaped_stats *stats);

/** How a plan is solved: the extensive form (one LP/MIP over all
 *  scenarios, any backend), the L-shaped method, or auto (L-shaped from
 *  HP_DECOMPOSE_CROSSOVER scenarios on). */
typedef enum hp_method { HP_METHOD_AUTO = 0, HP_METHOD_EXTENSIVE, HP_METHOD_LSHAPED } hp_method;

/** "auto", "extensive", "lshaped". */
const char *hp_method_str(hp_method m);
/** Parses a method name; -1 when unknown. */
int hp_method_parse(const char *s);
/** The method to use for inst: m itself, or for auto the one
 *  hp_decompose_preferred() picks. */
hp_method hp_method_resolve(hp_method m, const hp_instance *inst);

/** `--method auto`: nonzero when the L-shaped method is expected to beat the
 *  extensive form on this instance (scenario count at or above
 *  HP_DECOMPOSE_CROSSOVER, measured in bench/README.md). */
int hp_decompose_preferred(const hp_instance *inst);

/** Scenario count from which `--method auto` decomposes. */
#define HP_DECOMPOSE_CROSSOVER 50

/** Scenario count from which `--method auto` decomposes where the scenario
 *  tree binds (by scenario bundles; measured in bench/README.md, "The
 *  scenario tree"). */
#define HP_TREE_CROSSOVER 50

#endif
