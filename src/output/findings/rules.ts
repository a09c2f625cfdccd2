/** `bb rules` (a table) and `bb rules <id>` (one rule explained, with its examples). */
import { palette, table } from '../color.js';
import type { RulesListing } from '../../cli/commands/rules.js';
import { payloadType } from '../../lint/types.js';

export function renderRulesListing(listing: RulesListing, format: string, options: { color: boolean }): string {
  if (format === 'json') return JSON.stringify(listing.detail ?? listing.rules, null, 2);
  const c = palette(options.color);
  const d = listing.detail;
  if (d) {
    const out = [
      `${c.bold(d.id)}  ${c.gray(`${d.category} · ${d.engines.join(', ')} · default ${d.defaultLevel}${d.recommended ? ' · recommended' : ''}${d.requiresConnection ? ' · needs a database connection' : ''}`)}`,
      '',
      d.description,
    ];
    if (d.rationale) out.push('', d.rationale);
    const fields = Object.entries(d.payload);
    if (fields.length) {
      out.push('', c.bold('Options'));
      for (const [k, f] of fields) out.push(`  ${k} (${payloadType(f)}, default ${JSON.stringify(f.default)}): ${f.description}`);
    }
    out.push('', c.bold('Bad'), ...d.examples.bad.split('\n').map((l) => `  ${c.red(l)}`), '', c.bold('Good'), ...d.examples.good.split('\n').map((l) => `  ${c.green(l)}`));
    out.push('', c.dim(d.docs));
    return out.join('\n');
  }
  const rows = listing.rules.map((r) => [r.id, r.defaultLevel + (r.recommended ? ' *' : ''), r.engines.join(','), r.description]);
  return `${table([['rule', 'default', 'engines', 'description'], ...rows], { header: true })}\n\n${listing.rules.length} rules; * = in the recommended preset. bb rules <id> explains one.`;
}
