/* MathProg data export (models/export.h).  The instance is INSTANCE.md's
 * small example; the expected lines are written out from that file by hand
 * (the .mod solving them is checked in tests/cli/t_export.sh and
 * t_glpsol.sh). */
#define _GNU_SOURCE /* fopencookie */
/* cmocka.h needs these four first */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "../../models/formulation/export.h"

static const char *const example =
    "name = \"two sources, one product\";\n"
    "start = \"2026Q1\";\n"
    "quarters = 4;\n"
    "products = ( { id = \"Dy2O3\"; demand = [10.0, 10.0, 12.0, 12.0];\n"
    "               shortage_penalty = 5.0e6; initial_inventory = 5.0; holding_cost = 3000.0; } "
    ");\n"
    "suppliers = (\n"
    "  { id = \"cn\"; region = \"CN\"; lead_time = 1;\n"
    "    offers = ( { product = \"Dy2O3\"; price = 290.0; capacity = 20.0; } ); },\n"
    "  { id = \"my\"; region = \"MY\";\n"
    "    offers = ( { product = \"Dy2O3\"; price = 800.0; nameplate = 16.0; share = 0.75;\n"
    "                 ramp = { start = \"2026Q1\"; full = \"2026Q3\"; }; } ); }\n"
    ");\n"
    "restrictions = ( { type = \"quota\"; region = \"CN\"; limit = [0.0, 4.0, 8.0, 8.0]; } );\n"
    "scenarios = (\n"
    "  { name = \"licensed\"; probability = 0.7; },\n"
    "  { name = \"stop\"; probability = 0.3; events = ( { region = \"CN\"; from = \"2026Q2\"; "
    "factor = 0.0; } ); }\n"
    ");\n";

static hp_instance *load_example(void)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    assert_int_equal(hp_instance_load_string(example, "example.cfg", &in, &d), HP_OK);
    hp_diag_free(&d);
    assert_non_null(in);
    return in;
}

static char *export_str(const hp_instance *in, const hp_model_opts *mo)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(hp_export_mathprog(f, in, mo), HP_OK);
    assert_int_equal(fclose(f), 0);
    assert_non_null(buf);
    return buf;
}

static void assert_has(const char *s, const char *needle)
{
    if (!strstr(s, needle))
        fail_msg("export lacks \"%s\" in:\n%s", needle, s);
}

static void test_example(void **state)
{
    hp_instance *in = load_example();
    hp_model_opts mo = {HP_MEASURE_SHORTAGE, 0.75, HP_INFO_TREE, 0, 0};
    char *s;
    (void)state;
    s = export_str(in, &mo);
    assert_has(s, "\ndata;\n");
    assert_has(s, "param nq := 4;\n");
    assert_has(s, "param measure := 'shortage';\n");
    assert_has(s, "param alpha := 0.75;\n");
    assert_has(s, "set P := 'Dy2O3';\n");
    assert_has(s, "  ['Dy2O3',*] 1 10 2 10 3 12 4 12\n");
    assert_has(s, "  'Dy2O3' 5000000 5 3000 1 0\n"); /* M I0 h crit w */
    assert_has(s, "set J := 'cn' 'my';\n");
    assert_has(s, "  'cn' 'CN' 1\n  'my' 'MY' 0\n"); /* region, lead time */
    assert_has(s, "  ('cn','Dy2O3')\n  ('my','Dy2O3');\n");
    assert_has(s, "  ['cn','Dy2O3',*] 1 290 2 290 3 290 4 290\n");
    assert_has(s, "  ['cn','Dy2O3',*] 1 20 2 20 3 20 4 20\n");
    /* the quota on CN, all products (the file names none) */
    assert_has(s, "param : QUOTA : qreg :=\n  'q1' 'CN'\n;\n");
    assert_has(s, "set QP['q1'] := 'Dy2O3';\n");
    assert_has(s, "  ['q1',*] 1 0 2 4 3 8 4 8\n");
    /* probabilities to 17 digits; CN stops from Q2 in "stop" */
    assert_has(s, "'licensed' 0.69999999999999996\n");
    assert_has(s, "'stop' 0.29999999999999999;");
    assert_has(s, "  ['stop','cn',*] 2 0 3 0 4 0\n");
    /* nothing the example does not have */
    assert_null(strstr(s, "SPOT"));
    assert_null(strstr(s, "param R"));
    assert_null(strstr(s, "param Imax"));
    assert_null(strstr(s, "SHARE"));
    assert_null(strstr(s, "Nmax"));
    assert_null(strstr(s, "param : C"));
    assert_null(strstr(s, "['licensed'"));
    assert_has(s, "\nend;\n");
    free(s);
    hp_instance_free(in);
}

static void test_deterministic(void **state)
{
    hp_instance *in = load_example();
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    char *a, *b;
    (void)state;
    a = export_str(in, &mo);
    b = export_str(in, &mo);
    assert_string_equal(a, b);
    assert_has(a, "param measure := 'cvar';\n");
    assert_has(a, "param alpha := 0.90000000000000002;\n");
    free(a);
    free(b);
    hp_instance_free(in);
}

/* Sampled scenarios replace the instance's: the export follows inst->avail. */
static void test_sampled(void **state)
{
    hp_instance *in = load_example();
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    double *av = malloc(2 * 2 * 4 * sizeof *av);
    char *s;
    (void)state;
    assert_non_null(av);
    for (int k = 0; k < 16; k++)
        av[k] = 1.0;
    av[(0 * 2 + 1) * 4 + 2] = 0.25; /* sample1, my, Q3 */
    av[(1 * 2 + 0) * 4 + 0] = 0.5;  /* sample2, cn, Q1 */
    assert_int_equal(hp_instance_set_scenarios(in, 2, av), HP_OK);
    s = export_str(in, &mo);
    assert_has(s, "set S := 'sample1' 'sample2';\n");
    assert_has(s, "'sample1' 0.5\n");
    assert_has(s, "  ['sample1','my',*] 3 0.25\n");
    assert_has(s, "  ['sample2','cn',*] 1 0.5\n");
    assert_null(strstr(s, "'stop'"));
    assert_null(strstr(s, "['sample2','my'"));
    free(s);
    hp_instance_free(in);
}

/* A failing write is HP_EIO (unbuffered, so the first write fails). */
static void test_write_error(void **state)
{
    hp_instance *in = load_example();
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    FILE *f = fopen("/dev/full", "w");
    (void)state;
    if (!f) {
        hp_instance_free(in);
        skip();
    }
    setvbuf(f, NULL, _IONBF, 0);
    assert_int_equal(hp_export_mathprog(f, in, &mo), HP_EIO);
    fclose(f);
    hp_instance_free(in);
}

/* A stream that fails once `limit` bytes have been written. */
typedef struct failing {
    size_t written, limit;
} failing;

static ssize_t failing_write(void *c, const char *buf, size_t n)
{
    failing *fl = c;
    (void)buf;
    if (fl->written + n > fl->limit)
        return -1;
    fl->written += n;
    return (ssize_t)n;
}

/* Every write is checked: a failure at any byte of the output is HP_EIO. */
static void test_fail_everywhere(void **state)
{
    hp_instance *in = load_example();
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    char *s = export_str(in, &mo);
    size_t len = strlen(s);
    cookie_io_functions_t io = {NULL, failing_write, NULL, NULL};
    (void)state;
    for (size_t limit = 0; limit < len; limit++) {
        failing fl = {0, limit};
        FILE *f = fopencookie(&fl, "w", io);
        assert_non_null(f);
        setvbuf(f, NULL, _IONBF, 0);
        if (hp_export_mathprog(f, in, &mo) != HP_EIO)
            fail_msg("a write failing after %zu of %zu bytes was not reported", limit, len);
        fclose(f);
    }
    free(s);
    hp_instance_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example),         cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_sampled),         cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_fail_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
