/* hreeplan loader: overrides given as --set PATH=VALUE (CLI.md, second
 * edition), applied to the parsed libconfig tree before validation, so an
 * override is checked by the same rules, in the same words, as the file.
 *
 * PATH is written as in error messages: names joined by '.', list elements
 * by index or by id in brackets (`products[0].demand`,
 * `suppliers[lynas-my].offers[Dy2O3].price`); an element's id is its `id`,
 * else its `product` (offers), else its `name` (scenarios, events).  VALUE
 * is any libconfig value (`120`, `[100.0, 120.0]`, `"cvar"`, `{ ... }`) and
 * passes the same text checks as a file (no @include, no integer libconfig
 * would wrap).  A setting that exists is replaced where it stands (its list
 * position is kept); a name the group lacks is added, and the validator
 * then says whether it belongs there (with "did you mean").  Every setting
 * an override touches carries its PATH=VALUE as the libconfig hook and
 * line 0: the validator's messages then read "FILE: --set PATH=VALUE: ...". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

#define SET_MAX_KEY 128

/* One step of a path: a name, or the text between brackets. */
static int next_seg(const char **p, int first, char *key, int *bracket)
{
    const char *s = *p;
    size_t n = 0;
    if (*s == '[') {
        for (s++; *s && *s != ']'; s++)
            if (n + 1 < SET_MAX_KEY)
                key[n++] = *s;
        if (*s != ']' || n == 0)
            return -1;
        s++;
        *bracket = 1;
    } else {
        if (!first) {
            if (*s != '.')
                return -1;
            s++;
        }
        for (; *s && *s != '.' && *s != '['; s++)
            if (n + 1 < SET_MAX_KEY)
                key[n++] = *s;
        if (n == 0)
            return -1;
        *bracket = 0;
    }
    key[n] = '\0';
    *p = s;
    return 0;
}

/* The id of a list element, as a bracket in a path names it. */
static const char *elem_id(const config_setting_t *e)
{
    static const char *const keys[] = {"id", "product", "name"};
    if (!config_setting_is_group(e))
        return NULL;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const config_setting_t *m = config_setting_get_member(e, keys[k]);
        if (m && config_setting_type(m) == CONFIG_TYPE_STRING)
            return config_setting_get_string(m);
    }
    return NULL;
}

/* " (did you mean \"X\"?)" among the names (by_id 0) or ids (1) of the
 * members of g, or "". */
static void hint(const config_setting_t *g, const char *word, int by_id, char *buf, size_t len)
{
    int n = config_setting_length(g), k = 0;
    const char **c = n > 0 ? malloc((size_t)n * sizeof *c) : NULL;
    const char *best;
    buf[0] = '\0';
    if (!c)
        return;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
        const char *w = by_id ? elem_id(e) : config_setting_name(e);
        if (w)
            c[k++] = w;
    }
    best = hpi_ld_suggest(word, c, k);
    if (best)
        snprintf(buf, len, " (did you mean \"%s\"?)", best);
    free(c);
}

/* The setting at PATH (p, parsed up to '='); *parent and key are set when
 * the last step names a member that does not exist yet.  NULL with an
 * error recorded when the path leads nowhere. */
static config_setting_t *resolve(hpi_ld_ctx *L, const char *arg, config_setting_t *root,
                                 const char *p, config_setting_t **parent, char *key)
{
    config_setting_t *cur = root, *next;
    char done[512] = "", h[SET_MAX_KEY + 32];
    int first = 1, bracket;
    *parent = NULL;
    while (*p) {
        if (next_seg(&p, first, key, &bracket)) {
            hpi_ld_error_set(L, arg,
                             "malformed path after \"%s\" (write it as in error "
                             "messages, e.g. products[0].demand)",
                             done);
            return NULL;
        }
        first = 0;
        if (!bracket) {
            if (!config_setting_is_group(cur)) {
                hpi_ld_error_set(L, arg,
                                 "%s is %s, not a group: name an element with [INDEX] "
                                 "or [ID]",
                                 done[0] ? done : "the instance",
                                 config_setting_is_aggregate(cur) ? "a list" : "a value");
                return NULL;
            }
            next = config_setting_get_member(cur, key);
            if (!next && !*p) {
                *parent = cur;
                return NULL;
            }
            if (!next) {
                hint(cur, key, 0, h, sizeof h);
                hpi_ld_error_set(L, arg, "no setting \"%s\" in %s%s", key,
                                 done[0] ? done : "the instance", h);
                return NULL;
            }
        } else {
            int n = config_setting_length(cur), i = -1;
            char *end;
            long idx = strtol(key, &end, 10);
            if (!config_setting_is_list(cur) && !config_setting_is_array(cur)) {
                hpi_ld_error_set(L, arg, "%s is not a list: [%s] names nothing",
                                 done[0] ? done : "the instance", key);
                return NULL;
            }
            if (*end == '\0' && key[0] >= '0' && key[0] <= '9') {
                if (idx >= n) {
                    hpi_ld_error_set(L, arg, "%s has %d element%s, no [%s]", done, n,
                                     n == 1 ? "" : "s", key);
                    return NULL;
                }
                i = (int)idx;
            } else {
                for (int k = 0; k < n && i < 0; k++) {
                    const char *id = elem_id(config_setting_get_elem(cur, (unsigned)k));
                    if (id && !strcmp(id, key))
                        i = k;
                }
                if (i < 0) {
                    hint(cur, key, 1, h, sizeof h);
                    hpi_ld_error_set(L, arg, "no element \"%s\" in %s%s", key, done, h);
                    return NULL;
                }
            }
            next = config_setting_get_elem(cur, (unsigned)i);
        }
        {
            size_t dl = strlen(done);
            snprintf(done + dl, sizeof done - dl, bracket ? "[%s]" : (dl ? ".%s" : "%s"), key);
        }
        cur = next;
    }
    return cur;
}

/* Copies the value of src into dst, whose type is already src's. */
static int copy_value(config_setting_t *dst, const config_setting_t *src)
{
    switch (config_setting_type(src)) {
    case CONFIG_TYPE_INT:
        return config_setting_set_int(dst, config_setting_get_int(src));
    case CONFIG_TYPE_INT64:
        return config_setting_set_int64(dst, config_setting_get_int64(src));
    case CONFIG_TYPE_FLOAT:
        return config_setting_set_float(dst, config_setting_get_float(src));
    case CONFIG_TYPE_BOOL:
        return config_setting_set_bool(dst, config_setting_get_bool(src));
    case CONFIG_TYPE_STRING:
        return config_setting_set_string(dst, config_setting_get_string(src));
    default:
        break;
    }
    for (int i = 0; i < config_setting_length(src); i++) {
        const config_setting_t *c = config_setting_get_elem(src, (unsigned)i);
        config_setting_t *n =
            config_setting_add(dst, config_setting_name(c), config_setting_type(c));
        if (!n || !copy_value(n, c))
            return 0;
    }
    return 1;
}

/* Empties s in place (name, parent and list position kept) and gives it
 * a new type.  An aggregate keeps its (empty) element list, so it may only
 * become another aggregate; the caller sees to that.  libconfig 1.5 has no
 * call for this: its setting structure is public and its strings are
 * malloc'ed, which is what this relies on. */
static void reset(config_setting_t *s, int type)
{
    if (config_setting_is_aggregate(s)) {
        while (config_setting_length(s) > 0)
            config_setting_remove_elem(s, 0);
    } else {
        if (s->type == CONFIG_TYPE_STRING)
            free(s->value.sval);
        memset(&s->value, 0, sizeof s->value);
    }
    s->type = (short)type;
}

static void mark(config_setting_t *s, const char *arg)
{
    config_setting_set_hook(s, (void *)arg);
    s->line = 0;
    if (config_setting_is_aggregate(s))
        for (int i = 0; i < config_setting_length(s); i++)
            mark(config_setting_get_elem(s, (unsigned)i), arg);
}

/* Parses VALUE into vc with the file's text checks.  1 when it failed
 * (errors recorded against arg). */
static int parse_value(hpi_ld_ctx *L, const char *arg, const char *value, config_t *vc)
{
    hpi_ld_ctx T;
    size_t n = strlen(value);
    char *text = malloc(n + 8), *defused = NULL;
    int bad = 0;
    if (!text) {
        L->nomem = 1;
        return 1;
    }
    snprintf(text, n + 8, "v = %s;\n", value);
    memset(&T, 0, sizeof T);
    T.file = "";
    T.T = -1;
    bad = hpi_ld_scan_include(&T, text) || hpi_ld_scan_ints(&T, text);
    /* the checks' messages, "FILE:LINE: what", said of the override */
    for (int k = 0; k < T.n_err; k++) {
        const char *w = strstr(T.errs[k].msg, ": ");
        hpi_ld_error_set(L, arg, "%s", w ? w + 2 : T.errs[k].msg);
        free(T.errs[k].msg);
    }
    free(T.errs);
    L->nomem |= T.nomem;
    if (!bad) {
        defused = hpi_ld_defuse_strings(text);
        if (!defused) {
            L->nomem = 1;
            bad = 1;
        } else if (!config_read_string(vc, defused)) {
            hpi_ld_error_set(L, arg, "the value is not a setting's value (%s)",
                             config_error_text(vc) ? config_error_text(vc) : "parse error");
            bad = 1;
        } else if (config_setting_length(config_root_setting(vc)) != 1) {
            hpi_ld_error_set(L, arg, "one value expected (no ';' inside)");
            bad = 1;
        }
    }
    free(defused);
    free(text);
    return bad;
}

/* One override.  1 when it could not be applied. */
static int apply_one(hpi_ld_ctx *L, config_t *cfg, const char *arg)
{
    const char *eq = strchr(arg, '=');
    char *path, key[SET_MAX_KEY];
    config_t vc;
    config_setting_t *dst, *parent = NULL;
    const config_setting_t *src;
    int bad = 1, type;

    if (!eq || eq == arg) {
        hpi_ld_error_set(L, arg, "expected PATH=VALUE (e.g. products[0].demand=120)");
        return 1;
    }
    path = malloc((size_t)(eq - arg) + 1);
    if (!path) {
        L->nomem = 1;
        return 1;
    }
    memcpy(path, arg, (size_t)(eq - arg));
    path[eq - arg] = '\0';
    config_init(&vc);
    config_set_options(&vc, CONFIG_OPTION_AUTOCONVERT);
    config_set_include_dir(&vc, "/dev/null");
    dst = resolve(L, arg, config_root_setting(cfg), path, &parent, key);
    if (!dst && !parent)
        goto done;
    if (parse_value(L, arg, eq + 1, &vc))
        goto done;
    src = config_setting_get_elem(config_root_setting(&vc), 0);
    type = config_setting_type(src);
    if (!dst) {
        dst = config_setting_add(parent, key, type);
        if (!dst) {
            hpi_ld_error_set(L, arg, "\"%s\" is not a setting name", key);
            goto done;
        }
    } else if (config_setting_is_array(config_setting_parent(dst)) &&
               config_setting_type(dst) != type) {
        /* an array holds one type: an integer joins floats as a float */
        if (config_setting_type(dst) == CONFIG_TYPE_FLOAT &&
            (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)) {
            config_setting_set_float(dst, type == CONFIG_TYPE_INT
                                              ? (double)config_setting_get_int(src)
                                              : (double)config_setting_get_int64(src));
            mark(dst, arg);
            bad = 0;
        } else {
            hpi_ld_error_set(L, arg,
                             "the elements of %s are all alike: write the value as they "
                             "are written",
                             path);
        }
        goto done;
    } else if (config_setting_is_aggregate(dst) && !config_setting_is_aggregate(src)) {
        const char *name = config_setting_name(dst);
        parent = config_setting_parent(dst);
        if (!name || !config_setting_remove(parent, name) ||
            !(dst = config_setting_add(parent, key, type))) {
            hpi_ld_error_set(L, arg, "%s is a group or list: give one in its place", path);
            goto done;
        }
    } else {
        reset(dst, type);
    }
    if (!copy_value(dst, src)) {
        hpi_ld_error_set(L, arg, "the value cannot stand at %s", path);
        goto done;
    }
    mark(dst, arg);
    bad = 0;
done:
    config_destroy(&vc);
    free(path);
    return bad;
}

int hpi_ld_apply_sets(hpi_ld_ctx *L, config_t *cfg, const hp_load_opts *o)
{
    int bad = 0;
    for (int k = 0; o && k < o->n_set; k++)
        bad |= apply_one(L, cfg, o->set[k]);
    return bad;
}
