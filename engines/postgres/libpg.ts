/**
 * libpg-query's WebAssembly parser, called directly. libpg-query's own wrapper (wasm/index.cjs) copies
 * strings in and out of the WASM memory with byte-by-byte JavaScript loops and always JSON.parses the
 * result; on a 10,000-statement file those loops cost about as much as the parse. Here the SQL goes in
 * with TextEncoder.encodeInto and the JSON comes out with TextDecoder (both native). Same module, same calls, same errors as
 * libpg-query's parseSync(); if the module does not have the expected shape (another libpg-query
 * version), its public parseSync() is used instead.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createRequire } from 'node:module';

/** The parser as bb uses it. Errors are libpg-query's: a message and `sqlDetails.cursorPosition`. */
export interface PgQuery {
  parseSync(sql: string): { stmts: { stmt: any }[] };
  /** libpg-query's scanSync(): the tokens of `sql`. */
  scanSync(sql: string): { tokens: { start: number; end: number; text: string }[] };
}

interface WasmModule {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _wasm_parse_query_raw(ptr: number): number;
  _wasm_free_parse_result(ptr: number): void;
  _wasm_scan(ptr: number): number;
  _wasm_free_string(ptr: number): void;
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  UTF8ToString(ptr: number): string;
}

/** libpg-query's SqlError shape (parse.ts reads message and sqlDetails.cursorPosition). */
class SqlError extends Error {
  constructor(message: string, readonly sqlDetails: { message: string; cursorPosition: number; lineNumber?: number }) {
    super(message);
    this.name = 'SqlError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function direct(m: WasmModule): PgQuery {
  /** `sql` as a NUL-terminated UTF-8 string in the WASM memory (free it with m._free). */
  const toWasm = (sql: string): number => {
    const room = sql.length * 3 + 1; // UTF-8 takes at most 3 bytes per UTF-16 code unit
    const ptr = m._malloc(room);
    if (!ptr) throw new Error('Failed to parse query: memory allocation failed');
    const { written } = encoder.encodeInto(sql, m.HEAPU8.subarray(ptr, ptr + room - 1));
    m.HEAPU8[ptr + written] = 0;
    return ptr;
  };
  const fromWasm = (ptr: number): string => {
    const heap = m.HEAPU8;
    return decoder.decode(heap.subarray(ptr, heap.indexOf(0, ptr)));
  };
  const scanSync = (sql: string): { tokens: { start: number; end: number; text: string }[] } => {
    const queryPtr = toWasm(sql);
    let resultPtr = 0;
    try {
      resultPtr = m._wasm_scan(queryPtr);
      const result = fromWasm(resultPtr);
      if (result.startsWith('syntax error') || result.startsWith('deparse error') || result.startsWith('ERROR')) throw new Error(result);
      return JSON.parse(result);
    } finally {
      m._free(queryPtr);
      if (resultPtr) m._wasm_free_string(resultPtr);
    }
  };
  const parseJson = (sql: string): string => {
    if (sql === '') throw new Error('Query cannot be empty');
    const queryPtr = toWasm(sql);
    try {
      const resultPtr = m._wasm_parse_query_raw(queryPtr);
      if (!resultPtr) throw new Error('Failed to parse query: memory allocation failed');
      try {
        // PgQueryParseResult { char *parse_tree; char *stderr_buffer; PgQueryError *error } (the views can
        // change when the memory grows: read them after the call).
        const u32 = m.HEAPU32;
        const tree = u32[resultPtr >> 2]!;
        const error = u32[(resultPtr + 8) >> 2]!;
        if (error) {
          // PgQueryError { char *message; char *funcname; char *filename; int lineno; int cursorpos }
          const messagePtr = u32[error >> 2]!;
          const lineno = u32[(error + 12) >> 2]! | 0;
          const cursorpos = u32[(error + 16) >> 2]! | 0;
          const message = messagePtr ? m.UTF8ToString(messagePtr) : 'Unknown error';
          throw new SqlError(message, { message, cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, ...(lineno > 0 ? { lineNumber: lineno } : {}) });
        }
        if (!tree) throw new Error('No parse tree generated');
        return fromWasm(tree);
      } finally {
        m._wasm_free_parse_result(resultPtr);
      }
    } finally {
      m._free(queryPtr);
    }
  };
  return { parseSync: (sql) => JSON.parse(parseJson(sql)), scanSync };
}

const usable = (m: any): m is WasmModule =>
  !!m && ['_malloc', '_free', '_wasm_parse_query_raw', '_wasm_free_parse_result', '_wasm_scan', '_wasm_free_string', 'UTF8ToString'].every((f) => typeof m[f] === 'function')
  && m.HEAPU8 instanceof Uint8Array && m.HEAPU32 instanceof Uint32Array;

/** Instantiates libpg-query's WASM module. */
export async function loadLibpg(): Promise<PgQuery> {
  try {
    // require(), not import(): importing CommonJS from ESM runs Node's export scanner over the 60 kB of
    // minified JavaScript first (~20 ms on every cold bb lint).
    const factory = createRequire(import.meta.url)('libpg-query/wasm/libpg-query.js') as () => Promise<unknown>;
    const m = await factory();
    if (usable(m)) return direct(m);
  } catch {
    // fall through to the public API
  }
  const mod = (await import('libpg-query')) as unknown as Pick<PgQuery, 'parseSync' | 'scanSync'> & { loadModule(): Promise<void> };
  await mod.loadModule();
  return { parseSync: (sql) => mod.parseSync(sql), scanSync: (sql) => mod.scanSync(sql) };
}
