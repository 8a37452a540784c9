/* The scenario tree (models/formulation/tree.h, MODEL.md "Information:
 * non-anticipativity") on small instances whose trees are drawn by hand,
 * and the non-anticipativity rows of the model (model_tree.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../models/formulation/model.h"
#include "../../models/formulation/tree.h"
#include "../../models/instance/instance.h"

/* Three quarters, one product, sources cn (CN) and my (MY).  Scenarios:
 *   a  nothing happens;
 *   b  CN stops in 2026Q2 (and after);
 *   c  CN stops in 2026Q3;
 *   d  my's price doubles in 2026Q3 (availability unchanged);
 *   e  CN halves in 2026Q1 only.
 * Histories: Q1 {a,b,c,d} {e}; Q2 {a,c,d} {b} {e}; Q3 {a} {b} {c} {d} {e}.
 * Nodes 2 + 3 + 5 = 10; the tree binds (Q1 has 2 nodes for 5 scenarios). */
static const char *CFG =
    "name = \"tree\"; start = \"2026Q1\"; quarters = 3;\n"
    "products = ( { id = \"P\"; demand = 10.0; shortage_penalty = 1.0e6;\n"
    "  spot = { price = 500.0; limit = 2.0; }; } );\n"
    "suppliers = (\n"
    "  { id = \"cn\"; region = \"CN\"; offers = ( { product = \"P\"; price = 100.0; capacity = "
    "5.0; "
    "} ); },\n"
    "  { id = \"my\"; region = \"MY\"; offers = ( { product = \"P\"; price = 200.0; capacity = "
    "5.0; "
    "} ); } );\n"
    "scenarios = (\n"
    "  { name = \"a\"; probability = 0.2; },\n"
    "  { name = \"b\"; probability = 0.2; events = ( { region = \"CN\"; from = \"2026Q2\"; factor "
    "= 0.0; } ); },\n"
    "  { name = \"c\"; probability = 0.2; events = ( { region = \"CN\"; from = \"2026Q3\"; factor "
    "= 0.0; } ); },\n"
    "  { name = \"d\"; probability = 0.2; events = ( { supplier = \"my\"; from = \"2026Q3\"; "
    "factor = 1.0; price_factor = 2.0; } ); },\n"
    "  { name = \"e\"; probability = 0.2; events = ( { region = \"CN\"; from = \"2026Q1\"; to = "
    "\"2026Q1\"; factor = 0.5; } ); } );\n";

static hp_instance *load(const char *text)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    if (hp_instance_load_string(text, "tree.cfg", &in, &d) != HP_OK) {
        for (int i = 0; i < d.n; i++)
            print_error("%s\n", d.msgs[i]);
        fail();
    }
    hp_diag_free(&d);
    return in;
}

static int node(const hp_tree *tr, int s, int t)
{
    return tr->node[(size_t)t * (size_t)tr->S + (size_t)s];
}

static void test_declared(void **state)
{
    hp_instance *in = load(CFG);
    hp_tree *tr = NULL;
    (void)state;
    assert_int_equal(hp_tree_build(in, &tr), HP_OK);
    assert_int_equal(tr->per_quarter[0], 2);
    assert_int_equal(tr->per_quarter[1], 3);
    assert_int_equal(tr->per_quarter[2], 5);
    assert_int_equal(tr->n_nodes, 10);
    assert_true(hp_tree_binds(tr));
    /* Q1: a b c d together, e apart */
    assert_int_equal(node(tr, 1, 0), node(tr, 0, 0));
    assert_int_equal(node(tr, 3, 0), node(tr, 0, 0));
    assert_int_not_equal(node(tr, 4, 0), node(tr, 0, 0));
    /* Q2: a c d together, representative a; b apart */
    assert_int_equal(hp_tree_rep(tr, 2, 1), 0);
    assert_int_equal(hp_tree_rep(tr, 3, 1), 0);
    assert_int_equal(hp_tree_rep(tr, 1, 1), 1);
    assert_int_equal(hp_tree_rep(tr, 4, 1), 4);
    /* Q3: all apart; the parent of d's node is a's Q2 node */
    for (int s = 0; s < 5; s++)
        assert_int_equal(hp_tree_rep(tr, s, 2), s);
    assert_int_equal(tr->parent[node(tr, 3, 2)], node(tr, 0, 1));
    assert_int_equal(hp_tree_split(tr, 0, 3), 2);
    assert_int_equal(hp_tree_split(tr, 0, 1), 1);
    assert_int_equal(hp_tree_split(tr, 0, 4), 0);
    /* node probabilities */
    assert_true(tr->prob[node(tr, 0, 0)] > 0.8 - 1e-12 && tr->prob[node(tr, 0, 0)] < 0.8 + 1e-12);
    hp_tree_free(tr);
    hp_instance_free(in);
}

/* Rows: under the tree, each recourse column of quarter t of a scenario
 * that is not its node's first is tied to the first's: per (s, t) with
 * rep != s, inv, u and y (no safety stock, reserve, take-or-pay or terminal
 * stock here): 3 rows.  Pairs: Q1 b, c, d (3); Q2 c, d (2); Q3 none:
 * 5 * 3 = 15 rows; two-stage adds none and has 15 rows fewer. */
static void test_rows(void **state)
{
    hp_instance *in = load(CFG);
    hp_model_opts tree = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    hp_model_opts two = {HP_MEASURE_CVAR, 0.9, HP_INFO_TWO_STAGE, 0, 0};
    hp_model *mt = NULL, *m2 = NULL;
    (void)state;
    assert_int_equal(hp_model_build(in, &tree, &mt), HP_OK);
    assert_int_equal(hp_model_build(in, &two, &m2), HP_OK);
    assert_int_equal(mt->na_rows, 15);
    assert_int_equal(m2->na_rows, 0);
    assert_int_equal(hp_lp_nrows(mt->lp) - hp_lp_nrows(m2->lp), 15);
    assert_int_equal(hp_lp_ncols(mt->lp), hp_lp_ncols(m2->lp));
    assert_int_equal(mt->tree->n_nodes, 10);
    assert_int_equal(m2->tree->n_nodes, 10);
    hp_model_free(mt);
    hp_model_free(m2);
    hp_instance_free(in);
}

/* One scenario (the nominal one): one node a quarter, never binding. */
static void test_nominal(void **state)
{
    hp_instance *in = load("name = \"n\"; start = \"2026Q1\"; quarters = 4;\n"
                           "products = ( { id = \"P\"; demand = 1.0; shortage_penalty = 1.0; } );\n"
                           "suppliers = ( { id = \"s\"; region = \"X\"; offers = ( { product = "
                           "\"P\"; price = 1.0; capacity = 1.0; } ); } );\n");
    hp_tree *tr = NULL;
    (void)state;
    assert_int_equal(hp_tree_build(in, &tr), HP_OK);
    assert_int_equal(tr->n_nodes, 4);
    assert_false(hp_tree_binds(tr));
    hp_tree_free(tr);
    hp_instance_free(in);
}

static void test_parse(void **state)
{
    (void)state;
    assert_int_equal(hp_information_parse("tree"), HP_INFO_TREE);
    assert_int_equal(hp_information_parse("two-stage"), HP_INFO_TWO_STAGE);
    assert_int_equal(hp_information_parse("two_stage"), -1);
    assert_int_equal(hp_information_parse(NULL), -1);
    assert_string_equal(hp_information_str(HP_INFO_TWO_STAGE), "two-stage");
    assert_string_equal(hp_information_str(HP_INFO_TREE), "tree");
    assert_int_equal(hp_tree_build(NULL, NULL), HP_EINTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declared),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_nominal),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
