import { type StreamDefinition } from '../shared/decider';
import { frnDecider } from './decider';
import { type FrnEvent, frnEventValidators } from './events';
import { type FrnState } from './state';

const v = frnEventValidators;

/** `frn-<id>`: one Form 471 funding request, from draft through commitment and invoicing. */
export const fundingRequestStream: StreamDefinition<FrnEvent, FrnState> = {
  prefix: 'frn',
  description: 'E-Rate funding request (FCC Form 471 FRN): lines, offers and deductions, submission, commitment, invoices',
  events: {
    FundingRequestDrafted: {
      validate: v.FundingRequestDrafted, schemaVersion: 1, description: 'A funding request was drafted with its lines, provider and procurement',
      example: {
        applicant: 'applicant-lea-12', category: 1, spin: '143001234', procurement: 'procurement-470-250001', contractNumber: 'C-2025-7',
        fundingYear: 2025, serviceStartDate: '2025-07-01',
        lines: [
          { lineId: 'L1', product: 'Internet access 1 Gbps', model: 'IA-1G', location: 'District office', eligible: true, ancillary: false, specificallyRequested: true, quantity: 12, usualUnitPrice: 150_000 },
          { lineId: 'L2', product: 'Web hosting', model: 'WH-S', location: 'District office', eligible: false, ancillary: false, specificallyRequested: true, quantity: 12, usualUnitPrice: 5_000 },
        ],
      },
    },
    FundingRequestLineCorrected: {
      validate: v.FundingRequestLineCorrected, schemaVersion: 1, description: 'A line was corrected; names the event that last set it',
      example: {
        correctsEventId: '00000000-0000-4000-8000-000000000001', reason: 'Model number typo',
        line: { lineId: 'L2', product: 'Web hosting', model: 'WH-M', location: 'District office', eligible: false, ancillary: false, specificallyRequested: true, quantity: 12, usualUnitPrice: 5_000 },
      },
    },
    PriceReductionOffered: { validate: v.PriceReductionOffered, schemaVersion: 1, description: 'The provider reduced the price (amount or rate), for some lines or all', example: { description: '20% promotional reduction', rateBasisPoints: 2_000 } },
    BundleDiscountOffered: { validate: v.BundleDiscountOffered, schemaVersion: 1, description: 'The provider quoted a lower total for lines bought together; the discount is allocated proportionally', example: { description: 'Internet + hosting bundle', lineIds: ['L1', 'L2'], quotedTotal: 32_000 } },
    FreeItemOffered: { validate: v.FreeItemOffered, schemaVersion: 1, description: 'The provider offered a free item; its fair market value is subtracted or cost-allocated', example: { description: 'Five cell phones', quantity: 5, fairMarketValue: 70_000, tiedToPurchase: true, treatment: 'subtract' } },
    PromptPaymentDiscountOffered: { validate: v.PromptPaymentDiscountOffered, schemaVersion: 1, description: 'A discount for paying within a number of days', example: { rateBasisPoints: 1_000, withinDays: 30 } },
    DonationRecorded: { validate: v.DonationRecorded, schemaVersion: 1, description: 'The applicant received a donation connected to this request', example: { donor: 'Acme Networks', description: 'Rack cabinets', value: 50_000, fromServiceProvider: true, tiedToBid: true } },
    GrantReceived: { validate: v.GrantReceived, schemaVersion: 1, description: 'A grant towards the applicant share', example: { grantor: 'State Library Foundation', amount: 500_000, receivedOn: '2025-05-01', independentOfServiceProvider: true } },
    CostAllocationDeclared: { validate: v.CostAllocationDeclared, schemaVersion: 1, description: 'The eligible share of a mixed line', example: { lineId: 'L1', eligibleBasisPoints: 8_500, method: 'Share of ports serving classrooms' } },
    StateMatchCommitted: { validate: v.StateMatchCommitted, schemaVersion: 1, description: 'State funds match part of the cost, raising the discount', example: { statePercent: 10, source: 'State broadband match program' } },
    FundingRequestOfferWithdrawn: { validate: v.FundingRequestOfferWithdrawn, schemaVersion: 1, description: 'An offer, donation, grant or allocation was recorded in error or withdrawn', example: { withdrawnEventId: '00000000-0000-4000-8000-000000000002', reason: 'Offer expired before contract' } },
    FundingRequestSubmitted: { validate: v.FundingRequestSubmitted, schemaVersion: 1, description: 'The Form 471 with this FRN was certified and submitted', example: { form471Number: '251000123', submittedOn: '2025-03-20' } },
    FundingCommitted: { validate: v.FundingCommitted, schemaVersion: 1, description: 'USAC committed funds (FCDL)', example: { amount: 1_440_000, committedOn: '2025-06-15' } },
    FundingReduced: { validate: v.FundingReduced, schemaVersion: 1, description: 'The commitment was reduced', example: { amount: 60_000, reducedOn: '2025-09-01', reason: 'Ineligible share removed' } },
    FundingDenied: { validate: v.FundingDenied, schemaVersion: 1, description: 'USAC denied the request', example: { deniedOn: '2025-06-15', reason: 'Ineligible share 30% or more' } },
    Form486Filed: { validate: v.Form486Filed, schemaVersion: 1, description: 'The receipt-of-service confirmation (Form 486) was filed, with its CIPA certification', example: { filedOn: '2025-08-01', cipa: 'compliant' } },
    Form486Notified: { validate: v.Form486Notified, schemaVersion: 1, description: 'USAC issued the Form 486 notification letter; the invoice deadline counts from it', example: { notifiedOn: '2025-08-20' } },
    InvoiceSubmitted: { validate: v.InvoiceSubmitted, schemaVersion: 1, description: 'An invoice (BEAR by the applicant, SPI by the provider) was submitted to USAC', example: { invoiceNumber: 'INV-1', form: 'SPI', amount: 720_000, submittedOn: '2025-10-01' } },
    InvoiceDeadlineExtensionRequested: { validate: v.InvoiceDeadlineExtensionRequested, schemaVersion: 1, description: 'The applicant or provider asked USAC to extend the invoice deadline', example: { requestedOn: '2026-10-01', reason: 'Provider billing delayed' } },
    ServiceDeliveryDeadlineExtended: { validate: v.ServiceDeliveryDeadlineExtended, schemaVersion: 1, description: 'USAC extended the service delivery deadline', example: { newDeadline: '2027-09-30', grantedOn: '2026-08-15', reason: 'Equipment back-ordered' } },
    ServiceDelivered: { validate: v.ServiceDelivered, schemaVersion: 1, description: 'Services or equipment of the request were delivered', example: { description: 'Switches installed at the high school', deliveredOn: '2026-08-20' } },
    InvoicePaid: { validate: v.InvoicePaid, schemaVersion: 1, description: 'USAC paid an invoice (BEAR or SPI) on the commitment', example: { invoiceNumber: 'INV-1', amount: 720_000, paidOn: '2025-12-01' } },
  },
  decider: frnDecider,
  links: (state) => (state.draft ? [state.draft.applicant, `provider-${state.draft.spin}`, state.draft.procurement] : []),
};
