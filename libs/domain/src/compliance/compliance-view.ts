import { type Finding, SEVERITY_ORDER, type Severity } from '../shared/finding';

/** Open findings about one subject (an applicant, an FRN, a program), most severe first. */
export interface ComplianceView {
  subject: string;
  status: 'clean' | 'findings' | 'serious';
  counts: Record<Severity, number>;
  findings: Finding[];
}

const rank = (s: Severity): number => SEVERITY_ORDER.indexOf(s);

/** The same finding can reach a subject through two paths (an FRN and its applicant); it counts once. */
const keyOf = (f: Finding): string => `${f.ruleId}|${f.subject}|${f.message}|${[...f.sourceEventIds].sort().join(',')}`;

export function complianceView(subject: string, findings: readonly Finding[]): ComplianceView {
  const unique = [...new Map(findings.map((f) => [keyOf(f), f])).values()];
  const sorted = unique.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) || a.subject.localeCompare(b.subject) || a.ruleId.localeCompare(b.ruleId),
  );
  const counts: Record<Severity, number> = { serious: 0, violation: 0, warning: 0, info: 0 };
  for (const f of sorted) counts[f.severity] += 1;
  return {
    subject,
    status: counts.serious > 0 ? 'serious' : sorted.length > 0 ? 'findings' : 'clean',
    counts,
    findings: sorted,
  };
}
