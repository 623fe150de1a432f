#define _GNU_SOURCE
#include "graphviz_start.h"

#include <dlfcn.h>
#include <graphviz/gvc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
/* Guarded by `lock`. */
static int started;   /* the thread was created */
static int finished;  /* the thread is done with Graphviz; `context` is final */
static int taken;     /* the context was handed out */
static GVC_t *context;
/* Graphviz's messages while starting, written only by the start-up thread until `finished`. */
static char *messages;
static size_t messages_length;

int kg_graphviz_start_wanted(int argc, const char *const *argv) {
    if (argc < 2 || !argv[1] || strcmp(argv[1], "render") != 0) return 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!a) continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help") || !strcmp(a, "help")) return 0;
        if (!strcmp(a, "--format=dot")) return 0;
        if (!strcmp(a, "--format") && i + 1 < argc && argv[i + 1] && !strcmp(argv[i + 1], "dot")) return 0;
    }
    return 1;
}

/* Graphviz's messages while starting are kept for the render that adopts the context, which
 * reports them as its own (as it does the messages of a context it creates itself). */
static int keep_message(char *message) {
    if (!message) return 0;
    size_t n = strlen(message);
    char *grown = realloc(messages, messages_length + n + 1);
    if (!grown) return 0;
    memcpy(grown + messages_length, message, n + 1);
    messages = grown;
    messages_length += n;
    return 0;
}

/* fontconfig's configuration is read once per process; pango would read it on a thread of its own
 * at the first text it measures, and wait for it. Read here first, pango finds it read. Loaded by
 * name: the pango plugin links fontconfig, kg does not. */
static void read_font_configuration(void) {
    void *library = dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    int (*init)(void) = (int (*)(void))dlsym(library, "FcInit");
    if (init) init();
}

static void *start_up(void *unused) {
    (void)unused;
    read_font_configuration();
    agusererrf previous = agseterrf(keep_message);
    GVC_t *gvc = gvContext();  /* the configuration and plugins; pango's comes with its libraries */
    agseterrf(previous);
    agreseterrors();
    pthread_mutex_lock(&lock);
    context = gvc;
    finished = 1;
    pthread_cond_broadcast(&done);
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* The CPUs this process may use except the caller's; 0 when that leaves none. */
static int other_cpus(cpu_set_t *set) {
    int cpu = sched_getcpu();
    if (cpu < 0 || sched_getaffinity(0, sizeof *set, set) != 0) return 0;
    if (CPU_COUNT(set) < 2 || !CPU_ISSET(cpu, set)) return 0;
    CPU_CLR(cpu, set);
    return 1;
}

static void begin(void) {
    pthread_mutex_lock(&lock);
    if (!started) {
        pthread_attr_t attr;
        pthread_t thread;
        cpu_set_t cpus;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        /* Created on another CPU than the caller's: left to itself, the scheduler (of small VMs
         * especially) puts a new thread beside its parent, and the two take turns instead of
         * running together. */
        if (other_cpus(&cpus)) pthread_attr_setaffinity_np(&attr, sizeof cpus, &cpus);
        started = pthread_create(&thread, &attr, start_up, NULL) == 0;
        pthread_attr_destroy(&attr);
    }
    pthread_mutex_unlock(&lock);
}

int kg_graphviz_start_begun(void) {
    pthread_mutex_lock(&lock);
    int begun = started;
    pthread_mutex_unlock(&lock);
    return begun;
}

const char *kg_graphviz_start_messages(void) {
    pthread_mutex_lock(&lock);
    const char *text = finished ? messages : NULL;
    pthread_mutex_unlock(&lock);
    return text;
}

void *kg_graphviz_start_context(void) {
    pthread_mutex_lock(&lock);
    GVC_t *gvc = NULL;
    if (started && !taken) {
        while (!finished) pthread_cond_wait(&done, &lock);
        gvc = context;
        taken = 1;
    }
    pthread_mutex_unlock(&lock);
    return gvc;
}

/* glibc passes the command line to constructors. */
__attribute__((constructor)) static void kg_graphviz_start_at_launch(int argc, char **argv, char **envp) {
    (void)envp;
    if (kg_graphviz_start_wanted(argc, (const char *const *)argv)) begin();
}
