#ifndef KG_GRAPHVIZ_START_H
#define KG_GRAPHVIZ_START_H

/* Graphviz's start-up, begun as the process starts.
 *
 * Before its first layout a process that draws with Graphviz spends ~7 ms on start-up that does not
 * depend on what it draws: fontconfig reads its configuration (~40 files) and font caches, and the
 * context loads the plugins, among them the pango text layout with its ~35 libraries. `dot` does
 * this before it reads its input; `kg render` would do it after parsing its arguments and reading
 * the store. Instead, a constructor starts it on a thread of its own before the Swift runtime and
 * the argument parser run, on another CPU than the main thread's, and the first render adopts the
 * context (GraphvizSession). Nothing of it shows in a drawing: a context started here is the context
 * `gvContext()` would have returned later.
 *
 * It begins only at launch, before any other code could call Graphviz, and every Graphviz session
 * waits for it (`kg_graphviz_start_context`) before its first call: Graphviz is not thread-safe.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* Whether a command line (argv[0] is the program) asks `kg render` for a drawing, i.e. not for DOT
 * text (`--format dot`) or for help. */
int kg_graphviz_start_wanted(int argc, const char *const *argv);

/* Whether the start-up was begun at launch. */
int kg_graphviz_start_begun(void);

/* Waits for the start-up and returns its Graphviz context (a GVC_t *), which the caller then owns;
 * NULL if no start-up was begun or its context was already taken. Once this returns, the start-up
 * thread no longer calls Graphviz. */
void *kg_graphviz_start_context(void);

/* What Graphviz said while starting (warnings, errors; pieces as cgraph hands them over), once the
 * start-up is done; NULL if it said nothing or is not done. */
const char *kg_graphviz_start_messages(void);

#ifdef __cplusplus
}
#endif

#endif
