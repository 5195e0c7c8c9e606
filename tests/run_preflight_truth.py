#!/usr/bin/env python3
"""The pre-flight of type conversions against the truth: the server's own ALTER, row by row.

diff/preflight.c tests whether a column's values convert to a new type without raising, with
conditions PostgreSQL 15 can evaluate without raising (regular expressions for the input
functions' syntax, ranges, lengths, numeric precision). This runner checks those conditions
against what the migration really does: one throwaway PostgreSQL 15 cluster (tests/pgcluster.py),
one table per (source type, target type) pair holding the same tricky values (blanks, signs,
exponents, NaN and infinities, hexadecimal, bounds of every integer type, rounding at numeric
scales, boolean prefixes, uuid spellings, trailing blanks, multibyte characters, NULL);

  1. `schemadiff plan --from URL --to FILE --out OUT --allow-hazards all` (exit 6: rows fail);
  2. for each table, the ALTER COLUMN ... TYPE statement migration.sql holds for it is run on
     every value alone (a one-row temporary table, in a subtransaction): the rows it fails on
     are the truth;
  3. the plan's pre-flight line of that column must count exactly those rows ("passed" when
     none), and its sample keys must be among them.

Output: `ok SOURCE -> TARGET` or `FAIL ...` per pair, then `N passed, M failed`. Exit status 0
when every pair agrees, 1 otherwise, 2 when the cluster cannot start.
"""

import argparse
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402
from pgcluster import PgCluster, ClusterError  # noqa: E402

TEXT_VALUES = [
    '', ' ', '0', '1', '-1', '+1', ' 42 ', '\t7\n', '1.5', '1e3', '1E+3', '.5', '5.', '-.5e-2',
    'NaN', 'nan', '-NaN', ' NaN ', 'inf', '-Infinity', '+inf', 'infinity', 'Inf ', 'infin', '0x10',
    '1_000', '99999', '32767', '32768', '-32768', '-32769', '2147483647', '2147483648',
    '-2147483648', '-2147483649', '9223372036854775807', '9223372036854775808', '123.456',
    '999.995', '999.994', '-999.995', '99.5', '-0', '+', '-', '.', 'e5', '1e', '1.2.3',
    '\u0661\u0662', 't', 'tr', 'true', 'TRUE', 'True ', 'yes', 'y', 'Y', 'o', 'on', 'ON', 'of',
    'off', 'no', 'n', '1 ', ' 0', 'maybe', 'truex', 'fa', 'f', 'false', 'ye', 'onn', '00', '2',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
    'A0EEBC999C0B4EF8BB6D6BB9BD380A11', 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-',
    'a0e-ebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    'abc', 'abcd', 'abc   ', 'ab  d', 'ab ', '\u00e9\u00e8\u00e0', '\u00e9\u00e8\u00e0x', 'ab\t ',
    'a\u00a0bc', None]
NUMBER_VALUES = ['1.5', '2.5', '-2.5', '32767.4', '32767.5', '32766.5', '-32768.5', '-32768.4',
                 'NaN', 'Infinity', '-Infinity', '999.995', '999.994', '99999.99', '1e20', '0.001',
                 '-999.995', '2147483647.5', None]
PAIRS = [('text', t, TEXT_VALUES) for t in
         ['integer', 'smallint', 'bigint', 'numeric', 'numeric(5,2)', 'numeric(3,0)', 'numeric(2,2)',
          'real', 'double precision', 'boolean', 'uuid', 'character varying(3)', 'character(3)']]
PAIRS += [('numeric', t, NUMBER_VALUES) for t in
          ['smallint', 'integer', 'numeric(5,2)', 'numeric(3,0)', 'character varying(3)']]
PAIRS += [('double precision', t, NUMBER_VALUES) for t in
          ['smallint', 'integer', 'numeric(5,2)', 'numeric(3,0)']]


def literal(v):
    if v is None:
        return 'NULL'
    return "E'" + v.replace('\\', '\\\\').replace("'", "''") + "'"


def preflight_line(plan_text, table):
    """The first Pre-flight line after the change line of public.TABLE.v, before the next change."""
    lines = plan_text.splitlines()
    for i, line in enumerate(lines):
        if ('public.%s.v (column)' % table) in line:
            for nxt in lines[i + 1:]:
                if re.match(r'\s*[~+-] ', nxt):
                    break
                m = re.search(r'Pre-flight: (.*)', nxt)
                if m:
                    return m.group(1)
            return None
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--schemadiff', default='build/schemadiff')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    schemadiff = os.path.abspath(args.schemadiff)
    env = testlib.child_env()
    failed = passed = 0
    try:
        with PgCluster() as pg, tempfile.TemporaryDirectory(prefix='sd-pftruth-') as work:
            pg.createdb('truth')
            setup, desired = [], []
            for i, (src, dst, values) in enumerate(PAIRS):
                setup.append('CREATE TABLE t%d (id integer PRIMARY KEY, v %s);' % (i, src))
                setup.append('INSERT INTO t%d VALUES %s;' % (
                    i, ', '.join('(%d, %s)' % (n, literal(v)) for n, v in enumerate(values))))
                desired.append('CREATE TABLE t%d (id integer PRIMARY KEY, v %s);' % (i, dst))
            with open(os.path.join(work, 'setup.sql'), 'w') as f:
                f.write('\n'.join(setup) + '\n')
            with open(os.path.join(work, 'to.sql'), 'w') as f:
                f.write('\n'.join(desired) + '\n')
            rc, out, err = pg.psql_file('truth', [os.path.join(work, 'setup.sql')])
            if rc:
                print('FAIL setup: %s' % testlib.head(err))
                return 1
            outdir = os.path.join(work, 'out')
            r = testlib.run([schemadiff, 'plan', '--from', pg.url('truth'), '--to', os.path.join(work, 'to.sql'),
                             '--out', outdir, '--allow-hazards', 'all', '--statement-timeout', '1min'], env=env)
            if testlib.sanitizer_report(r.err) or r.rc not in (0, 6):
                print('FAIL plan: exit %s\n%s' % (r.rc, testlib.indent(testlib.head(r.err))))
                return 1
            plan = r.out
            migration = testlib.read(os.path.join(outdir, 'migration.sql'))
            for i, (src, dst, values) in enumerate(PAIRS):
                name = '%s -> %s' % (src, dst)
                m = re.search(r'^ALTER TABLE public\.t%d ALTER COLUMN v TYPE [^;\n]*;' % i, migration, re.M)
                if not m:
                    print('FAIL %s: no ALTER COLUMN ... TYPE for t%d in migration.sql' % (name, i))
                    failed += 1
                    continue
                alter = m.group(0).replace('public.t%d ' % i, 'pg_temp.one ')
                do = ("DO $truth$ DECLARE r record; ids text := ''; BEGIN "
                      "FOR r IN SELECT id, v FROM public.t%d ORDER BY id LOOP BEGIN "
                      "CREATE TEMP TABLE one (v %s); INSERT INTO pg_temp.one VALUES (r.v); EXECUTE %s; "
                      "RAISE EXCEPTION USING ERRCODE = 'SD001'; "
                      "EXCEPTION WHEN SQLSTATE 'SD001' THEN NULL; WHEN others THEN ids := ids || r.id || ' '; "
                      "END; END LOOP; RAISE NOTICE 'TRUTH[%%]', ids; END $truth$;"
                      % (i, src, literal(alter)))
                prc, _, perr = pg.psql('truth', do)
                t = re.search(r'TRUTH\[([\d ]*)\]', perr)
                if prc or not t:
                    print('FAIL %s: the truth could not be computed: %s' % (name, testlib.head(perr)))
                    failed += 1
                    continue
                truth = t.group(1).split()
                line = preflight_line(plan, 't%d' % i)
                got, samples = None, []
                if line and line.startswith('passed'):
                    got = 0
                elif line:
                    f = re.match(r'WOULD FAIL: (\d+) .*?(?:, e\.g\. (.*))?$', line)
                    if f:
                        got = int(f.group(1))
                        samples = f.group(2).split(', ') if f.group(2) else []
                ok = got == len(truth) and all(s in truth for s in samples)
                if ok:
                    passed += 1
                    if args.verbose:
                        print('ok %s (%d of %d values fail)' % (name, len(truth), len(values)))
                    else:
                        print('ok %s' % name)
                else:
                    failed += 1
                    print('FAIL %s: the server fails on %d values (ids %s); the pre-flight says: %s'
                          % (name, len(truth), ' '.join(truth) or 'none', line))
    except ClusterError as e:
        print('cannot start a cluster: %s' % e)
        return 2
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
