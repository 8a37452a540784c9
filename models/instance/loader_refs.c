/* hreeplan loader: names, list ids and references from one list to
 * another (a product id, a region code), with "did you mean" hints.  A
 * reference to a list that is itself unusable is not checked: that list's
 * own error says what is wrong. */
#include <string.h>

#include "loader_int.h"

/* Optional free-text name, copied. */
void hpi_ld_name(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, char **out)
{
    char p[256], v[96];
    const char *str;
    const config_setting_t *m = hpi_ld_member(L, g, gpath, "name", 0);
    if (!m)
        return;
    hpi_ld_path_key(p, sizeof p, gpath, "name");
    if (!hpi_ld_string(L, m, p, &str))
        return;
    if (strlen(str) >= HPI_LD_MAX_NAME) {
        hpi_ld_value(m, v, sizeof v);
        hpi_ld_error(L, m, p, "too long (at most %d characters), got %s", HPI_LD_MAX_NAME - 1, v);
        return;
    }
    *out = hpi_ld_strdup(L, str);
}

/* Checks the id member of list element i against the ids before it; keeps
 * the raw string in ids[i] (even when malformed, to avoid cascades). */
void hpi_ld_list_id(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, const char *key,
                    const char **ids, const int *lines, int i, const char *what, char **out)
{
    char p[256], v[96];
    const char *str;
    int ok, k;
    const config_setting_t *m = hpi_ld_member(L, g, gpath, key, 1);
    if (!m)
        return;
    hpi_ld_path_key(p, sizeof p, gpath, key);
    ok = hpi_ld_id(L, m, p, &str);
    if (config_setting_type(m) != CONFIG_TYPE_STRING)
        return;
    k = hpi_ld_find(ids, i, str);
    ids[i] = str;
    if (k >= 0) {
        hpi_ld_value(m, v, sizeof v);
        hpi_ld_error(L, m, p, "duplicate %s (first used at line %d), got %s", what, lines[k], v);
        return;
    }
    if (ok && out)
        *out = hpi_ld_strdup(L, str);
}

/* A product reference: index or -1 (error reported). */
int hpi_ld_product_ref(hpi_ld_ctx *L, const config_setting_t *m, const char *path)
{
    char v[96];
    const char *str, *hint;
    int k;
    if (!hpi_ld_string(L, m, path, &str))
        return -1;
    k = hpi_ld_find(L->product_ids, L->n_product_ids, str);
    if (k >= 0 || !L->products_known)
        return k;
    hpi_ld_value(m, v, sizeof v);
    hint = hpi_ld_suggest(str, L->product_ids, L->n_product_ids);
    if (hint)
        hpi_ld_error(L, m, path, "unknown product, got %s (did you mean \"%s\"?)", v, hint);
    else
        hpi_ld_error(L, m, path, "unknown product, got %s", v);
    return -1;
}

int hpi_ld_region_ref(hpi_ld_ctx *L, const config_setting_t *m, const char *path)
{
    char v[96];
    const char *str, *hint;
    const hp_instance *in = L->in;
    int k;
    if (!hpi_ld_string(L, m, path, &str))
        return -1;
    k = hpi_ld_find((const char *const *)in->regions, in->n_regions, str);
    if (k >= 0 || !L->suppliers_known)
        return k;
    hpi_ld_value(m, v, sizeof v);
    hint = hpi_ld_suggest(str, (const char *const *)in->regions, in->n_regions);
    if (hint)
        hpi_ld_error(L, m, path, "no supplier is in this region, got %s (did you mean \"%s\"?)", v,
                     hint);
    else
        hpi_ld_error(L, m, path, "no supplier is in this region, got %s", v);
    return -1;
}
