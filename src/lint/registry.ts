/**
 * Built-in rules (rules/index.ts, a lazy map) plus plugin rules (`plugins:` in the config). A plugin
 * module's default export is a rule, an array of rules, or `{ rules: [...] }`, each made with
 * defineRule (the same interface as the built-in ones).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../rules/index.js';
import { MANIFEST } from '../../rules/manifest.js';
import { BbError, causeMessage } from '../errors.js';
import type { Locate } from './config.js';
import { ruleProblems } from './rule-shape.js';
import { compareIds, type AnyRule } from './types.js';

export function builtinRuleIds(): readonly string[] {
  return Object.keys(RULES);
}

const cache = new Map<string, AnyRule>();

export async function loadBuiltinRule(id: string): Promise<AnyRule | undefined> {
  const cached = cache.get(id);
  if (cached) return cached;
  const load = RULES[id];
  if (!load) return undefined;
  const rule = (await load()).default as unknown as AnyRule;
  cache.set(id, rule);
  return rule;
}

export async function loadBuiltinRules(): Promise<readonly AnyRule[]> {
  const rules = await Promise.all(builtinRuleIds().map((id) => loadBuiltinRule(id)));
  return rules.filter((r): r is AnyRule => r !== undefined);
}

/**
 * Imports plugin modules (paths relative to baseDir, or package names). Errors name the plugin, and
 * its place in the config when `locate` is given (Config.locate: `bb.config.yaml:12: plugins[0]`).
 * Two rules with one id are an error: the later one would silently replace the earlier.
 */
export async function loadPlugins(specs: readonly string[], baseDir: string, locate?: Locate): Promise<readonly AnyRule[]> {
  const out: AnyRule[] = [];
  const definedBy = new Map<string, { spec: string; rule: AnyRule }>();
  for (const [index, spec] of specs.entries()) {
    const where = locate ? locate(['plugins', index]) : 'plugins';
    const isPath = spec.startsWith('.') || isAbsolute(spec);
    const target = isPath ? pathToFileURL(resolve(baseDir, spec)).href : packageUrl(spec, baseDir);
    let mod: { default?: unknown; rules?: unknown };
    try {
      mod = (await import(target)) as typeof mod;
    } catch (error) {
      if (target === spec && (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') {
        throw new BbError('config', `${where}: cannot load "${spec}": no package of that name is installed in ${baseDir} or a folder above it.`, {
          hint: `Install it in the project (npm install --save-dev ${spec}), or name the plugin by a path relative to the config file (./lint/rules.js).`,
          code: 'config.plugin',
        });
      }
      // Node's own message names bb's bundle as the importer: say which file is missing instead.
      if (isPath && !existsSync(resolve(baseDir, spec))) {
        throw new BbError('config', `${where}: cannot load "${spec}": ${resolve(baseDir, spec)} does not exist.`, { hint: 'Paths are relative to the config file.', code: 'config.plugin' });
      }
      throw new BbError('config', `${where}: cannot load "${spec}": ${causeMessage(error)}.`, {
        hint: 'Paths are relative to the config file; a plugin is an ES module whose default export is a rule or a list of rules.',
        code: 'config.plugin',
      });
    }
    const exported = mod.default ?? mod.rules ?? mod;
    const list: unknown[] = Array.isArray(exported) ? exported
      : exported && typeof exported === 'object' && 'meta' in exported ? [exported]
        : Array.isArray((exported as { rules?: unknown } | undefined)?.rules) ? (exported as { rules: unknown[] }).rules : [];
    if (list.length === 0) {
      throw new BbError('config', `${where}: "${spec}" exports no rule.`, {
        hint: 'Export default defineRule({ meta: { id, … }, check }) or an array of such rules.',
        code: 'config.plugin',
      });
    }
    list.forEach((rule, i) => {
      const problems = ruleProblems(rule);
      if (problems.length === 0) return;
      const id = (rule as { meta?: { id?: unknown } } | undefined)?.meta?.id;
      throw new BbError('config', `${where}: "${spec}": rule ${typeof id === 'string' ? `"${id}"` : `#${i + 1}`} ${problems.join('; ')}.`, {
        hint: 'docs/lint.md "Custom rules (plugins)" shows a rule with every meta field.',
        code: 'config.plugin',
      });
    });
    for (const rule of list as AnyRule[]) {
      if (RULES[rule.meta.id]) {
        throw new BbError('config', `${where}: "${spec}" defines rule "${rule.meta.id}", which is a built-in rule.`, { hint: 'Give the custom rule its own id, e.g. "custom.<name>".', code: 'config.plugin' });
      }
      const earlier = definedBy.get(rule.meta.id);
      if (earlier?.rule === rule) continue; // the same module listed twice: one rule
      if (earlier) {
        const place = earlier.spec === spec ? `defines rule "${rule.meta.id}" twice` : `defines rule "${rule.meta.id}", which "${earlier.spec}" defines too`;
        throw new BbError('config', `${where}: "${spec}" ${place}.`, { hint: 'Give each custom rule its own id: the later one would replace the earlier.', code: 'config.plugin' });
      }
      definedBy.set(rule.meta.id, { spec, rule });
      // Its findings point to the plugin, not to a page under bb's docs/rules that does not exist.
      out.push(typeof rule.meta.docs === 'string' && rule.meta.docs !== '' ? rule : { ...rule, meta: { ...rule.meta, docs: spec } });
    }
  }
  return out;
}

/**
 * A plugin package is the project's dependency: look it up from the config's folder. A bare import()
 * would resolve it from bb's own install, which under npx or a global install never sees the project's
 * node_modules. A package require() cannot resolve (an exports map with only an "import" condition)
 * falls back to that bare import.
 */
function packageUrl(spec: string, baseDir: string): string {
  try {
    return pathToFileURL(createRequire(join(baseDir, 'bb.config.yaml')).resolve(spec)).href;
  } catch {
    return spec;
  }
}

/** Every rule (built-in and plugin) by id, sorted by id. */
export async function loadRegistry(options: { plugins?: readonly string[]; baseDir?: string; locate?: Locate } = {}): Promise<ReadonlyMap<string, AnyRule>> {
  const rules = [...(await loadBuiltinRules()), ...(options.plugins?.length ? await loadPlugins(options.plugins, options.baseDir ?? process.cwd(), options.locate) : [])];
  rules.sort((a, b) => compareIds(a.meta.id, b.meta.id));
  return new Map(rules.map((r) => [r.meta.id, r]));
}

/**
 * The rules one lint run can use, imported lazily: rules of other engines and rules the preset leaves
 * off are skipped (rules/manifest.ts says which without importing them), unless the config names them.
 * `knownIds` holds every id (built-in and plugins) for unknown-id checks.
 */
export async function loadRulesFor(options: {
  readonly engines: readonly string[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly plugins?: readonly string[];
  readonly baseDir?: string;
  /** Where a key of the config is, for plugin errors (Config.locate). */
  readonly locate?: Locate;
}): Promise<{ registry: ReadonlyMap<string, AnyRule>; knownIds: ReadonlySet<string> }> {
  const { config } = options;
  const preset = typeof config.preset === 'string' ? config.preset : 'recommended';
  const named = new Set<string>(Object.keys(config));
  for (const block of Object.values((config.environments ?? {}) as Record<string, Record<string, unknown>>)) for (const id of Object.keys(block ?? {})) named.add(id);
  const everything = typeof config.bytebase === 'string' || !['recommended', 'strict', 'none'].includes(preset);
  const wanted = builtinRuleIds().filter((id) => {
    const m = MANIFEST[id];
    if (everything || named.has(id) || !m) return true;
    if (!m.engines.some((e) => options.engines.includes(e))) return false;
    if (preset === 'none') return false;
    if (preset === 'strict') return true;
    return m.recommended && m.defaultLevel !== 'off';
  });
  const loaded = await Promise.all(wanted.map((id) => loadBuiltinRule(id)));
  const plugins = options.plugins?.length ? await loadPlugins(options.plugins, options.baseDir ?? process.cwd(), options.locate) : [];
  const rules = [...loaded.filter((r): r is AnyRule => r !== undefined), ...plugins].sort((a, b) => compareIds(a.meta.id, b.meta.id));
  return { registry: new Map(rules.map((r) => [r.meta.id, r])), knownIds: new Set([...builtinRuleIds(), ...plugins.map((p) => p.meta.id)]) };
}
