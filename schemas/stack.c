/*
 * stack.c — threads with stacks sized for the deepest tree we accept.
 *
 * Parse trees are walked recursively (the normaliser, PostgreSQL's
 * copyObject() and equal(), libpg_query's protobuf deparse), a few hundred
 * bytes to a few kilobytes of stack per level, more under AddressSanitizer.
 * parser/depth.c caps a statement's depth at DEPTH_LIMIT; the threads that
 * walk trees get STACK_BYTES of stack, explicitly, so that a tree just under
 * the cap still fits whatever the platform's default thread stack or
 * `ulimit -s` is.  The memory is reserved, not touched: only the pages a
 * deep tree reaches are ever used.
 */
#include "model.h"

#include <pthread.h>

bool stack_attr_init(pthread_attr_t *attr)
{
    if (pthread_attr_init(attr) != 0)
        return false;
    if (pthread_attr_setstacksize(attr, STACK_BYTES) != 0) {
        pthread_attr_destroy(attr);
        return false;
    }
    return true;
}

typedef struct MainCall {
    int (*fn)(int, char **);
    int argc;
    char **argv;
    int rc;
} MainCall;

static void *main_thread(void *arg)
{
    MainCall *c = arg;
    c->rc = c->fn(c->argc, c->argv);
    return NULL;
}

int stack_run_main(int (*fn)(int, char **), int argc, char **argv)
{
    MainCall c = {fn, argc, argv, 0};
    pthread_attr_t attr;
    pthread_t t;
    if (!stack_attr_init(&attr))
        return fn(argc, argv);
    int err = pthread_create(&t, &attr, main_thread, &c);
    pthread_attr_destroy(&attr);
    if (err != 0)
        return fn(argc, argv); /* no thread: run here, on the process stack */
    pthread_join(t, NULL);
    return c.rc;
}
