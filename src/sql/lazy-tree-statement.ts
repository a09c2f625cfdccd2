import type { ParsedStatement, RawStatement, StatementKind } from '../engine.js';
import type { StatementFacts } from '../lint/facts.js';

/**
 * A parsed statement that keeps its kind and facts but not its tree: most rules read facts only, and
 * trees held for a whole big file made its memory and garbage collection grow with it. The engine's
 * `parseTree()` builds the tree from the statement's own text the first time something reads `ast`,
 * and it is kept from then on. A class, so that the getter lives on the prototype and each statement
 * stays a small object (and spreading one does not parse it).
 */
export abstract class LazyTreeStatement implements ParsedStatement {
  readonly index: number;
  readonly text: string;
  readonly span: RawStatement['span'];
  readonly comments: readonly string[];
  #tree: unknown;
  #parsed = false;

  constructor(stmt: RawStatement, readonly kind: StatementKind, readonly facts: StatementFacts) {
    this.index = stmt.index;
    this.text = stmt.text;
    this.span = stmt.span;
    this.comments = stmt.comments;
  }

  /** The tree, parsed again from `text`; called once. */
  protected abstract parseTree(): unknown;

  get ast(): unknown {
    if (!this.#parsed) {
      this.#tree = this.parseTree();
      this.#parsed = true;
    }
    return this.#tree;
  }
}
