/*
 * extend.c — statements added to a model already read and finished.
 *
 * Some objects of the desired state are not written in the schema files
 * but made from schemadiff.yaml: the enforcement of polymorphic rules
 * (diff/poly.c writes its DDL).  They must be ordinary model objects, with
 * their dependencies found and their definitions normalised as the files'
 * own are, so the text is read by the same DDL reader into the finished
 * model, which is then finished again (the finishing pass recomputes what
 * it derives: indexes of names, dependencies — duplicates are ignored —,
 * normalised copies), sorted, and its cached fingerprint dropped.
 */
#include "model.h"

void ddl_extend(Model *m, const char *file, const char *text, Diags *diags)
{
    if (!text || !*text)
        return;
    ddl_read_text(m, file, text, diags);
    if (!diag_any(diags))
        ddl_finish(m, diags);
    model_sort(m);
    m->fingerprint = NULL;
}
