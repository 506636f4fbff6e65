/**
 * A rule's verdict on recorded facts. Facts that break a program rule are still recorded; the rule
 * speaks through findings that an auditor can trace to the rule and the events behind them.
 */
export type Severity = 'info' | 'warning' | 'violation' | 'serious';

export interface Finding {
  ruleId: string;
  ruleSet: string;
  citation: string;
  severity: Severity;
  message: string;
  /** Ids of the events that produced the finding. */
  sourceEventIds: string[];
  /** The subject the finding is about, e.g. `frn-123`, `applicant-9`, `program-tx`. */
  subject: string;
}

export const SEVERITY_ORDER: readonly Severity[] = ['serious', 'violation', 'warning', 'info'];
