import { applicantComplianceReadModel, frnComplianceReadModel, programComplianceReadModel } from './compliance/compliance-read-models';
import { assetRegisterReadModel, bidRecordReadModel, erateStreams, fundingRequestReadModel } from './erate';
import { type StreamDefinition } from './shared/decider';
import { type ReadModel } from './shared/read-model';
import { programDashboardReadModel, stateProgramStreams } from './state-programs';

/** Every stream integrations may write, and every read model the ledger serves. */
export const ledgerStreams: readonly StreamDefinition[] = [...stateProgramStreams, ...erateStreams] as readonly StreamDefinition[];

export const ledgerReadModels: readonly ReadModel<unknown>[] = [
  fundingRequestReadModel,
  assetRegisterReadModel,
  bidRecordReadModel,
  programDashboardReadModel,
  applicantComplianceReadModel,
  frnComplianceReadModel,
  programComplianceReadModel,
] as readonly ReadModel<unknown>[];
