import { appendFile } from 'node:fs/promises';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { BbError } from '../../errors.js';
import { openConfig } from '../../config/load.js';
import type { ReviewReport } from '../../review/review.js';
import type { PostResult } from '../../post/post.js';

export interface ReviewOptions extends GlobalOptions {
  /** Git ref to compare with; default: GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME, then the default branch. */
  readonly base?: string;
  readonly db?: string;
  /** Post (or update) one comment on the pull/merge request. */
  readonly post?: string;
}

export interface ReviewOutput {
  readonly review: ReviewReport;
  readonly posted?: PostResult;
  /** The job summary file the markdown was appended to (GITHUB_STEP_SUMMARY). */
  readonly stepSummary?: string;
}

/**
 * `bb review`: the pull request's migration files checked against every environment (edited after
 * apply, lint per environment, plan per target), as markdown, json or pretty; optionally posted as
 * one comment. Exit 1 on error-level findings or an edited applied file, as `bb lint`.
 */
export default async function reviewCommand(options: ReviewOptions, context: CommandContext): Promise<CommandOutput> {
  if (options.post !== undefined && options.post !== 'github' && options.post !== 'gitlab') {
    throw new BbError('usage', `--post must be github or gitlab, got "${options.post}".`, { hint: 'bb review --post github (in GitHub Actions) or --post gitlab (in GitLab CI).', code: 'usage.post' });
  }
  const config = await openConfig(options, context.cwd);
  const { review, reviewExitCode } = await import('../../review/review.js');
  const report = await review({ config, cwd: context.cwd, ...(options.base ? { base: options.base } : {}), ...(options.db ? { db: options.db } : {}), ...(options.env ? { environment: options.env } : {}), signal: context.signal });
  let markdown: string | undefined;
  const md = async (): Promise<string> => (markdown ??= (await import('../../review/markdown.js')).reviewMarkdown(report));
  let stepSummary: string | undefined;
  if (process.env.GITHUB_STEP_SUMMARY) {
    await appendFile(process.env.GITHUB_STEP_SUMMARY, await md());
    stepSummary = process.env.GITHUB_STEP_SUMMARY;
  }
  let posted: PostResult | undefined;
  if (options.post) {
    const [{ postComment }, { REVIEW_MARKER }] = await Promise.all([import('../../post/post.js'), import('../../review/markdown.js')]);
    posted = await postComment(options.post, await md(), REVIEW_MARKER);
  }
  const data: ReviewOutput = { review: report, ...(posted ? { posted } : {}), ...(stepSummary ? { stepSummary } : {}) };
  return { kind: 'review', data, exitCode: reviewExitCode(report) };
}
