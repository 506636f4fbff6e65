import { type StreamDefinition } from '../shared/decider';
import { procurementDecider } from './decider';
import { type ProcurementEvent, procurementEventValidators as v } from './events';
import { type ProcurementState } from './state';

/** `procurement-<form470>`: competitive bidding for one Form 470, with every bid, the evaluation and the winner. */
export const procurementStream: StreamDefinition<ProcurementEvent, ProcurementState> = {
  prefix: 'procurement',
  description: 'E-Rate competitive bidding (FCC Form 470): bids, evaluation factors and scores, selection, contract',
  events: {
    BidRequestPosted: {
      validate: v.BidRequestPosted, schemaVersion: 1, description: 'The Form 470 was certified and posted',
      example: { form470Number: '250001', applicant: 'applicant-lea-12', category: 1, servicesRequested: ['Internet access 1 Gbps'], certifyDate: '2025-01-06' },
    },
    BidReceived: {
      validate: v.BidReceived, schemaVersion: 1, description: 'A provider bid, line by line',
      example: {
        bidId: 'B1', spin: '143001234', receivedOn: '2025-01-20',
        lines: [{ product: 'Internet access 1 Gbps', model: 'IA-1G', eligible: true, ancillary: false, quantity: 12, usualUnitPrice: 150_000 }],
      },
    },
    BidEvaluationRecorded: {
      validate: v.BidEvaluationRecorded, schemaVersion: 1, description: 'Evaluation factors with weights, and points per bid and factor',
      example: {
        evaluatedOn: '2025-02-05',
        factors: [{ name: 'Price', weightPercent: 40, isPrice: true }, { name: 'Experience', weightPercent: 30, isPrice: false }, { name: 'Service', weightPercent: 30, isPrice: false }],
        scores: [{ bidId: 'B1', factor: 'Price', points: 40 }],
      },
    },
    VendorSelected: { validate: v.VendorSelected, schemaVersion: 1, description: 'The winning bid and why', example: { bidId: 'B1', selectedOn: '2025-02-06', reason: 'Lowest eligible cost' } },
    ContractSigned: { validate: v.ContractSigned, schemaVersion: 1, description: 'The contract with the winning provider was signed', example: { bidId: 'B1', contractNumber: 'C-2025-7', signedOn: '2025-02-10' } },
  },
  decider: procurementDecider,
  links: (state) => (state.posted ? [state.posted.applicant, ...new Set(state.bids.map((b) => `provider-${b.spin}`))] : []),
};
