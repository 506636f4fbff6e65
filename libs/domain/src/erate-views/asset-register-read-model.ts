import { type CalendarDate } from '../shared/dates';
import { type FactsLookup } from '../shared/facts';
import { type Finding } from '../shared/finding';
import { type Cents } from '../shared/money';
import { type ReadModel } from '../shared/read-model';
import { type AssetState } from '../asset/state';
import { type FrnState } from '../funding-request/state';
import { findingOf } from '../rules/erate/breach';
import { ineligibleIdentificationRule } from '../rules/erate/frn-line-rules';
import { tradeInEligibilityRule } from '../rules/erate/program-dates-rules';
import { erateRuleSetOnDate } from '../rule-set/erate-rule-set-lookup';
import { erateRuleSetOfFrn } from './frn-figures';

export interface AssetView {
  asset: string;
  lineId: string | null;
  product: string;
  model: string | null;
  location: string | null;
  eligible: boolean;
  quantity: number;
  installedOn: CalendarDate;
  tradeInEligibleOn: CalendarDate;
  status: 'in-service' | 'traded-in' | 'disposed';
  tradeIn: {
    tradedInOn: CalendarDate;
    value: Cents;
    appliedToFrn: string | null;
    early: boolean;
    sourceEventId: string;
  } | null;
  disposal: { disposedOn: CalendarDate; method: string; sourceEventId: string } | null;
  sourceEventIds: string[];
}

export interface AssetRegisterView {
  frn: string;
  position: number;
  ruleSet: string;
  assets: AssetView[];
  findings: Finding[];
}

/** The assets one FRN funded (not those whose trade-in merely paid its share), with their findings. */
export function renderAssetRegister(frn: string, facts: FactsLookup): AssetRegisterView | undefined {
  const draft = facts.state<FrnState>(frn)?.draft;
  if (!draft) return undefined;
  // Assets follow their request's set; a request no set covers leaves them to the set for the day it was drafted.
  const ruleSet = erateRuleSetOfFrn(draft, facts) ?? erateRuleSetOnDate(facts, undefined, draft.draftedOn);
  const p = ruleSet.params;
  const findings: Finding[] = [];
  const assets = facts
    .linkedFrom(frn, 'asset')
    .map((asset) => ({ asset, state: facts.state<AssetState>(asset) }))
    .filter(
      (a): a is { asset: string; state: AssetState & { installed: NonNullable<AssetState['installed']> } } =>
        a.state?.installed?.frn === frn,
    )
    .map(({ asset, state }): AssetView => {
      const i = state.installed;
      const tradeInEligibleOn = tradeInEligibilityRule.apply({ installedOn: i.installedOn }, p);
      const early = state.tradeIn !== undefined && state.tradeIn.tradedInOn < tradeInEligibleOn;
      if (early) {
        findings.push(
          findingOf(tradeInEligibilityRule, ruleSet.id, asset, {
            severity: 'violation',
            message: `Traded in on ${state.tradeIn!.tradedInOn}, before ${tradeInEligibleOn} (five years after installation on ${i.installedOn})`,
            sourceEventIds: [i.eventId, state.tradeIn!.eventId],
          }),
        );
      }
      ineligibleIdentificationRule
        .apply(
          {
            items: [
              {
                label: `asset ${asset} (${i.product})`,
                eligible: i.eligible,
                product: i.product,
                model: i.model,
                location: i.location,
                sourceEventIds: [i.eventId],
              },
            ],
          },
          p,
        )
        .forEach((b) => findings.push(findingOf(ineligibleIdentificationRule, ruleSet.id, asset, b)));
      return {
        asset,
        lineId: i.lineId ?? null,
        product: i.product,
        model: i.model ?? null,
        location: i.location ?? null,
        eligible: i.eligible,
        quantity: i.quantity,
        installedOn: i.installedOn,
        tradeInEligibleOn,
        status: state.tradeIn ? 'traded-in' : state.disposal ? 'disposed' : 'in-service',
        tradeIn: state.tradeIn
          ? {
              tradedInOn: state.tradeIn.tradedInOn,
              value: state.tradeIn.value,
              appliedToFrn: state.tradeIn.appliedToFrn ?? null,
              early,
              sourceEventId: state.tradeIn.eventId,
            }
          : null,
        disposal: state.disposal
          ? {
              disposedOn: state.disposal.disposedOn,
              method: state.disposal.method,
              sourceEventId: state.disposal.eventId,
            }
          : null,
        sourceEventIds: [
          i.eventId,
          ...(state.tradeIn ? [state.tradeIn.eventId] : []),
          ...(state.disposal ? [state.disposal.eventId] : []),
        ],
      };
    });
  return { frn, position: facts.position, ruleSet: ruleSet.id, assets, findings };
}

export const assetRegisterReadModel: ReadModel<AssetRegisterView> = {
  name: 'asset-register',
  rootPrefix: 'frn',
  render: renderAssetRegister,
};
