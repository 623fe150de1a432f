#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Swift 6 rejects mutable C globals; hand them out through functions. */
static inline Agdesc_t kg_agdirected(void) { return Agdirected; }
static inline Agdesc_t kg_agstrictdirected(void) { return Agstrictdirected; }

/* cgraph declares string parameters as `char *` although it only reads them
   (it copies every string into its own pool). These wrappers take `const char *`
   so Swift can pass String arguments directly. */
/* An ID discipline that makes subgraph order deterministic.
   cgraph's default discipline uses the address of a name's pooled copy as the object's ID, and keeps
   subgraphs ordered by ID, so clusters were written in an order that depended on malloc. Here named
   graphs and subgraphs get small even IDs in creation order (2, 4, 6, ...), kept in a per-graph table;
   nodes and edges keep the default scheme (pooled string address, or odd counters for anonymous
   objects), which cannot collide with these small values. */
typedef struct { Agraph_t *g; char **names; long count, capacity; long anonymous; } kg_idstate;

static inline void *kg_id_open(Agraph_t *g, Agdisc_t *disc) {
    (void)disc;
    kg_idstate *st = (kg_idstate *)calloc(1, sizeof(kg_idstate));
    if (st) { st->g = g; st->anonymous = 1; }
    return st;
}
static inline long kg_id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
    kg_idstate *st = (kg_idstate *)state;
    if (!str) { *id = (IDTYPE)st->anonymous; st->anonymous += 2; return 1; }
    if (objtype != AGRAPH) {
        char *s = createflag ? agstrdup(st->g, str) : agstrbind(st->g, str);
        if (!s) return 0;
        *id = (IDTYPE)s;
        return 1;
    }
    for (long i = 0; i < st->count; i++) {
        if (st->names[i] && strcmp(st->names[i], str) == 0) { *id = (IDTYPE)(2 * (i + 1)); return 1; }
    }
    if (!createflag) return 0;
    if (st->count == st->capacity) {
        long cap = st->capacity ? 2 * st->capacity : 16;
        char **grown = (char **)realloc(st->names, (size_t)cap * sizeof(char *));
        if (!grown) return 0;
        st->names = grown; st->capacity = cap;
    }
    /* A pooled copy (agstrdup), as cgraph expects of every name it prints: agwrite reads the pool's
       header to tell HTML-like names from plain ones. */
    char *copy = agstrdup(st->g, str);
    if (!copy) return 0;
    st->names[st->count++] = copy;
    *id = (IDTYPE)(2 * st->count);
    return 1;
}
static inline long kg_id_alloc(void *state, int objtype, IDTYPE request) {
    (void)state; (void)objtype; (void)request; return 0;
}
static inline void kg_id_free(void *state, int objtype, IDTYPE id) {
    kg_idstate *st = (kg_idstate *)state;
    if (id % 2 == 1) return;
    if (objtype != AGRAPH) { agstrfree(st->g, (char *)id); return; }
    long i = (long)(id / 2) - 1;
    if (i >= 0 && i < st->count && st->names[i]) { agstrfree(st->g, st->names[i]); st->names[i] = NULL; }
}
static inline char *kg_id_print(void *state, int objtype, IDTYPE id) {
    kg_idstate *st = (kg_idstate *)state;
    if (id % 2 == 1) return NULL;
    if (objtype == AGRAPH) {
        long i = (long)(id / 2) - 1;
        return (i >= 0 && i < st->count) ? st->names[i] : NULL;
    }
    return (char *)id;
}
static inline void kg_id_close(void *state) {
    kg_idstate *st = (kg_idstate *)state;  /* the names belong to the graph's string pool */
    free(st->names);
    free(st);
}
static inline void kg_id_register(void *state, int objtype, void *obj) { (void)state; (void)objtype; (void)obj; }

static inline Agdisc_t *kg_disc(void) {
    static Agiddisc_t ids = { kg_id_open, kg_id_map, kg_id_alloc, kg_id_free, kg_id_print, kg_id_close, kg_id_register };
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &ids;
    disc.io = &AgIoDisc;
    return &disc;
}
static inline Agraph_t *kg_agopen_directed(const char *name) {
    return agopen((char *)name, Agdirected, kg_disc());
}
/* Parses DOT text (`length` bytes) with the same ID discipline, as the `dot` command would read it. */
static inline Agraph_t *kg_agread_memory(const char *text, size_t length) {
    FILE *f = fmemopen((void *)text, length, "r");
    if (!f) return NULL;
    Agraph_t *g = agread(f, kg_disc());
    fclose(f);
    return g;
}
static inline Agnode_t *kg_agnode(Agraph_t *g, const char *name) {
    return agnode(g, (char *)name, 1);
}
static inline Agraph_t *kg_agsubg(Agraph_t *g, const char *name) {
    return agsubg(g, (char *)name, 1);
}
static inline Agedge_t *kg_agedge(Agraph_t *g, Agnode_t *t, Agnode_t *h) {
    return agedge(g, t, h, NULL, 1);
}
/* Declares (or redeclares the default of) an attribute for graphs, nodes or edges. */
static inline int kg_agattr(Agraph_t *g, int kind, const char *name, const char *value) {
    return agattr(g, kind, (char *)name, (char *)value) != NULL;
}
static inline int kg_agsafeset(void *obj, const char *name, const char *value, const char *def) {
    return agsafeset(obj, (char *)name, (char *)value, (char *)def);
}
