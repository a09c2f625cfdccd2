/**
 * The one-file container of a ClickHouse backup (docs/engines/clickhouse.md, "bb backup"): a magic
 * line, a JSON header line (the database's objects and their CREATE statements), then frames — a JSON
 * line `{"rows":<object>,"bytes":N}` followed by N bytes of ClickHouse Native — and a closing
 * `{"end":true,"frames":N}` line, so a file cut short is told from a whole one. Read and written
 * sequentially through one file handle: memory stays at one frame.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { BbError } from '../../src/errors.js';

export const ARCHIVE_MAGIC = 'bb-clickhouse-backup/1';

export interface ArchivedObject {
  readonly name: string;
  readonly engine: string;
  /** The CREATE statement as the server shows it, qualified with the backed-up database. */
  readonly create: string;
  /** 1: tables and dictionaries, created and loaded first; 2: views, created after the rows are in (so no materialized view fires on the restore's inserts). */
  readonly phase: 1 | 2;
  readonly rows: boolean;
}

export interface ArchiveHeader {
  readonly database: string;
  readonly server: string;
  readonly objects: readonly ArchivedObject[];
}

export class ArchiveWriter {
  private frames = 0;
  private constructor(private readonly file: FileHandle) {}

  static async create(path: string, header: ArchiveHeader): Promise<ArchiveWriter> {
    const file = await open(path, 'w');
    await file.write(`${ARCHIVE_MAGIC}\n${JSON.stringify(header)}\n`);
    return new ArchiveWriter(file);
  }

  async rows(object: string, data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    await this.file.write(`${JSON.stringify({ rows: object, bytes: data.length })}\n`);
    await this.file.write(data);
    this.frames++;
  }

  async finish(): Promise<void> {
    await this.file.write(`${JSON.stringify({ end: true, frames: this.frames })}\n`);
    await this.file.close();
  }

  async abandon(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}

const broken = (path: string, why: string): BbError =>
  new BbError('usage', `${path} is not a whole bb ClickHouse backup (${why}).`, { hint: 'Restore another backup (bb backups lists them).', code: 'restore.format' });

/** Sequential reader: header first, then the frames one by one. */
export class ArchiveReader {
  private buffer = Buffer.alloc(0);
  private eof = false;
  private frames = 0;
  private constructor(private readonly file: FileHandle, private readonly path: string) {}

  static async open(path: string): Promise<{ reader: ArchiveReader; header: ArchiveHeader }> {
    const reader = new ArchiveReader(await open(path, 'r'), path);
    try {
      if ((await reader.line()) !== ARCHIVE_MAGIC) throw broken(path, `it does not start with ${ARCHIVE_MAGIC}`);
      const header = JSON.parse((await reader.line()) ?? 'null') as ArchiveHeader | null;
      if (!header || typeof header.database !== 'string' || !Array.isArray(header.objects)) throw broken(path, 'no header');
      return { reader, header };
    } catch (error) {
      await reader.close();
      throw error instanceof BbError ? error : broken(path, String((error as Error).message));
    }
  }

  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const chunk = Buffer.allocUnsafe(1 << 20);
    const { bytesRead } = await this.file.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) {
      this.eof = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([this.buffer, chunk.subarray(0, bytesRead)]);
    return true;
  }

  private async line(): Promise<string | undefined> {
    for (;;) {
      const at = this.buffer.indexOf(10);
      if (at >= 0) {
        const text = this.buffer.subarray(0, at).toString('utf8');
        this.buffer = this.buffer.subarray(at + 1);
        return text;
      }
      if (!(await this.fill())) return undefined;
    }
  }

  /** The next frame's object name and its bytes, handed over in pieces; undefined after the end line. */
  async next(): Promise<{ object: string; data: AsyncIterable<Uint8Array> } | undefined> {
    const text = await this.line();
    if (text === undefined) throw broken(this.path, 'it ends before its end line');
    let frame: { rows?: string; bytes?: number; end?: boolean; frames?: number };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      throw broken(this.path, 'a frame header is not JSON');
    }
    if (frame.end) {
      if (frame.frames !== this.frames) throw broken(this.path, `it holds ${this.frames} frames, its end line says ${frame.frames}`);
      return undefined;
    }
    if (typeof frame.rows !== 'string' || typeof frame.bytes !== 'number') throw broken(this.path, 'a frame header names no rows');
    this.frames++;
    const self = this;
    let left = frame.bytes;
    async function* data(): AsyncIterable<Uint8Array> {
      while (left > 0) {
        if (self.buffer.length === 0 && !(await self.fill())) throw broken(self.path, 'a frame is cut short');
        const take = Math.min(left, self.buffer.length);
        const piece = self.buffer.subarray(0, take);
        self.buffer = self.buffer.subarray(take);
        left -= take;
        yield piece;
      }
    }
    return { object: frame.rows, data: data() };
  }

  async close(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}
