import { erateFindingsForApplicant, erateFindingsForFrn } from '../erate';
import { type FactsLookup } from '../shared/facts';
import { type ReadModel } from '../shared/read-model';
import { programFindings, stateProgramFindingsForApplicant } from '../state-programs';
import { complianceView, type ComplianceView } from './compliance-view';

const rendered = (
  root: string,
  facts: FactsLookup,
  findings: () => Parameters<typeof complianceView>[1],
): ComplianceView | undefined => (facts.state(root) === undefined ? undefined : complianceView(root, findings()));

/** Compliance per applicant: its E-Rate and state-program findings together. */
export const applicantComplianceReadModel: ReadModel<ComplianceView> = {
  name: 'compliance',
  rootPrefix: 'applicant',
  render: (root, facts) =>
    rendered(root, facts, () => [
      ...erateFindingsForApplicant(root, facts),
      ...stateProgramFindingsForApplicant(root, facts),
    ]),
};

export const frnComplianceReadModel: ReadModel<ComplianceView> = {
  name: 'frn-compliance',
  rootPrefix: 'frn',
  render: (root, facts) => rendered(root, facts, () => erateFindingsForFrn(root, facts)),
};

export const programComplianceReadModel: ReadModel<ComplianceView> = {
  name: 'program-compliance',
  rootPrefix: 'program',
  render: (root, facts) => rendered(root, facts, () => programFindings(root, facts)),
};
