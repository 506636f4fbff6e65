import { type ApplicantState } from '../applicant/state';
import { currentTerms } from '../program/terms-in-force';
import { type ProgramTerms } from '../program/terms';
import { type CalendarDate } from '../shared/dates';
import { type FactsLookup } from '../shared/facts';
import { type Finding } from '../shared/finding';
import { type BasisPoints, type Cents, sum } from '../shared/money';
import { type ReadModel } from '../shared/read-model';
import { agreementsForProgram } from '../rules/state-programs/interlocal-agreement-rule';
import { coverageRule, slaRemedyRule } from '../rules/state-programs/sla-remedy-rule';
import { volumeTierRule, type NextTier } from '../rules/state-programs/volume-tier-rule';
import { type OrderState } from '../order/state';
import { type TraceStep } from '../shared/rule';
import { type TermsVersion } from '../program/terms';
import { programFundsRule } from '../rules/state-programs/program-funds-rule';
import {
  assessProgram,
  CohortQuantities,
  committedBy,
  committingOrders,
  type AssessedOrder,
  type ProgramAssessment,
} from './program-assessment';
import { programFundsTrace } from './program-funds-trace';
import { type ShareReason } from './share-decision';
import { programFindings } from './program-findings';

export interface UnitCounts {
  orders: number;
  devices: number;
  hotspots: number;
}

export interface LeaRow extends UnitCounts {
  applicant: string;
  name: string;
  allocated: Cents;
  /** The state shares this LEA's counted orders earned. */
  committed: Cents;
  spent: Cents;
  /** The state shares as recorded on the orders, earned or not. */
  stateShare: Cents;
  districtShare: Cents;
  interlocalAgreementApprovedOn: CalendarDate | null;
}

export interface VendorRow extends UnitCounts {
  vendor: string;
  contracts: string[];
  total: Cents;
}

export interface OrderRow {
  order: string;
  applicant: string;
  contract: string;
  vendor: string;
  placedOn: CalendarDate;
  status: 'placed' | 'delivered' | 'cancelled';
  total: Cents;
  stateShare: Cents;
  districtShare: Cents;
  /** The most the program's terms let the state pay on this order. */
  maxStateShare: Cents | null;
  minDistrictShare: Cents | null;
  /** The state share the order earned, and why (`terms-met`, `district-below-minimum`, …). */
  earnedStateShare: Cents;
  earnedReason: ShareReason;
  /** The terms version the order was judged under. */
  terms: TermsRef | null;
  counted: boolean;
  notCountedReason: 'no-agreement' | 'agreement-approved-later' | null;
}

/** A terms version by the fact that recorded it. */
export interface TermsRef {
  version: number;
  eventId: string;
  effectiveFrom: CalendarDate;
}

export interface MatchingRow {
  applicant: string;
  terms: TermsRef;
  economicallyDisadvantagedShare: BasisPoints;
  matchRate: BasisPoints;
}

export interface VolumeTierRow {
  contract: string;
  vendor: string;
  itemId: string;
  description: string;
  cohortQuantity: number;
  tierReached: { tier: number; minCohortQuantity: number; unitPrice: Cents };
  nextTier: NextTier | null;
}

export interface BreachRow {
  order: string;
  applicant: string;
  breachId: string;
  description: string;
  units: number;
  reportedOn: CalendarDate;
  remedyDueOn: CalendarDate | null;
  status: 'open' | 'overdue' | 'remedied';
  remedy: { remedy: string; appliedOn: CalendarDate } | null;
  eventIds: string[];
}

export interface CoverageRow {
  contract: string;
  vendor: string;
  repairReplacementCoverageEndsOn: CalendarDate | null;
  expired: boolean;
}

export interface ProgramDashboard {
  program: string;
  /** Global position of the newest fact this view reflects. */
  position: number;
  /** The latest business date of the program's facts; deadlines are judged as of this date. */
  asOf: CalendarDate;
  name: string;
  usState: string;
  fundingSource: string;
  ruleSet: string;
  /** The terms the program states now, and every version it has stated. */
  terms: (TermsRef & { terms: ProgramTerms }) | null;
  termsVersions: (TermsRef & { terms: ProgramTerms })[];
  status: 'open' | 'closed';
  /**
   * `committed` counts only earned state shares; `unallocated` and `remaining` never go below zero: an excess is
   * `overAllocated` or `overCommitted`, with a finding.
   */
  funds: {
    total: Cents;
    allocated: Cents;
    unallocated: Cents;
    overAllocated: Cents;
    committed: Cents;
    spent: Cents;
    remaining: Cents;
    overCommitted: Cents;
  };
  shares: { state: Cents; district: Cents };
  byLea: LeaRow[];
  byVendor: VendorRow[];
  orders: OrderRow[];
  matching: MatchingRow[];
  volumeTiers: VolumeTierRow[];
  sla: { openBreaches: BreachRow[]; remediesApplied: BreachRow[]; coverage: CoverageRow[] };
  /** How committed and remaining were reached: rule, terms versions and source events. */
  trace: TraceStep[];
  findings: Finding[];
}

const units = (orders: readonly OrderState[]): UnitCounts => ({
  orders: orders.length,
  devices: sum(orders.flatMap((o) => o.lines.filter((l) => l.kind === 'device').map((l) => l.quantity))),
  hotspots: sum(orders.flatMap((o) => o.lines.filter((l) => l.kind === 'hotspot').map((l) => l.quantity))),
});

const spentOn = (o: OrderState): Cents => sum(o.claims.map((c) => c.paid));

function leaRows(a: ProgramAssessment, committing: AssessedOrder[], facts: FactsLookup): LeaRow[] {
  return a.participants.map((applicant) => {
    const state = facts.state<ApplicantState>(applicant);
    const mine = committing.filter((o) => o.order.applicant === applicant);
    const orders = mine.map((o) => o.order);
    const agreements = agreementsForProgram(a.programStream, a.program, state?.interlocalAgreements ?? []);
    return {
      applicant,
      name: state?.name ?? applicant,
      allocated: sum(a.program.allocations.filter((x) => x.applicant === applicant).map((x) => x.amount)),
      committed: committedBy(mine),
      spent: sum(orders.map(spentOn)),
      stateShare: sum(orders.map((o) => o.stateShare)),
      districtShare: sum(orders.map((o) => o.districtShare)),
      interlocalAgreementApprovedOn: agreements.map((x) => x.approvedOn).sort()[0] ?? null,
      ...units(orders),
    };
  });
}

function vendorRows(committing: AssessedOrder[]): VendorRow[] {
  const vendors = [...new Set(committing.map((o) => o.contract?.vendor ?? o.order.contract))];
  return vendors.map((vendor) => {
    const mine = committing.filter((o) => (o.contract?.vendor ?? o.order.contract) === vendor);
    return {
      vendor,
      contracts: [...new Set(mine.map((o) => o.order.contract))],
      total: sum(mine.map((o) => o.order.total)),
      ...units(mine.map((o) => o.order)),
    };
  });
}

export const termsRef = (v: TermsVersion): TermsRef => ({
  version: v.version,
  eventId: v.eventId,
  effectiveFrom: v.effectiveFrom,
});

const orderRow = (o: AssessedOrder): OrderRow => ({
  order: o.stream,
  applicant: o.order.applicant,
  contract: o.order.contract,
  vendor: o.contract?.vendor ?? '',
  placedOn: o.order.placedOn,
  status: o.order.cancelled ? 'cancelled' : o.order.delivered ? 'delivered' : 'placed',
  total: o.order.total,
  stateShare: o.order.stateShare,
  districtShare: o.order.districtShare,
  maxStateShare: o.share.outcome?.maxStateShare ?? null,
  minDistrictShare: o.share.outcome?.minDistrictShare ?? null,
  earnedStateShare: o.share.earned,
  earnedReason: o.share.reason,
  terms: o.share.terms && termsRef(o.share.terms),
  counted: o.counts.counts,
  notCountedReason: o.counts.counts ? null : o.counts.reason,
});

function matchingRows(a: ProgramAssessment): MatchingRow[] {
  const rows = new Map<string, MatchingRow>();
  for (const o of a.orders) {
    const { limit, terms } = o.share;
    if (limit?.kind !== 'matching-by-economically-disadvantaged-share' || !terms) continue;
    rows.set(o.order.applicant, {
      applicant: o.order.applicant,
      terms: termsRef(terms),
      economicallyDisadvantagedShare: limit.economicallyDisadvantagedShare ?? 0,
      matchRate: limit.matchRate ?? 0,
    });
  }
  return [...rows.values()];
}

function volumeTierRows(a: ProgramAssessment, facts: FactsLookup): VolumeTierRow[] {
  return [...a.contracts.entries()].flatMap(([contract, state]) => {
    const cohort = new CohortQuantities(contract, facts).through(null);
    return state.catalog.map((item) => {
      const outcome = volumeTierRule.apply({ cohortQuantity: cohort.get(item.itemId) ?? 0 }, item.priceTiers);
      return {
        contract,
        vendor: state.vendor,
        itemId: item.itemId,
        description: item.description,
        cohortQuantity: outcome.cohortQuantity,
        tierReached: {
          tier: outcome.tierIndex + 1,
          minCohortQuantity: outcome.reached.minCohortQuantity,
          unitPrice: outcome.reached.unitPrice,
        },
        nextTier: outcome.next,
      };
    });
  });
}

function breachRows(a: ProgramAssessment): BreachRow[] {
  return a.orders.flatMap((o) =>
    o.order.breaches.map((b) => {
      const sla = o.contract?.sla ? slaRemedyRule.apply({ breach: b, asOf: a.asOf }, o.contract.sla) : null;
      return {
        order: o.stream,
        applicant: o.order.applicant,
        breachId: b.breachId,
        description: b.description,
        units: b.units,
        reportedOn: b.reportedOn,
        remedyDueOn: sla?.dueOn ?? null,
        status: b.remedy ? 'remedied' : (sla?.status ?? 'open'),
        remedy: b.remedy && { remedy: b.remedy.remedy, appliedOn: b.remedy.appliedOn },
        eventIds: [b.eventId, ...(b.remedy ? [b.remedy.eventId] : [])],
      };
    }),
  );
}

function render(programStream: string, facts: FactsLookup): ProgramDashboard | undefined {
  const a = assessProgram(programStream, facts);
  if (!a) return undefined;
  const committing = committingOrders(a);
  const allocated = sum(a.program.allocations.map((x) => x.amount));
  const committed = committedBy(committing);
  const funds = programFundsRule.apply({ totalFunds: a.program.totalFunds, allocated, committed }, null);
  const breaches = breachRows(a);
  const current = currentTerms(a.program);
  return {
    program: programStream,
    position: facts.position,
    asOf: a.asOf,
    name: a.program.name,
    usState: a.program.usState,
    fundingSource: a.program.fundingSource,
    ruleSet: a.ruleSet.id,
    terms: current && { ...termsRef(current), terms: current.terms },
    termsVersions: a.program.termsVersions.map((v) => ({ ...termsRef(v), terms: v.terms })),
    status: a.program.closed ? 'closed' : 'open',
    funds: {
      total: a.program.totalFunds,
      allocated,
      unallocated: Math.max(0, a.program.totalFunds - allocated),
      overAllocated: funds.allocationExcess,
      committed,
      spent: sum(committing.map((o) => spentOn(o.order))),
      remaining: funds.remaining,
      overCommitted: funds.commitmentExcess,
    },
    shares: { state: committed, district: sum(committing.map((o) => o.order.districtShare)) },
    byLea: leaRows(a, committing, facts),
    byVendor: vendorRows(committing),
    orders: a.orders.map(orderRow),
    matching: matchingRows(a),
    volumeTiers: volumeTierRows(a, facts),
    sla: {
      openBreaches: breaches.filter((b) => b.status !== 'remedied'),
      remediesApplied: breaches.filter((b) => b.status === 'remedied'),
      // Coverage has expired when a breach reported on the program's as-of date would no longer be covered.
      coverage: [...a.contracts.entries()].map(([contract, c]) => ({
        contract,
        vendor: c.vendor,
        repairReplacementCoverageEndsOn: c.sla?.repairReplacementCoverageEndsOn ?? null,
        expired: c.sla ? !coverageRule.apply({ reportedOn: a.asOf }, c.sla).covered : false,
      })),
    },
    trace: programFundsTrace(a, committing),
    findings: programFindings(programStream, facts),
  };
}

/**
 * `/v1/programs/:id/dashboard`: funds, orders and units by LEA and vendor, shares, matching, volume tiers, SLA
 * breaches, findings.
 */
export const programDashboardReadModel: ReadModel<ProgramDashboard> = {
  name: 'program-dashboard',
  rootPrefix: 'program',
  render,
};
