#!/usr/bin/python3
"""The cost-minimal plan of MODEL.md written in PuLP and solved with CBC, for
the performance bench (bench/perf/run.sh): what a planner would get by
writing the model in Python instead of using hreeplan.

It reads the data section that `hreeplan export FILE --mathprog-data OUT`
writes for models/hreeplan.mod (so the sampled scenarios are the same) and
builds the same extensive form: x first stage; y, u, I, v per scenario;
balance, capacity, quota and share-cap rows; the expected cost as objective.
Only the LP parts are supported (no contracts, minimum orders, lots or
storage limits: the bench instances have none); anything else is refused.

usage: /usr/bin/python3 pulp_model.py DATA.dat [--threads N]
prints "OBJ <expected cost>" and "SECONDS_BUILD <s>" on stdout.
"""
import re
import shutil
import sys
import time

import pulp

TOKEN = re.compile(r"'[^']*'|:=|[\[\]\(\),:;*]|[^\s\[\]\(\),:;*']+")


def tokens(text):
    text = re.sub(r"#[^\n]*", "", text)
    for t in TOKEN.findall(text):
        yield t


def atom(t):
    if t.startswith("'"):
        return t[1:-1]
    try:
        return float(t)
    except ValueError:
        return t


def statements(text):
    """Yields each statement as a list of tokens (without the ';')."""
    cur = []
    for t in tokens(text):
        if t == ";":
            if cur:
                yield cur
            cur = []
        else:
            cur.append(t)
    if cur and cur != ["end"]:
        yield cur


def parse(text):
    sets, params = {}, {}
    for st in statements(text):
        if st[0] in ("data", "end"):
            st = st[1:]
            if not st:
                continue
        kind = st[0]
        if kind == "set":
            name = st[1]
            rest = st[2:]
            if rest[0] == "[":  # set QP['q1'] := ...
                close = rest.index("]")
                key = tuple(atom(t) for t in rest[1:close] if t != ",")
                name = (name, key[0] if len(key) == 1 else key)
                rest = rest[close + 1:]
            assert rest[0] == ":=", st
            vals, tup = [], None
            for t in rest[1:]:
                if t == "(":
                    tup = []
                elif t == ")":
                    vals.append(tuple(tup))
                    tup = None
                elif t == ",":
                    continue
                elif tup is not None:
                    tup.append(atom(t))
                else:
                    vals.append(atom(t))
            sets[name] = vals
        elif kind == "param":
            if st[1] == ":":  # tabular: param : [SET :] a b c := rows
                i = st.index(":=")
                head = st[2:i]
                setname = None
                if ":" in head:
                    k = head.index(":")
                    setname = head[0]
                    head = head[k + 1:]
                body = [atom(t) for t in st[i + 1:]]
                w = len(head) + 1
                keys = []
                for r in range(0, len(body), w):
                    key = body[r]
                    keys.append(key)
                    for c, pname in enumerate(head):
                        params.setdefault(pname, {})[key] = body[r + 1 + c]
                if setname:
                    sets[setname] = keys
            else:
                name = st[1]
                i = st.index(":=")
                body = st[i + 1:]
                if len(body) == 1:
                    params[name] = atom(body[0])
                    continue
                d = params.setdefault(name, {})
                prefix = None
                k = 0
                while k < len(body):
                    t = body[k]
                    if t == "[":
                        close = body.index("]", k)
                        prefix = tuple(atom(x) for x in body[k + 1:close] if x not in (",", "*"))
                        k = close + 1
                        continue
                    if prefix is None:  # plain key value pairs
                        d[atom(t)] = atom(body[k + 1])
                    else:
                        d[prefix + (int(atom(t)),)] = atom(body[k + 1])
                    k += 2
        else:
            raise SystemExit("pulp_model.py: unsupported statement: %s" % " ".join(st[:6]))
    return sets, params


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    threads = 1
    if "--threads" in argv:
        threads = int(argv[argv.index("--threads") + 1])
    t0 = time.time()
    with open(argv[1]) as f:
        sets, params = parse(f.read())
    for unsupported in ("C", "F", "m", "lot", "Imax", "Nmax"):
        if unsupported in sets or unsupported in params:
            raise SystemExit("pulp_model.py: %s is not supported (LP bench instances only)"
                             % unsupported)
    nq = int(params["nq"])
    T = range(1, nq + 1)
    P, J, S = sets["P"], sets["J"], sets["S"]
    OFFER = sets["OFFER"]
    SPOT = set(sets.get("SPOT", []))
    d, R, SS = params["d"], params.get("R", {}), params.get("SS", {})
    M, I0, h, w = params["M"], params.get("I0", {}), params.get("h", {}), params.get("w", {})
    sp, Ymax = params.get("sp", {}), params.get("Ymax", {})
    g, L = params["g"], params.get("L", {})
    c, K = params["c"], params["K"]
    pi, a = params["pi"], params.get("a", {})
    lead = {j: int(L.get(j, 0)) for j in J}
    ship = {j: range(1, nq - lead[j] + 1) for j in J}

    def av(s, j, t):
        return a.get((s, j, t), 1.0)

    abar = {(j, t): sum(pi[s] * av(s, j, t) for s in S) for j in J for t in T}

    prob = pulp.LpProblem("hreeplan", pulp.LpMinimize)
    x = {(j, p, t): pulp.LpVariable("x_%s_%s_%d" % (j, p, t), lowBound=0)
         for (j, p) in OFFER for t in ship[j]}
    cost = []
    for (j, p, t), var in x.items():
        cost.append((var, 1000.0 * c[(j, p, t)] * abar[(j, t)]))
        prob += var <= K[(j, p, t)], "cap_%s_%s_%d" % (j, p, t)
    for r in sets.get("QUOTA", []):
        qp = set(sets[("QP", r)])
        for t in T:
            terms = [x[(j, p, t)] for (j, p) in OFFER
                     if g[j] == params["qreg"][r] and p in qp and t in ship[j]]
            if terms:
                prob += pulp.lpSum(terms) <= params["Qmax"][(r, t)], "quota_%s_%d" % (r, t)
    for r in sets.get("SHARE", []):
        spp = set(sets[("SP", r)])
        reg, sig = params["sreg"][r], params["sigma"][r]
        groups = [list(T)] if params["horizon"][r] == 1 else [[t] for t in T]
        for k, ts in enumerate(groups):
            terms = [(x[(j, p, t)], (1.0 if g[j] == reg else 0.0) - sig)
                     for (j, p) in OFFER if p in spp for t in ts if t in ship[j]]
            if terms:
                prob += pulp.LpAffineExpression(terms) <= 0, "share_%s_%d" % (r, k)
    for s in S:
        for p in P:
            prev = None
            for t in T:
                inv = pulp.LpVariable("I_%s_%s_%d" % (s, p, t), lowBound=0)
                u = pulp.LpVariable("u_%s_%s_%d" % (s, p, t), lowBound=0, upBound=d[(p, t)])
                bal = [(inv, 1.0), (u, -1.0)]
                if prev is not None:
                    bal.append((prev, -1.0))
                if p in SPOT:
                    y = pulp.LpVariable("y_%s_%s_%d" % (s, p, t), lowBound=0,
                                        upBound=Ymax.get((p, t)))
                    bal.append((y, -1.0))
                    cost.append((y, pi[s] * 1000.0 * sp[(p, t)]))
                for j in J:
                    ts = t - lead[j]
                    if ts >= 1 and (j, p, ts) in x and av(s, j, ts) != 0.0:
                        bal.append((x[(j, p, ts)], -av(s, j, ts)))
                rhs = R.get((p, t), 0.0) - d[(p, t)] + (I0.get(p, 0.0) if t == 1 else 0.0)
                prob += pulp.LpAffineExpression(bal) == rhs, "bal_%s_%s_%d" % (s, p, t)
                if SS.get((p, t), 0.0) > 0:
                    v = pulp.LpVariable("v_%s_%s_%d" % (s, p, t), lowBound=0)
                    prob += inv + v >= SS[(p, t)], "ss_%s_%s_%d" % (s, p, t)
                    cost.append((v, pi[s] * w.get(p, 0.0)))
                cost.append((inv, pi[s] * h.get(p, 0.0)))
                cost.append((u, pi[s] * M[p]))
                prev = inv
    prob += pulp.LpAffineExpression(cost)
    t1 = time.time()
    # Debian's python3-pulp ships no CBC binary of its own: use the system's
    cbc = shutil.which("cbc")
    solver = pulp.COIN_CMD(path=cbc, msg=0, threads=threads) if cbc else \
        pulp.PULP_CBC_CMD(msg=0, threads=threads)
    status = prob.solve(solver)
    if pulp.LpStatus[status] != "Optimal":
        print("STATUS %s" % pulp.LpStatus[status])
        return 4
    print("OBJ %.17g" % pulp.value(prob.objective))
    print("SECONDS_BUILD %.3f" % (t1 - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
