/*
 * shadow_staged.c — the control objects of a staged cutover (shadow.cutover:
 * staged): reads move from a table to its validated shadow table gradually,
 * in stages, each held for a minimum time and left only while the shadow's
 * metrics are healthy.
 *
 *   disabled -> dual_write -> test_1 -> test_10 -> half_50 -> full_100 -> completed
 *   0 %         0 %           1 %       10 %       50 %       100 %       100 % of reads
 *
 * Everything lives in schemadiff's own schema (SD_OWN_SCHEMA, which the
 * catalog reader never reads) and is table-independent: one text for any
 * number of tables, whose per-table rows staged_start() makes from the
 * table's name (regclass text, resolved in the caller's search_path).  The
 * text is idempotent, so shadow.sql can carry it every time: CREATE ... IF
 * NOT EXISTS, CREATE OR REPLACE, and the enum created behind a catalog
 * guard.  It reads schemadiff.shadow_state (docs/shadow.md) only at run
 * time, so it loads before or after that table exists.
 *
 * The objects (all schemadiff.*):
 *   cutover_stage            the enum of stages
 *   cutover_stage_percent()  the share of reads a stage sends to the shadow
 *   cutover_stage_next()     the stage after a stage
 *   staged_routing           one row per table: its stage, when it entered
 *                            it, the health thresholds (error rate, latency
 *                            increase, validation score, consecutive
 *                            failures, minimum samples, window) and each
 *                            stage's minimum duration (min_durations)
 *   staged_metrics           what the application measured: per read or
 *                            write of the source or the shadow, success and
 *                            latency; validation scores
 *   staged_events            every transition, forced or not, and why
 *   staged_start(t)          -> dual_write; refuses unless shadow_state says
 *                            the shadow is validated (or cut over)
 *   staged_advance(t)        -> the next stage; refuses while unhealthy or
 *                            before the stage's minimum duration, unless
 *                            force => true; never past full_100
 *   staged_complete(t, confirm => 'complete schema.table')
 *                            full_100 -> completed, same checks
 *   staged_emergency_rollback(t)  any stage -> disabled (reads to the source)
 *   staged_emergency_stop_all()   every table in progress -> disabled
 *   should_route_to_shadow(t, operation [, routing_key])
 *                            the routing decision of one read: by the stage's
 *                            share, at random, or by a hash of routing_key
 *                            (sticky: a key routed at 1 % stays routed at
 *                            10 % and 50 %); writes always go to the source,
 *                            whose sync trigger keeps the shadow current
 *   staged_record_metric(...) one measurement; a shadow failure that makes
 *                            the consecutive failures reach the threshold
 *                            rolls the table back (auto_rollback)
 *   staged_health(t)         the checks, with the reasons of each failure
 *   staged_status            the view: one row per table
 *
 * A refusal is an ERROR (SQLSTATE 55000, object_not_in_prerequisite_state)
 * whose HINT says what to do; it changes nothing.  The statements are kept
 * below as SQL, one table row each, so the text reads as the SQL it is;
 * shadow_staged_check() parses it again (emit/reparse.c, and each PL/pgSQL
 * body with libpg_query's PL/pgSQL parser), and tests/unit/test_staged.c
 * prints it for tests/run_staged.py, which runs every transition and
 * refusal on PostgreSQL 15.
 */
#include "model.h"

#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

static const char *const staged_stmts[] = {
"CREATE SCHEMA IF NOT EXISTS schemadiff;",

"DO $sd$\n"
"BEGIN\n"
"    IF pg_catalog.to_regtype('schemadiff.cutover_stage') IS NULL THEN\n"
"        CREATE TYPE schemadiff.cutover_stage AS ENUM\n"
"            ('disabled', 'dual_write', 'test_1', 'test_10', 'half_50', 'full_100', 'completed');\n"
"    END IF;\n"
"END\n"
"$sd$;",

"CREATE OR REPLACE FUNCTION schemadiff.cutover_stage_percent(p_stage schemadiff.cutover_stage)\n"
"RETURNS integer LANGUAGE sql IMMUTABLE\n"
"RETURN CASE p_stage WHEN 'test_1' THEN 1 WHEN 'test_10' THEN 10 WHEN 'half_50' THEN 50\n"
"                    WHEN 'full_100' THEN 100 WHEN 'completed' THEN 100 ELSE 0 END;",

"CREATE OR REPLACE FUNCTION schemadiff.cutover_stage_next(p_stage schemadiff.cutover_stage)\n"
"RETURNS schemadiff.cutover_stage LANGUAGE sql IMMUTABLE\n"
"RETURN CASE p_stage WHEN 'disabled' THEN 'dual_write' WHEN 'dual_write' THEN 'test_1'\n"
"                    WHEN 'test_1' THEN 'test_10' WHEN 'test_10' THEN 'half_50'\n"
"                    WHEN 'half_50' THEN 'full_100' WHEN 'full_100' THEN 'completed' END\n"
"       ::schemadiff.cutover_stage;",

"CREATE TABLE IF NOT EXISTS schemadiff.staged_routing (\n"
"    table_schema text NOT NULL,\n"
"    table_name text NOT NULL,\n"
"    stage schemadiff.cutover_stage NOT NULL DEFAULT 'disabled',\n"
"    stage_entered_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),\n"
"    started_at timestamptz,\n"
"    completed_at timestamptz,\n"
"    -- health thresholds, over the shadow's metrics of the current stage within health_window\n"
"    max_error_rate double precision NOT NULL DEFAULT 0.01 CHECK (max_error_rate BETWEEN 0 AND 1),\n"
"    max_latency_increase double precision NOT NULL DEFAULT 0.25 CHECK (max_latency_increase >= 0),\n"
"    min_validation_score double precision NOT NULL DEFAULT 0.999\n"
"        CHECK (min_validation_score BETWEEN 0 AND 1),\n"
"    max_consecutive_failures integer NOT NULL DEFAULT 3 CHECK (max_consecutive_failures >= 1),\n"
"    min_samples integer NOT NULL DEFAULT 0 CHECK (min_samples >= 0),\n"
"    health_window interval NOT NULL DEFAULT interval '15 minutes',\n"
"    auto_rollback boolean NOT NULL DEFAULT true,\n"
"    -- how long each stage runs at least before advance (interval text per stage)\n"
"    min_durations jsonb NOT NULL DEFAULT '{\"dual_write\": \"5 minutes\", \"test_1\": \"10 minutes\",\n"
"        \"test_10\": \"15 minutes\", \"half_50\": \"30 minutes\", \"full_100\": \"1 hour\"}',\n"
"    last_action text,\n"
"    updated_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),\n"
"    PRIMARY KEY (table_schema, table_name)\n"
");",

"CREATE TABLE IF NOT EXISTS schemadiff.staged_metrics (\n"
"    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
"    table_schema text NOT NULL,\n"
"    table_name text NOT NULL,\n"
"    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),\n"
"    stage schemadiff.cutover_stage NOT NULL,\n"
"    target text NOT NULL CHECK (target IN ('source', 'shadow')),\n"
"    operation text NOT NULL,\n"
"    success boolean NOT NULL,\n"
"    latency_ms double precision CHECK (latency_ms >= 0),\n"
"    validation_score double precision CHECK (validation_score BETWEEN 0 AND 1),\n"
"    detail text\n"
");",

"CREATE INDEX IF NOT EXISTS staged_metrics_by_table\n"
"    ON schemadiff.staged_metrics (table_schema, table_name, recorded_at);",

"CREATE TABLE IF NOT EXISTS schemadiff.staged_events (\n"
"    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
"    table_schema text NOT NULL,\n"
"    table_name text NOT NULL,\n"
"    at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),\n"
"    action text NOT NULL,\n"
"    from_stage schemadiff.cutover_stage,\n"
"    to_stage schemadiff.cutover_stage,\n"
"    forced boolean NOT NULL DEFAULT false,\n"
"    reason text\n"
");",

/* the minimum duration of a stage in a routing row's min_durations */
"CREATE OR REPLACE FUNCTION schemadiff.staged_min_duration(p_min_durations jsonb,\n"
"                                                          p_stage schemadiff.cutover_stage)\n"
"RETURNS interval LANGUAGE sql STABLE\n"
"RETURN COALESCE((p_min_durations ->> p_stage::text)::interval, interval '0');",

/* a table's name (regclass text, the caller's search_path) as the key */
"CREATE OR REPLACE FUNCTION schemadiff.staged_resolve(p_table text,\n"
"                                                     OUT table_schema text, OUT table_name text)\n"
"LANGUAGE plpgsql STABLE AS $fn$\n"
"DECLARE\n"
"    rel regclass := pg_catalog.to_regclass(p_table);\n"
"BEGIN\n"
"    IF rel IS NULL THEN\n"
"        RAISE EXCEPTION 'staged cutover: relation \"%\" does not exist', p_table\n"
"            USING ERRCODE = 'undefined_table';\n"
"    END IF;\n"
"    SELECT n.nspname, c.relname INTO table_schema, table_name\n"
"      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
"     WHERE c.oid = rel;\n"
"END\n"
"$fn$;",

/* the health of a table's shadow in its current stage */
"CREATE OR REPLACE FUNCTION schemadiff.staged_health_of(p_schema text, p_name text,\n"
"    OUT healthy boolean, OUT samples bigint, OUT error_rate double precision,\n"
"    OUT latency_increase double precision, OUT validation_score double precision,\n"
"    OUT consecutive_failures bigint, OUT reasons text[])\n"
"LANGUAGE plpgsql STABLE AS $fn$\n"
"DECLARE\n"
"    g schemadiff.staged_routing;\n"
"    since timestamptz;\n"
"    failures bigint;\n"
"    shadow_ms double precision;\n"
"    source_ms double precision;\n"
"    last_ok bigint;\n"
"BEGIN\n"
"    SELECT * INTO g FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = p_schema AND r.table_name = p_name;\n"
"    IF NOT FOUND THEN\n"
"        RAISE EXCEPTION 'staged cutover of %.% was never started', p_schema, p_name\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'SELECT schemadiff.staged_start(''' || pg_catalog.format('%I.%I', p_schema, p_name) || ''')';\n"
"    END IF;\n"
"    since := GREATEST(g.stage_entered_at, pg_catalog.clock_timestamp() - g.health_window);\n"
"    SELECT count(*) FILTER (WHERE m.target = 'shadow'),\n"
"           count(*) FILTER (WHERE m.target = 'shadow' AND NOT m.success),\n"
"           avg(m.latency_ms) FILTER (WHERE m.target = 'shadow' AND m.success),\n"
"           avg(m.latency_ms) FILTER (WHERE m.target = 'source' AND m.success)\n"
"      INTO samples, failures, shadow_ms, source_ms\n"
"      FROM schemadiff.staged_metrics m\n"
"     WHERE m.table_schema = p_schema AND m.table_name = p_name\n"
"       AND m.stage = g.stage AND m.recorded_at >= since;\n"
"    error_rate := CASE WHEN samples > 0 THEN failures::double precision / samples END;\n"
"    latency_increase := CASE WHEN source_ms > 0 THEN shadow_ms / source_ms - 1 END;\n"
"    SELECT m.validation_score INTO validation_score FROM schemadiff.staged_metrics m\n"
"     WHERE m.table_schema = p_schema AND m.table_name = p_name\n"
"       AND m.stage = g.stage AND m.recorded_at >= since\n"
"       AND m.validation_score IS NOT NULL\n"
"     ORDER BY m.id DESC LIMIT 1;\n"
"    SELECT max(m.id) INTO last_ok FROM schemadiff.staged_metrics m\n"
"     WHERE m.table_schema = p_schema AND m.table_name = p_name\n"
"       AND m.stage = g.stage AND m.recorded_at >= since\n"
"       AND m.target = 'shadow' AND m.success;\n"
"    SELECT count(*) INTO consecutive_failures FROM schemadiff.staged_metrics m\n"
"     WHERE m.table_schema = p_schema AND m.table_name = p_name\n"
"       AND m.stage = g.stage AND m.recorded_at >= since\n"
"       AND m.target = 'shadow' AND NOT m.success AND m.id > COALESCE(last_ok, 0);\n"
"    reasons := '{}';\n"
"    IF error_rate > g.max_error_rate THEN\n"
"        reasons := reasons || pg_catalog.format('error rate %s exceeds %s (%s of %s shadow operations failed)',\n"
"                                                round(error_rate::numeric, 4), g.max_error_rate, failures, samples);\n"
"    END IF;\n"
"    IF latency_increase > g.max_latency_increase THEN\n"
"        reasons := reasons || pg_catalog.format('latency increase %s exceeds %s (shadow %s ms, source %s ms on average)',\n"
"                                                round(latency_increase::numeric, 4), g.max_latency_increase,\n"
"                                                round(shadow_ms::numeric, 3), round(source_ms::numeric, 3));\n"
"    END IF;\n"
"    IF validation_score < g.min_validation_score THEN\n"
"        reasons := reasons || pg_catalog.format('validation score %s is below %s',\n"
"                                                validation_score, g.min_validation_score);\n"
"    END IF;\n"
"    IF consecutive_failures >= g.max_consecutive_failures THEN\n"
"        reasons := reasons || pg_catalog.format('%s consecutive shadow failures (at most %s)',\n"
"                                                consecutive_failures, g.max_consecutive_failures - 1);\n"
"    END IF;\n"
"    IF samples < g.min_samples THEN\n"
"        reasons := reasons || pg_catalog.format('%s shadow samples in this stage, %s needed',\n"
"                                                samples, g.min_samples);\n"
"    END IF;\n"
"    healthy := pg_catalog.cardinality(reasons) = 0;\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.staged_health(p_table text,\n"
"    OUT healthy boolean, OUT samples bigint, OUT error_rate double precision,\n"
"    OUT latency_increase double precision, OUT validation_score double precision,\n"
"    OUT consecutive_failures bigint, OUT reasons text[])\n"
"LANGUAGE plpgsql STABLE AS $fn$\n"
"DECLARE\n"
"    t record := schemadiff.staged_resolve(p_table);\n"
"BEGIN\n"
"    SELECT h.healthy, h.samples, h.error_rate, h.latency_increase, h.validation_score,\n"
"           h.consecutive_failures, h.reasons\n"
"      INTO healthy, samples, error_rate, latency_increase, validation_score, consecutive_failures, reasons\n"
"      FROM schemadiff.staged_health_of(t.table_schema, t.table_name) h;\n"
"END\n"
"$fn$;",

/* one transition, logged; the caller holds the routing row */
"CREATE OR REPLACE FUNCTION schemadiff.staged_move(p_schema text, p_name text,\n"
"                                                  p_to schemadiff.cutover_stage, p_action text,\n"
"                                                  p_forced boolean, p_reason text)\n"
"RETURNS schemadiff.cutover_stage LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    was schemadiff.cutover_stage;\n"
"BEGIN\n"
"    SELECT r.stage INTO was FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = p_schema AND r.table_name = p_name;\n"
"    UPDATE schemadiff.staged_routing r\n"
"       SET stage = p_to, stage_entered_at = pg_catalog.clock_timestamp(),\n"
"           started_at = CASE WHEN p_action = 'start' THEN pg_catalog.clock_timestamp() ELSE r.started_at END,\n"
"           completed_at = CASE WHEN p_to = 'completed' THEN pg_catalog.clock_timestamp() END,\n"
"           last_action = p_action || CASE WHEN p_forced THEN ' (forced)' ELSE '' END\n"
"                         || COALESCE(': ' || p_reason, ''),\n"
"           updated_at = pg_catalog.clock_timestamp()\n"
"     WHERE r.table_schema = p_schema AND r.table_name = p_name;\n"
"    INSERT INTO schemadiff.staged_events (table_schema, table_name, action, from_stage, to_stage, forced, reason)\n"
"    VALUES (p_schema, p_name, p_action, was, p_to, p_forced, p_reason);\n"
"    RAISE NOTICE 'staged cutover of %: % -> % (% %% of reads to the shadow)',\n"
"        pg_catalog.format('%I.%I', p_schema, p_name), was, p_to, schemadiff.cutover_stage_percent(p_to);\n"
"    RETURN p_to;\n"
"END\n"
"$fn$;",

/* the checks advance and complete make unless forced */
"CREATE OR REPLACE FUNCTION schemadiff.staged_check_ready(g schemadiff.staged_routing)\n"
"RETURNS void LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    t text := pg_catalog.format('%I.%I', g.table_schema, g.table_name);\n"
"    need interval := schemadiff.staged_min_duration(g.min_durations, g.stage);\n"
"    h record := schemadiff.staged_health_of(g.table_schema, g.table_name);\n"
"BEGIN\n"
"    IF pg_catalog.clock_timestamp() < g.stage_entered_at + need THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: stage % has run for %, its minimum duration is %',\n"
"            t, g.stage, date_trunc('second', pg_catalog.clock_timestamp() - g.stage_entered_at), need\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = pg_catalog.format('wait until %s, or pass force => true', g.stage_entered_at + need);\n"
"    END IF;\n"
"    IF NOT h.healthy THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: the shadow is not healthy in stage %: %',\n"
"            t, g.stage, pg_catalog.array_to_string(h.reasons, '; ')\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'see schemadiff.staged_status; SELECT schemadiff.staged_emergency_rollback('''\n"
"                         || t || ''') sends every read back to the source, force => true advances anyway';\n"
"    END IF;\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.staged_start(p_table text, p_min_durations jsonb DEFAULT NULL)\n"
"RETURNS schemadiff.cutover_stage LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    t record := schemadiff.staged_resolve(p_table);\n"
"    q text := pg_catalog.format('%I.%I', t.table_schema, t.table_name);\n"
"    st text;\n"
"    k text;\n"
"    g schemadiff.staged_routing;\n"
"BEGIN\n"
"    IF pg_catalog.to_regclass('schemadiff.shadow_state') IS NULL THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: schemadiff.shadow_state does not exist', q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'run shadow.sql (prepare, sync, backfill, validate) first';\n"
"    END IF;\n"
"    SELECT s.status INTO st FROM schemadiff.shadow_state s\n"
"     WHERE s.table_schema = t.table_schema AND s.table_name = t.table_name;\n"
"    IF st IS NULL THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: the table has no shadow table (no row in schemadiff.shadow_state)', q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'run shadow.sql (prepare, sync, backfill, validate) first';\n"
"    END IF;\n"
"    IF st NOT IN ('validated', 'cutover') THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: its shadow table is %, not validated', q, st\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'CALL schemadiff.validate(''' || q || ''') until it says validated';\n"
"    END IF;\n"
"    FOR k IN SELECT jsonb_object_keys(COALESCE(p_min_durations, '{}')) LOOP\n"
"        IF k NOT IN ('dual_write', 'test_1', 'test_10', 'half_50', 'full_100') THEN\n"
"            RAISE EXCEPTION 'staged cutover of %: \"%\" is not a stage with a minimum duration', q, k\n"
"                USING ERRCODE = 'invalid_parameter_value',\n"
"                      HINT = 'the stages are dual_write, test_1, test_10, half_50 and full_100';\n"
"        END IF;\n"
"        PERFORM (p_min_durations ->> k)::interval;\n"
"    END LOOP;\n"
"    INSERT INTO schemadiff.staged_routing (table_schema, table_name)\n"
"    VALUES (t.table_schema, t.table_name) ON CONFLICT DO NOTHING;\n"
"    SELECT * INTO g FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name FOR UPDATE;\n"
"    IF g.stage <> 'disabled' THEN\n"
"        RAISE NOTICE 'staged cutover of % is already in stage %', q, g.stage;\n"
"        RETURN g.stage;\n"
"    END IF;\n"
"    UPDATE schemadiff.staged_routing r SET min_durations = r.min_durations || COALESCE(p_min_durations, '{}')\n"
"     WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name;\n"
"    RETURN schemadiff.staged_move(t.table_schema, t.table_name, 'dual_write', 'start', false, NULL);\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.staged_advance(p_table text, force boolean DEFAULT false,\n"
"                                                     reason text DEFAULT NULL)\n"
"RETURNS schemadiff.cutover_stage LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    t record := schemadiff.staged_resolve(p_table);\n"
"    q text := pg_catalog.format('%I.%I', t.table_schema, t.table_name);\n"
"    g schemadiff.staged_routing;\n"
"BEGIN\n"
"    SELECT * INTO g FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name FOR UPDATE;\n"
"    IF NOT FOUND OR g.stage = 'disabled' THEN\n"
"        RAISE EXCEPTION 'staged cutover of % is not started (stage disabled)', q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'SELECT schemadiff.staged_start(''' || q || ''')';\n"
"    END IF;\n"
"    IF g.stage = 'completed' THEN\n"
"        RAISE EXCEPTION 'staged cutover of % is already completed', q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state';\n"
"    END IF;\n"
"    IF g.stage = 'full_100' THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: full_100 -> completed is staged_complete, with its confirmation', q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'SELECT schemadiff.staged_complete(''' || q || ''', confirm => ''complete ' || q || ''')';\n"
"    END IF;\n"
"    IF NOT force THEN\n"
"        PERFORM schemadiff.staged_check_ready(g);\n"
"    END IF;\n"
"    RETURN schemadiff.staged_move(t.table_schema, t.table_name, schemadiff.cutover_stage_next(g.stage),\n"
"                                  'advance', force, reason);\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.staged_complete(p_table text, confirm text DEFAULT NULL,\n"
"                                                      force boolean DEFAULT false)\n"
"RETURNS schemadiff.cutover_stage LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    t record := schemadiff.staged_resolve(p_table);\n"
"    q text := pg_catalog.format('%I.%I', t.table_schema, t.table_name);\n"
"    g schemadiff.staged_routing;\n"
"BEGIN\n"
"    SELECT * INTO g FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name FOR UPDATE;\n"
"    IF NOT FOUND OR g.stage = 'disabled' THEN\n"
"        RAISE EXCEPTION 'staged cutover of % is not started (stage disabled)', q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'SELECT schemadiff.staged_start(''' || q || ''')';\n"
"    END IF;\n"
"    IF g.stage = 'completed' THEN\n"
"        RAISE NOTICE 'staged cutover of % is already completed', q;\n"
"        RETURN g.stage;\n"
"    END IF;\n"
"    IF g.stage <> 'full_100' THEN\n"
"        RAISE EXCEPTION 'staged cutover of % is in stage %: only full_100 completes', q, g.stage\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'SELECT schemadiff.staged_advance(''' || q || ''') up to full_100';\n"
"    END IF;\n"
"    IF confirm IS DISTINCT FROM 'complete ' || q THEN\n"
"        RAISE EXCEPTION 'staged cutover of %: completing needs the confirmation ''complete %''', q, q\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state',\n"
"                  HINT = 'SELECT schemadiff.staged_complete(''' || q || ''', confirm => ''complete ' || q || ''')';\n"
"    END IF;\n"
"    IF NOT force THEN\n"
"        PERFORM schemadiff.staged_check_ready(g);\n"
"    END IF;\n"
"    RETURN schemadiff.staged_move(t.table_schema, t.table_name, 'completed', 'complete', force, NULL);\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.staged_emergency_rollback(p_table text, reason text DEFAULT NULL)\n"
"RETURNS schemadiff.cutover_stage LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    t record := schemadiff.staged_resolve(p_table);\n"
"    g schemadiff.staged_routing;\n"
"BEGIN\n"
"    SELECT * INTO g FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name FOR UPDATE;\n"
"    IF NOT FOUND THEN\n"
"        RAISE EXCEPTION 'staged cutover of %.% was never started', t.table_schema, t.table_name\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state';\n"
"    END IF;\n"
"    IF g.stage = 'disabled' THEN\n"
"        RETURN g.stage;\n"
"    END IF;\n"
"    RETURN schemadiff.staged_move(t.table_schema, t.table_name, 'disabled', 'emergency rollback', true, reason);\n"
"END\n"
"$fn$;",

/* every table in progress back to disabled; completed ones stay */
"CREATE OR REPLACE FUNCTION schemadiff.staged_emergency_stop_all(reason text DEFAULT NULL)\n"
"RETURNS integer LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    g record;\n"
"    n integer := 0;\n"
"BEGIN\n"
"    FOR g IN SELECT r.table_schema, r.table_name FROM schemadiff.staged_routing r\n"
"              WHERE r.stage NOT IN ('disabled', 'completed')\n"
"              ORDER BY r.table_schema, r.table_name FOR UPDATE LOOP\n"
"        PERFORM schemadiff.staged_move(g.table_schema, g.table_name, 'disabled', 'emergency stop', true, reason);\n"
"        n := n + 1;\n"
"    END LOOP;\n"
"    RETURN n;\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.should_route_to_shadow(p_table text, operation text DEFAULT 'read',\n"
"                                                             routing_key text DEFAULT NULL)\n"
"RETURNS boolean LANGUAGE plpgsql VOLATILE AS $fn$\n"
"DECLARE\n"
"    rel regclass;\n"
"    s schemadiff.cutover_stage;\n"
"    pct integer;\n"
"    q text;\n"
"BEGIN\n"
"    IF lower(operation) IN ('insert', 'update', 'delete', 'merge', 'write') THEN\n"
"        RETURN false; -- writes go to the source; its sync trigger keeps the shadow current\n"
"    END IF;\n"
"    IF lower(operation) NOT IN ('read', 'select') THEN\n"
"        RAISE EXCEPTION 'should_route_to_shadow: unknown operation \"%\"', operation\n"
"            USING ERRCODE = 'invalid_parameter_value',\n"
"                  HINT = 'read or select (routed by stage); insert, update, delete, merge or write (never routed)';\n"
"    END IF;\n"
"    rel := pg_catalog.to_regclass(p_table);\n"
"    SELECT r.stage, pg_catalog.format('%I.%I', r.table_schema, r.table_name) INTO s, q\n"
"      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
"      JOIN schemadiff.staged_routing r ON r.table_schema = n.nspname AND r.table_name = c.relname\n"
"     WHERE c.oid = rel;\n"
"    pct := COALESCE(schemadiff.cutover_stage_percent(s), 0);\n"
"    IF pct <= 0 THEN\n"
"        RETURN false;\n"
"    ELSIF pct >= 100 THEN\n"
"        RETURN true;\n"
"    ELSIF routing_key IS NULL THEN\n"
"        RETURN random() * 100 < pct;\n"
"    END IF;\n"
"    -- sticky: a key's bucket (0..9999) is fixed, the stage's share grows over it\n"
"    RETURN (pg_catalog.hashtext(q || ':' || routing_key) & 2147483647) % 10000 < pct * 100;\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE FUNCTION schemadiff.staged_record_metric(p_table text, target text, operation text,\n"
"                                                           success boolean, latency_ms double precision DEFAULT NULL,\n"
"                                                           validation_score double precision DEFAULT NULL,\n"
"                                                           detail text DEFAULT NULL)\n"
"RETURNS bigint LANGUAGE plpgsql AS $fn$\n"
"DECLARE\n"
"    t record := schemadiff.staged_resolve(p_table);\n"
"    g schemadiff.staged_routing;\n"
"    h record;\n"
"    id bigint;\n"
"BEGIN\n"
"    SELECT * INTO g FROM schemadiff.staged_routing r\n"
"     WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name;\n"
"    IF NOT FOUND THEN\n"
"        RAISE EXCEPTION 'staged cutover of %.% was never started', t.table_schema, t.table_name\n"
"            USING ERRCODE = 'object_not_in_prerequisite_state';\n"
"    END IF;\n"
"    INSERT INTO schemadiff.staged_metrics AS m (table_schema, table_name, stage, target, operation, success,\n"
"                                                latency_ms, validation_score, detail)\n"
"    VALUES (t.table_schema, t.table_name, g.stage, staged_record_metric.target, staged_record_metric.operation,\n"
"            staged_record_metric.success, staged_record_metric.latency_ms,\n"
"            staged_record_metric.validation_score, staged_record_metric.detail)\n"
"    RETURNING m.id INTO id;\n"
"    -- too many shadow failures in a row: every read back to the source at once\n"
"    IF staged_record_metric.target = 'shadow' AND NOT staged_record_metric.success AND g.auto_rollback\n"
"       AND g.stage NOT IN ('disabled', 'completed') THEN\n"
"        h := schemadiff.staged_health_of(t.table_schema, t.table_name);\n"
"        IF h.consecutive_failures >= g.max_consecutive_failures THEN\n"
"            PERFORM 1 FROM schemadiff.staged_routing r\n"
"             WHERE r.table_schema = t.table_schema AND r.table_name = t.table_name FOR UPDATE;\n"
"            PERFORM schemadiff.staged_move(t.table_schema, t.table_name, 'disabled', 'automatic rollback', true,\n"
"                                           pg_catalog.format('%s consecutive shadow failures',\n"
"                                                             h.consecutive_failures));\n"
"        END IF;\n"
"    END IF;\n"
"    RETURN id;\n"
"END\n"
"$fn$;",

"CREATE OR REPLACE VIEW schemadiff.staged_status AS\n"
"SELECT r.table_schema, r.table_name, r.stage,\n"
"       schemadiff.cutover_stage_percent(r.stage) AS read_percent,\n"
"       schemadiff.cutover_stage_next(r.stage) AS next_stage,\n"
"       r.started_at, r.stage_entered_at,\n"
"       pg_catalog.clock_timestamp() - r.stage_entered_at AS in_stage_for,\n"
"       schemadiff.staged_min_duration(r.min_durations, r.stage) AS min_duration,\n"
"       r.stage_entered_at + schemadiff.staged_min_duration(r.min_durations, r.stage) AS advance_after,\n"
"       h.healthy, h.samples, h.error_rate, h.latency_increase, h.validation_score,\n"
"       h.consecutive_failures, h.reasons, r.completed_at, r.last_action, r.updated_at\n"
"  FROM schemadiff.staged_routing r\n"
"  CROSS JOIN LATERAL schemadiff.staged_health_of(r.table_schema, r.table_name) h;",
};

#define N_STMTS ((int)(sizeof staged_stmts / sizeof staged_stmts[0]))

Script *shadow_staged_script(Arena *a)
{
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "-- staged cutover: control objects (schemadiff, emit/shadow_staged.c); idempotent\n");
    Script *s = arena_alloc(a, sizeof *s);
    s->stmts = arena_alloc(a, sizeof(ScriptStmt) * N_STMTS);
    for (int i = 0; i < N_STMTS; i++) {
        sb_putc(&sb, '\n');
        s->stmts[i].start = (int)sb.len;
        sb_puts(&sb, staged_stmts[i]);
        s->stmts[i].end = (int)sb.len;
        sb_putc(&sb, '\n');
    }
    s->n = N_STMTS;
    s->text = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}

const char *shadow_staged_sql(Arena *a)
{
    return shadow_staged_script(a)->text;
}

const char *shadow_staged_check(Arena *a)
{
    Script *s = shadow_staged_script(a);
    const char *why = reparse_script(a, s);
    if (why)
        return why;
    /* the PL/pgSQL bodies, which PostgreSQL checks only when the text runs */
    for (int i = 0; i < s->n; i++) {
        const char *stmt = staged_stmts[i];
        if (strncmp(stmt, "CREATE OR REPLACE FUNCTION", 26) || !strstr(stmt, "LANGUAGE plpgsql"))
            continue;
        void *ctx = pgctx_current();
        PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(stmt);
        pgctx_restore(ctx);
        const char *err = r.error ? arena_printf(a, "the staged-cutover SQL has a PL/pgSQL body that does not "
                                                    "parse: %s\n    statement: %.80s",
                                                 r.error->message, stmt)
                                  : NULL;
        pg_query_free_plpgsql_parse_result(r);
        if (err)
            return err;
    }
    return NULL;
}
