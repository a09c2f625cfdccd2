/**
 * What is wrong with a plugin's rule, in words: the linter, `bb rules` and the formatters read every
 * field of `meta`, so a rule that lacks one is refused when its plugin loads (a config error naming
 * the plugin and the field) rather than failing later as if bb had a bug. Built-in rules are typed
 * and checked by test/rules.parity.test.ts instead.
 */
import { STATEMENT_KINDS } from '../engine.js';
import { ENGINE_NAMES } from '../migrations/model.js';
import { CATEGORIES } from './types.js';

const LEVELS = ['error', 'warning', 'off'];
const PAYLOAD_TYPES: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  template: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const oneOf = (list: readonly string[]): string => list.map((x) => `"${x}"`).join(', ');

/** The problems of one exported rule (empty when it is usable), each a short phrase naming the field. */
export function ruleProblems(rule: unknown): string[] {
  if (!isObject(rule)) return ['is not an object'];
  const problems: string[] = [];
  if (!['check', 'checkFile', 'checkLive'].some((f) => typeof rule[f] === 'function')) problems.push('has none of check, checkFile or checkLive');
  for (const f of ['check', 'checkFile', 'checkLive']) if (rule[f] !== undefined && typeof rule[f] !== 'function') problems.push(`${f}, when given, must be a function`);
  const meta = rule.meta;
  if (!isObject(meta)) return [...problems, 'has no meta object'];
  const need = (ok: boolean, text: string): void => {
    if (!ok) problems.push(text);
  };
  need(typeof meta.id === 'string' && /^[a-z0-9][a-z0-9._-]*$/i.test(meta.id), 'meta.id must be a name such as "custom.no-drop-users"');
  need(Array.isArray(meta.engines) && meta.engines.length > 0 && meta.engines.every((e) => (ENGINE_NAMES as readonly unknown[]).includes(e)), `meta.engines must list engines among ${oneOf(ENGINE_NAMES)}`);
  need(Array.isArray(meta.kinds) && meta.kinds.every((k) => k === '*' || (STATEMENT_KINDS as readonly unknown[]).includes(k)), `meta.kinds must list statement kinds among ${oneOf(['*', ...STATEMENT_KINDS])} ([] for checkFile only)`);
  need((CATEGORIES as readonly unknown[]).includes(meta.category), `meta.category must be one of ${oneOf(CATEGORIES)}`);
  need(LEVELS.includes(meta.defaultLevel as string), `meta.defaultLevel must be one of ${oneOf(LEVELS)}`);
  need(typeof meta.recommended === 'boolean', 'meta.recommended must be true or false');
  need(typeof meta.description === 'string' && meta.description.trim() !== '', 'meta.description must be a one-line text');
  need(isObject(meta.messages) && Object.keys(meta.messages).length > 0 && Object.values(meta.messages).every((m) => typeof m === 'string'), 'meta.messages must map each messageId to a text');
  need(isObject(meta.examples) && typeof meta.examples.bad === 'string' && typeof meta.examples.good === 'string', 'meta.examples must have a bad and a good SQL text');
  if (!isObject(meta.payload)) problems.push('meta.payload must be an object ({} when the rule has no options)');
  else {
    for (const [name, field] of Object.entries(meta.payload)) {
      const valid = isObject(field) && typeof field.type === 'string' ? PAYLOAD_TYPES[field.type] : undefined;
      if (!valid || !isObject(field)) problems.push(`meta.payload.${name}.type must be one of ${oneOf(Object.keys(PAYLOAD_TYPES))}`);
      else {
        need(valid(field.default), `meta.payload.${name}.default must be a ${field.type}`);
        need(typeof field.description === 'string', `meta.payload.${name}.description must be a text`);
        if (field.type === 'number') {
          need(field.min === undefined || typeof field.min === 'number', `meta.payload.${name}.min, when given, must be a number`);
          need(field.integer === undefined || typeof field.integer === 'boolean', `meta.payload.${name}.integer, when given, must be true or false`);
          const n = field.default as number;
          if (typeof n === 'number') need((field.integer !== true || Number.isInteger(n)) && (typeof field.min !== 'number' || n >= field.min), `meta.payload.${name}.default must be a value its min and integer allow`);
        }
      }
    }
  }
  need(meta.docs === undefined || typeof meta.docs === 'string', 'meta.docs, when given, must be a URL or a path');
  return problems;
}
