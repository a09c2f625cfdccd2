/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the process spent its wall time
 * (idle = waiting on I/O such as the database, program, GC) and which files and functions took CPU,
 * self time and inclusive time. Run directly: node bench/lib/cpuprofile.js <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * @param {string} file
 * @param {number} [top]
 */
export function summarise(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = deltas[i + 1] ?? 0; // the time until the next sample is spent in this one
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const totalUs = profile.endTime - profile.startTime;
  const bySpecial = new Map();
  const byFile = new Map();
  const byFunction = new Map();
  const inclusiveByFunction = new Map();
  for (const [id, us] of selfUs) {
    const n = nodes.get(id);
    const name = n.callFrame.functionName || '(anonymous)';
    if (name.startsWith('(') && n.callFrame.url === '') {
      bySpecial.set(name, (bySpecial.get(name) ?? 0) + us);
      continue;
    }
    const url = shorten(n.callFrame.url || '(native)');
    byFile.set(url, (byFile.get(url) ?? 0) + us);
    const key = `${name}  ${url}:${n.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    // inclusive: credit each distinct function on the stack once
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const m = nodes.get(cur);
      const k = `${m.callFrame.functionName || '(anonymous)'}  ${shorten(m.callFrame.url || '(native)')}:${m.callFrame.lineNumber + 1}`;
      if (seen.has(k) || m.callFrame.functionName === '(root)') continue;
      seen.add(k);
      inclusiveByFunction.set(k, (inclusiveByFunction.get(k) ?? 0) + us);
    }
  }
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const topOf = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${ms(v)}  ${k}`);
  const lines = [
    `${file}`,
    `profiled wall time ${ms(totalUs)}; ${[...bySpecial.entries()].map(([k, v]) => `${k} ${ms(v).trim()}`).join(', ')}`,
    `self time by file:`,
    ...topOf(byFile),
    `self time by function:`,
    ...topOf(byFunction),
    `inclusive time by function:`,
    ...topOf(inclusiveByFunction),
  ];
  return lines.join('\n');
}

function shorten(url) {
  return url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/lib/cpuprofile.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarise(file, top ? Number(top) : 15));
}
