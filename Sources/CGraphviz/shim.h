#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
/* Swift 6 rejects mutable C globals; hand them out through functions. */
static inline Agdesc_t kg_agdirected(void) { return Agdirected; }
static inline Agdesc_t kg_agstrictdirected(void) { return Agstrictdirected; }

/* cgraph declares string parameters as `char *` although it only reads them
   (it copies every string into its own pool). These wrappers take `const char *`
   so Swift can pass String arguments directly. */
static inline Agraph_t *kg_agopen_directed(const char *name) {
    return agopen((char *)name, Agdirected, NULL);
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
