/**
 * bb query's rows as both transports receive them: JSONCompactEachRowWithNamesAndTypes, one JSON array
 * per line, the first two lines the column names and types. Lines arrive block by block; nothing
 * beyond the block being read is held.
 */
import type { RowStream } from './driver.js';

/** A line that is not a JSON array is the server's error, written into the body mid-stream (HTTP). */
function parseLine(line: string): unknown[] {
  try {
    const row = JSON.parse(line) as unknown;
    if (Array.isArray(row)) return row;
  } catch {
    /* reported below */
  }
  throw new Error(line.trim());
}

/** Reads blocks of lines until the header is complete; the rows after it stay for `blocks`. */
export async function rowStream(source: AsyncIterator<readonly string[]>): Promise<RowStream> {
  const header: unknown[][] = [];
  let pending: unknown[][] = [];
  while (header.length < 2) {
    const next = await source.next();
    if (next.done) break;
    for (const line of next.value) {
      if (line.trim() === '') continue;
      if (header.length < 2) header.push(parseLine(line));
      else pending.push(parseLine(line));
    }
  }
  if (header.length < 2) throw new Error('The server sent no column names for the query.');
  const blocks = async function* (): AsyncGenerator<unknown[][]> {
    if (pending.length > 0) yield pending;
    pending = [];
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      const rows = next.value.filter((l) => l.trim() !== '').map(parseLine);
      if (rows.length > 0) yield rows;
    }
  };
  return { names: header[0]!.map(String), types: header[1]!.map(String), blocks: blocks() };
}
