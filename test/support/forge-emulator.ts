/**
 * A local emulator of the few GitHub and GitLab REST endpoints `bb review --post` uses, so tests never
 * talk to the real services. One HTTP server, two APIs:
 *
 *   GitHub  (GITHUB_API_URL = <url>/github)
 *     GET   /repos/:owner/:repo/issues/:n/comments?per_page&page   (Link: rel="next" paging)
 *     POST  /repos/:owner/:repo/issues/:n/comments                 { body }
 *     PATCH /repos/:owner/:repo/issues/comments/:id                { body }
 *     auth: "Authorization: Bearer <token>" (or "token <token>"); wrong → 401 {"message":"Bad credentials"}
 *
 *   GitLab  (CI_API_V4_URL = <url>/gitlab/api/v4)
 *     GET   /projects/:id/merge_requests/:iid/notes?per_page&page  (X-Next-Page paging)
 *     POST  /projects/:id/merge_requests/:iid/notes                { body }
 *     PUT   /projects/:id/merge_requests/:iid/notes/:note_id       { body }
 *     auth: "PRIVATE-TOKEN: <token>"; wrong → 401 {"message":"401 Unauthorized"}
 *
 * Comments live in memory; `requests` records every call (method, path, auth header) for assertions.
 * Page size is capped (default 2) so paging is exercised with a handful of comments.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForgeComment { id: number; body: string; author: string; system?: boolean }

export interface ForgeEmulator {
  readonly url: string;
  readonly githubApi: string;
  readonly gitlabApi: string;
  /** GitHub: "owner/repo#n" → comments; GitLab: "project!iid" → notes. */
  readonly threads: Map<string, ForgeComment[]>;
  readonly requests: { method: string; path: string; auth: string }[];
  close(): Promise<void>;
}

export async function startForgeEmulator(options: { githubToken: string; gitlabToken: string; pageSize?: number }): Promise<ForgeEmulator> {
  const threads = new Map<string, ForgeComment[]>();
  const requests: { method: string; path: string; auth: string }[] = [];
  const pageSize = options.pageSize ?? 2;
  let nextId = 1000;
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage): Promise<{ body?: unknown }> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { body?: unknown };
    } catch {
      return {};
    }
  };
  const thread = (key: string): ForgeComment[] => {
    let t = threads.get(key);
    if (!t) threads.set(key, (t = []));
    return t;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      const auth = String(req.headers.authorization ?? req.headers['private-token'] ?? '');
      requests.push({ method: req.method ?? '', path: path + url.search, auth });
      const page = Math.max(1, Number(url.searchParams.get('page') ?? '1'));
      const perPage = Math.min(pageSize, Number(url.searchParams.get('per_page') ?? '30'));

      if (path.startsWith('/github/')) {
        const token = /^(?:Bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
        if (token !== options.githubToken) return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
        let m = /^\/github\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
        if (m) {
          const t = thread(`${m[1]}/${m[2]}#${m[3]}`);
          if (req.method === 'GET') {
            const slice = t.slice((page - 1) * perPage, page * perPage);
            const more = page * perPage < t.length;
            const next = `${base}${path}?per_page=${perPage}&page=${page + 1}`;
            return send(res, 200, slice.map((c) => ({ id: c.id, body: c.body, user: { login: c.author } })), more ? { link: `<${next}>; rel="next"` } : {});
          }
          if (req.method === 'POST') {
            const { body } = await readBody(req);
            if (typeof body !== 'string') return send(res, 422, { message: 'Validation Failed' });
            const c = { id: nextId++, body, author: 'github-actions[bot]' };
            t.push(c);
            return send(res, 201, { id: c.id, body: c.body, html_url: `${base}/web/${m[1]}/${m[2]}/pull/${m[3]}#issuecomment-${c.id}` });
          }
        }
        m = /^\/github\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
        if (m && req.method === 'PATCH') {
          const id = Number(m[3]);
          const c = [...threads.entries()].filter(([k]) => k.startsWith(`${m![1]}/${m![2]}#`)).flatMap(([, v]) => v).find((x) => x.id === id);
          if (!c) return send(res, 404, { message: 'Not Found' });
          const { body } = await readBody(req);
          if (typeof body !== 'string') return send(res, 422, { message: 'Validation Failed' });
          c.body = body;
          return send(res, 200, { id: c.id, body: c.body, html_url: `${base}/web/comment/${c.id}` });
        }
        return send(res, 404, { message: 'Not Found' });
      }

      if (path.startsWith('/gitlab/api/v4/')) {
        if (req.headers['private-token'] !== options.gitlabToken) return send(res, 401, { message: '401 Unauthorized' });
        let m = /^\/gitlab\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes$/.exec(path);
        if (m) {
          const t = thread(`${decodeURIComponent(m[1]!)}!${m[2]}`);
          if (req.method === 'GET') {
            const slice = t.slice((page - 1) * perPage, page * perPage);
            const more = page * perPage < t.length;
            return send(res, 200, slice.map((c) => ({ id: c.id, body: c.body, system: c.system ?? false, author: { username: c.author } })), { 'x-next-page': more ? String(page + 1) : '' });
          }
          if (req.method === 'POST') {
            const { body } = await readBody(req);
            if (typeof body !== 'string') return send(res, 400, { message: 'body is missing' });
            const c = { id: nextId++, body, author: 'project_bot' };
            t.push(c);
            return send(res, 201, { id: c.id, body: c.body });
          }
        }
        m = /^\/gitlab\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes\/(\d+)$/.exec(path);
        if (m && req.method === 'PUT') {
          const c = thread(`${decodeURIComponent(m[1]!)}!${m[2]}`).find((x) => x.id === Number(m![3]));
          if (!c) return send(res, 404, { message: '404 Not found' });
          const { body } = await readBody(req);
          if (typeof body !== 'string') return send(res, 400, { message: 'body is missing' });
          c.body = body;
          return send(res, 200, { id: c.id, body: c.body });
        }
        return send(res, 404, { message: '404 Not found' });
      }
      send(res, 404, { message: 'Not Found' });
    })().catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    githubApi: `${base}/github`,
    gitlabApi: `${base}/gitlab/api/v4`,
    threads,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
