import { type CalendarDate } from '../shared/dates';
import { assertNever, DomainError } from '../shared/errors';
import { identifier } from '../shared/identifier';
import { type BasisPoints, type Cents } from '../shared/money';
import {
  arrayOf,
  bool,
  count,
  cents,
  object,
  oneOf,
  optional,
  percentInt,
  text,
  type Check,
} from '../shared/validation';
import { LINE_KINDS, type LineKind } from '../contract/events';

/** The state covers up to `stateMaxPercent` of the cost if the district covers at least `districtMinPercent`. */
export interface FixedSplitShare {
  kind: 'fixed-split';
  stateMaxPercent: number;
  districtMinPercent: number;
}

/** The state matches a flat share of the cost, whatever the district. */
export interface FlatMatchShare {
  kind: 'flat-match';
  matchRate: BasisPoints;
}

/**
 * One band of a match schedule: districts whose economically disadvantaged share is at least `fromShare` get
 * `matchRate`.
 */
export interface MatchBand {
  fromShare: BasisPoints;
  matchRate: BasisPoints;
}

/**
 * The state's match rate depends on the district's economically disadvantaged share, by the bands the program states.
 */
export interface BandedMatchShare {
  kind: 'matching-by-economically-disadvantaged-share';
  /** Ascending by `fromShare`, the first starting at 0. */
  bands: MatchBand[];
}

export type ShareTerms = FixedSplitShare | FlatMatchShare | BandedMatchShare;

/** The kinds of share a program may state. */
export const SHARE_KINDS = ['fixed-split', 'flat-match', 'matching-by-economically-disadvantaged-share'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** The most the state pays, where the program states a limit. */
export interface ShareCaps {
  perOrder?: Cents;
  perDistrict?: Cents;
}

/** Which order lines the state shares in: by catalog item id or by line kind; absent means every line. */
export interface EligibleItems {
  itemIds?: string[];
  kinds?: LineKind[];
}

/** A program's terms as it states them: the code knows what each kind of term means, the program gives the figures. */
export interface ProgramTerms {
  share: ShareTerms;
  caps?: ShareCaps;
  eligibleItems?: EligibleItems;
  interlocalAgreementRequired: boolean;
  /** Said when the program's terms could not be confirmed from a public source; shown as a finding. */
  unconfirmed?: string;
}

/** One version of a program's terms: the fact that recorded it and the day from which it governs orders. */
export interface TermsVersion {
  version: number;
  eventId: string;
  /** Global position of the fact; an order is judged only under terms recorded before it. */
  position: number;
  effectiveFrom: CalendarDate;
  terms: ProgramTerms;
}

// Rates are checked against 0–100% by the decider, so a rate out of range is refused naming the rule (422).
const band = object({ fromShare: count, matchRate: count });

const share: Check = (v, f) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (kind === 'fixed-split')
    return object({ kind: text, stateMaxPercent: percentInt, districtMinPercent: percentInt })(v, f);
  if (kind === 'flat-match') return object({ kind: text, matchRate: count })(v, f);
  if (kind === 'matching-by-economically-disadvantaged-share')
    return object({ kind: text, bands: arrayOf(band, { min: 1, max: 100 }) })(v, f);
  return [{ field: `${f}.kind`, message: `must be one of ${SHARE_KINDS.join(', ')}` }];
};

export const programTerms: Check = object({
  share,
  caps: optional(object({ perOrder: optional(cents), perDistrict: optional(cents) })),
  eligibleItems: optional(
    object({
      itemIds: optional(arrayOf(identifier, { max: 1_000 })),
      kinds: optional(arrayOf(oneOf(LINE_KINDS), { max: LINE_KINDS.length })),
    }),
  ),
  interlocalAgreementRequired: bool,
  unconfirmed: optional(text),
});

/** 100% in basis points: a share or rate can be no more than the whole. */
const WHOLE = 10_000;

const refuse = (code: string, message: string): never => {
  throw new DomainError(code, message);
};

function refuseContradictoryShare(s: ShareTerms): void {
  switch (s.kind) {
    case 'fixed-split':
      if (s.stateMaxPercent + s.districtMinPercent !== 100) {
        refuse(
          'terms.split-does-not-add-up',
          `A fixed split's state maximum ${s.stateMaxPercent}% and district minimum ${s.districtMinPercent}% must add up to 100%`,
        );
      }
      return;
    case 'flat-match':
      if (s.matchRate > WHOLE) refuse('terms.rate-outside-range', `A match rate of ${s.matchRate} bp is above 100%`);
      return;
    case 'matching-by-economically-disadvantaged-share':
      s.bands.forEach((b, i) => {
        if (b.fromShare > WHOLE || b.matchRate > WHOLE)
          refuse(
            'terms.rate-outside-range',
            `Band ${i} (from ${b.fromShare} bp, rate ${b.matchRate} bp) lies outside 0–100%`,
          );
      });
      if (s.bands[0]?.fromShare !== 0)
        refuse(
          'terms.bands-must-start-at-zero',
          'The first match band must start at an economically disadvantaged share of 0',
        );
      s.bands.forEach((b, i) => {
        const before = s.bands[i - 1];
        if (before && b.fromShare <= before.fromShare)
          refuse(
            'terms.bands-out-of-order',
            `Band ${i} starts at ${b.fromShare} bp, not above band ${i - 1} at ${before.fromShare} bp`,
          );
      });
      return;
    default:
      assertNever(s);
  }
}

/** Terms that contradict themselves cannot govern anything: refused, so nothing is written. */
export function refuseContradictoryTerms(terms: ProgramTerms): void {
  refuseContradictoryShare(terms.share);
  const { perOrder, perDistrict } = terms.caps ?? {};
  if (perOrder !== undefined && perDistrict !== undefined && perOrder > perDistrict) {
    refuse(
      'terms.caps-contradict',
      `A per-order cap of ${perOrder} cents cannot exceed the per-district cap of ${perDistrict} cents`,
    );
  }
  const items = terms.eligibleItems;
  if (items && (items.itemIds?.length ?? 0) + (items.kinds?.length ?? 0) === 0) {
    refuse(
      'terms.no-eligible-items',
      'eligibleItems names no item id and no line kind: leave it out to make every line eligible',
    );
  }
  for (const list of [items?.itemIds ?? [], items?.kinds ?? []]) {
    const twice = list.find((x, i) => list.indexOf(x) !== i);
    if (twice !== undefined) refuse('terms.eligible-items-repeated', `eligibleItems names ${twice} twice`);
  }
}
