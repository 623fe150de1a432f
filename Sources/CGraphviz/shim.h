#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
/* Swift 6 rejects mutable C globals; hand them out through functions. */
static inline Agdesc_t kg_agdirected(void) { return Agdirected; }
static inline Agdesc_t kg_agstrictdirected(void) { return Agstrictdirected; }
