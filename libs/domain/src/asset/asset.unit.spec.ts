import { fact } from '../../testing/scenario';
import { refusalCode } from '../../testing/refusal-code';
import { erateScenario, frnDrafted } from '../../testing/erate-fixtures';
import { assetEvents } from './events';
import { assetStream } from './stream';

const installed = (frn = 'frn-1') =>
  fact('asset-1', 'AssetInstalled', {
    frn,
    installedOn: '2020-08-15',
    product: 'Switch',
    model: 'SW-48',
    location: 'MDF',
    eligible: true,
    quantity: 1,
  });

describe('asset decider', () => {
  it('refuses an asset funded by an FRN never drafted', () => {
    expect(refusalCode(() => erateScenario().record(installed('frn-unknown')))).toBe('frn-not-drafted');
  });
  it('refuses a trade-in or disposal of an asset never installed', () => {
    const s = erateScenario();
    expect(
      refusalCode(() => s.record(fact('asset-1', 'AssetTradedIn', { tradedInOn: '2026-01-01', value: 100 }))),
    ).toBe('asset-not-installed');
    expect(
      refusalCode(() => s.record(fact('asset-1', 'AssetDisposed', { disposedOn: '2026-01-01', method: 'Recycled' }))),
    ).toBe('asset-not-installed');
  });
  it('refuses a trade-in applied to an FRN never drafted, before installation, or of an asset already gone', () => {
    const s = erateScenario().given(frnDrafted('frn-1'), installed());
    expect(
      refusalCode(() =>
        s.record(fact('asset-1', 'AssetTradedIn', { tradedInOn: '2026-01-01', value: 100, appliedToFrn: 'frn-9' })),
      ),
    ).toBe('frn-not-drafted');
    expect(
      refusalCode(() => s.record(fact('asset-1', 'AssetTradedIn', { tradedInOn: '2020-08-14', value: 100 }))),
    ).toBe('asset-gone-before-installed');
    expect(() =>
      s.record(fact('asset-1', 'AssetDisposed', { disposedOn: '2026-01-01', method: 'Recycled' })),
    ).not.toThrow();
    expect(
      refusalCode(() => s.record(fact('asset-1', 'AssetTradedIn', { tradedInOn: '2026-01-02', value: 100 }))),
    ).toBe('asset-already-gone');
  });
  it('records an early trade-in (the asset register reports it)', () => {
    const s = erateScenario().given(frnDrafted('frn-1'), installed());
    expect(() => s.record(fact('asset-1', 'AssetTradedIn', { tradedInOn: '2022-01-01', value: 100 }))).not.toThrow();
  });
});

describe('asset validators', () => {
  it('every catalog example is valid', () => {
    for (const [type, spec] of Object.entries(assetStream.events))
      expect([type, spec.validate(spec.example)]).toEqual([type, []]);
  });
  it('name every bad field', () => {
    expect(
      assetEvents.AssetInstalled.validate({
        frn: 'asset-1',
        installedOn: '2020-13-01',
        product: '',
        eligible: 1,
        quantity: 0,
      })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['eligible', 'frn', 'installedOn', 'product', 'quantity']);
    expect(
      assetEvents.AssetTradedIn.validate({ tradedInOn: '2020-01-01', value: '100', appliedToFrn: 'frn 1' })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['appliedToFrn', 'value']);
  });
});
