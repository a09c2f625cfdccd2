/** `bb rules` lists every rule (built-in and plugins); `bb rules <id>` explains one with its examples. */
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { BbError } from '../../errors.js';
import { didYouMean } from '../../util/closest.js';
import { ruleDocs, type AnyRule, type PayloadField } from '../../lint/types.js';
import type { Locate } from '../../lint/config.js';

export interface RuleDoc {
  readonly id: string;
  readonly engines: readonly string[];
  readonly category: string;
  readonly defaultLevel: string;
  readonly recommended: boolean;
  readonly description: string;
  readonly rationale?: string;
  readonly requiresConnection: boolean;
  readonly payload: Readonly<Record<string, PayloadField>>;
  readonly examples: { readonly bad: string; readonly good: string };
  /** Where it is documented: docs/rules/<id>.md, or a plugin rule's own docs (else its plugin). */
  readonly docs: string;
}

export interface RulesListing {
  readonly rules: readonly RuleDoc[];
  readonly detail?: RuleDoc;
}

export interface RulesOptions extends GlobalOptions {
  readonly args?: readonly unknown[];
  readonly engine?: string;
}

export function ruleDoc(rule: AnyRule): RuleDoc {
  const m = rule.meta;
  return {
    id: m.id, engines: m.engines, category: m.category, defaultLevel: m.defaultLevel, recommended: m.recommended,
    description: m.description, ...(m.rationale ? { rationale: m.rationale } : {}), requiresConnection: !!m.requiresConnection,
    payload: m.payload as Readonly<Record<string, PayloadField>>, examples: m.examples, docs: ruleDocs(m),
  };
}

export default async function rules(options: RulesOptions, context: CommandContext): Promise<CommandOutput> {
  const { loadRegistry } = await import('../../lint/registry.js');
  if (options.engine !== undefined) (await import('../../engine.js')).checkEngineName(options.engine);
  let plugins: readonly string[] = [];
  let baseDir = context.cwd;
  let locate: Locate | undefined;
  try {
    const { loadConfig } = await import('../../config/load.js');
    const config = await loadConfig({ configPath: options.config, cwd: context.cwd });
    plugins = config.plugins;
    baseDir = config.dir;
    locate = config.locate;
  } catch (error) {
    // Outside a project `bb rules` still lists the built-in rules; a broken config is still an error.
    if (!(error instanceof BbError && error.code === 'config.missing' && !options.config)) throw error;
  }
  const registry = await loadRegistry({ plugins, baseDir, ...(locate ? { locate } : {}) });
  const id = typeof options.args?.[0] === 'string' ? options.args[0] : undefined;
  const all = [...registry.values()].filter((r) => !options.engine || r.meta.engines.includes(options.engine as never)).map(ruleDoc);
  if (id !== undefined) {
    const rule = registry.get(id);
    if (!rule) throw new BbError('usage', `Unknown rule "${id}"${didYouMean(id, registry.keys())}.`, { hint: 'List the rules with `bb rules`.', code: 'usage.unknown-rule' });
    return { kind: 'rules', data: { rules: all, detail: ruleDoc(rule) } satisfies RulesListing, exitCode: 0 };
  }
  return { kind: 'rules', data: { rules: all } satisfies RulesListing, exitCode: 0 };
}
