import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import { applicantRegistered, erateScenario, frnDrafted, frnLine } from '../../testing/erate-fixtures';
import { assetRegisterReadModel } from './asset-register-read-model';
import { renderFundingRequest } from './funding-request-read-model';

const installed = (asset: string, frn: string, extra: Record<string, unknown> = {}) =>
  fact(asset, 'AssetInstalled', {
    frn,
    installedOn: '2020-08-15',
    product: 'Switch',
    model: 'SW-48',
    location: 'MDF',
    eligible: true,
    quantity: 1,
    ...extra,
  });

describe('asset register', () => {
  const base = () =>
    erateScenario().given(
      applicantRegistered('applicant-lea'),
      frnDrafted('frn-old', { fundingYear: 2020, category: 2 }, { occurredAt: '2020-03-01T00:00:00Z' }),
      frnDrafted('frn-new', { category: 2, lines: [frnLine({ lineId: 'L1', usualUnitPrice: usd(10_000) })] }),
      installed('asset-1', 'frn-old'),
      installed('asset-2', 'frn-old', { eligible: false, product: 'Cabinet', model: undefined, location: undefined }),
    );

  it('lists assets by FRN with location, install date and trade-in eligible date', () => {
    const v = assetRegisterReadModel.render('frn-old', base().facts)!;
    expect(v.ruleSet).toBe('erate-fsa-2015');
    expect(v.assets.map((a) => [a.asset, a.location, a.installedOn, a.tradeInEligibleOn, a.status])).toEqual([
      ['asset-1', 'MDF', '2020-08-15', '2025-08-15', 'in-service'],
      ['asset-2', null, '2020-08-15', '2025-08-15', 'in-service'],
    ]);
  });

  it('finds an ineligible component without model number or location', () => {
    const s = base();
    expect(assetRegisterReadModel.render('frn-old', s.facts)!.findings).toEqual([
      expect.objectContaining({
        ruleId: 'erate.ineligible-identification',
        subject: 'asset-2',
        message: expect.stringContaining('model, location'),
        sourceEventIds: [s.idOf('AssetInstalled', 1)],
      }),
    ]);
  });

  it('a trade-in a day before five years is a violation, and its value may not pay the other FRN’s share', () => {
    const s = base().given(
      fact('asset-1', 'AssetTradedIn', { tradedInOn: '2025-08-14', value: usd(500), appliedToFrn: 'frn-new' }),
    );
    const register = assetRegisterReadModel.render('frn-old', s.facts)!;
    expect(register.assets[0]).toEqual(
      expect.objectContaining({
        status: 'traded-in',
        tradeIn: expect.objectContaining({ early: true, appliedToFrn: 'frn-new' }),
      }),
    );
    expect(register.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'erate.trade-in', subject: 'asset-1', severity: 'violation' }),
    );
    const frn = renderFundingRequest('frn-new', s.facts)!;
    expect(frn.nonDiscountShare!.tradeIns).toEqual([expect.objectContaining({ asset: 'asset-1', counted: false })]);
    expect(frn.nonDiscountShare!.applicantPays).toBe(frn.nonDiscountShare!.amount);
    expect(frn.findings).toContainEqual(expect.objectContaining({ ruleId: 'erate.trade-in', subject: 'frn-new' }));
  });

  it('on the fifth anniversary the trade-in value pays the non-discount share of another FRN', () => {
    const s = base().given(
      fact('asset-1', 'AssetTradedIn', { tradedInOn: '2025-08-15', value: usd(500), appliedToFrn: 'frn-new' }),
    );
    expect(
      assetRegisterReadModel.render('frn-old', s.facts)!.findings.filter((f) => f.ruleId === 'erate.trade-in'),
    ).toEqual([]);
    const frn = renderFundingRequest('frn-new', s.facts)!;
    // 60% NSLP urban, Category 2: 80% discount; $10,000 eligible leaves a $2,000 share.
    expect(frn.nonDiscountShare).toEqual(expect.objectContaining({ amount: usd(2_000), applicantPays: usd(1_500) }));
    // The traded-in asset stays in its own FRN's register, not the one its value paid.
    expect(assetRegisterReadModel.render('frn-new', s.facts)!.assets).toEqual([]);
  });

  it('shows disposal', () => {
    const s = base().given(fact('asset-1', 'AssetDisposed', { disposedOn: '2026-01-10', method: 'Recycled' }));
    expect(assetRegisterReadModel.render('frn-old', s.facts)!.assets[0]).toEqual(
      expect.objectContaining({ status: 'disposed', disposal: expect.objectContaining({ method: 'Recycled' }) }),
    );
  });
});
