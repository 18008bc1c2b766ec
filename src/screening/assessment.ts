import type { Fit } from './lead-schema';

export interface Outcome {
  fit: Fit;
  reasons: string[];
  missing: string[];
  /** The hard requirements the answers fail. */
  unmet: string[];
  /**
   * Listed so staff consider it, but no answer points to it (e.g. C16 on an employer lead, where
   * the worker's French is unknown): it does not make an LMIA-exempt stream "evident".
   */
  openQuestion: boolean;
}

/**
 * What a rule found, requirement by requirement. The fit follows from it, so a rule cannot call
 * a stream likely while one of its hard requirements fails:
 * any failure → unlikely; anything unknown (or a discretionary stream) → possible; else likely.
 */
export class Assessment {
  readonly #supports: string[] = [];
  readonly #failures: string[] = [];
  readonly #unknowns: string[] = [];
  readonly #checks: string[] = [];
  readonly #notes: string[] = [];
  #discretionary = false;
  #openQuestion = false;

  /** A requirement the answers meet. */
  met(reason: string): this {
    this.#supports.push(reason);
    return this;
  }

  /** A hard requirement the answers fail. */
  failed(reason: string): this {
    this.#failures.push(reason);
    return this;
  }

  /** A requirement the answers leave open: the fact that would settle it. */
  unknown(fact: string): this {
    this.#unknowns.push(fact);
    return this;
  }

  /** Something staff confirm before advising (documents, an unconfirmed code) that leaves the fit as it is. */
  confirm(check: string): this {
    this.#checks.push(check);
    return this;
  }

  /** Context staff should read with the reasons (e.g. a closed stream), whatever the fit. */
  note(text: string): this {
    this.#notes.push(text);
    return this;
  }

  /** The officer's discretion decides (e.g. significant benefit): answers alone never make it likely. */
  discretionary(): this {
    this.#discretionary = true;
    return this;
  }

  openQuestion(): this {
    this.#openQuestion = true;
    return this;
  }

  get hasFailed(): boolean {
    return this.#failures.length > 0;
  }

  outcome(): Outcome {
    const fit: Fit =
      this.#failures.length > 0
        ? 'unlikely'
        : this.#unknowns.length > 0 || this.#discretionary || this.#openQuestion
          ? 'possible'
          : 'likely';
    return {
      fit,
      reasons: [...this.#failures, ...this.#supports, ...this.#notes],
      missing: [...this.#unknowns, ...this.#checks],
      unmet: [...this.#failures],
      openQuestion: this.#openQuestion,
    };
  }
}
