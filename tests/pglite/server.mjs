#!/usr/bin/env node
// One PGlite instance (PostgreSQL 18 compiled to WebAssembly), with the extensions asked for
// (pgvector by default), served over the PostgreSQL wire protocol by pglite-socket.
//
//   node server.mjs --socket DIR/.s.PGSQL.PORT [--data DIR | --load FILE.tar] [--extensions vector,citext]
//   node server.mjs --host 127.0.0.1 --port PORT ...
//   node server.mjs --dump FILE.tar [--extensions ...]   initialise, write the data directory as
//                                                       a tarball (a pristine image), exit
//
// PGlite serves one database (`postgres`, user `postgres`, any password) and runs one session:
// every connection shares it, so session state (SET, prepared statements, temp tables) survives
// a disconnect; the caller runs `DISCARD ALL` where that matters.
//
// When the server listens it prints one line `ready URL` on standard output (a libpq URL).
// It stops cleanly (closes the socket, shuts PGlite down, exit 0) on SIGTERM or SIGINT, and,
// with --exit-on-eof, when its standard input closes (the parent died).

import { parseArgs } from 'node:util';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { values: opt } = parseArgs({
  options: {
    socket: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    data: { type: 'string', default: 'memory://' },
    load: { type: 'string' },
    dump: { type: 'string' },
    extensions: { type: 'string', default: 'vector' },
    'max-connections': { type: 'string', default: '8' },
    'exit-on-eof': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function die(msg) {
  process.stderr.write(`server.mjs: ${msg}\n`);
  process.exit(2);
}

if (opt.help) {
  process.stdout.write('usage: server.mjs (--socket PATH | --port N [--host H] | --dump FILE) ' +
    '[--data DIR] [--load FILE.tar] [--extensions LIST] [--max-connections N] [--exit-on-eof]\n');
  process.exit(0);
}
if (!opt.dump && !opt.socket && !opt.port) die('one of --socket, --port or --dump is needed');
let url;
if (opt.socket) {
  const m = opt.socket.match(/^(.*)\/\.s\.PGSQL\.(\d+)$/);
  if (!m) die('--socket must be DIR/.s.PGSQL.PORT (the name libpq looks for)');
  url = `postgresql://postgres@/postgres?host=${encodeURIComponent(m[1])}&port=${m[2]}`;
} else if (opt.port) {
  url = `postgresql://postgres@${opt.host}:${opt.port}/postgres`;
}

async function loadExtensions(list) {
  const exts = {};
  for (const name of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (name === 'plpgsql') continue;                   // built in
    if (name === 'vector') {
      exts.vector = (await import('@electric-sql/pglite-pgvector')).vector;
      continue;
    }
    const mod = name.replace(/-/g, '_');
    let m;
    try {
      m = await import(`@electric-sql/pglite/contrib/${mod}`);
    } catch (e) {
      die(`unknown extension ${name}: ${e.message}`);
    }
    if (!m[mod]) die(`extension module ${mod} exports no ${mod}`);
    exts[mod] = m[mod];
  }
  return exts;
}

const extensions = await loadExtensions(opt.extensions);
const pgOpts = { extensions, relaxedDurability: true };
if (opt.load) {
  if (opt.data !== 'memory://') die('--load needs an in-memory database (no --data)');
  pgOpts.loadDataDir = new Blob([await readFile(opt.load)]);
}

const db = new PGlite(opt.data, pgOpts);
await db.waitReady;

if (opt.dump) {
  await db.query('CHECKPOINT');
  // uncompressed: loading it costs less CPU than gunzip (40 MB against 4.5 MB)
  const blob = await db.dumpDataDir('none');
  const tmp = `${opt.dump}.tmp${process.pid}`;
  await writeFile(tmp, Buffer.from(await blob.arrayBuffer()));
  await rename(tmp, opt.dump);
  await db.close();
  process.exit(0);
}

const server = new PGLiteSocketServer({
  db,
  path: opt.socket,
  host: opt.host,
  port: opt.port ? parseInt(opt.port, 10) : undefined,
  // psql closes its connection asynchronously: allow a few so that the next client is not
  // refused while the previous close is still being processed. Queries are queued anyway.
  maxConnections: parseInt(opt['max-connections'], 10),
});
server.addEventListener('error', (e) => process.stderr.write(`server.mjs: socket error: ${e.detail}\n`));

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop();
    await db.close();
  } catch (e) {
    process.stderr.write(`server.mjs: while stopping: ${e.message}\n`);
    code = code || 1;
  }
  process.exit(code);
}
process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
if (opt['exit-on-eof']) {
  process.stdin.on('end', () => shutdown(0));
  process.stdin.on('error', () => shutdown(0));
  process.stdin.resume();
}

await server.start();
process.stdout.write(`ready ${url}\n`);
