/* hreeplan loader: reads an instance file (INSTANCE.md), validates every
 * rule, and fills an hp_instance.  Errors are collected, not thrown: the
 * user sees all of them at once, sorted by line. */
#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

static const char *const top_keys[] = {"name",          "start",        "quarters",  "products",
                                       "suppliers",     "restrictions", "scenarios", "risk",
                                       "max_contracts", "disruptions",  NULL};
static const char *const risk_keys[] = {"measure", "alpha", NULL};

static void ld_top(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *m;
    const char *str;
    char v[96];
    long q;

    m = hpi_ld_member(L, root, "", "name", 1);
    if (m && hpi_ld_string(L, m, "name", &str)) {
        if (strlen(str) >= HPI_LD_MAX_NAME) {
            hpi_ld_value(m, v, sizeof v);
            hpi_ld_error(L, m, "name", "too long (at most %d characters), got %s",
                         HPI_LD_MAX_NAME - 1, v);
        } else {
            in->name = hpi_ld_strdup(L, str);
        }
    }
    m = hpi_ld_member(L, root, "", "start", 1);
    if (m && hpi_ld_quarter(L, m, "start", &L->start_abs)) {
        L->start_ok = 1;
        in->start_year = L->start_abs / 4;
        in->start_q = L->start_abs % 4 + 1;
    }
    m = hpi_ld_member(L, root, "", "quarters", 1);
    if (m && hpi_ld_int(L, m, "quarters", &q)) {
        if (q < 1 || q > HP_MAX_QUARTERS)
            hpi_ld_error(L, m, "quarters", "must be in 1..%d, got %ld", HP_MAX_QUARTERS, q);
        else
            L->T = in->T = (int)q;
    }
}

static void ld_risk(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *g = hpi_ld_member(L, root, "", "risk", 0), *m;
    const char *str;
    char v[96];

    if (!g || !hpi_ld_group(L, g, "risk"))
        return;
    hpi_ld_check_keys(L, g, "risk", risk_keys);
    m = hpi_ld_member(L, g, "risk", "measure", 0);
    if (m && hpi_ld_string(L, m, "risk.measure", &str)) {
        int k = hp_measure_parse(str);
        if (k < 0) {
            hpi_ld_value(m, v, sizeof v);
            hpi_ld_error(L, m, "risk.measure",
                         "must be \"shortage\", \"cvar\" or \"exposure\", got %s", v);
        } else {
            in->measure = (hp_measure)k;
        }
    }
    hpi_ld_member_number(L, g, "risk", "alpha", 0, HPI_LD_OPEN, 0.0, NULL, &in->alpha);
}

static void ld_max_contracts(hpi_ld_ctx *L, const config_setting_t *root)
{
    const config_setting_t *m = hpi_ld_member(L, root, "", "max_contracts", 0);
    long k;
    if (!m || !hpi_ld_int(L, m, "max_contracts", &k))
        return;
    if (k < 1)
        hpi_ld_error(L, m, "max_contracts", "must be >= 1, got %ld", k);
    else /* more than there are suppliers is no limit at all */
        L->in->max_contracts = k > HP_MAX_SUPPLIERS ? HP_MAX_SUPPLIERS : (int)k;
}

static int ld_err_cmp(const void *a, const void *b)
{
    const hpi_ld_err *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Everything that needs a clean instance: the made-up nominal scenario and
 * the availability array. */
static hp_status ld_finish(hpi_ld_ctx *L, const char *path)
{
    hp_instance *in = L->in;
    in->file = strdup(path);
    if (!in->file)
        return HP_ENOMEM;
    if (in->n_scenarios == 0) {
        in->scenarios = calloc(1, sizeof *in->scenarios);
        if (!in->scenarios)
            return HP_ENOMEM;
        in->n_scenarios = 1;
        in->scenarios[0].probability = 1.0;
        in->scenarios[0].name = strdup("nominal");
        if (!in->scenarios[0].name)
            return HP_ENOMEM;
        in->scenarios_given = 0;
    }
    return hpi_ld_avail(in);
}

/* SHA-256 of what was parsed: the text, then one line per override. */
static void ld_sha256(hp_instance *in, const char *text, const hp_load_opts *o)
{
    struct sha256_ctx ctx;
    uint8_t dig[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(text), (const uint8_t *)text);
    for (int k = 0; o && k < o->n_set; k++) {
        sha256_update(&ctx, 6, (const uint8_t *)"--set ");
        sha256_update(&ctx, strlen(o->set[k]), (const uint8_t *)o->set[k]);
        sha256_update(&ctx, 1, (const uint8_t *)"\n");
    }
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, dig);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(in->sha256 + 2 * i, 3, "%02x", dig[i]);
}

static double ld_max_mb(const hp_load_opts *o)
{
    return o && o->max_memory_mb > 0.0 ? o->max_memory_mb : 4096.0;
}

hp_status hp_instance_load_string(const char *text, const char *path, hp_instance **out,
                                  hp_diag *diag)
{
    return hp_instance_load_string_opts(text, path, NULL, out, diag);
}

hp_status hp_instance_load_string_opts(const char *text, const char *path, const hp_load_opts *o,
                                       hp_instance **out, hp_diag *diag)
{
    hp_status st = HP_OK;
    config_t cfg;
    hpi_ld_ctx L;
    const config_setting_t *root;
    char *defused = NULL;

    memset(&L, 0, sizeof L);
    config_init(&cfg);
    if (out)
        *out = NULL;
    if (!text || !out)
        return HP_EINVAL;
    L.file = path ? path : "<string>";
    L.T = -1;
    L.in = calloc(1, sizeof *L.in);
    if (!L.in) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    L.in->measure = HP_MEASURE_CVAR;
    L.in->alpha = 0.9;
    config_set_options(&cfg, CONFIG_OPTION_AUTOCONVERT);
    /* libconfig 1.5 follows @include into any file the process can read
     * (and dies inside its scanner on a directory): refused in the text
     * before parsing, and should a directive slip past that scan, every
     * include path is made to start below /dev/null, where nothing opens */
    config_set_include_dir(&cfg, "/dev/null");
    if (hpi_ld_scan_include(&L, text))
        goto report;
    {
        double mb = hpi_ld_parse_mb(text);
        if (mb > ld_max_mb(o)) {
            st = hp_diag_add(diag,
                             "%s: reading this file would need about %.0f MB, more than "
                             "--max-memory %.0f MB",
                             L.file, mb, ld_max_mb(o))
                     ? HP_ENOMEM
                     : HP_EINVAL;
            goto cleanup;
        }
    }
    defused = hpi_ld_defuse_strings(text);
    if (!defused) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (!config_read_string(&cfg, defused)) {
        const char *msg = config_error_text(&cfg) ? config_error_text(&cfg) : "parse error";
        int hint = !strcmp(msg, "mismatched element type in array");
        L.file = config_error_file(&cfg) ? config_error_file(&cfg) : L.file;
        hpi_ld_error_at(&L, (unsigned)config_error_line(&cfg), NULL, "%s%s", msg,
                        hint ? "; write every element alike (e.g. 80.0, not 80)" : "");
        L.file = path ? path : "<string>";
        goto report;
    }
    if (hpi_ld_scan_ints(&L, text))
        goto report;
    if (hpi_ld_apply_sets(&L, &cfg, o))
        goto report;
    root = config_root_setting(&cfg);
    hpi_ld_check_keys(&L, root, "", top_keys);
    ld_top(&L, root);
    hpi_ld_products(&L, root);
    hpi_ld_suppliers(&L, root);
    hpi_ld_restrictions(&L, root);
    hpi_ld_scenarios(&L, root);
    ld_risk(&L, root);
    ld_max_contracts(&L, root);
    hpi_ld_disruptions(&L, root);
    hpi_ld_second_checks(&L, root);

report:
    if (L.nomem) {
        st = HP_ENOMEM;
    } else if (L.n_err > 0) {
        st = HP_EINVAL;
        qsort(L.errs, (size_t)L.n_err, sizeof *L.errs, ld_err_cmp);
        for (int k = 0; k < L.n_err && diag; k++)
            if (hp_diag_add(diag, "%s", L.errs[k].msg) != HP_OK) {
                st = HP_ENOMEM;
                break;
            }
        if (diag && L.dropped > 0)
            diag->truncated += (int)(L.dropped > 1000000 ? 1000000 : L.dropped);
    } else {
        st = ld_finish(&L, path ? path : "<string>");
        if (st == HP_OK)
            ld_sha256(L.in, text, o);
    }
cleanup:
    if (st == HP_OK) {
        *out = L.in;
    } else {
        hp_instance_free(L.in);
    }
    for (int k = 0; k < L.n_err; k++)
        free(L.errs[k].msg);
    free(L.errs);
    free(L.product_ids);
    free(L.supplier_ids);
    free(defused);
    config_destroy(&cfg);
    return st;
}

hp_status hp_instance_load(const char *path, hp_instance **out, hp_diag *diag)
{
    return hp_instance_load_opts(path, NULL, out, diag);
}

hp_status hp_instance_load_opts(const char *path, const hp_load_opts *o, hp_instance **out,
                                hp_diag *diag)
{
    hp_status st = HP_OK;
    FILE *f = NULL;
    char *buf = NULL, *grown;
    size_t len = 0, cap = 0, got;
    const char *nul;

    if (out)
        *out = NULL;
    if (!path || !out)
        return HP_EINVAL;
    f = fopen(path, "rb");
    if (!f) {
        st = hp_diag_add(diag, "%s: cannot read: %s", path, strerror(errno)) ? HP_ENOMEM : HP_EIO;
        goto cleanup;
    }
    for (;;) {
        if (len + 1 >= cap) {
            if (cap >= (size_t)HPI_LD_MAX_FILE) {
                st = hp_diag_add(diag, "%s: file too large for an instance (more than %ld MiB)",
                                 path, HPI_LD_MAX_FILE >> 20)
                         ? HP_ENOMEM
                         : HP_EINVAL;
                goto cleanup;
            }
            cap = cap ? 2 * cap : 65536;
            grown = realloc(buf, cap + 1);
            if (!grown) {
                st = HP_ENOMEM;
                goto cleanup;
            }
            buf = grown;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        /* a device such as /dev/zero: stop at its first NUL, not at the cap */
        if (got == 0 || memchr(buf + len - got, '\0', got))
            break;
    }
    if (ferror(f)) {
        st = hp_diag_add(diag, "%s: cannot read: %s", path, strerror(errno)) ? HP_ENOMEM : HP_EIO;
        goto cleanup;
    }
    buf[len] = '\0';
    nul = memchr(buf, '\0', len);
    if (nul) {
        int line = 1;
        for (const char *c = buf; c < nul; c++)
            line += *c == '\n';
        st = hp_diag_add(diag, "%s:%d: NUL byte in the file (an instance is a text file)", path,
                         line)
                 ? HP_ENOMEM
                 : HP_EINVAL;
        goto cleanup;
    }
    st = hp_instance_load_string_opts(buf, path, o, out, diag);
cleanup:
    if (f)
        fclose(f);
    free(buf);
    return st;
}
