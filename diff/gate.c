/*
 * gate.c — hazard gating: which changes of a plan are not allowed.
 *
 * A change whose hazards include a blocking one (schemas/hazards.c) that
 * the run did not allow (`--allow-hazards`, or `hazards.allow` in
 * schemadiff.yaml) is refused: the plan is still printed and its files
 * still written, because they are what the reviewer reads, but each such
 * change is marked NOT ALLOWED and the run exits 6.  Only the migration is
 * gated: the rollback is the way back, and refusing it would leave a
 * reviewer without one.  Informational hazards never gate.
 */
#include "model.h"

int plan_gate(MigrationPlan *p, unsigned allowed, unsigned *refused)
{
    unsigned blocking = hazard_blocking(), all = 0;
    int n = 0;
    for (int i = 0; i < p->changes.n; i++) {
        Change *c = p->changes.items[i];
        c->refused = c->hazards & blocking & ~allowed;
        if (c->refused)
            n++;
        all |= c->refused;
    }
    if (refused)
        *refused = all;
    return n;
}
