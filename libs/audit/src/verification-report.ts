/** Everything a verifier can find wrong; shared by the ledger verifier and the export verifier. */
export type ProblemKind =
  | 'unparseable'
  | 'out-of-order'
  | 'duplicate-position'
  | 'revision-gap'
  | 'leaf-mismatch'
  | 'chain-mismatch'
  | 'missing-event'
  | 'unexpected-event'
  | 'root-mismatch'
  | 'checkpoint-mismatch'
  | 'bad-signature'
  | 'inclusion-proof'
  | 'consistency-proof'
  | 'manifest-mismatch'
  | 'digest-mismatch'
  | 'malformed-package';

export interface VerificationProblem {
  /** The event position at fault, when the problem is about one event. */
  position?: number;
  kind: ProblemKind;
  message: string;
}

export interface VerificationReport {
  ok: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  /** Lowest event position named by any problem. */
  firstBadPosition?: number;
  /** The first problems found, in the order found (at most `maxProblems`). */
  problems: VerificationProblem[];
  /** All problems found, including those beyond `maxProblems`. */
  problemCount: number;
}

export const DEFAULT_MAX_PROBLEMS = 1000;

/** Collects problems: a broken ledger of a million events must not produce a million-line report. */
export class ProblemCollector {
  private readonly kept: VerificationProblem[] = [];
  private count = 0;
  private lowest: number | undefined;

  constructor(private readonly maxProblems: number = DEFAULT_MAX_PROBLEMS) {}

  add(problem: VerificationProblem): void {
    this.count += 1;
    if (this.kept.length < this.maxProblems) this.kept.push(problem);
    if (problem.position !== undefined && (this.lowest === undefined || problem.position < this.lowest))
      this.lowest = problem.position;
  }

  get size(): number {
    return this.count;
  }

  report(eventsChecked: number, checkpointsChecked: number): VerificationReport {
    return {
      ok: this.count === 0,
      eventsChecked,
      checkpointsChecked,
      ...(this.lowest === undefined ? {} : { firstBadPosition: this.lowest }),
      problems: [...this.kept],
      problemCount: this.count,
    };
  }
}
