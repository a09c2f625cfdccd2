/**
 * A fake PostgreSQL server that asks for a password and rejects it (SQLSTATE 28P01), for testing the
 * "wrong password" path: the local test server trusts every connection from 127.0.0.1. `passwords`
 * holds the passwords it was sent, in order, so a test can tell which password the driver used.
 */
import { createServer, type Server } from 'node:net';

export async function rejectingPostgres(): Promise<{ port: number; passwords: readonly string[]; close(): Promise<void> }> {
  const passwords: string[] = [];
  const server: Server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 4) {
        if (!started) {
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(len);
          if (code === 80877103) socket.write('N'); // SSLRequest: no
          else {
            started = true;
            socket.write(message('R', int32(3))); // AuthenticationCleartextPassword
          }
          continue;
        }
        if (buffer.length < 5) return;
        const len = buffer.readInt32BE(1);
        if (buffer.length < len + 1) return;
        const type = String.fromCharCode(buffer[0]!);
        const body = buffer.subarray(5, len + 1);
        buffer = buffer.subarray(len + 1);
        if (type === 'p') {
          passwords.push(body.toString('utf8').replace(/\0$/, ''));
          const fields = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', '28P01'), field('M', 'password authentication failed for user "app"'), Buffer.from([0])]);
          socket.end(message('E', fields));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, passwords, close: () => new Promise((r) => server.close(() => r())) };
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function message(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}
function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code), Buffer.from(value), Buffer.from([0])]);
}
