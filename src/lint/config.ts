/**
 * The `rules:` block of the config → the rules to run, each with its level and payload, for one
 * engine and (optionally) one environment. Precedence, lowest first: the preset, an imported Bytebase
 * SQL review config (`rules.bytebase: path`), the per-rule entries, then `rules.environments.<env>`.
 *
 *   rules:
 *     preset: recommended            # recommended (default) | strict | none
 *     bytebase: ./sql-review.yaml    # Bytebase ruleList: [{ type, level, payload }]
 *     naming.table: { level: error, format: "^[a-z_]+$" }
 *     column.no-null: off
 *     environments:
 *       dev: { statement.where.require.update-delete: warning }
 *
 * Unknown rule ids, unknown payload keys and wrong payload types are config errors naming the key and
 * suggesting the closest valid name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BbError, causeMessage } from '../errors.js';
import type { EngineName } from '../migrations/model.js';
import { didYouMean } from '../util/closest.js';
import type { AnyRule, Level, LevelSetting, PayloadField } from './types.js';

export type Preset = 'recommended' | 'strict' | 'none';

export interface RuleSetting {
  readonly level: LevelSetting;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface ResolvedRule {
  readonly rule: AnyRule;
  readonly level: Level;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface ResolvedRules {
  readonly active: readonly ResolvedRule[];
  /** Rules that would run but need a live database (`bb lint --env` with a connection). */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** Notes for the user (e.g. Bytebase rules bb does not implement). */
  readonly notes: readonly string[];
}

const LEVELS = ['error', 'warning', 'off'] as const;
const RESERVED = new Set(['preset', 'environments', 'bytebase']);

/**
 * Names a key path of the config in messages, with the line where the format has lines:
 * `bb.config.yaml:12: rules.naming.table.format` (Config.locate).
 */
export type Locate = (path: readonly (string | number)[]) => string;

/** Without a config file (tests, the rule tester): the key path alone. */
const keyPath: Locate = (path) => path.join('.');

/** Reads one rule value (`error` | `{ level, …payload }`) against the rule's payload schema; `path` is its key path under `rules`. */
export function parseRuleValue(rule: AnyRule, value: unknown, path: readonly string[], locate: Locate = keyPath): Partial<RuleSetting> {
  const where = (keys: readonly string[] = path): string => locate(['rules', ...keys]);
  if (typeof value === 'string') {
    const level = value.toLowerCase();
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new BbError('config', `${where()}: "${value}" is not a level${didYouMean(level, LEVELS)}.`, { hint: 'Use error, warning or off.', code: 'config.rule-level' });
    }
    return { level: level as LevelSetting };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BbError('config', `${where()}: expected a level (error, warning, off) or an object with level and payload fields.`, { code: 'config.rule-value' });
  }
  const out: { level?: LevelSetting; payload: Record<string, unknown> } = { payload: {} };
  const schema = rule.meta.payload as Readonly<Record<string, PayloadField>>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'level') {
      const parsed = parseRuleValue(rule, v, [...path, 'level'], locate);
      if (parsed.level) out.level = parsed.level;
      continue;
    }
    const field = schema[k];
    if (!field) {
      const keys = Object.keys(schema);
      throw new BbError('config', `${where()}: unknown option "${k}"${didYouMean(k, ['level', ...keys])}.`, {
        hint: keys.length ? `${rule.meta.id} takes: level, ${keys.join(', ')}.` : `${rule.meta.id} takes only a level.`,
        code: 'config.rule-option',
      });
    }
    out.payload[k] = coerce(field, k, v, where([...path, k]));
  }
  return out.level ? { level: out.level, payload: out.payload } : { payload: out.payload };
}

/** `key` is the payload key; `at` names the value for messages: `bb.config.yaml: rules.naming.table.format`. */
function coerce(field: PayloadField, key: string, v: unknown, at: string): unknown {
  const bad = (expected: string): never => {
    throw new BbError('config', `${at}: expected ${expected}, got ${JSON.stringify(v)}.`, { code: 'config.rule-option' });
  };
  switch (field.type) {
    case 'string':
    case 'template':
      if (typeof v !== 'string') bad('a string');
      if (field.type === 'string' && /format$/i.test(key)) {
        try {
          new RegExp(v as string);
        } catch (error) {
          throw new BbError('config', `${at}: invalid regular expression: ${causeMessage(error)}.`, { code: 'config.rule-option' });
        }
      }
      return v;
    case 'number': {
      const n = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || Number.isNaN(n)) bad('a number');
      // A count or a limit (rows, columns, characters) below its minimum or with a fraction would
      // silently flag everything or nothing: refuse it, saying what the number is.
      const whole = field.integer === true;
      if ((whole && !Number.isInteger(n)) || (field.min !== undefined && (n as number) < field.min)) {
        const expected = `${whole ? 'a whole number' : 'a number'}${field.min !== undefined ? ` of ${field.min} or more` : ''}`;
        throw new BbError('config', `${at}: expected ${expected}, got ${JSON.stringify(v)}.`, { hint: `${key}: ${field.description}.`, code: 'config.rule-option' });
      }
      return n;
    }
    case 'boolean':
      if (typeof v !== 'boolean') bad('true or false');
      return v;
    case 'list':
      if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number')) bad('a list of strings');
      return (v as unknown[]).map(String);
  }
}

function defaults(rule: AnyRule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(rule.meta.payload as Readonly<Record<string, PayloadField>>)) out[k] = f.default;
  return out;
}

function presetLevel(rule: AnyRule, preset: Preset): LevelSetting {
  if (preset === 'none') return 'off';
  if (preset === 'strict') return rule.meta.defaultLevel === 'off' ? 'warning' : rule.meta.defaultLevel;
  return rule.meta.recommended ? rule.meta.defaultLevel : 'off';
}

/** Bytebase's rule levels, spelt as Bytebase writes them (its SQLReviewRuleLevel), and what each means here. */
const BYTEBASE_LEVELS: Readonly<Record<string, LevelSetting>> = { ERROR: 'error', WARNING: 'warning', DISABLED: 'off' };

/**
 * Payload keys that Bytebase writes but bb has no option for, per rule: accepted (a policy exported
 * from Bytebase must import as it is) and left out. Every other unknown key is a typo to report.
 */
const BYTEBASE_ONLY_PAYLOAD: Readonly<Record<string, readonly string[]>> = {
  'table.comment': ['requiredClassification'],
  'column.comment': ['requiredClassification'],
};

export interface BytebaseEntry {
  readonly type: string;
  /** undefined when the entry has no level (a Bytebase override file: the rule keeps the level it has). */
  readonly level?: LevelSetting;
  readonly engine?: string;
  readonly payload: Record<string, unknown>;
  /** Where the entry is, for messages: `review.yaml:12: ruleList[3] (naming.table)`. */
  readonly at: (key?: string) => string;
}

export interface BytebaseReview {
  readonly entries: readonly BytebaseEntry[];
  /** `template: bb.sql-review.prod` of an override file: Bytebase's built-in rule set, which bb does not have. */
  readonly template?: string;
}

/**
 * Bytebase's SQL review config: `{ ruleList: [{ type, level: ERROR|WARNING|DISABLED, engine?, payload? }] }`
 * (YAML or JSON), or an override file (`template:` and a ruleList whose entries may leave out the level).
 * `display` is the path as the config names it. An unknown level is an error: read as "off" it would
 * silently turn the rule off.
 */
export function readBytebase(path: string, display: string = path, key = 'rules.bytebase'): BytebaseReview {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BbError('config', `${key}: cannot read ${display}: ${causeMessage(error)}.`, { hint: 'The path is relative to the config file.', code: 'config.bytebase' });
  }
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new BbError('config', `${key}: ${display} is not valid YAML or JSON: ${causeMessage(error)}.`, { code: 'config.bytebase' });
  }
  const listKey = (doc as { ruleList?: unknown })?.ruleList !== undefined ? 'ruleList' : (doc as { rules?: unknown })?.rules !== undefined ? 'rules' : undefined;
  const list = listKey ? (doc as Record<string, unknown>)[listKey] : doc;
  if (!Array.isArray(list)) throw new BbError('config', `${key}: ${display} has no ruleList.`, { hint: 'Export the SQL review policy from Bytebase (it has a ruleList).', code: 'config.bytebase' });
  // JSON is YAML too, so one line finder serves both; it is built only when a message needs a line.
  let lines: ((p: readonly (string | number)[]) => number | undefined) | undefined;
  const lineOf = (p: readonly (string | number)[]): number | undefined => {
    try {
      return (lines ??= yamlLines!(text))(p);
    } catch {
      return undefined;
    }
  };
  const entries = list.map((item: Record<string, unknown>, i): BytebaseEntry => {
    const itemPath = listKey ? [listKey, i] : [i];
    const at = (key?: string): string => {
      const line = lineOf(key ? [...itemPath, key] : itemPath);
      return `${display}${line ? `:${line}` : ''}: ${listKey ?? ''}[${i}]${typeof item?.type === 'string' ? ` (${item.type})` : ''}`;
    };
    if (typeof item?.type !== 'string') throw new BbError('config', `${at()} has no type.`, { code: 'config.bytebase' });
    const lvl = item.level === undefined || item.level === null ? undefined : String(item.level);
    const level = lvl === undefined ? undefined : BYTEBASE_LEVELS[lvl];
    if (lvl !== undefined && level === undefined) {
      throw new BbError('config', `${at('level')}: level "${lvl}" is not a Bytebase level${didYouMean(lvl, Object.keys(BYTEBASE_LEVELS))}.`, {
        hint: `Bytebase levels: ${Object.keys(BYTEBASE_LEVELS).join(', ')} (DISABLED turns the rule off).`,
        code: 'config.bytebase-level',
      });
    }
    let payload: unknown = {};
    if (typeof item.payload === 'string' && item.payload.trim() !== '') {
      try {
        payload = JSON.parse(item.payload);
      } catch {
        throw new BbError('config', `${at('payload')}: payload is not JSON.`, { code: 'config.bytebase' });
      }
    } else if (item.payload !== undefined && item.payload !== null && item.payload !== '') payload = item.payload;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new BbError('config', `${at('payload')}: payload is not an object: ${JSON.stringify(payload)}.`, {
        hint: 'Bytebase writes the payload as a JSON object of options, e.g. "{\"format\":\"^[a-z_]+$\"}".',
        code: 'config.bytebase',
      });
    }
    return { type: item.type, ...(level ? { level } : {}), ...(typeof item.engine === 'string' ? { engine: item.engine } : {}), payload: payload as Record<string, unknown>, at };
  });
  const template = (doc as { template?: unknown } | null)?.template;
  return { entries, ...(typeof template === 'string' && template !== '' ? { template } : {}) };
}

/** The payload of an imported entry against the rule's schema: an unknown key is an error, not a silent default. */
function bytebasePayload(rule: AnyRule, item: BytebaseEntry): Record<string, unknown> {
  const schema = rule.meta.payload as Readonly<Record<string, PayloadField>>;
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item.payload)) {
    const field = schema[k];
    if (field) {
      payload[k] = coerce(field, k, v, `${item.at('payload')}: payload key "${k}"`);
      continue;
    }
    if (BYTEBASE_ONLY_PAYLOAD[item.type]?.includes(k)) continue;
    const keys = Object.keys(schema);
    throw new BbError('config', `${item.at('payload')}: unknown payload key "${k}"${didYouMean(k, keys)}.`, {
      hint: keys.length ? `${item.type} takes: ${keys.join(', ')}.` : `${item.type} takes no payload.`,
      code: 'config.bytebase-payload',
    });
  }
  return payload;
}

let yamlParse: ((text: string) => unknown) | undefined;
let yamlLines: ((text: string) => (path: readonly (string | number)[]) => number | undefined) | undefined;
function parseYaml(text: string): unknown {
  if (!yamlParse) throw new Error('YAML parser not loaded');
  return yamlParse(text);
}

/**
 * Resolves the rules for one engine. `registry` holds every known rule (built-in and plugins).
 * `connected`: a live database is available (rules with requiresConnection run).
 */
export async function resolveRules(input: {
  readonly registry: ReadonlyMap<string, AnyRule>;
  readonly config: Readonly<Record<string, unknown>>;
  readonly engine: EngineName;
  readonly environment?: string | undefined;
  readonly baseDir?: string;
  /** Where a key of the config is, for messages (Config.locate); default: the key path alone. */
  readonly locate?: Locate;
  readonly connected?: boolean;
  /** Every rule id that exists, when `registry` holds only the rules this run may use (loadRulesFor). */
  readonly knownIds?: ReadonlySet<string>;
}): Promise<ResolvedRules> {
  const { registry, config, engine } = input;
  const locate = input.locate ?? keyPath;
  const where = (...keys: string[]): string => locate(['rules', ...keys]);
  const preset = (config.preset ?? 'recommended') as Preset;
  if (!['recommended', 'strict', 'none'].includes(preset)) {
    throw new BbError('config', `${where('preset')}: "${String(preset)}" is not a preset${didYouMean(String(preset), ['recommended', 'strict', 'none'])}.`, { hint: 'Use recommended, strict or none.', code: 'config.rule-preset' });
  }
  const settings = new Map<string, { level: LevelSetting; payload: Record<string, unknown> }>();
  for (const rule of registry.values()) settings.set(rule.meta.id, { level: presetLevel(rule, preset), payload: defaults(rule) });
  const notes: string[] = [];
  /** Imported entries without a level: a payload for a rule that stays off would otherwise change nothing without a word. */
  const levelless: BytebaseEntry[] = [];
  const apply = (id: string, value: Partial<RuleSetting>): void => {
    const s = settings.get(id)!;
    if (value.level) s.level = value.level;
    if (value.payload) Object.assign(s.payload, value.payload);
  };
  const unknown = (id: string, path: readonly string[]): never => {
    throw new BbError('config', `${where(...path)}: unknown rule "${id}"${didYouMean(id, input.knownIds ?? registry.keys())}.`, { hint: 'List the rules with `bb rules`.', code: 'config.unknown-rule' });
  };

  if (typeof config.bytebase === 'string') {
    if (!yamlParse || !yamlLines) ({ parseYamlValue: yamlParse, keyLines: yamlLines } = await import('../config/yaml.js'));
    const path = resolve(input.baseDir ?? process.cwd(), config.bytebase);
    const missing: string[] = [];
    const review = readBytebase(path, config.bytebase, where('bytebase'));
    if (review.template) {
      notes.push(`${config.bytebase} extends Bytebase's template ${review.template}, which bb does not have: its ruleList is applied over bb's ${preset} preset.`);
    }
    for (const item of review.entries) {
      if (item.engine && !matchesEngine(item.engine, engine)) continue;
      const rule = registry.get(item.type);
      if (!rule) {
        // A rule Bytebase has turned off loses nothing here: only the ones it would check are worth a note.
        if (item.level !== 'off') missing.push(item.type);
        continue;
      }
      apply(item.type, { ...(item.level ? { level: item.level } : {}), payload: bytebasePayload(rule, item) });
      if (!item.level) levelless.push(item);
    }
    if (missing.length) notes.push(`Bytebase rules without a bb equivalent, ignored: ${[...new Set(missing)].join(', ')}.`);
  }

  for (const [id, value] of Object.entries(config)) {
    if (RESERVED.has(id)) continue;
    const rule = registry.get(id) ?? unknown(id, [id]);
    apply(id, parseRuleValue(rule, value, [id], locate));
  }

  const envs = (config.environments ?? {}) as Record<string, Record<string, unknown>>;
  for (const [env, block] of Object.entries(envs)) {
    for (const [id, value] of Object.entries(block ?? {})) {
      const rule = registry.get(id) ?? unknown(id, ['environments', env, id]);
      const parsed = parseRuleValue(rule, value, ['environments', env, id], locate);
      if (env === input.environment) apply(id, parsed);
    }
  }

  for (const item of levelless) {
    if (settings.get(item.type)!.level !== 'off' || !registry.get(item.type)!.meta.engines.includes(engine)) continue;
    notes.push(`${item.at()} has no level, and the rule is off (bb's ${preset} preset or the config): its payload applies only once a level turns it on; give the entry a level.`);
  }

  const active: ResolvedRule[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const rule of registry.values()) {
    const s = settings.get(rule.meta.id)!;
    if (s.level === 'off' || !rule.meta.engines.includes(engine)) continue;
    if (rule.meta.requiresConnection && !input.connected) {
      skipped.push({ id: rule.meta.id, reason: 'needs a database connection (bb lint --env <environment>)' });
      continue;
    }
    active.push({ rule, level: s.level, payload: Object.freeze({ ...s.payload }) });
  }
  return { active, skipped, notes };
}

/** Bytebase's engine names that differ from bb's (data about the import format, not a branch on engines). */
const BYTEBASE_ENGINE_ALIASES: Readonly<Record<string, string>> = { mariadb: 'mysql', postgresql: 'postgres' };

function matchesEngine(bytebaseEngine: string, engine: EngineName): boolean {
  const e = bytebaseEngine.toLowerCase();
  return (BYTEBASE_ENGINE_ALIASES[e] ?? e) === engine;
}

/** Rules that apply to an engine with their default settings (the rule tester and `bb rules`). */
export function defaultSetting(rule: AnyRule): RuleSetting {
  return { level: rule.meta.defaultLevel, payload: defaults(rule) };
}
