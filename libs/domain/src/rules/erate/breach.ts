import { type Finding, type Severity } from '../../shared/finding';
import { type Rule } from '../../shared/rule';

/** What a compliance rule reports about facts; a view turns it into a Finding about a subject. */
export interface Breach {
  severity: Severity;
  message: string;
  sourceEventIds: string[];
}

export const findingOf = (
  rule: Pick<Rule<unknown, unknown>, 'id' | 'citation'>,
  ruleSet: string,
  subject: string,
  breach: Breach,
): Finding => ({
  ruleId: rule.id,
  ruleSet,
  citation: rule.citation,
  severity: breach.severity,
  message: breach.message,
  sourceEventIds: breach.sourceEventIds,
  subject,
});
