#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
/* Swift 6 rejects mutable C globals; hand them out through functions. */
static inline Agdesc_t kg_agdirected(void) { return Agdirected; }
static inline Agdesc_t kg_agstrictdirected(void) { return Agstrictdirected; }

/* A node's laid-out centre and size in points (the ND_ macros of types.h, for Swift). */
static inline double kg_nd_x(Agnode_t *n) { return ND_coord(n).x; }
static inline double kg_nd_y(Agnode_t *n) { return ND_coord(n).y; }
static inline double kg_nd_width(Agnode_t *n) { return ND_lw(n) + ND_rw(n); }
static inline double kg_nd_height(Agnode_t *n) { return ND_ht(n); }
static inline const char *kg_agget(void *obj, const char *name) { return agget(obj, (char *)name); }

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

/* Fresh-process state of the C library's random number generators (glibc: rand() starts as srand(1),
   drand48() from an all-zero state). sfdp and fdp draw from them (initial positions, ties, overlap
   removal) without always seeding them first, so a second layout in one process started from where
   the first one stopped. Called before every layout: every layout then sees what a new `dot`/`sfdp`
   process would, and the drawing does not depend on what was laid out before. */
static inline void kg_reset_random(void) {
    srand(1);
    unsigned short zero[3] = {0, 0, 0};
    seed48(zero);
}

/* An arena for cgraph's memory during an fdp layout.
   fdp (Graphviz 2.43, fdpgen/layout.c deriveGraph) directs the edges of its derived graphs by
   comparing node *addresses* (`hd > tl`, `dn > m`; Graphviz issue #1214), so its drawing depended on
   the state of the heap: a second render in one process differed from the first. While the arena is on,
   every graph opened (the map read back, fdp's derived graphs, which use the default discipline) takes
   its cgraph memory (nodes, edges, records, attribute strings) from one reserved region in increasing
   address order, so addresses follow creation order and the layout is a function of the graph alone.
   Graphs opened before (Graphviz's process-wide prototype graph) keep cgraph's own allocator, so
   nothing that outlives the render lives in the arena. Frees inside the arena are no-ops; the region
   is unmapped by kg_arena_end, after the graphs opened during the render are closed. */
typedef struct {
    void *(*open)(Agdisc_t *);
    void *(*alloc)(void *, size_t);
    void *(*resize)(void *, void *, size_t, size_t);
    void (*free)(void *, void *);
    void (*close)(void *);
    int installed;
    char marker;              /* its address is the memory state of graphs opened during an arena */
    char *base, *next, *end;  /* the region while an arena is on, else NULL */
} kg_arena_state;

static inline kg_arena_state *kg_arena(void) { static kg_arena_state a; return &a; }

static inline int kg_arena_owns(void *p) {
    kg_arena_state *a = kg_arena();
    return a->base && (char *)p >= a->base && (char *)p < a->end;
}
static inline void *kg_mem_open(Agdisc_t *disc) {
    kg_arena_state *a = kg_arena();
    if (a->base) return (void *)&a->marker;
    return a->open ? a->open(disc) : NULL;
}
static inline void kg_mem_close(void *state) {
    kg_arena_state *a = kg_arena();
    if (state != (void *)&a->marker && a->close) a->close(state);  /* cgraph's own is NULL */
}
static inline void *kg_mem_alloc(void *state, size_t size) {
    kg_arena_state *a = kg_arena();
    if (state != (void *)&a->marker) return a->alloc(state, size);
    size_t n = (size + 15) & ~(size_t)15;
    if (a->base && n <= (size_t)(a->end - a->next)) {
        void *p = a->next;  /* fresh mmap pages: already zero */
        a->next += n;
        return p;
    }
    return a->alloc(NULL, size);  /* arena full or over: cgraph's allocator (zeroed) */
}
static inline void kg_mem_free(void *state, void *ptr) {
    kg_arena_state *a = kg_arena();
    if (ptr && !kg_arena_owns(ptr)) a->free(state == (void *)&a->marker ? NULL : state, ptr);
}
static inline void *kg_mem_resize(void *state, void *ptr, size_t old, size_t size) {
    kg_arena_state *a = kg_arena();
    if (state != (void *)&a->marker) return a->resize(state, ptr, old, size);
    void *p = kg_mem_alloc(state, size);
    if (!p) return NULL;
    if (ptr) memcpy(p, ptr, old < size ? old : size);
    if (size > old && !kg_arena_owns(p)) memset((char *)p + old, 0, size - old);
    kg_mem_free(state, ptr);
    return p;
}
/* Starts an arena (reserving address space; pages are only used when touched). Returns 0 when the
   region cannot be reserved: cgraph then allocates as usual. Not reentrant; callers hold kg's lock. */
static inline int kg_arena_begin(void) {
    kg_arena_state *a = kg_arena();
    if (!a->installed) {
        a->open = AgMemDisc.open; a->alloc = AgMemDisc.alloc; a->resize = AgMemDisc.resize;
        a->free = AgMemDisc.free; a->close = AgMemDisc.close;
        AgMemDisc.open = kg_mem_open; AgMemDisc.alloc = kg_mem_alloc; AgMemDisc.resize = kg_mem_resize;
        AgMemDisc.free = kg_mem_free; AgMemDisc.close = kg_mem_close;
        a->installed = 1;
    }
    if (a->base) return 1;
    size_t size = (size_t)1 << 32;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return 0;
    a->base = a->next = (char *)p;
    a->end = a->base + size;
    return 1;
}
/* Ends the arena: only after every graph opened while it was on has been closed. */
static inline void kg_arena_end(void) {
    kg_arena_state *a = kg_arena();
    if (!a->base) return;
    munmap(a->base, (size_t)(a->end - a->base));
    a->base = a->next = a->end = NULL;
}
