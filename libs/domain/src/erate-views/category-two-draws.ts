import { type FactsLookup } from '../shared/facts';
import { type Finding } from '../shared/finding';
import { type Cents, formatUsd, sum } from '../shared/money';
import { type ApplicantDirectory } from '../applicant/directory';
import { type ApplicantState } from '../applicant/state';
import { type FrnState } from '../funding-request/state';
import { findingOf } from '../rules/erate/breach';
import { categoryTwoBudgetRule, type CategoryTwoBudget } from '../rules/erate/category-two-budget-rule';
import { type ErateParams } from '../rule-set/erate-params';
import { type DraftedFrn } from './frn-context';
import { erateRuleSetOfFrn, frnFigures } from './frn-figures';
import { type CategoryTwoBudgetView } from './funding-request-view';

const isDrafted = (s: FrnState | undefined): s is DraftedFrn => s?.draft !== undefined;
const registered = (s: ApplicantState | undefined): s is ApplicantState => s?.registered === true;

/**
 * Whose budget an applicant's requests draw on: a school in a registered district (named or listing it)
 * draws on the district's, a library outlet its registered library system lists on the system's (FCC
 * 19-117: one budget per district, one system-wide budget per library system).
 */
export function budgetHolderOf(stream: string, directory: ApplicantDirectory): string {
  const kind = directory.get(stream)?.kind;
  const holder =
    kind === 'school'
      ? directory.districtOf(stream)
      : kind === 'library'
        ? directory.librarySystemOf(stream)
        : undefined;
  return holder !== undefined && registered(directory.get(holder)) ? holder : stream;
}

/**
 * The applicants whose own requests draw on a holder's budget: itself, and a district's schools or a library system's
 * outlets.
 */
function drawersOn(holder: string, directory: ApplicantDirectory): string[] {
  const a = directory.get(holder);
  if (a?.kind === 'school-district') return [holder, ...directory.schoolsOf(holder)];
  if (a?.kind === 'library-system') return [holder, ...a.memberApplicantIds];
  return [holder];
}

/**
 * What one request draws on each budget: a consortium's lines on the member each serves (lines naming
 * no member draw on none), any other request's whole eligible cost on its applicant's holder.
 */
function drawsOf(
  state: DraftedFrn,
  eligiblePerLine: readonly Cents[],
  directory: ApplicantDirectory,
): Map<string, Cents> {
  const draws = new Map<string, Cents>();
  const add = (holder: string, amount: Cents) => draws.set(holder, (draws.get(holder) ?? 0) + amount);
  const applicant = directory.get(state.draft.applicant);
  if (applicant?.kind === 'consortium') {
    state.lines.forEach((l, i) => {
      if (l.entity !== undefined && applicant.memberApplicantIds.includes(l.entity))
        add(budgetHolderOf(l.entity, directory), eligiblePerLine[i]!);
    });
  } else {
    add(budgetHolderOf(state.draft.applicant, directory), sum(eligiblePerLine));
  }
  return draws;
}

/**
 * Requests that may draw on a holder's budget: its own, its schools' or outlets', and those of consortia any of them
 * belong to.
 */
function requestsAround(holder: string, directory: ApplicantDirectory, facts: FactsLookup): string[] {
  const drawers = drawersOn(holder, directory);
  const consortia = drawers.flatMap((d) =>
    facts.linkedFrom(d, 'applicant').filter((c) => {
      const s = directory.get(c);
      return s?.kind === 'consortium' && s.memberApplicantIds.includes(d);
    }),
  );
  return [...new Set([...drawers, ...consortia].flatMap((s) => facts.linkedFrom(s, 'frn')))];
}

export interface CategoryTwoBudgetOutcomeView {
  view: CategoryTwoBudgetView | null;
  findings: Finding[];
}

/**
 * The Category 2 budgets one request draws on, each with what the holder's other requests of the
 * cycle (its own, its schools' or outlets', its consortia's lines for it) already use. A member cannot spend its
 * budget twice: its own requests and its share of consortium requests count against one budget.
 */
export function categoryTwoBudgets(
  frn: string,
  state: DraftedFrn,
  eligiblePerLine: readonly Cents[],
  directory: ApplicantDirectory,
  ruleSet: { id: string; params: ErateParams },
  facts: FactsLookup,
): CategoryTwoBudgetOutcomeView {
  const draft = state.draft;
  const applicant = directory.get(draft.applicant);
  if (draft.category !== 2 || !registered(applicant)) return { view: null, findings: [] };
  const finding = (severity: Finding['severity'], message: string, sourceEventIds: string[]) =>
    findingOf(categoryTwoBudgetRule, ruleSet.id, frn, { severity, message, sourceEventIds });
  const b = ruleSet.params.categoryTwoBudget;
  if (b.basis === 'unsupported')
    return {
      view: null,
      findings: [finding('info', `No Category 2 budget is computed under ${ruleSet.id}: ${b.reason}`, [draft.eventId])],
    };
  const last = b.cycleStartFundingYear + b.cycleYears - 1;
  if (draft.fundingYear < b.cycleStartFundingYear || draft.fundingYear > last) {
    return {
      view: null,
      findings: [
        finding(
          'warning',
          `FY${draft.fundingYear} is outside the FY${b.cycleStartFundingYear}–${last} budget cycle of ${ruleSet.id}: no Category 2 budget is computed`,
          [draft.eventId],
        ),
      ],
    };
  }

  const findings: Finding[] = [];
  if (applicant.kind === 'consortium') {
    const unnamed = state.lines.filter((l) => l.entity === undefined);
    if (unnamed.length > 0)
      findings.push(
        finding(
          'warning',
          `Lines ${unnamed.map((l) => l.lineId).join(', ')} of this consortium request name no member: they draw on no member's Category 2 budget`,
          [...new Set(unnamed.map((l) => l.lastSetBy))],
        ),
      );
    const strangers = state.lines.filter(
      (l) => l.entity !== undefined && !applicant.memberApplicantIds.includes(l.entity),
    );
    if (strangers.length > 0) {
      findings.push(
        finding(
          'warning',
          `Lines ${strangers.map((l) => `${l.lineId} (${l.entity})`).join(', ')} name applicants that are not members of ${draft.applicant}: they draw on no budget`,
          [...new Set([...strangers.map((l) => l.lastSetBy), ...applicant.profileEventIds])],
        ),
      );
    }
  }

  const cycle = { firstFundingYear: b.cycleStartFundingYear, lastFundingYear: last };
  const drawn = [...drawsOf(state, eligiblePerLine, directory)];
  const unregistered = drawn.filter(([holder]) => !registered(directory.get(holder))).map(([holder]) => holder);
  if (unregistered.length > 0)
    findings.push(
      finding(
        'warning',
        `${unregistered.join(', ')} ${unregistered.length === 1 ? 'is' : 'are'} not registered: no Category 2 budget can be read for ${unregistered.length === 1 ? 'it' : 'them'}`,
        [draft.eventId],
      ),
    );
  const draws = drawn
    .filter(([holder]) => registered(directory.get(holder)))
    .map(([holder, thisRequest]) => {
      const budget = categoryTwoBudgetRule.apply(
        { holder, directory, fundingYear: draft.fundingYear },
        ruleSet.params,
      ) as CategoryTwoBudget;
      const otherRequests = requestsAround(holder, directory, facts)
        .filter((other) => other !== frn)
        .flatMap((other) => {
          const s = facts.state<FrnState>(other);
          if (
            !isDrafted(s) ||
            s.draft.category !== 2 ||
            s.status === 'denied' ||
            s.draft.fundingYear < cycle.firstFundingYear ||
            s.draft.fundingYear > cycle.lastFundingYear
          )
            return [];
          const otherRuleSet = erateRuleSetOfFrn(s.draft, facts);
          if (!otherRuleSet) return [];
          const amount =
            drawsOf(s, frnFigures(s, otherRuleSet, false).eligibleCost.eligiblePerLine, directory).get(holder) ?? 0;
          return amount > 0 ? [{ frn: other, amount, eventId: s.draft.eventId }] : [];
        });
      const used = sum(otherRequests.map((o) => o.amount));
      const remaining = budget.budget - used - thisRequest;
      if (remaining < 0) {
        findings.push(
          finding(
            'violation',
            `Category 2 requests of FY${cycle.firstFundingYear}–${cycle.lastFundingYear} drawing on ${holder}'s ${formatUsd(budget.budget)} budget exceed it by ${formatUsd(-remaining)}`,
            [draft.eventId, ...otherRequests.map((o) => o.eventId), ...budget.sourceEventIds],
          ),
        );
      }
      return {
        holder,
        budget,
        thisRequest,
        otherRequests: otherRequests.map(({ frn: f, amount }) => ({ frn: f, amount })),
        usedByOtherRequests: used,
        remainingAfterThisRequest: remaining,
      };
    });
  const view: CategoryTwoBudgetView = {
    cycle,
    budget: sum(draws.map((d) => d.budget.budget)),
    basis: draws.map((d) => `${d.holder}: ${d.budget.basis}`).join('; '),
    usedByOtherRequests: sum(draws.map((d) => d.usedByOtherRequests)),
    remainingAfterThisRequest: sum(draws.map((d) => d.remainingAfterThisRequest)),
    draws,
  };
  return { view, findings };
}
