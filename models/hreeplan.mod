/* hreeplan.mod: the sourcing model of MODEL.md in GNU MathProg.
 *
 * This is the executable documentation of the planner's mathematics and the
 * independent reference the C formulation is checked against
 * (tests/cli/t_glpsol.sh).  It was written from MODEL.md alone.
 *
 *   hreeplan export INSTANCE.cfg --mathprog-data DATA.dat
 *   glpsol -m models/hreeplan.mod -d DATA.dat
 *
 * prints, after the solve,
 *   OBJ   the value of the objective that was minimised
 *   COST  expected cost of the plan (USD) = SPEND + PENALTY
 *   SPEND expected cash spend of the plan (USD)
 *   RISK  the chosen risk measure, computed from the plan itself
 *   SHORTAGE / CVAR / EXPOSURE  all three measures, from the plan
 *   PURCHASE / CONTRACT / SPOT / HOLDING / PENALTY  the cost parts (USD)
 *   RESERVE / TAKE_OR_PAY / TERMINAL_CREDIT  the second edition's cash
 *         parts (USD; the credit is subtracted from spend)
 *   NX    the number of shipment columns x (0: nothing can be bought)
 *
 * Choosing the plan (give these in a second data file, or edit the data):
 *   param obj := 'cost';   minimise expected cost (default)
 *   param obj := 'risk';   minimise the risk measure
 *   param obj := 'spend';  minimise expected spend
 *   param spendcap := B;   add  spend <= B  (--budget)
 *   param riskcap := R;    add  risk <= R  (the lexicographic second solve
 *                          of a risk-minimal plan, and the epsilon-constraint
 *                          points of the Pareto front)
 *
 * Quarters are numbered 1..nq as in MODEL.md; the data file names the
 * labels in comments only.  Money in USD, quantities in tonnes, prices in
 * USD/kg (hence the factor 1000 on every price). */

/* ------------------------------------------------------------------ sets */

param nq integer, >= 1;           /* number of quarters of the horizon */
set T := 1..nq;                   /* quarters */
set P;                            /* products */
set J;                            /* supply sources */
set S;                            /* scenarios */

/* Offers: (j,p) when source j sells product p.  A source has no x column
 * for a product it does not offer. */
set OFFER within J cross P;

/* --------------------------------------------------------------- products */

param d{P, T} >= 0;               /* demand, t */
param M{P} > 0;                   /* penalty per t of unmet demand, USD/t */
param I0{P} >= 0, default 0;      /* stock on hand at the start, t */
param R{P, T} >= 0, default 0;    /* arrivals already in transit, t */
param h{P} >= 0, default 0;       /* holding cost, USD per t per quarter */
param crit{P} > 0, default 1;     /* criticality weight in shortage and CVaR */
param Imax{P} >= 0, default Infinity;  /* storage limit (none by default) */
param SS{P, T} >= 0, default 0;   /* safety-stock target, t (soft) */
param w{P} >= 0, default 0;       /* penalty per t per quarter below SS */

/* Spot market: only products in SPOT can be bought spot. */
set SPOT within P, default {};
param sp{SPOT, T} > 0;                      /* spot price, USD/kg */
param Ymax{SPOT, T} >= 0, default Infinity; /* spot volume limit, t */

/* Terminal stock (second edition): at the end of quarter nq, a target IT
 * (t) with penalty wT per t short, and a credit cT (USD/kg) per t left. */
set TERM within P, default {};
param IT{TERM} >= 0, default 0;
param wT{TERM} >= 0, default 0;
param cT{TERM} >= 0, default 0;

/* Strategic reserve (second edition): G t released to the buyer only in
 * quarters where region rreg's smallest availability is below theta, at
 * most Rmax per quarter, bought at rp USD/kg. */
set RES within P, default {};
param G{RES} > 0;
param rreg{RES} symbolic;
param theta{RES} > 0, <= 1, default 1;
param Rmax{RES, T} >= 0, default Infinity;
param rp{RES} > 0;

/* ---------------------------------------------------------------- sources */

param g{J} symbolic;              /* region of each source, e.g. 'CN' */
param L{J} integer, >= 0, < nq, default 0;  /* lead time, quarters */
param c{OFFER, T} > 0;            /* contract price, USD/kg */
param K{OFFER, T} >= 0;           /* capacity open to this buyer, t/quarter */

/* Contract sources (a MIP choice z[j]): fixed cost, minimum order per
 * quarter shipped (0 = none), lot size (0 = none). */
set C within J, default {};
param F{C} >= 0, default 0;
param m{C} >= 0, default 0;
param lot{C} >= 0, default 0;
param Nmax >= 0, default Infinity; /* at most this many contracts */

/* Firm offtake (second edition): offers (j,p) in COMMIT take at least
 * Cmin[j,p,t] t in each quarter, or pay tp USD/kg on the shortfall; with
 * hardc = 1 there is no fee and the minimum is hard.  Under a contract the
 * commitment applies only if z[j] = 1. */
set COMMIT within OFFER, default OFFER diff OFFER; /* none by default */
param Cmin{COMMIT, T} >= 0, default 0;
param hardc{COMMIT} binary, default 0;
param tp{COMMIT} >= 0, default 0;

/* Co-production (second edition): a source in CO yields its products in
 * the fixed proportions beta[j,p] of one output b[j,t]. */
set CO within J, default {};
param beta{OFFER} >= 0, default 0;

/* A source ships in quarters 1..nq-L[j]: what it ships later would arrive
 * after the horizon, so MODEL.md gives it no column. */
set SHIP{j in J} := 1..nq - L[j];

/* ----------------------------------------------------------- restrictions */

/* Regional quotas: ships from region qreg[r] of the products QP[r] are at
 * most Qmax[r,t] in each ship quarter t. */
set QUOTA, default {};
param qreg{QUOTA} symbolic;
set QP{QUOTA} within P;
param Qmax{QUOTA, T} >= 0;

/* Share caps: ships from region sreg[r] of the products SP[r] are at most
 * sigma[r] of all ships of those products, in each ship quarter
 * (horizon[r] = 0) or summed over the horizon (horizon[r] = 1). */
set SHARE, default {};
param sreg{SHARE} symbolic;
set SP{SHARE} within P;
param sigma{SHARE} >= 0, <= 1;
param horizon{SHARE} binary, default 0;

/* -------------------------------------------------------------- scenarios */

param pi{S} > 0;                  /* probability */
/* a[s,j,t]: share of what j ships in quarter t that arrives, in scenario s
 * (indexed by the SHIP quarter). */
param a{S, J, T} >= 0, <= 1, default 1;
/* abar[j,t]: the expected share. */
param abar{j in J, t in T} := sum{s in S} pi[s] * a[s,j,t];
/* Price scenarios (second edition): pf[s,j,t] multiplies the contract
 * price of what j ships in t in scenario s, spf[s,p,t] the spot price;
 * purchases are paid on what arrives: paid[j,t] = sum_s pi pf a. */
param pf{S, J, T} > 0, default 1;
param spf{S, SPOT, T} > 0, default 1;
param paid{j in J, t in T} := sum{s in S} pi[s] * pf[s,j,t] * a[s,j,t];
/* ropen[s,p,t] = 1 where reserve p may be released in scenario s. */
param ropen{s in S, p in RES, t in T} :=
    if min{j in J: g[j] = rreg[p]} a[s,j,t] < theta[p] then 1 else 0;

check abs(sum{s in S} pi[s] - 1) <= 1e-6;

/* ---------------------------------------------------------------- choices */

param measure symbolic, default 'cvar', in {'shortage', 'cvar', 'exposure'};
param alpha > 0, < 1, default 0.9;
param obj symbolic, default 'cost', in {'cost', 'risk', 'spend'};
param riskcap, default Infinity;
param spendcap, default Infinity;
/* What the recourse knows (MODEL.md "Information: non-anticipativity"):
 * 'tree' (default) makes the recourse of quarter t equal across scenarios
 * with equal histories through t; 'two-stage' lets each scenario's
 * recourse see its whole future. */
param information symbolic, default 'tree', in {'tree', 'two-stage'};
/* Adaptive orders (MODEL.md --adaptive-orders): with adaptive = 1 the
 * orders of ship quarters 2..nq are decisions of the tree node of their
 * ship quarter (quarter-1 orders stay shared); sno numbers the scenarios
 * so that a node can be named by its first scenario. */
param adaptive binary, default 0;
param sno{S} integer, >= 1, default 1;
check adaptive = 0 or information = 'tree';

/* --------------------------------------------------- the scenario tree */

/* Scenarios s and r share a node of quarter t when all their data of
 * quarters 1..t are equal, compared literally: availability and price
 * factors of every source, spot price factors, whether each reserve may be
 * released (spot limits are the same in every scenario).  NA holds every
 * ordered pair (s, r, t), s <> r, of one node; the recourse of s in t
 * equals that of r.  The C formulation ties each scenario to the first
 * scenario of its node instead (fewer rows, the same feasible set);
 * computing the tree here, from the data, keeps this model an independent
 * check of hreeplan's tree. */
set NA := setof{s in S, r in S, t in T:
    information = 'tree' and s <> r
    and (forall{tt in 1..t, j in J} (a[s,j,tt] = a[r,j,tt] and pf[s,j,tt] = pf[r,j,tt]))
    and (forall{tt in 1..t, p in SPOT} spf[s,p,tt] = spf[r,p,tt])
    and (forall{tt in 1..t, p in RES} ropen[s,p,tt] = ropen[r,p,tt])} (s, r, t);

/* Order nodes: HIST holds every (s, r, t), s = r included, of scenarios
 * with equal histories through t (the test of NA, whatever the
 * information); nd[s,t] is the order node of s for ship quarter t: the
 * number of the node's first scenario under adaptive orders from quarter
 * 2 on, else 0 (one order for every scenario).  Q[t]: the order nodes of
 * ship quarter t. */
set HIST := setof{s in S, r in S, t in T:
    (forall{tt in 1..t, j in J} (a[s,j,tt] = a[r,j,tt] and pf[s,j,tt] = pf[r,j,tt]))
    and (forall{tt in 1..t, p in SPOT} spf[s,p,tt] = spf[r,p,tt])
    and (forall{tt in 1..t, p in RES} ropen[s,p,tt] = ropen[r,p,tt])} (s, r, t);
param nd{s in S, t in T} :=
    if adaptive = 1 and t >= 2 then min{r in S: (s, r, t) in HIST} sno[r] else 0;
set Q{t in T} := setof{s in S} nd[s,t];
/* What an order of node q pays and misses: the sums over its scenarios. */
param paidq{j in J, t in T, q in Q[t]} := sum{s in S: nd[s,t] = q} pi[s] * pf[s,j,t] * a[s,j,t];
param missq{j in J, t in T, q in Q[t]} :=
    if adaptive = 1 then sum{s in S: nd[s,t] = q} pi[s] * (1 - a[s,j,t]) else 1 - abar[j,t];

/* ============================================================ variables */

/* First stage: the plan, the same in every scenario (per order node q
 * under adaptive orders). */
var x{(j,p) in OFFER, t in SHIP[j], q in Q[t]} >= 0;  /* t shipped by j in t */
var z{C} binary;                              /* contract with j */
/* j ships in t: only where a minimum order applies. */
var o{j in C, t in SHIP[j], q in Q[t]: m[j] > 0} binary;
/* lots: only where a lot size applies. */
var n{(j,p) in OFFER, t in SHIP[j], q in Q[t]: j in C and lot[j] > 0} integer, >= 0;

/* Second stage, per scenario: the recourse. */
var y{S, p in SPOT, T} >= 0;      /* spot purchases */
var u{S, P, T} >= 0;              /* unmet demand */
var I{S, P, T} >= 0;              /* ending inventory */
var v{S, P, T} >= 0;              /* shortfall below safety stock */
var eT{S, TERM} >= 0;             /* shortfall below the terminal target */
var rel{S, RES, T} >= 0;           /* release from the strategic reserve */
var k{S, (j,p) in COMMIT, t in SHIP[j]} >= 0;  /* take-or-pay shortfall */
var b{j in CO, t in SHIP[j], q in Q[t]} >= 0;  /* co-production output */

/* CVaR in the Rockafellar-Uryasev form (used by the cvar measure). */
var eta;                          /* free: the value-at-risk at the optimum */
var xi{S} >= 0;                   /* excess of the scenario shortage over eta */

/* The two criteria as defined columns, so that either can be the
 * objective and the other can be bounded. */
var COST;                         /* expected cost, USD */
var SPEND;                        /* expected cash spend, USD */
var PENALTY;                      /* expected notional penalties, USD */
var RISK;                         /* the chosen risk measure */

/* ========================================================== constraints */

/* 1. Inventory balance (I[s,p,0] = I0[p]).  What j ships in t - L[j]
 *    arrives in t, scaled by the scenario's availability in the ship
 *    quarter; shipments before quarter 1 do not exist (the in-transit R
 *    stands for them).  Unmet demand u closes the balance. */
s.t. balance{s in S, p in P, t in T}:
    I[s,p,t] = (if t = 1 then I0[p] else I[s,p,t-1]) + R[p,t]
             + sum{j in J: (j,p) in OFFER and t - L[j] >= 1}
                   a[s,j,t-L[j]] * x[j,p,t-L[j],nd[s,t-L[j]]]
             + (if p in SPOT then y[s,p,t]) + (if p in RES then rel[s,p,t])
             + u[s,p,t] - d[p,t];

/*    Unmet demand cannot exceed the demand. */
s.t. unmet_le_demand{s in S, p in P, t in T}: u[s,p,t] <= d[p,t];

/* 2. Capacity; a contract source ships only under contract. */
s.t. capacity{(j,p) in OFFER, t in SHIP[j], q in Q[t]}:
    x[j,p,t,q] <= K[j,p,t] * (if j in C then z[j] else 1);

/* 3. Minimum order: in a quarter j ships, it ships at least m[j] (all
 *    products together), and it ships only in quarters marked o, only under
 *    contract. */
s.t. min_order{j in C, t in SHIP[j], q in Q[t]: m[j] > 0}:
    m[j] * o[j,t,q] <= sum{p in P: (j,p) in OFFER} x[j,p,t,q];
s.t. ship_marked{j in C, t in SHIP[j], q in Q[t]: m[j] > 0}:
    sum{p in P: (j,p) in OFFER} x[j,p,t,q]
        <= (sum{p in P: (j,p) in OFFER} K[j,p,t]) * o[j,t,q];
s.t. ship_contract{j in C, t in SHIP[j], q in Q[t]: m[j] > 0}: o[j,t,q] <= z[j];

/* 4. Lots: whole lots only. */
s.t. lots{(j,p) in OFFER, t in SHIP[j], q in Q[t]: j in C and lot[j] > 0}:
    x[j,p,t,q] = lot[j] * n[j,p,t,q];

/* 5. Regional quota, per ship quarter. */
s.t. quota{r in QUOTA, t in T, q in Q[t]}:
    sum{(j,p) in OFFER: g[j] = qreg[r] and p in QP[r] and t in SHIP[j]}
        x[j,p,t,q] <= Qmax[r,t];

/* 6. Share cap, per ship quarter ... */
s.t. share_quarter{r in SHARE, t in T, q in Q[t]: horizon[r] = 0}:
    sum{(j,p) in OFFER: g[j] = sreg[r] and p in SP[r] and t in SHIP[j]} x[j,p,t,q]
        <= sigma[r] * sum{(j,p) in OFFER: p in SP[r] and t in SHIP[j]} x[j,p,t,q];
/*    ... or over the whole horizon: on what each scenario receives (one
 *    row, the first scenario in name order, when orders are shared). */
s.t. share_horizon{r in SHARE, s in S: horizon[r] = 1
                   and (adaptive = 1 or card({r2 in S: r2 < s}) = 0)}:
    sum{(j,p) in OFFER, t in SHIP[j]: g[j] = sreg[r] and p in SP[r]} x[j,p,t,nd[s,t]]
        <= sigma[r] * sum{(j,p) in OFFER, t in SHIP[j]: p in SP[r]} x[j,p,t,nd[s,t]];

/* 7. Storage limit and soft safety stock. */
s.t. storage{s in S, p in P, t in T: Imax[p] < Infinity}: I[s,p,t] <= Imax[p];
s.t. safety{s in S, p in P, t in T}: I[s,p,t] + v[s,p,t] >= SS[p,t];

/* 8. Spot volume limit. */
s.t. spot_limit{s in S, p in SPOT, t in T: Ymax[p,t] < Infinity}:
    y[s,p,t] <= Ymax[p,t];

/* 9. At most Nmax contracts. */
s.t. contracts{i in 1..1: Nmax < Infinity}: sum{j in C} z[j] <= Nmax;

/* 10. Terminal stock: the target, with the shortfall e. */
s.t. terminal{s in S, p in TERM: IT[p] > 0}: I[s,p,nq] + eT[s,p] >= IT[p];

/* 11. Strategic reserve: nothing while closed, at most Rmax while open, at
 *     most G over the horizon. */
s.t. reserve_closed{s in S, p in RES, t in T: ropen[s,p,t] = 0}: rel[s,p,t] = 0;
s.t. reserve_limit{s in S, p in RES, t in T: ropen[s,p,t] = 1 and Rmax[p,t] < Infinity}:
    rel[s,p,t] <= Rmax[p,t];
s.t. reserve_stock{s in S, p in RES}: sum{t in T} rel[s,p,t] <= G[p];

/* 12. Firm offtake: take Cmin or pay for the shortfall k (no k when hard);
 *     ignored where nothing can ship (K = 0). */
s.t. commitment{s in S, (j,p) in COMMIT, t in SHIP[j]: Cmin[j,p,t] > 0 and K[j,p,t] > 0}:
    x[j,p,t,nd[s,t]] + (if hardc[j,p] = 0 then k[s,j,p,t])
        >= Cmin[j,p,t] * (if j in C then z[j] else 1);

/* 13. Co-production in fixed proportions. */
s.t. coproduce{(j,p) in OFFER, t in SHIP[j], q in Q[t]: j in CO}:
    x[j,p,t,q] = beta[j,p] * b[j,t,q];

/* 14. Non-anticipativity: in a node of quarter t, every recourse decision
 *     of quarter t is the same (spot, unmet, stock, safety shortfall,
 *     reserve release, take-or-pay shortfall of what ships in t, terminal
 *     shortfall in the last quarter). */
s.t. na_I{(s,r,t) in NA, p in P}: I[s,p,t] = I[r,p,t];
s.t. na_u{(s,r,t) in NA, p in P}: u[s,p,t] = u[r,p,t];
s.t. na_v{(s,r,t) in NA, p in P}: v[s,p,t] = v[r,p,t];
s.t. na_y{(s,r,t) in NA, p in SPOT}: y[s,p,t] = y[r,p,t];
s.t. na_rel{(s,r,t) in NA, p in RES}: rel[s,p,t] = rel[r,p,t];
s.t. na_k{(s,r,t) in NA, (j,p) in COMMIT: t in SHIP[j] and hardc[j,p] = 0}:
    k[s,j,p,t] = k[r,j,p,t];
s.t. na_eT{(s,r,t) in NA, p in TERM: t = nq}: eT[s,p] = eT[r,p];

/* ============================================================ criteria */

/* Expected cost = spend + penalty (MODEL.md, "Spend and penalty").
 * Spend (cash): purchases are paid on what arrives (expected share abar),
 * contracts on signing, spot and holding in expectation over the scenarios.
 * Penalty (notional): expected shortage and safety-stock penalties. */
s.t. spend_def:
    SPEND = sum{(j,p) in OFFER, t in SHIP[j], q in Q[t]} 1000 * c[j,p,t] * paidq[j,t,q] * x[j,p,t,q]
          + sum{j in C} F[j] * z[j]
          + sum{s in S} pi[s] * sum{p in P, t in T}
              ( (if p in SPOT then 1000 * sp[p,t] * spf[s,p,t] * y[s,p,t]) + h[p] * I[s,p,t]
              + (if p in RES then 1000 * rp[p] * rel[s,p,t]) )
          + sum{s in S} pi[s] * sum{(j,p) in COMMIT, t in SHIP[j]} 1000 * tp[j,p] * k[s,j,p,t]
          - sum{s in S} pi[s] * sum{p in TERM} 1000 * cT[p] * I[s,p,nq];
s.t. penalty_def:
    PENALTY = sum{s in S} pi[s] * (sum{p in P, t in T} (M[p] * u[s,p,t] + w[p] * v[s,p,t])
                                   + sum{p in TERM} wT[p] * eT[s,p]);
s.t. cost_def: COST = SPEND + PENALTY;

/* CVaR: xi[s] >= Z_s - eta, Z_s the criticality-weighted shortage of s.
 * Only the cvar measure needs these rows. */
s.t. cvar_excess{s in S: measure = 'cvar'}:
    xi[s] >= sum{p in P, t in T} crit[p] * u[s,p,t] - eta;

s.t. risk_def:
    RISK = if measure = 'shortage' then
               sum{s in S} pi[s] * sum{p in P, t in T} crit[p] * u[s,p,t]
           else if measure = 'cvar' then
               eta + 1 / (1 - alpha) * sum{s in S} pi[s] * xi[s]
           else
               sum{(j,p) in OFFER, t in SHIP[j], q in Q[t]} missq[j,t,q] * x[j,p,t,q];

/* The epsilon constraint (absent unless riskcap is given). */
s.t. risk_cap{i in 1..1: riskcap < Infinity}: RISK <= riskcap;
/* The budget (absent unless spendcap is given). */
s.t. spend_cap{i in 1..1: spendcap < Infinity}: SPEND <= spendcap;

minimize goal: if obj = 'cost' then COST else if obj = 'spend' then SPEND else RISK;

solve;

/* ============================================================== report */

/* Every measure is recomputed from the plan (x, u), never read from eta or
 * xi, which the objective may leave free.  CVaR of the discrete scenario
 * shortages: the minimum over eta is attained at one of the Z_s. */
param Z{s in S} := sum{p in P, t in T} crit[p] * u[s,p,t];
param shortage := sum{s in S} pi[s] * Z[s];
param cvar := min{e in S} (Z[e] + 1 / (1 - alpha)
                           * sum{s in S} pi[s] * max(0, Z[s] - Z[e]));
param exposure := sum{(j,p) in OFFER, t in SHIP[j], q in Q[t]} missq[j,t,q] * x[j,p,t,q];
param risk := if measure = 'shortage' then shortage
              else if measure = 'cvar' then cvar else exposure;

param purchase := sum{(j,p) in OFFER, t in SHIP[j], q in Q[t]}
                      1000 * c[j,p,t] * paidq[j,t,q] * x[j,p,t,q];
param contract := sum{j in C} F[j] * z[j];
param spot := sum{s in S} pi[s] * sum{p in SPOT, t in T} 1000 * sp[p,t] * spf[s,p,t] * y[s,p,t];
param holding := sum{s in S} pi[s] * sum{p in P, t in T} h[p] * I[s,p,t];
param reserve := sum{s in S} pi[s] * sum{p in RES, t in T} 1000 * rp[p] * rel[s,p,t];
param takeorpay := sum{s in S} pi[s] * sum{(j,p) in COMMIT, t in SHIP[j]}
                       1000 * tp[j,p] * k[s,j,p,t];
param credit := sum{s in S} pi[s] * sum{p in TERM} 1000 * cT[p] * I[s,p,nq];
param penalty := sum{s in S} pi[s] * (sum{p in P, t in T}
                     (M[p] * u[s,p,t] + w[p] * v[s,p,t]) + sum{p in TERM} wT[p] * eT[s,p]);
param cash := purchase + contract + spot + holding + reserve + takeorpay - credit;

printf "OBJ %.17g\n", if obj = 'cost' then COST else if obj = 'spend' then SPEND else RISK;
printf "COST %.17g\n", cash + penalty;
printf "SPEND %.17g\n", cash;
printf "RISK %.17g\n", risk;
printf "SHORTAGE %.17g\nCVAR %.17g\nEXPOSURE %.17g\n", shortage, cvar, exposure;
printf "NX %d\n", card({(j,p) in OFFER, t in SHIP[j], q in Q[t]});
printf "PURCHASE %.17g\nCONTRACT %.17g\nSPOT %.17g\nHOLDING %.17g\nPENALTY %.17g\n",
       purchase, contract, spot, holding, penalty;
printf "RESERVE %.17g\nTAKE_OR_PAY %.17g\nTERMINAL_CREDIT %.17g\n", reserve, takeorpay, credit;

end;
