/* hreeplan loader: typed readers over the libconfig tree.  Each reader
 * reports what is wrong with the setting it was handed, in the form
 * "FILE:LINE: path: what is wrong, got VALUE", and never stops the walk. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

static void ld_verror(hpi_ld_ctx *L, const char *file, unsigned line, const char *set,
                      const char *path, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* "FILE:LINE: path: what", or for a setting given by --set (set: its
 * PATH=VALUE, line 0) "FILE: --set PATH=VALUE: path: what". */
static void ld_verror(hpi_ld_ctx *L, const char *file, unsigned line, const char *set,
                      const char *path, const char *fmt, va_list ap)
{
    char what[512], where[300];
    int len;
    char *msg;
    hpi_ld_err *grown;

    if (L->n_err >= HPI_LD_MAX_ERRORS) {
        L->dropped++;
        return;
    }
    vsnprintf(what, sizeof what, fmt, ap);
    if (set) {
        snprintf(where, sizeof where, " --set %s", set);
        line = 0;
    } else {
        snprintf(where, sizeof where, "%u", line);
    }
    len = snprintf(NULL, 0, "%s:%s: %s%s%s", file, where, path ? path : "", path ? ": " : "", what);
    if (len < 0)
        return;
    msg = malloc((size_t)len + 1);
    if (!msg) {
        L->nomem = 1;
        return;
    }
    snprintf(msg, (size_t)len + 1, "%s:%s: %s%s%s", file, where, path ? path : "", path ? ": " : "",
             what);
    if (L->n_err == L->cap_err) {
        int cap = L->cap_err ? 2 * L->cap_err : 16;
        grown = realloc(L->errs, (size_t)cap * sizeof *grown);
        if (!grown) {
            free(msg);
            L->nomem = 1;
            return;
        }
        L->errs = grown;
        L->cap_err = cap;
    }
    L->errs[L->n_err].line = line;
    L->errs[L->n_err].seq = L->n_err;
    L->errs[L->n_err].msg = msg;
    L->n_err++;
}

void hpi_ld_error(hpi_ld_ctx *L, const config_setting_t *s, const char *path, const char *fmt, ...)
{
    va_list ap;
    const char *file = L->file, *set = NULL;
    unsigned line = 1;
    if (s) {
        if (config_setting_source_file(s))
            file = config_setting_source_file(s);
        if (config_setting_source_line(s) > 0)
            line = config_setting_source_line(s);
        set = config_setting_get_hook(s); /* given by --set (loader_set.c) */
    }
    va_start(ap, fmt);
    ld_verror(L, file, line, set, path, fmt, ap);
    va_end(ap);
}

void hpi_ld_error_at(hpi_ld_ctx *L, unsigned line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ld_verror(L, L->file, line > 0 ? line : 1, NULL, path, fmt, ap);
    va_end(ap);
}

void hpi_ld_value(const config_setting_t *s, char *buf, size_t len)
{
    const char *str;
    size_t k = 0, i;
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        snprintf(buf, len, "%d", config_setting_get_int(s));
        return;
    case CONFIG_TYPE_INT64:
        snprintf(buf, len, "%lld", config_setting_get_int64(s));
        return;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, len, "%.10g", config_setting_get_float(s));
        return;
    case CONFIG_TYPE_BOOL:
        snprintf(buf, len, "%s", config_setting_get_bool(s) ? "true" : "false");
        return;
    case CONFIG_TYPE_ARRAY:
        snprintf(buf, len, "an array");
        return;
    case CONFIG_TYPE_LIST:
        snprintf(buf, len, "a list");
        return;
    case CONFIG_TYPE_GROUP:
        snprintf(buf, len, "a group");
        return;
    case CONFIG_TYPE_STRING:
        break;
    default:
        snprintf(buf, len, "nothing");
        return;
    }
    /* a quoted string, control characters escaped, long ones shortened */
    str = config_setting_get_string(s);
    if (len < 16) {
        snprintf(buf, len, "\"...\"");
        return;
    }
    buf[k++] = '"';
    for (i = 0; str[i] && k + 8 < len && i < 60; i++) {
        unsigned char c = (unsigned char)str[i];
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
            k += (size_t)snprintf(buf + k, len - k, "\\x%02x", c);
        } else {
            buf[k++] = (char)c;
        }
    }
    if (str[i]) {
        buf[k++] = '.';
        buf[k++] = '.';
        buf[k++] = '.';
    }
    buf[k++] = '"';
    buf[k] = '\0';
}

void hpi_ld_path_key(char *buf, size_t len, const char *parent, const char *key)
{
    if (parent && parent[0])
        snprintf(buf, len, "%s.%s", parent, key);
    else
        snprintf(buf, len, "%s", key);
}

void hpi_ld_path_idx(char *buf, size_t len, const char *parent, int i)
{
    snprintf(buf, len, "%s[%d]", parent, i);
}

/* Levenshtein distance, case-insensitive, small words only. */
static int edit_distance(const char *a, const char *b)
{
    int row[65], la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *hpi_ld_suggest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int bestd = 3;
    int wl = (int)strlen(word);
    for (int k = 0; k < n; k++) {
        int d;
        if (!cands[k])
            continue;
        d = edit_distance(word, cands[k]);
        /* a distance as long as the word itself is a replacement, not a typo */
        if (d < bestd && d < wl) {
            best = cands[k];
            bestd = d;
        }
    }
    return best;
}

void hpi_ld_check_keys(hpi_ld_ctx *L, const config_setting_t *group, const char *path,
                       const char *const *allowed)
{
    int n = 0;
    while (allowed[n])
        n++;
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(m);
        char p[256];
        const char *hint;
        if (!name || hpi_ld_find(allowed, n, name) >= 0)
            continue;
        hpi_ld_path_key(p, sizeof p, path, name);
        hint = hpi_ld_suggest(name, allowed, n);
        if (hint)
            hpi_ld_error(L, m, p, "unknown setting (did you mean \"%s\"?)", hint);
        else
            hpi_ld_error(L, m, p, "unknown setting");
    }
}

int hpi_ld_find(const char *const *ids, int n, const char *id)
{
    for (int k = 0; k < n; k++)
        if (ids[k] && !strcmp(ids[k], id))
            return k;
    return -1;
}

int hpi_ld_number(hpi_ld_ctx *L, const config_setting_t *s, const char *path, double *out)
{
    char v[96];
    double x;
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        x = (double)config_setting_get_int(s);
        break;
    case CONFIG_TYPE_INT64:
        x = (double)config_setting_get_int64(s);
        break;
    case CONFIG_TYPE_FLOAT:
        x = config_setting_get_float(s);
        break;
    default:
        hpi_ld_value(s, v, sizeof v);
        hpi_ld_error(L, s, path, "must be a number, got %s", v);
        return 0;
    }
    if (!isfinite(x)) {
        hpi_ld_value(s, v, sizeof v);
        hpi_ld_error(L, s, path, "must be finite, got %s", v);
        return 0;
    }
    *out = x;
    return 1;
}

int hpi_ld_check(hpi_ld_ctx *L, const config_setting_t *s, const char *path, double v,
                 hpi_ld_rule rule, double big, const char *unit)
{
    const char *want = NULL;
    switch (rule) {
    case HPI_LD_ANY:
        break;
    case HPI_LD_GE0:
        want = v >= 0.0 ? NULL : "must be >= 0";
        break;
    case HPI_LD_GT0:
        want = v > 0.0 ? NULL : "must be > 0";
        break;
    case HPI_LD_UNIT:
        want = v >= 0.0 && v <= 1.0 ? NULL : "must be in [0,1]";
        break;
    case HPI_LD_OPEN:
        want = v > 0.0 && v < 1.0 ? NULL : "must be in (0,1)";
        break;
    case HPI_LD_PROB:
        want = v > 0.0 && v <= 1.0 ? NULL : "must be in (0,1]";
        break;
    case HPI_LD_CORR:
        want = v >= -1.0 && v <= 1.0 ? NULL : "must be in [-1,1]";
        break;
    }
    if (want) {
        hpi_ld_error(L, s, path, "%s, got %.10g", want, v);
        return 0;
    }
    /* a positive value below 1e-6 becomes a coefficient the solver cannot
     * tell from its own tolerances (GLPK stops on an internal error at a
     * capacity of 1e-300 under a contract; a criticality of 1e-300 gives an
     * "optimal" plan with negative stock) */
    if (v != 0.0 && fabs(v) < HPI_LD_TINY && (big > 0.0 || rule == HPI_LD_UNIT)) {
        int u = unit && *unit;
        hpi_ld_error(L, s, path,
                     "too small for the solver's numerics (%sat least 1e-6%s%s), got %.10g",
                     rule == HPI_LD_GT0 ? "" : "0, or ", u ? " " : "", u ? unit : "", v);
        return 0;
    }
    if (big > 0.0 && fabs(v) > big) {
        hpi_ld_error(L, s, path, "too large for the solver's numerics (at most 1e%d %s), got %.10g",
                     (int)lround(log10(big)), unit ? unit : "", v);
        return 0;
    }
    return 1;
}

const config_setting_t *hpi_ld_member(hpi_ld_ctx *L, const config_setting_t *group,
                                      const char *gpath, const char *key, int required)
{
    const config_setting_t *m = config_setting_get_member(group, key);
    if (!m && required) {
        char p[256];
        hpi_ld_path_key(p, sizeof p, gpath, key);
        hpi_ld_error(L, group, p, "required setting is missing");
    }
    return m;
}

int hpi_ld_member_number(hpi_ld_ctx *L, const config_setting_t *group, const char *gpath,
                         const char *key, int required, hpi_ld_rule rule, double big,
                         const char *unit, double *out)
{
    char p[256];
    double v;
    const config_setting_t *m = hpi_ld_member(L, group, gpath, key, required);
    if (!m)
        return !required;
    hpi_ld_path_key(p, sizeof p, gpath, key);
    if (!hpi_ld_number(L, m, p, &v) || !hpi_ld_check(L, m, p, v, rule, big, unit))
        return 0;
    *out = v;
    return 1;
}

int hpi_ld_int(hpi_ld_ctx *L, const config_setting_t *s, const char *path, long *out)
{
    char v[96];
    double x;
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        *out = config_setting_get_int(s);
        return 1;
    case CONFIG_TYPE_INT64:
        *out = (long)config_setting_get_int64(s);
        return 1;
    case CONFIG_TYPE_FLOAT:
        x = config_setting_get_float(s);
        if (isfinite(x) && x == floor(x) && fabs(x) < 1e15) {
            *out = (long)x;
            return 1;
        }
        break;
    default:
        break;
    }
    hpi_ld_value(s, v, sizeof v);
    hpi_ld_error(L, s, path, "must be an integer, got %s", v);
    return 0;
}

int hpi_ld_string(hpi_ld_ctx *L, const config_setting_t *s, const char *path, const char **out)
{
    char v[96];
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        hpi_ld_value(s, v, sizeof v);
        hpi_ld_error(L, s, path, "must be a string, got %s", v);
        return 0;
    }
    *out = config_setting_get_string(s);
    return 1;
}

int hpi_ld_id(hpi_ld_ctx *L, const config_setting_t *s, const char *path, const char **out)
{
    char v[96];
    const char *str;
    size_t n;
    if (!hpi_ld_string(L, s, path, &str))
        return 0;
    *out = str;
    n = strlen(str);
    hpi_ld_value(s, v, sizeof v);
    if (n == 0 ||
        strspn(str, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") != n) {
        hpi_ld_error(L, s, path, "must be an id of letters, digits, '_', '.' or '-', got %s", v);
        return 0;
    }
    if (n >= HP_ID_MAX) {
        hpi_ld_error(L, s, path, "too long (at most %d characters), got %s", HP_ID_MAX - 1, v);
        return 0;
    }
    return 1;
}

const config_setting_t *hpi_ld_group(hpi_ld_ctx *L, const config_setting_t *s, const char *path)
{
    char v[96];
    if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
        hpi_ld_value(s, v, sizeof v);
        hpi_ld_error(L, s, path, "must be a group { ... }, got %s", v);
        return NULL;
    }
    return s;
}

int hpi_ld_list(hpi_ld_ctx *L, const config_setting_t *s, const char *path)
{
    char v[96];
    if (config_setting_type(s) == CONFIG_TYPE_LIST)
        return config_setting_length(s);
    if (config_setting_type(s) == CONFIG_TYPE_ARRAY && config_setting_length(s) == 0)
        return 0;
    hpi_ld_value(s, v, sizeof v);
    hpi_ld_error(L, s, path, "must be a list of groups ( { ... }, ... ), got %s", v);
    return -1;
}

int hpi_ld_series(hpi_ld_ctx *L, const config_setting_t *group, const char *gpath, const char *key,
                  int required, hpi_ld_rule rule, double big, const char *unit, double def,
                  double **out)
{
    char p[256], pe[272], v[96];
    const config_setting_t *s = hpi_ld_member(L, group, gpath, key, required);
    int ok = 1, n;
    double x;

    hpi_ld_path_key(p, sizeof p, gpath, key);
    if (L->T > 0 && (s || !required)) {
        *out = hpi_ld_calloc(L, (size_t)L->T, sizeof **out);
        if (!*out)
            return 0;
        for (int t = 0; t < L->T; t++)
            (*out)[t] = def;
    }
    if (!s)
        return !required;
    if (config_setting_is_number(s)) {
        if (!hpi_ld_number(L, s, p, &x) || !hpi_ld_check(L, s, p, x, rule, big, unit))
            return 0;
        for (int t = 0; t < L->T && *out; t++)
            (*out)[t] = x;
        return 1;
    }
    if (config_setting_type(s) != CONFIG_TYPE_ARRAY && config_setting_type(s) != CONFIG_TYPE_LIST) {
        hpi_ld_value(s, v, sizeof v);
        hpi_ld_error(L, s, p, "must be a number or an array of numbers, got %s", v);
        return 0;
    }
    n = config_setting_length(s);
    if (L->T > 0 && n != L->T) {
        hpi_ld_error(L, s, p, "must have %d elements (quarters) or be one number, got %d element%s",
                     L->T, n, n == 1 ? "" : "s");
        return 0;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        hpi_ld_path_idx(pe, sizeof pe, p, i);
        if (!hpi_ld_number(L, e, pe, &x) || !hpi_ld_check(L, e, pe, x, rule, big, unit)) {
            ok = 0;
            continue;
        }
        if (*out && i < L->T)
            (*out)[i] = x;
    }
    return ok;
}

int hpi_ld_quarter(hpi_ld_ctx *L, const config_setting_t *s, const char *path, int *abs)
{
    char v[96];
    const char *str;
    hp_instance zero;
    int off;
    if (!hpi_ld_string(L, s, path, &str))
        return 0;
    memset(&zero, 0, sizeof zero);
    zero.start_year = 0;
    zero.start_q = 1;
    if (hp_quarter_parse(&zero, str, &off) != 0) {
        hpi_ld_value(s, v, sizeof v);
        hpi_ld_error(L, s, path, "must be a quarter label \"YYYYQn\" (n = 1..4), got %s", v);
        return 0;
    }
    *abs = off;
    return 1;
}

char *hpi_ld_strdup(hpi_ld_ctx *L, const char *s)
{
    char *d;
    if (!s)
        return NULL;
    d = strdup(s);
    if (!d)
        L->nomem = 1;
    return d;
}

void *hpi_ld_calloc(hpi_ld_ctx *L, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        L->nomem = 1;
    return p;
}

void hpi_ld_error_set(hpi_ld_ctx *L, const char *set, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ld_verror(L, L->file, 0, set, NULL, fmt, ap);
    va_end(ap);
}
