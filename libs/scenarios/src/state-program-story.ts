import {
  addDays,
  economicallyDisadvantagedMatchRule,
  fixedSplitCostShareRule,
  flatMatchRule,
  volumeTierRule,
  type CalendarDate,
  type CatalogItem,
  type CooperativeContractAwarded,
  type OrderLine,
  type ProgramTerms,
  type ShareTerms,
  type SlaRemedy,
} from '@ledger/domain';
import { AppendRecorder } from './append-recorder';
import { PLACE_NAMES } from './place-names';
import { type ScenarioAppend } from './scenario-append';
import { apportioned, padded, scaled } from './scaling';
import { SeededRandom } from './seeded-random';

/** One cooperative contract the program buys through; `itemFor` picks which of its items a district orders. */
export interface StoryContract {
  stream: string;
  award: CooperativeContractAwarded['data'];
  /** What each order line buys per unit of need, e.g. a device and a warranty for every device needed. */
  bundles: {
    need: 'devices' | 'hotspots';
    /** Names the order stream: `order-<lea>-<tag>`. */ tag: string;
    choices: { itemIds: string[]; weight: number }[];
  }[];
}

/** How the program splits an order's cost between the state and the district. */

/**
 * A state bulk-purchasing program told as events: programs, contracts, LEAs, agreements, orders, deliveries, claims,
 * SLA breaches.
 */
export interface StateProgramStory {
  scenario: string;
  seed: number;
  scale: number;
  program: {
    stream: string;
    name: string;
    usState: string;
    fundingSource: string;
    /** At scale 1; scaled with the LEA count. */
    totalFunds: number;
    /** The program's own terms, recorded on ProgramEstablished. */
    terms: ProgramTerms;
    establishedOn: CalendarDate;
  };
  interlocalAgreement: {
    esc: string;
    setOn: CalendarDate;
    deadline: CalendarDate;
    lateShare: number;
    missingShare: number;
  } | null;
  contracts: StoryContract[];
  leas: {
    baseCount: number;
    minCount: number;
    streamPrefix: string;
    nameSuffix: string;
    usState: string;
    registeredOn: CalendarDate;
    medianStudents: number;
  };
  /** Units requested across all LEAs at scale 1 (the seed's figures, e.g. 700,000 devices). */
  demand: { devices: number; hotspots: number };
  ordersFrom: CalendarDate;
  /** Share of LEAs allocated less than their need, so their counted orders overspend the allocation. */
  underAllocatedShare: number;
  /** Share of orders whose recorded state share is above what the program may pay. */
  costShareBreachShare: number;
  cancelShare: number;
  sla: {
    breachShare: number;
    lateRemedyShare: number;
    openShare: number;
    remedyWithinDays: number;
    remedies: readonly SlaRemedy[];
  };
}

interface Lea {
  index: number;
  stream: string;
  name: string;
  students: number;
  economicallyDisadvantaged: number;
  nslpEligible: number;
  locale: 'urban' | 'rural';
  cep: boolean;
  joinedOn: CalendarDate;
  agreement: 'on-time' | 'late' | 'missing';
  agreementOn: CalendarDate;
}

interface PlacedOrder {
  stream: string;
  lea: Lea;
  placedOn: CalendarDate;
  stateShare: number;
  counted: boolean;
  cancelled: boolean;
  units: number;
  need: 'devices' | 'hotspots';
}

/** Generates the story lazily: only a compact summary per order is kept between phases, never the events. */
export function* stateProgramStory(story: StateProgramStory): Generator<ScenarioAppend> {
  const rec = new AppendRecorder(story.scenario, story.seed);
  const leaCount = scaled(story.leas.baseCount, story.scale, story.leas.minCount);
  const funds = Math.max(100_000_00, Math.round(story.program.totalFunds * story.scale));
  const p = story.program;

  yield rec.fact(
    p.stream,
    'ProgramEstablished',
    {
      name: p.name,
      usState: p.usState,
      fundingSource: p.fundingSource,
      totalFunds: funds,
      terms: p.terms,
      establishedOn: p.establishedOn,
    },
    p.establishedOn,
  );
  const ila = story.interlocalAgreement;
  if (ila)
    yield rec.fact(
      p.stream,
      'ParticipationRequirementSet',
      { requirement: 'interlocal-agreement', esc: ila.esc, deadline: ila.deadline, setOn: ila.setOn },
      ila.setOn,
    );
  for (const c of story.contracts) yield rec.fact(c.stream, 'CooperativeContractAwarded', c.award, c.award.awardedOn);

  const leaAt = (i: number): Lea => leaProfile(story, i);
  let studentSum = 0;
  for (let i = 0; i < leaCount; i++) studentSum += leaAt(i).students;
  const demandOf = (weightBefore: number, lea: Lea) => ({
    devices: apportioned(Math.round(story.demand.devices * story.scale), weightBefore, lea.students, studentSum),
    hotspots: apportioned(Math.round(story.demand.hotspots * story.scale), weightBefore, lea.students, studentSum),
  });

  // Phase 1: LEAs register, join, estimate their need and (most of them) approve the agreement on time.
  let before = 0;
  for (let i = 0; i < leaCount; i++) {
    const lea = leaAt(i);
    const need = demandOf(before, lea);
    before += lea.students;
    yield rec.fact(
      lea.stream,
      'ApplicantRegistered',
      {
        name: lea.name,
        kind: 'school-district',
        usState: story.leas.usState,
        students: lea.students,
        nslpEligibleStudents: lea.nslpEligible,
        economicallyDisadvantagedStudents: lea.economicallyDisadvantaged,
        locale: lea.locale,
        cep: lea.cep,
        memberApplicantIds: [],
      },
      story.leas.registeredOn,
    );
    yield rec.fact(lea.stream, 'ProgramJoined', { program: p.stream, joinedOn: lea.joinedOn }, lea.joinedOn);
    yield rec.fact(
      lea.stream,
      'NeedEstimated',
      {
        area: `${lea.name} attendance area`,
        devices: need.devices,
        hotspots: need.hotspots,
        unconnectedHouseholds: Math.round(need.hotspots * 0.9),
        estimatedOn: lea.joinedOn,
      },
      lea.joinedOn,
    );
    if (ila && lea.agreement === 'on-time')
      yield rec.fact(
        lea.stream,
        'InterlocalAgreementApproved',
        { program: p.stream, esc: ila.esc, approvedOn: lea.agreementOn },
        lea.agreementOn,
      );
  }

  // Phase 2: the program allocates to each LEA the state share of its estimated need at list price
  // (the first tier), so counted orders fit; a few LEAs get less and overspend their allocation.
  let allocated = 0;
  before = 0;
  for (let i = 0; i < leaCount; i++) {
    const lea = leaAt(i);
    const need = demandOf(before, lea);
    before += lea.students;
    const listCost = story.contracts.reduce(
      (total, c) => total + c.bundles.reduce((t, b) => t + need[b.need] * listUnitPrice(c, b), 0),
      0,
    );
    const short = new SeededRandom(`${story.scenario}/${story.seed}/allocation/${i}`).chance(story.underAllocatedShare);
    const share = allowedStateShare(story.program.terms.share, lea, listCost);
    const amount = Math.min(funds - allocated, Math.ceil((short ? share * 0.6 : share) / 100) * 100);
    allocated += amount;
    if (amount > 0)
      yield rec.fact(
        p.stream,
        'ProgramFundsAllocated',
        { applicant: lea.stream, amount, allocatedOn: addDays(lea.joinedOn, 7) },
        addDays(lea.joinedOn, 7),
      );
  }

  // Phase 3: quotes and orders, priced at the tier the contract's cohort has reached.
  const cohort = new Map<string, number>();
  const orders: PlacedOrder[] = [];
  before = 0;
  for (let i = 0; i < leaCount; i++) {
    const lea = leaAt(i);
    const need = demandOf(before, lea);
    before += lea.students;
    const rnd = new SeededRandom(`${story.scenario}/${story.seed}/orders/${i}`);
    /**
     * A quote, then the order at the quoted prices; returns its state share, within the program's cost share unless the
     * story breaches it.
     */
    const placeOrder = function* (
      contract: string,
      stream: string,
      lines: OrderLine[],
      quotedOn: string,
      placedOn: string,
    ): Generator<ScenarioAppend, number> {
      yield rec.fact(stream, 'QuoteReceived', { contract, quotedOn, lines }, quotedOn);
      const total = lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0);
      const allowed = allowedStateShare(story.program.terms.share, lea, total);
      const stateShare = rnd.chance(story.costShareBreachShare)
        ? Math.min(total, allowed + Math.ceil(total / 20))
        : allowed;
      yield rec.fact(
        stream,
        'OrderPlaced',
        {
          program: p.stream,
          contract,
          applicant: lea.stream,
          placedOn,
          lines,
          stateShare,
          districtShare: total - stateShare,
        },
        placedOn,
      );
      return stateShare;
    };
    for (const contract of story.contracts) {
      for (const bundle of contract.bundles) {
        const units = need[bundle.need];
        if (units === 0) continue;
        const choice = weightedChoice(rnd, bundle.choices);
        const placedOn = orderDate(story, lea, rnd);
        const stream = `order-${lea.stream.slice('applicant-'.length)}-${bundle.tag}`;
        // Priced at the tier the cohort reaches with this order.
        const priced = (): OrderLine[] =>
          choice.itemIds.map((itemId) => {
            const item = contract.award.catalog.find((c) => c.itemId === itemId);
            if (!item) throw new Error(`Story bug: ${itemId} is not in the catalog of ${contract.stream}`);
            return {
              itemId,
              kind: item.kind,
              quantity: units,
              unitPrice: tierPrice(item, (cohort.get(itemId) ?? 0) + units),
            };
          });
        const lines = priced();
        const stateShare = yield* placeOrder(
          contract.stream,
          stream,
          lines,
          addDays(placedOn, -rnd.int(3, 10)),
          placedOn,
        );
        const cancelled = rnd.chance(story.cancelShare);
        const counted = (on: string): boolean => !ila || (lea.agreement !== 'missing' && lea.agreementOn <= on);
        orders.push({
          stream,
          lea,
          placedOn,
          stateShare,
          counted: counted(placedOn),
          cancelled,
          units,
          need: bundle.need,
        });
        if (cancelled) {
          // Cancelled at once, so the cohort that prices the next order never counted it; the district
          // then orders the same units again under its revised plan, so the program still buys them.
          const cancelledOn = addDays(placedOn, rnd.int(1, 5));
          yield rec.fact(
            stream,
            'OrderCancelled',
            { cancelledOn, reason: 'District revised its device plan before shipment' },
            cancelledOn,
          );
          const revisedOn = addDays(cancelledOn, rnd.int(7, 21));
          const revised = `${stream}-revised`;
          const revisedLines = priced();
          const revisedShare = yield* placeOrder(
            contract.stream,
            revised,
            revisedLines,
            addDays(revisedOn, -rnd.int(1, 3)),
            revisedOn,
          );
          for (const l of revisedLines) cohort.set(l.itemId, (cohort.get(l.itemId) ?? 0) + l.quantity);
          orders.push({
            stream: revised,
            lea,
            placedOn: revisedOn,
            stateShare: revisedShare,
            counted: counted(revisedOn),
            cancelled: false,
            units,
            need: bundle.need,
          });
        } else {
          for (const l of lines) cohort.set(l.itemId, (cohort.get(l.itemId) ?? 0) + l.quantity);
        }
      }
    }
  }

  // Phase 4: late agreements arrive after the deadline, some after orders were already placed.
  if (ila) {
    for (let i = 0; i < leaCount; i++) {
      const lea = leaAt(i);
      if (lea.agreement === 'late')
        yield rec.fact(
          lea.stream,
          'InterlocalAgreementApproved',
          { program: p.stream, esc: ila.esc, approvedOn: lea.agreementOn },
          lea.agreementOn,
        );
    }
  }

  // Phase 5: deliveries, claims of the state share and reimbursements.
  for (const o of orders) {
    if (o.cancelled) continue;
    const rnd = new SeededRandom(`${story.scenario}/${story.seed}/fulfil/${o.stream}`);
    const deliveredOn = addDays(o.placedOn, rnd.int(14, 45));
    yield rec.fact(o.stream, 'OrderDelivered', { deliveredOn }, deliveredOn);
    if (!o.counted || o.stateShare === 0) continue;
    const claimedOn = addDays(deliveredOn, rnd.int(10, 30));
    yield rec.fact(o.stream, 'CostShareClaimed', { claimId: 'claim-1', amount: o.stateShare, claimedOn }, claimedOn);
    const payment = rnd.next();
    if (payment < 0.05) continue;
    const paidOn = addDays(claimedOn, rnd.int(20, 45));
    const amount = payment < 0.15 ? Math.floor(o.stateShare / 2) : o.stateShare;
    if (amount > 0) yield rec.fact(o.stream, 'ReimbursementPaid', { claimId: 'claim-1', amount, paidOn }, paidOn);
  }

  // Phase 6: SLA breaches on delivered orders; most remedied in time, some late, some still open.
  for (const o of orders) {
    if (o.cancelled) continue;
    const rnd = new SeededRandom(`${story.scenario}/${story.seed}/sla/${o.stream}`);
    if (!rnd.chance(story.sla.breachShare)) continue;
    const reportedOn = addDays(o.placedOn, rnd.int(60, 400));
    const units = Math.max(1, Math.min(o.units, Math.round((o.units * rnd.int(1, 4)) / 100)));
    yield rec.fact(
      o.stream,
      'SlaBreachReported',
      {
        breachId: 'breach-1',
        reportedOn,
        units,
        description:
          o.need === 'hotspots'
            ? rnd.pick([
                `${units} hotspots dropped connections daily`,
                `${units} hotspots arrived without activated data plans`,
              ])
            : rnd.pick([`${units} devices failed to power on`, `${units} devices returned with cracked screens`]),
      },
      reportedOn,
    );
    const outcome = rnd.next();
    if (outcome < story.sla.openShare) continue;
    const late = outcome < story.sla.openShare + story.sla.lateRemedyShare;
    const appliedOn = addDays(
      reportedOn,
      late ? story.sla.remedyWithinDays + rnd.int(3, 30) : rnd.int(1, story.sla.remedyWithinDays),
    );
    yield rec.fact(
      o.stream,
      'SlaRemedyApplied',
      { breachId: 'breach-1', remedy: rnd.pick(story.sla.remedies), appliedOn },
      appliedOn,
    );
  }
}

/**
 * An LEA's profile, a pure function of the story's seed and the LEA's index, so phases can recompute it instead of
 * storing it.
 */
function leaProfile(story: StateProgramStory, i: number): Lea {
  const rnd = new SeededRandom(`${story.scenario}/${story.seed}/lea/${i}`);
  const students = rnd.logNormal(story.leas.medianStudents, 1.2, 60, 200_000);
  const edShare = rnd.int(15, 95);
  const economicallyDisadvantaged = Math.round((students * edShare) / 100);
  const ila = story.interlocalAgreement;
  const joinedOn = addDays(ila?.setOn ?? story.program.establishedOn, rnd.int(0, 20));
  const roll = rnd.next();
  // The first LEA always has its agreement on time, so a small run still shows a counted order.
  const agreement: Lea['agreement'] =
    i === 0 || !ila
      ? 'on-time'
      : roll < ila.missingShare
        ? 'missing'
        : roll < ila.missingShare + ila.lateShare
          ? 'late'
          : 'on-time';
  const agreementOn = !ila
    ? joinedOn
    : agreement === 'late'
      ? addDays(ila.deadline, rnd.int(3, 40))
      : minDate(addDays(joinedOn, rnd.int(2, 25)), ila.deadline);
  return {
    index: i,
    stream: `${story.leas.streamPrefix}-${padded(i + 1)}`,
    name: `${PLACE_NAMES[i % PLACE_NAMES.length]!} ${story.leas.nameSuffix}${i >= PLACE_NAMES.length ? ` ${Math.floor(i / PLACE_NAMES.length) + 1}` : ''}`,
    students,
    economicallyDisadvantaged,
    nslpEligible: Math.min(students, Math.round(economicallyDisadvantaged * (0.9 + rnd.next() * 0.15))),
    locale: rnd.chance(0.55) ? 'rural' : 'urban',
    cep: edShare >= 60 && rnd.chance(0.5),
    joinedOn,
    agreement,
    agreementOn,
  };
}

const minDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a <= b ? a : b);

/**
 * Orders follow the agreement when there is one; late and missing LEAs order anyway and are recorded but not counted.
 */
function orderDate(story: StateProgramStory, lea: Lea, rnd: SeededRandom): CalendarDate {
  const earliest = story.ordersFrom > lea.joinedOn ? story.ordersFrom : lea.joinedOn;
  if (lea.agreement === 'on-time')
    return addDays(lea.agreementOn > earliest ? lea.agreementOn : earliest, rnd.int(1, 30));
  if (lea.agreement === 'late' && rnd.chance(0.5)) return addDays(lea.agreementOn, rnd.int(1, 20));
  return addDays(earliest, rnd.int(5, 40));
}

function weightedChoice<T extends { weight: number }>(rnd: SeededRandom, choices: readonly T[]): T {
  const total = choices.reduce((t, c) => t + c.weight, 0);
  let roll = rnd.next() * total;
  for (const c of choices) {
    roll -= c.weight;
    if (roll < 0) return c;
  }
  return choices[choices.length - 1]!;
}

/** The most a unit of need can cost under a bundle: its dearest choice at first-tier prices. */
const listUnitPrice = (contract: StoryContract, bundle: StoryContract['bundles'][number]): number =>
  Math.max(
    ...bundle.choices.map((choice) =>
      choice.itemIds.reduce(
        (t, id) => t + (contract.award.catalog.find((c) => c.itemId === id)?.priceTiers[0]?.unitPrice ?? 0),
        0,
      ),
    ),
  );

const tierPrice = (item: CatalogItem, cohortQuantityThrough: number): number =>
  volumeTierRule.apply({ cohortQuantity: cohortQuantityThrough }, item.priceTiers).reached.unitPrice;

/** What the program's recorded terms let the state pay, rounded down to the cent as the program's rules do. */
function allowedStateShare(share: ShareTerms, lea: Lea, total: number): number {
  switch (share.kind) {
    case 'fixed-split':
      return fixedSplitCostShareRule.apply({ eligibleTotal: total }, share).maxStateShare;
    case 'flat-match':
      return flatMatchRule.apply({ eligibleTotal: total }, share).stateMatch;
    case 'matching-by-economically-disadvantaged-share':
      return economicallyDisadvantagedMatchRule.apply(
        { students: lea.students, economicallyDisadvantagedStudents: lea.economicallyDisadvantaged, total },
        share.bands,
      ).stateMatch;
    default: {
      const unknown: never = share;
      throw new Error(`Unknown share terms ${JSON.stringify(unknown)}`);
    }
  }
}
