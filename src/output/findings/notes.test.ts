/**
 * The notes about the run and the notices about the command line reach every format that has a place
 * for them: plain data in, text out.
 */
import { describe, expect, it } from 'vitest';
import type { LintReport } from '../../lint/project.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { artifactUri, toSarif } from './sarif.js';

const SPAN = { line: 1, column: 1, endLine: 1, endColumn: 20, offset: 0, length: 20 };
const NOTICE = 'skipped migrations/README.md: bb lint reviews .sql files only.';
const NOTE = 'dev/app: history not read (connect ECONNREFUSED 127.0.0.1:5432, a <b> & "c"\nsecond line)';

function report(notes: readonly string[], notices: readonly string[]): LintReport {
  return {
    files: [{
      path: 'migrations/0001_x.sql', engine: 'postgres', statements: 1,
      findings: [{ ruleId: 'statement.where.require.update-delete', level: 'error', message: 'DELETE without WHERE', file: 'migrations/0001_x.sql', span: SPAN, docsUrl: 'docs/rules/x.md' }],
    }],
    counts: { errors: 1, warnings: 0, files: 1, checked: 1 },
    skipped: [],
    notes,
    notices,
    rules: [{ id: 'statement.where.require.update-delete', description: 'Require WHERE', category: 'statement', defaultLevel: 'error', docsUrl: 'docs/rules/x.md' }],
  };
}

describe('lint notes and notices in the machine formats', () => {
  it('json: notes and notices, each a list of sentences', () => {
    const out = JSON.parse(renderJson(report([NOTE], [NOTICE]))) as { notes: string[]; notices: string[] };
    expect([out.notes, out.notices]).toEqual([[NOTE], [NOTICE]]);
  });

  it('sarif: the invocation\'s toolExecutionNotifications, a notice as warning and a note as note', () => {
    const run = (toSarif(report([NOTE], [NOTICE])).runs as Record<string, any>[])[0]!;
    expect(run.invocations).toEqual([{
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: 'warning', message: { text: NOTICE } }, { level: 'note', message: { text: NOTE } }],
    }]);
    const quiet = (toSarif(report([], [])).runs as Record<string, any>[])[0]!;
    expect(quiet.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('github: a ::warning per notice and a ::notice per note, escaped, before the count', () => {
    const lines = renderGithub(report([NOTE], [NOTICE])).split('\n');
    expect(lines.slice(1)).toEqual([
      `::warning title=bb lint::${NOTICE}`,
      '::notice title=bb lint::dev/app: history not read (connect ECONNREFUSED 127.0.0.1:5432, a <b> & "c"%0Asecond line)',
      'bb lint: 1 error, 0 warnings (checked 1 file)',
    ]);
    expect(renderGithub(report([], [])).split('\n').filter((l) => l.startsWith('::notice') || l.startsWith('::warning'))).toEqual([]);
  });

  it('junit: the <system-out> of a last testsuite of no tests, which leaves the counts alone', () => {
    const xml = renderJunit(report([NOTE], [NOTICE]));
    expect(xml).toContain([
      '  <testsuite name="bb lint" tests="0" failures="0" errors="0">',
      `    <system-out>warning: ${NOTICE}\nnote: dev/app: history not read (connect ECONNREFUSED 127.0.0.1:5432, a &lt;b&gt; &amp; &quot;c&quot;\nsecond line)</system-out>`,
      '  </testsuite>',
      '</testsuites>',
    ].join('\n'));
    expect(xml).toContain('<testsuites name="bb lint" tests="1" failures="1" errors="0">');
    expect(renderJunit(report([], []))).not.toContain('system-out');
  });

  it('gitlab: no place for them (every issue needs a file and a line): the report is the findings alone', () => {
    expect(renderGitlab(report([NOTE], [NOTICE]))).toBe(renderGitlab(report([], [])));
  });
});

describe('artifactUri', () => {
  it('percent-encodes each path segment as UTF-8 and keeps the slashes', () => {
    expect(artifactUri('migrations/0001 add users#1.sql')).toBe('migrations/0001%20add%20users%231.sql');
    expect(artifactUri('db/café/0002_ü?.sql')).toBe('db/caf%C3%A9/0002_%C3%BC%3F.sql');
    expect(artifactUri('migrations/0003_plain-name.sql')).toBe('migrations/0003_plain-name.sql');
  });
});
