// bench/serve_load: 20 clients editing at once against one `yoshiki serve` on loopback, as the
// editor's page does it: each keystroke a check of the sheet's values, then the preview image of
// the sheet's page; a save every few edits. Prints the requests' times, the errors (there must be
// none) and the server's memory after each round of edits: it must not grow with their number
// (the previews are kept within limits::max_preview_cache_bytes).
//   node bench/serve_load.mjs YOSHIKI REPO_DIR WORK_DIR [--clients 20] [--rounds 5] [--edits 20] [--assert|--assert-no-errors]
// With --assert (tests/e2e/serve_load.sh) it exits 1 on any error, or when the memory grew after
// the first round (which fills the previews' memory) by more than half the previews' bound: what
// the server holds must not depend on how many edits it has seen. --assert-no-errors checks the
// errors alone (a sanitized server, whose allocator keeps what is freed). Nothing is timed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [YOSHIKI, SRC, WORK] = process.argv.slice(2, 5);
const option = (name, fallback) => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CLIENTS = option('clients', 20);
const ROUNDS = option('rounds', 5);
const EDITS = option('edits', 20);
const ASSERT_MEMORY = process.argv.includes('--assert');
const ASSERT = ASSERT_MEMORY || process.argv.includes('--assert-no-errors');
const PREVIEW_BOUND_MB = 64;  // base::limits::max_preview_cache_bytes

// A copy of the seed per client: clients save without taking each other's versions.
const inputs = path.join(WORK, 'inputs');
fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(path.join(WORK, 'layouts'), { recursive: true });
fs.copyFileSync(path.join(SRC, 'layouts/goal-sheet.xml'), path.join(WORK, 'layouts/goal-sheet.xml'));
const seed = fs.readFileSync(path.join(SRC, 'inputs/r8/soumu.xml'));
for (let c = 0; c < CLIENTS; ++c) {
  fs.mkdirSync(path.join(inputs, 'c' + c), { recursive: true });
  fs.writeFileSync(path.join(inputs, 'c' + c, 'soumu.xml'), seed);
}

const server = spawn(YOSHIKI, ['serve', inputs, '--listen', '127.0.0.1:0', '--layouts', path.join(WORK, 'layouts'),
  '--fonts', '/usr/share/fonts'], { stdio: ['ignore', 'ignore', 'pipe'] });
process.on('exit', () => { if (server.exitCode === null) server.kill('SIGTERM'); });
let log = '';
const base = await new Promise((resolve, reject) => {
  server.stderr.on('data', (d) => {
    log += d;
    const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
    if (m) resolve(m[1]);
  });
  server.on('exit', () => reject(new Error('yoshiki serve ended: ' + log)));
  setTimeout(() => reject(new Error('yoshiki serve did not start')), 10000);
});
const host = new URL(base).host;

function rssMb() {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const times = { check: [], page: [], save: [] };
let errors = 0;
let requests = 0;
const errorSamples = [];

async function call(kind, url, body) {
  const t0 = performance.now();
  requests += 1;
  try {
    const init = body === undefined ? {} : {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Origin: 'http://' + host },
    };
    const res = await fetch(base + url, init);
    const data = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : await res.arrayBuffer();
    times[kind].push(performance.now() - t0);
    if (res.status !== 200) {
      errors += 1;
      if (errorSamples.length < 5) errorSamples.push(kind + ' ' + res.status + ' ' + JSON.stringify(data).slice(0, 200));
      return null;
    }
    return data;
  } catch (e) {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(kind + ' ' + e.message);
    return null;
  }
}

async function client(c, round) {
  const file = 'c' + c + '/soumu.xml';
  const opened = await call('check', '/api/open?file=' + encodeURIComponent(file));
  if (!opened) return;
  const values = opened.values;
  let version = opened.version;
  const sheet = c % values.sheets.length;
  const indicator = values.sheets[sheet].values.indicator;
  for (let e = 0; e < EDITS; ++e) {
    // A keystroke: a note different for every client, round and edit, so that every preview is
    // a new PDF (the same text twice would share one).
    values.sheets[sheet].values.indicator = indicator + '（' + c + '-' + round + '-' + e + '）';
    const checked = await call('check', '/api/check', { file, values });
    if (!checked || !checked.preview) continue;
    const first = checked.sheets[sheet].first_page;
    await call('page', `/api/page?key=${checked.preview}&page=${first}&width=600`);
    if (e % 10 === 9) {
      const saved = await call('save', '/api/save', { file, version, values });
      if (saved) version = saved.version;
    }
  }
}

const quantile = (xs, q) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

console.log(`serve_load: ${CLIENTS} clients, ${ROUNDS} rounds of ${EDITS} edits each (a check, a page image, a save every 10)`);
console.log(`  server memory at start: ${rssMb().toFixed(1)} MB`);
// The baseline, in the same run: one client alone, the same edits (after a first run that loads
// the fonts and prepares them for subsetting).
await client(0, -2);
let t0 = performance.now();
await client(0, -1);
const alone = EDITS / ((performance.now() - t0) / 1000);
for (const xs of Object.values(times)) xs.length = 0;
console.log(`  one client alone: ${alone.toFixed(1)} edits/s`);
const rss = [rssMb()];
const started = performance.now();
for (let round = 0; round < ROUNDS; ++round) {
  t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c, round)));
  rss.push(rssMb());
  const edits = CLIENTS * EDITS;
  console.log(`  round ${round + 1}: ${edits} edits in ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
    `server memory ${rss[rss.length - 1].toFixed(1)} MB`);
}
const seconds = (performance.now() - started) / 1000;
for (const [kind, xs] of Object.entries(times)) {
  if (!xs.length) continue;
  console.log(`  ${kind}: ${xs.length} requests, median ${quantile(xs, 0.5).toFixed(0)} ms, p90 ${quantile(xs, 0.9).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`);
}
const totalEdits = CLIENTS * EDITS * ROUNDS;
console.log(`  ${totalEdits} edits (${requests} requests) in ${seconds.toFixed(1)} s: ${(totalEdits / seconds).toFixed(1)} edits/s, ` +
  `${(totalEdits / seconds / alone).toFixed(2)} times one client alone; ${errors} errors`);
for (const s of errorSamples) console.log('  error: ' + s);
const growth = rss[rss.length - 1] - rss[1];
console.log(`  memory from round 1 to round ${ROUNDS}: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB ` +
  `(ratio ${(rss[rss.length - 1] / rss[1]).toFixed(2)}) over ${totalEdits - CLIENTS * EDITS} more edits`);
server.kill('SIGTERM');
if (ASSERT) {
  let failed = false;
  if (errors) { console.log('FAIL: ' + errors + ' requests failed'); failed = true; }
  if (ASSERT_MEMORY && growth > PREVIEW_BOUND_MB / 2) { console.log(`FAIL: the server's memory grew by ${growth.toFixed(1)} MB with the number of edits`); failed = true; }
  process.exit(failed ? 1 : 0);
}
