/* Birge and Louveaux's farmer as an extensive form, written apart from
   hreeplan's SMPS reader: glpsol -m tests/smps/farmer.mod gives the
   optimum that tests/cli/t_smps.sh expects of `hreeplan smps` on
   farmer.{cor,tim,sto} (-108390, with 170, 80, 250 acres). */
set S := {1, 2, 3};
set C := {'wheat', 'corn', 'beets'};
param yield{C, S};
param plant{C};
var x{C} >= 0;
var buy{{'wheat', 'corn'}, S} >= 0;
var sell{{'wheat', 'corn'}, S} >= 0;
var beets_hi{S} >= 0, <= 6000;
var beets_lo{S} >= 0;
minimize cost: sum{c in C} plant[c] * x[c]
    + sum{s in S} (1/3) * (238 * buy['wheat', s] + 210 * buy['corn', s]
        - 170 * sell['wheat', s] - 150 * sell['corn', s]
        - 36 * beets_hi[s] - 10 * beets_lo[s]);
s.t. land: sum{c in C} x[c] <= 500;
s.t. wheat{s in S}: yield['wheat', s] * x['wheat'] + buy['wheat', s] - sell['wheat', s] >= 200;
s.t. corn{s in S}: yield['corn', s] * x['corn'] + buy['corn', s] - sell['corn', s] >= 240;
s.t. beets{s in S}: beets_hi[s] + beets_lo[s] <= yield['beets', s] * x['beets'];
solve;
printf "objective %.4f\n", cost;
printf "x %s %.4f\n", 'X1', x['wheat'];
printf "x %s %.4f\n", 'X2', x['corn'];
printf "x %s %.4f\n", 'X3', x['beets'];
data;
param plant := wheat 150 corn 230 beets 260;
param yield:  1    2    3 :=
    wheat    3.0  2.5  2.0
    corn     3.6  3.0  2.4
    beets    24   20   16;
end;
