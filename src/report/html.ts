/**
 * The report as one self-contained HTML file: inline CSS, one small inline script that only adds a
 * filter box, no request to any host (a Content-Security-Policy forbids them), and everything readable
 * with scripts off: group members expand with <details>, "problems only" is a CSS-only checkbox.
 * Every cell carries data-state, so tests (and users' scripts) read states without parsing text.
 */
import { appliedAt } from '../plan/cells.js';
import { openProblems, SEVERITY, STATE_LABEL, STATES, type ReportCell, type ReportColumn, type ReportData, type ReportDatabase, type ReportState, type StateCounts } from './model.js';

export function reportHtml(data: ReportData): string {
  const totals = totalCounts(data);
  const problems = openProblems(data);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="bb ${esc(data.bbVersion)}">
<title>${esc(data.title)}: ${esc(data.environments.map((e) => e.name).join(' → '))}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(data.title)}</h1>
<p class="meta">Generated ${esc(data.generatedAt)} by bb ${esc(data.bbVersion)} from <code>${esc(data.config)}</code>. Promotion order: ${data.environments.map((e) => `<b>${esc(e.name)}</b>${e.protected ? ' <span class="tag">protected</span>' : ''}`).join(' → ')}.</p>
<p class="totals">${STATES.filter((s) => totals[s]).map((s) => `<span class="chip s-${s}">${STATE_LABEL[s].symbol} ${totals[s]} ${STATE_LABEL[s].label}</span>`).join(' ')}${problems.count ? ` <a class="chip s-failed" href="${problems.count === problems.unreadable ? '#targets' : '#failures'}">${esc(problems.summary)}</a>` : ''}</p>
<nav><a href="#matrix">Status</a> · <a href="#targets">Targets</a> · <a href="#failures">Open failures</a> · <a href="#timeline">Timeline</a> · <a href="#lint">Lint of pending files</a></nav>
</header>
<main>
<section id="legend" aria-label="Legend">
<h2>Legend</h2>
<ul class="legend">${STATES.map((s) => `<li><span class="cell s-${s}" data-state="${s}">${STATE_LABEL[s].symbol} ${STATE_LABEL[s].label}</span> ${esc(STATE_LABEL[s].meaning)}</li>`).join('')}</ul>
<p class="meta">Group targets (tenant fleets) show one column with the number of members in each state; members that differ from the rest are listed under the cell.</p>
</section>
<section id="matrix">
<h2>Status: version × environment × target</h2>
<input type="checkbox" id="only-problems" class="toggle"><label for="only-problems">Show only versions that are not done everywhere</label>
<div id="filter-slot"></div>
${data.databases.map(databaseMatrix).join('\n')}
</section>
<section id="targets">
<h2>Targets</h2>
${targetsTable(data)}
</section>
<section id="failures">
<h2>Open failures</h2>
${failures(data)}
</section>
<section id="timeline">
<h2>Timeline</h2>
${timeline(data)}
</section>
<section id="lint">
<h2>Lint of pending files</h2>
${lint(data)}
</section>
${data.notes.length ? `<section id="notes"><h2>Notes</h2><ul>${data.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>` : ''}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function databaseMatrix(db: ReportDatabase): string {
  const envs: { name: string; span: number; protected: boolean }[] = [];
  for (const c of db.columns) {
    const last = envs[envs.length - 1];
    if (last && last.name === c.environment) last.span++;
    else envs.push({ name: c.environment, span: 1, protected: c.protected });
  }
  const done = db.rows.filter((r) => isOk(r.cells)).length;
  const head = `<thead><tr><th rowspan="2" class="sticky-col">Version</th><th rowspan="2">File</th>${envs.map((e) => `<th colspan="${e.span}" class="env">${esc(e.name)}${e.protected ? ' <span class="tag">protected</span>' : ''}</th>`).join('')}</tr>
<tr>${db.columns.map((c) => `<th class="target" data-column="${esc(c.id)}" title="${esc(c.url ?? '')}">${esc(c.id)}${c.members ? `<br><small>${c.members.length} members</small>` : ''}${c.current ? `<br><small>at ${esc(c.current)}</small>` : ''}</th>`).join('')}</tr></thead>`;
  const body = db.rows.map((r) => `<tr class="${isOk(r.cells) ? 'ok' : 'todo'}" data-version="${esc(r.version)}"><th class="sticky-col" scope="row">${esc(r.version)}</th><td class="file">${r.path ? esc(r.path) : '<i>(no file)</i>'}</td>${r.cells.map((c, i) => cell(c, db.columns[i]!)).join('')}</tr>`).join('\n');
  return `<h3>Database <code>${esc(db.name)}</code> <small>(${esc(db.engine)}, ${db.rows.length} version${db.rows.length === 1 ? '' : 's'}, ${done} done everywhere)</small></h3>
<div class="scroll"><table class="matrix" data-database="${esc(db.name)}">${head}<tbody>
${body || `<tr><td colspan="${db.columns.length + 2}"><i>No migrations yet.</i></td></tr>`}
</tbody></table></div>`;
}

function cell(c: ReportCell, column: ReportColumn): string {
  const label = STATE_LABEL[c.state];
  if (!c.counts) {
    return `<td class="cell s-${c.state}" data-state="${c.state}" data-column="${esc(column.id)}"${c.detail ? ` title="${esc(c.detail)}"` : ''}>${label.symbol} ${label.label}</td>`;
  }
  const parts = SEVERITY.filter((s) => c.counts![s]).map((s) => `<span class="n s-${s}" title="${STATE_LABEL[s].label}">${STATE_LABEL[s].symbol}${c.counts![s]}</span>`).join(' ');
  const outliers = c.outliers?.length
    ? `<details><summary>${c.outliers.length} differ</summary><ul>${c.outliers.slice(0, 50).map((o) => `<li class="s-${o.state}" data-member="${esc(o.member)}" data-state="${o.state}">${esc(o.member)}: ${STATE_LABEL[o.state].label}${o.detail ? ` <small>${esc(truncate(o.detail, 160))}</small>` : ''}</li>`).join('')}${c.outliers.length > 50 ? `<li>… and ${c.outliers.length - 50} more</li>` : ''}</ul></details>`
    : '';
  return `<td class="cell group s-${c.state}" data-state="${c.state}" data-column="${esc(column.id)}">${parts}${outliers}</td>`;
}

function targetsTable(data: ReportData): string {
  const rows: string[] = [];
  for (const db of data.databases) {
    for (const c of db.columns) {
      const counts = countText(c.counts);
      const errors = c.errors.length ? `<div class="err">${c.errors.slice(0, 5).map((e) => esc(`${e.target}: ${e.message}`)).join('<br>')}${c.errors.length > 5 ? `<br>… and ${c.errors.length - 5} more` : ''}</div>` : '';
      const name = c.members
        ? `<details><summary><code>${esc(c.id)}</code> · group of ${c.members.length}</summary><ul class="members">${c.members.map((m) => `<li>${esc(m)}</li>`).join('')}</ul></details>`
        : `<code>${esc(c.id)}</code>${c.url ? `<br><small>${esc(c.url)}</small>` : ''}`;
      rows.push(`<tr data-column="${esc(c.id)}"><td>${esc(c.environment)}</td><td>${name}</td><td>${esc(c.current ?? '(none)')}</td><td>${counts}${errors}</td></tr>`);
    }
  }
  return `<table class="list"><thead><tr><th>Environment</th><th>Target</th><th>At version</th><th>States</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function failures(data: ReportData): string {
  if (data.failures.length === 0) {
    const { unreadable } = openProblems(data);
    if (unreadable) return `<p class="err">No open failures on the targets that could be read; ${unreadable} target${unreadable === 1 ? '' : 's'} could not be read, so what stands there is unknown (see Targets).</p>`;
    return '<p class="good">No open failures: nothing failed, nothing is half-applied, no applied file was edited.</p>';
  }
  return data.failures.map((f) => `<article class="failure s-${f.state}" data-state="${f.state}" data-version="${esc(f.version)}">
<h3>${STATE_LABEL[f.state].symbol} ${esc(f.version)}${f.path ? ` <code>${esc(f.path)}</code>` : ''}${f.state === 'drift' ? ' schema drift' : ''} on ${esc(f.targets.length === 1 ? f.targets[0]! : `${f.targets.length} targets of ${f.environment}/${f.database}`)}</h3>
${f.targets.length > 1 ? `<details><summary>Targets</summary><p>${f.targets.map(esc).join(', ')}</p></details>` : ''}
${f.error ? `<p class="err">${esc(f.error)}</p>` : ''}
${f.statement ? `<p>Statement ${f.statement.number} of ${f.statement.total}${f.statement.line ? ` (line ${f.statement.line})` : ''}:</p>${f.statement.text ? `<pre class="sql">${esc(f.statement.text)}</pre>` : ''}` : ''}
<p>${esc(f.hint)}</p>
<pre class="cmd"><code>${esc(f.command)}</code></pre>
</article>`).join('\n');
}

function timeline(data: ReportData): string {
  return data.timeline.map((t) => {
    const rows = t.entries.map((e) => `<tr class="t-${e.status}"><td>${esc(appliedAt(e).replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}</td><td><code>${esc(e.target)}</code>${e.members ? ` <small>(${e.members} member${e.members === 1 ? '' : 's'})</small>` : ''}</td><td>${esc(e.version)}</td><td>${esc(e.name)}</td><td class="s-${e.state}" data-state="${e.state}">${esc(STATE_LABEL[e.state].label)}</td><td class="num">${e.durationMs !== undefined ? esc(duration(e.durationMs)) : ''}</td><td>${esc(e.by)}</td></tr>`).join('\n');
    return `<details${t.entries.length ? ' open' : ''}><summary><b>${esc(t.environment)}</b>: ${t.entries.length + t.more} change${t.entries.length + t.more === 1 ? '' : 's'} recorded</summary>
${t.entries.length ? `<table class="list"><thead><tr><th>When</th><th>Target</th><th>Version</th><th>Name</th><th>Status</th><th>Duration</th><th>By</th></tr></thead><tbody>${rows}</tbody></table>` : '<p><i>Nothing applied yet.</i></p>'}
${t.more ? `<p class="meta">${t.more} older entr${t.more === 1 ? 'y' : 'ies'} not shown (bb history --env ${esc(t.environment)} lists them).</p>` : ''}</details>`;
  }).join('\n');
}

function lint(data: ReportData): string {
  const l = data.lint;
  if (l.status === 'skipped') return `<p class="meta">Skipped: ${esc(l.reason)}.</p>`;
  if (l.files.length === 0) return '<p class="good">No pending files.</p>';
  const rows = l.files.map((f) => {
    const e = f.findings.filter((x) => x.level === 'error').length;
    const w = f.findings.length - e;
    const list = f.findings.length ? `<details><summary>${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}</summary><ul>${f.findings.map((x) => `<li class="${x.level === 'error' ? 's-failed' : 's-pending'}">${x.line}:${x.column} ${x.level} <code>${esc(x.ruleId)}</code> ${esc(x.message)}</li>`).join('')}</ul></details>` : '<span class="s-done">clean</span>';
    return `<tr data-lint="${e ? 'error' : w ? 'warning' : 'clean'}"><td>${esc(f.database)}</td><td>${esc(f.version)}</td><td><code>${esc(f.path)}</code></td><td>${list}</td></tr>`;
  }).join('\n');
  return `<p>${l.files.length} pending file${l.files.length === 1 ? '' : 's'}: ${l.errors} error${l.errors === 1 ? '' : 's'}, ${l.warnings} warning${l.warnings === 1 ? '' : 's'} (rule levels without environment overrides).</p>
<table class="list"><thead><tr><th>Database</th><th>Version</th><th>File</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function isOk(cells: readonly ReportCell[]): boolean {
  return cells.every((c) => c.state === 'done' || c.state === 'baseline');
}

function totalCounts(data: ReportData): StateCounts {
  const out: StateCounts = {};
  for (const db of data.databases) for (const c of db.columns) for (const [s, n] of Object.entries(c.counts)) out[s as ReportState] = (out[s as ReportState] ?? 0) + n;
  return out;
}

function countText(counts: StateCounts): string {
  return SEVERITY.filter((s) => counts[s]).map((s) => `<span class="n s-${s}">${STATE_LABEL[s].symbol} ${counts[s]} ${STATE_LABEL[s].label}</span>`).join(' ') || '<i>nothing</i>';
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root{--done:#1a7f37;--done-bg:#dafbe1;--pending:#9a6700;--pending-bg:#fff8c5;--failed:#cf222e;--failed-bg:#ffebe9;--mismatch:#bc4c00;--mismatch-bg:#fff1e5;--running:#8250df;--running-bg:#fbefff;--drift:#0550ae;--drift-bg:#ddf4ff;--muted:#57606a;--line:#d0d7de;color-scheme:light}
*{box-sizing:border-box}
body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid var(--line);background:#f6f8fa}
main{padding:0 24px 48px}
h1{margin:0 0 4px;font-size:22px}h2{margin:28px 0 8px;font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:var(--muted);margin:4px 0}nav a{color:#0969da}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.tag{font-size:11px;border:1px solid var(--failed);color:var(--failed);border-radius:8px;padding:0 6px}
.chip{display:inline-block;border-radius:10px;padding:1px 8px;margin:2px 0;font-weight:600;text-decoration:none}
.legend{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:4px}
.legend .cell{display:inline-block;min-width:92px;padding:1px 6px;border-radius:4px}
.scroll{overflow:auto;max-height:80vh;border:1px solid var(--line)}
table{border-collapse:collapse}
.matrix th,.matrix td{border-bottom:1px solid var(--line);border-right:1px solid var(--line);padding:2px 8px;white-space:nowrap;text-align:left}
.matrix thead{position:sticky;top:0;z-index:2}
.matrix thead th{background:#f6f8fa}
.matrix .sticky-col{position:sticky;left:0;background:#fff;z-index:1}
.matrix thead .sticky-col{z-index:3;background:#f6f8fa}
.matrix td.file{color:var(--muted);max-width:360px;overflow:hidden;text-overflow:ellipsis;font:12px ui-monospace,Menlo,monospace}
.matrix td.group details{font-size:12px;white-space:normal}
.list{width:100%}.list th,.list td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}.num{text-align:right}
.s-done{color:var(--done)}.cell.s-done{background:var(--done-bg)}
.s-pending{color:var(--pending)}.cell.s-pending{background:var(--pending-bg)}
.s-failed{color:var(--failed)}.cell.s-failed{background:var(--failed-bg);font-weight:600}
.s-mismatch{color:var(--mismatch)}.cell.s-mismatch{background:var(--mismatch-bg);font-weight:600}
.s-running{color:var(--running)}.cell.s-running{background:var(--running-bg)}
.s-interrupted{color:var(--failed)}.cell.s-interrupted{background:var(--failed-bg);font-weight:600}
.s-retry{color:var(--pending)}.cell.s-retry{background:var(--pending-bg)}
.s-drift{color:var(--drift)}.cell.s-drift{background:var(--drift-bg)}
.s-missing-file,.s-unknown{color:var(--failed)}.cell.s-missing-file,.cell.s-unknown{background:#f6f8fa}
.s-baseline{color:var(--muted)}
.chip.s-done{background:var(--done-bg)}.chip.s-pending{background:var(--pending-bg)}.chip.s-failed{background:var(--failed-bg)}.chip.s-mismatch{background:var(--mismatch-bg)}.chip.s-running{background:var(--running-bg)}.chip.s-interrupted{background:var(--failed-bg)}.chip.s-retry{background:var(--pending-bg)}.chip.s-drift{background:var(--drift-bg)}.chip.s-missing-file,.chip.s-unknown,.chip.s-baseline{background:#eaeef2}
.n{margin-right:4px;font-weight:600}
.failure{border:1px solid var(--line);border-left:4px solid var(--failed);border-radius:6px;padding:4px 12px;margin:8px 0}
.failure.s-mismatch,.failure.s-missing-file{border-left-color:var(--mismatch)}.failure.s-running{border-left-color:var(--running)}.failure.s-drift{border-left-color:var(--drift)}
.err{color:var(--failed);white-space:pre-wrap}
pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:300px}
pre.cmd{background:#1f2328;color:#fff}
.good{color:var(--done)}
.members{columns:4 160px;font:12px ui-monospace,Menlo,monospace}
.toggle{margin-right:6px}
#only-problems:checked ~ div .matrix tr.ok{display:none}
#filter-slot input{margin:8px 0;padding:4px 8px;width:320px}
@media print{.scroll{max-height:none;overflow:visible}.toggle,label[for=only-problems],#filter-slot{display:none}}
`;

// Progressive enhancement only: a filter box over the matrix rows (version or file name).
const SCRIPT = `(function(){var slot=document.getElementById('filter-slot');if(!slot)return;var input=document.createElement('input');input.type='search';input.placeholder='Filter versions or files…';input.setAttribute('aria-label','Filter versions or files');slot.appendChild(input);var rows=[].slice.call(document.querySelectorAll('table.matrix tbody tr'));input.addEventListener('input',function(){var q=input.value.toLowerCase();rows.forEach(function(r){r.style.display=!q||r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});})();`;
