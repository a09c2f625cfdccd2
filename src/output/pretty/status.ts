import type { CellState, GroupStatus, StatusColumn, StatusReport } from '../../cli/commands/status.js';
import { palette, table, type Palette } from '../color.js';

const SYMBOL: Record<CellState, string> = {
  done: '✓ done', pending: '· pending', failed: '✗ failed', retry: '↻ retry', running: '… running', interrupted: '✗ interrupted', mismatch: '≠ changed', 'missing-file': '? no file', baseline: '⌂ baseline', unknown: '! unknown',
};

/**
 * `bb status`: a matrix per database (versions × environment/target), then problems with their fixes.
 * A group target is one column (members done out of all) and one summary line ("120 at 0042, 3 at
 * 0041, 1 failed at 0042", yellow when members stand at different versions); --expand lists members.
 */
export function renderStatus(report: StatusReport, options: { color: boolean }): string {
  const c = palette(options.color);
  const paint = (s: CellState): string => {
    const text = SYMBOL[s];
    return s === 'done' || s === 'baseline' ? c.green(text) : s === 'pending' || s === 'retry' ? c.yellow(text) : s === 'failed' || s === 'interrupted' || s === 'mismatch' || s === 'missing-file' ? c.red(text) : c.magenta(text);
  };
  const out: string[] = [];
  const databases = [...new Set(report.columns.map((col) => col.database))];
  for (const db of databases) {
    const cols = report.columns.filter((col) => col.database === db);
    const rows = report.rows.filter((r) => r.database === db);
    // Display columns: single targets as they are, each group once (at its first member's place).
    const display: ({ kind: 'single'; index: number; col: StatusColumn } | { kind: 'group'; id: string; indexes: number[] })[] = [];
    cols.forEach((col, index) => {
      if (!col.group) return void display.push({ kind: 'single', index, col });
      const g = display.find((d) => d.kind === 'group' && d.id === col.group);
      if (g && g.kind === 'group') g.indexes.push(index);
      else display.push({ kind: 'group', id: col.group, indexes: [index] });
    });
    const header = ['version', 'file', ...display.map((d) => (d.kind === 'single' ? d.col.target.id : `${d.id} (${d.indexes.length})`))];
    const body = rows.map((r) => [
      r.version,
      r.path || c.gray('(no file)'),
      ...display.map((d) => {
        if (d.kind === 'single') return paint(r.cells[d.index]!.state);
        return groupCell(d.indexes.map((i) => r.cells[i]!.state), c);
      }),
    ]);
    out.push(c.bold(`Database ${db}`));
    out.push(body.length > 0 ? table([header, ...body], { header: true }) : c.gray('  no migrations yet'));
    const notes: string[] = [];
    for (const d of display) {
      if (d.kind === 'group') {
        const g = report.groups.find((x) => x.id === d.id);
        if (g) notes.push(...groupLines(g, d.indexes.map((i) => cols[i]!), report.expand, c));
        continue;
      }
      notes.push(columnLine(d.col, c));
    }
    const groupIds = new Set(cols.filter((col) => col.group).map((col) => col.target.id));
    let memberDetails = 0;
    for (const r of rows) {
      for (const cell of r.cells) {
        if (cell.detail && (cell.state === 'failed' || cell.state === 'interrupted' || cell.state === 'retry' || cell.state === 'mismatch' || cell.state === 'running')) {
          if (groupIds.has(cell.column) && !report.expand && ++memberDetails > 10) continue;
          const mark = cell.state === 'running' ? c.magenta('…') : cell.state === 'retry' ? c.yellow('↻') : c.red('✗');
          notes.push(`${mark} ${cell.column} ${r.version}: ${cell.detail}${cell.hint ? `\n    ${c.gray('hint:')} ${cell.hint}` : ''}`);
        }
      }
    }
    if (memberDetails > 10) notes.push(c.gray(`  … and ${memberDetails - 10} more problems in group members (--expand lists them all, --format json has every member)`));
    out.push(notes.join('\n'));
  }
  return out.join('\n\n');
}

/**
 * A group's cell for one version: members done out of all, and the members in any other state named
 * as that state (`≠ 0/3 (1 changed)`, `✗ 57/60 (1 failed, 2 no file)`), as the single-target cells
 * name them; the mark is the worst state present.
 */
export function groupCell(states: readonly CellState[], c: Palette): string {
  const count = (s: CellState): number => states.filter((x) => x === s).length;
  const ok = count('done') + count('baseline');
  const text = `${ok}/${states.length}`;
  const problems = ([['failed', 'failed'], ['interrupted', 'interrupted'], ['mismatch', 'changed'], ['missing-file', 'no file'], ['running', 'running'], ['retry', 'to resume'], ['unknown', 'unknown']] as const)
    .filter(([s]) => count(s) > 0)
    .map(([s, label]) => `${count(s)} ${label}`);
  const detail = problems.length > 0 ? ` (${problems.join(', ')})` : '';
  if (count('failed') > 0 || count('interrupted') > 0) return c.red(`✗ ${text}${detail}`);
  if (count('mismatch') > 0) return c.red(`≠ ${text}${detail}`);
  if (count('missing-file') > 0) return c.red(`? ${text}${detail}`);
  if (ok === states.length) return c.green(`✓ ${text}`);
  if (count('running') > 0) return c.magenta(`… ${text}${detail}`);
  if (count('unknown') > 0) return c.magenta(`! ${text}${detail}`);
  return c.yellow(`· ${text}${count('retry') > 0 ? detail : ''}`);
}

function columnLine(col: StatusColumn, c: Palette, indent = '  '): string {
  // The mark stands in the indent, as ✗ does for problems; a member's line sits under its group's.
  if (col.error) return `${indent.slice(2)}${c.red('!')} ${col.target.id}: ${col.error.message}${col.error.hint ? `\n${indent}  ${c.gray('hint:')} ${col.error.hint}` : ''}`;
  const parts = [`at ${col.current ?? '(none)'}`, `${col.counts.done} done`];
  // A baselined target's versions up to the baseline are not "done" by bb, but they are not missing either.
  if (col.counts.baseline) parts.push(`${col.counts.baseline} under the baseline`);
  if (col.counts.pending) parts.push(`${col.counts.pending} pending`);
  if (col.counts.failed) parts.push(c.red(`${col.counts.failed} failed`));
  if (col.counts.interrupted) parts.push(c.red(`${col.counts.interrupted} interrupted`));
  if (col.counts.running) parts.push(c.magenta(`${col.counts.running} running`));
  if (col.counts.retry) parts.push(c.yellow(`${col.counts.retry} to resume`));
  if (col.counts.mismatch) parts.push(c.red(`${col.counts.mismatch} changed after apply`));
  if (col.counts['missing-file']) parts.push(c.red(`${col.counts['missing-file']} without file`));
  return `${indent}${col.target.id}: ${parts.join(', ')}`;
}

/** Config errors of group members shown without --expand; the rest are counted. */
const MEMBER_CONFIG_ERRORS = 10;

function groupLines(g: GroupStatus, members: readonly StatusColumn[], expand: boolean, c: Palette): string[] {
  const painted = g.positions.map((p, i) => {
    const text = p.state === 'unreachable' ? `${p.count} unreachable`
      : p.state === 'config-error' ? `${p.count} config error${p.count === 1 ? '' : 's'}`
      : p.state === 'done' ? `${p.count} at ${p.at ?? '(none)'}` : `${p.count} ${p.state} at ${p.at ?? '(none)'}`;
    return p.state === 'failed' || p.state === 'interrupted' || p.state === 'unreachable' || p.state === 'config-error' ? c.red(text) : p.state === 'running' ? c.magenta(text) : i > 0 || p.state === 'retry' ? c.yellow(text) : text;
  });
  const lines = [`  ${g.id} (group, ${g.members} member${g.members === 1 ? '' : 's'}): ${painted.join(', ')}${g.skew ? c.yellow('  ← version skew') : ''}`];
  if (expand) {
    for (const m of members) lines.push(columnLine(m, c, '    '));
    return lines;
  }
  // A config error is the user's to fix in the config: say which, even without --expand.
  const misconfigured = members.filter((m) => m.error?.kind === 'config');
  for (const m of misconfigured.slice(0, MEMBER_CONFIG_ERRORS)) lines.push(columnLine(m, c, '    '));
  if (misconfigured.length > MEMBER_CONFIG_ERRORS) lines.push(c.gray(`    … and ${misconfigured.length - MEMBER_CONFIG_ERRORS} more members with a config error (--expand lists them all)`));
  return lines;
}
