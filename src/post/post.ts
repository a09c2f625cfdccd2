/**
 * Posts one comment on a pull request (GitHub) or merge request (GitLab) and keeps it single: a later
 * run finds its own comment by a hidden marker and updates it in place, so a pipeline that runs ten
 * times leaves one comment. Everything comes from the CI's own variables:
 *
 *   GitHub: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), the pull request number from the event
 *           payload at GITHUB_EVENT_PATH, API base GITHUB_API_URL (default https://api.github.com).
 *   GitLab: BB_GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID.
 *
 * The token is sent only in a request header and never appears in a message: server replies are
 * redacted before they reach an error. A rejected token or unreachable API is BbError('connect'),
 * exit 3; a missing variable is BbError('usage'), exit 2.
 */
import { readFileSync } from 'node:fs';
import { BbError } from '../errors.js';
import { redactText } from '../config/redact.js';

export type Forge = 'github' | 'gitlab';

export interface PostResult {
  readonly forge: Forge;
  readonly action: 'created' | 'updated';
  /** The comment's API id. */
  readonly id: string;
  /** "owner/name#12" or "group/project!7". */
  readonly where: string;
  /** Web address of the comment when the API returns one. */
  readonly url?: string;
}

interface Api {
  readonly name: string;
  readonly where: string;
  readonly token: string;
  /** Comments as { id, body }, every page. */
  list(): Promise<{ id: string; body: string }[]>;
  create(body: string): Promise<{ id: string; url?: string }>;
  update(id: string, body: string): Promise<{ id: string; url?: string }>;
}

/** The forges' own limits on a comment's length (GitHub 65,536 characters, GitLab 1,000,000). */
export const MAX_BODY: Readonly<Record<Forge, number>> = { github: 65_536, gitlab: 1_000_000 };

/** Creates the comment, or updates the one that carries `marker`. A body over the forge's limit is cut at a line break, saying so. */
export async function postComment(forge: Forge, body: string, marker: string, env: NodeJS.ProcessEnv = process.env): Promise<PostResult> {
  const api = forge === 'github' ? github(env) : gitlab(env);
  const text = fit(body.includes(marker) ? body : `${marker}\n${body}`, MAX_BODY[forge]);
  const existing = (await api.list()).find((c) => c.body.includes(marker));
  const result = existing ? await api.update(existing.id, text) : await api.create(text);
  return { forge, action: existing ? 'updated' : 'created', id: result.id, where: api.where, ...(result.url ? { url: result.url } : {}) };
}

function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '\n\n… (truncated: the full review is in the job summary, or run bb review --format markdown)\n';
  const cut = text.lastIndexOf('\n', max - note.length);
  return text.slice(0, cut > 0 ? cut : max - note.length) + note;
}

function need(env: NodeJS.ProcessEnv, name: string, forWhat: string): string {
  const value = env[name];
  if (!value) {
    throw new BbError('usage', `--post ${forWhat} needs ${name}, and it is not set.`, {
      hint: forWhat === 'github'
        ? 'Run it in a GitHub Actions pull_request job (GITHUB_TOKEN: pass it as env: GITHUB_TOKEN: ${{ github.token }}).'
        : 'Run it in a GitLab merge request pipeline and store a token with the api scope as the masked CI/CD variable BB_GITLAB_TOKEN.',
      code: 'usage.post-env',
    });
  }
  return value;
}

function github(env: NodeJS.ProcessEnv): Api {
  const token = need(env, 'GITHUB_TOKEN', 'github');
  const repo = need(env, 'GITHUB_REPOSITORY', 'github');
  const eventPath = need(env, 'GITHUB_EVENT_PATH', 'github');
  let number: unknown;
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { pull_request?: { number?: unknown }; number?: unknown; issue?: { number?: unknown; pull_request?: unknown } };
    number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined) ?? event.number;
  } catch (error) {
    throw new BbError('usage', `Cannot read the GitHub event payload at ${eventPath}: ${(error as Error).message}.`, { hint: 'GITHUB_EVENT_PATH must name the event JSON file that GitHub Actions writes.', code: 'usage.post-env' });
  }
  if (typeof number !== 'number') {
    throw new BbError('usage', `The GitHub event at ${eventPath} is not about a pull request, so there is nothing to comment on.`, {
      hint: 'Run bb review --post github in a workflow triggered by pull_request (the action does this for you).',
      code: 'usage.post-no-pr',
    });
  }
  const base = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'bb-review' };
  const where = `${repo}#${number}`;
  const call = request('GitHub', 'GITHUB_TOKEN', token, headers, where);
  const comments = `${base}/repos/${repo}/issues/${number}/comments`;
  return {
    name: 'GitHub', where, token,
    async list() {
      const out: { id: string; body: string }[] = [];
      for (let url: string | undefined = `${comments}?per_page=100`; url; ) {
        const res = await call('GET', url);
        for (const c of (await res.json()) as { id: number; body?: string }[]) out.push({ id: String(c.id), body: c.body ?? '' });
        url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      }
      return out;
    },
    async create(body) {
      const c = (await (await call('POST', comments, { body })).json()) as { id: number; html_url?: string };
      return { id: String(c.id), ...(c.html_url ? { url: c.html_url } : {}) };
    },
    async update(id, body) {
      const c = (await (await call('PATCH', `${base}/repos/${repo}/issues/comments/${id}`, { body })).json()) as { id: number; html_url?: string };
      return { id: String(c.id), ...(c.html_url ? { url: c.html_url } : {}) };
    },
  };
}

function gitlab(env: NodeJS.ProcessEnv): Api {
  const token = need(env, 'BB_GITLAB_TOKEN', 'gitlab');
  const base = need(env, 'CI_API_V4_URL', 'gitlab').replace(/\/+$/, '');
  const project = need(env, 'CI_PROJECT_ID', 'gitlab');
  const iid = need(env, 'CI_MERGE_REQUEST_IID', 'gitlab');
  const headers = { 'private-token': token, accept: 'application/json', 'user-agent': 'bb-review' };
  const where = `${env.CI_PROJECT_PATH ?? project}!${iid}`;
  const call = request('GitLab', 'BB_GITLAB_TOKEN', token, headers, where);
  const notes = `${base}/projects/${encodeURIComponent(project)}/merge_requests/${encodeURIComponent(iid)}/notes`;
  return {
    name: 'GitLab', where, token,
    async list() {
      const out: { id: string; body: string }[] = [];
      for (let page: string | null = '1'; page; ) {
        const res = await call('GET', `${notes}?per_page=100&sort=asc&order_by=created_at&page=${page}`);
        for (const n of (await res.json()) as { id: number; body?: string; system?: boolean }[]) if (!n.system) out.push({ id: String(n.id), body: n.body ?? '' });
        page = res.headers.get('x-next-page') || null;
      }
      return out;
    },
    async create(body) {
      const n = (await (await call('POST', notes, { body })).json()) as { id: number };
      return { id: String(n.id) };
    },
    async update(id, body) {
      const n = (await (await call('PUT', `${notes}/${id}`, { body })).json()) as { id: number };
      return { id: String(n.id) };
    },
  };
}

function request(forge: string, tokenName: string, token: string, headers: Record<string, string>, where: string) {
  return async (method: string, url: string, json?: unknown): Promise<Response> => {
    const path = new URL(url).pathname;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { ...headers, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new BbError('connect', `Cannot reach the ${forge} API at ${new URL(url).origin}: ${redactText(cause, [token])}.`, {
        hint: forge === 'GitHub' ? 'Check GITHUB_API_URL (GitHub Enterprise: https://<host>/api/v3).' : 'Check CI_API_V4_URL.',
        code: 'connect.post',
      });
    }
    if (res.ok) return res;
    const detail = redactText((await res.text().catch(() => '')).slice(0, 300), [token]).replace(/\s+/g, ' ').trim();
    const reason = `${res.status}${detail ? ` ${summarise(detail)}` : ''}`;
    if (res.status === 401) {
      throw new BbError('connect', `${forge} rejected ${tokenName} (${reason}) on ${method} ${path}.`, {
        hint: forge === 'GitHub' ? 'The token is wrong or expired: pass GITHUB_TOKEN: ${{ github.token }} (or a valid personal access token).' : 'The token is wrong, expired or revoked: create a project access token with the api scope and store it as BB_GITLAB_TOKEN.',
        code: 'connect.post-auth',
      });
    }
    if (res.status === 403 || res.status === 404) {
      throw new BbError('connect', `${forge} refused ${method} ${path} for ${where} (${reason}).`, {
        hint: forge === 'GitHub'
          ? 'Give the workflow permission to comment (permissions: pull-requests: write) and check GITHUB_REPOSITORY and the pull request.'
          : 'The token needs the api scope and at least Reporter access to the project; check CI_PROJECT_ID and CI_MERGE_REQUEST_IID.',
        code: 'connect.post-denied',
      });
    }
    throw new BbError('connect', `${forge} answered ${reason} to ${method} ${path}.`, { hint: 'Run the job again; if it persists, check the forge status page.', code: 'connect.post' });
  };
}

/** The `message` of a JSON error body, or the start of the text. */
function summarise(detail: string): string {
  try {
    const body = JSON.parse(detail) as { message?: unknown; error?: unknown };
    const m = body.message ?? body.error;
    if (typeof m === 'string') return `"${m}"`;
  } catch {
    /* not JSON */
  }
  return `"${detail.slice(0, 120)}"`;
}
