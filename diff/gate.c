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
 *
 * The live data gates too: a step whose pre-flight query (diff/preflight.c,
 * run by parser/pfrun.c) found rows that make it fail would stop the
 * migration half-way, so the plan is refused the same way (exit 6, files
 * written).  Nothing allows such a step: the data has to change first.  A
 * query that timed out or failed is a warning in the plan, not a refusal.
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

int plan_gate_preflight(MigrationPlan *p, const Step **first, const Change **first_change)
{
    int n = 0;
    if (first)
        *first = NULL;
    if (first_change)
        *first_change = NULL;
    for (int i = 0; i < p->changes.n; i++) {
        Change *c = p->changes.items[i];
        c->pf_failed = 0;
        for (int k = 0; k < c->steps.n; k++) {
            const Step *st = c->steps.items[k];
            if (st->pf_state != PF_FAILED)
                continue;
            c->pf_failed++;
            if (!n++) {
                if (first)
                    *first = st;
                if (first_change)
                    *first_change = c;
            }
        }
    }
    return n;
}
