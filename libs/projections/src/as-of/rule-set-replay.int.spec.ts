import {
  adoptionOf,
  erate2030,
  ERATE_RULE_SET_STREAM,
  type ErateParams,
  type ErateRuleSetAdopted,
  type FundingRequestView,
  fundingRequestReadModel,
  ledgerStreams,
} from '@ledger/domain';
import { InMemoryEventStore, type JsonObject } from '@ledger/event-store';
import { ReadModels, ReadModelStore, renderAsOf } from '../index';
import { readLog } from '../../test/store-helpers';

const FRN = 'frn-2027-c2';
const at = (occurredAt: string) => ({ schemaVersion: 1, occurredAt });

/**
 * erate-2030 with another per-student multiplier, superseding it for FY2026–2030, as an admin would adopt a correction.
 */
const corrected: ErateRuleSetAdopted = {
  ...adoptionOf(erate2030, '2027-01-15'),
  id: 'erate-2030-r2',
  description: 'E-Rate FY2026–FY2030, corrected per-student multiplier',
  params: {
    ...erate2030.params,
    categoryTwoBudget: {
      ...(erate2030.params.categoryTwoBudget as Extract<ErateParams['categoryTwoBudget'], { basis: 'district-wide' }>),
      perStudent: 21_000,
    },
  },
  supersedes: 'erate-2030',
};

describe('as-of replay of a figure decided before a superseding rule set', () => {
  it('keeps the old set at the old position and shows the new set after the adoption', async () => {
    const events = new InMemoryEventStore();
    await events.append('applicant-lea', [
      {
        type: 'ApplicantRegistered',
        data: {
          name: 'Lincoln USD',
          kind: 'school-district',
          usState: 'MS',
          students: 1_000,
          nslpEligibleStudents: 600,
          economicallyDisadvantagedStudents: 600,
          locale: 'urban',
          cep: false,
          memberApplicantIds: [],
        },
        metadata: at('2026-09-01T00:00:00Z'),
      },
    ]);
    const drafted = await events.append(FRN, [
      {
        type: 'FundingRequestDrafted',
        data: {
          applicant: 'applicant-lea',
          category: 2,
          spin: '143000001',
          procurement: 'procurement-470',
          fundingYear: 2027,
          serviceStartDate: '2027-07-01',
          lines: [
            {
              lineId: 'L1',
              product: 'Switch',
              eligible: true,
              ancillary: false,
              specificallyRequested: true,
              quantity: 1,
              usualUnitPrice: 100_000,
            },
          ],
        },
        metadata: at('2026-12-01T00:00:00Z'),
      },
    ]);
    const adopted = await events.append(ERATE_RULE_SET_STREAM, [
      { type: 'ErateRuleSetAdopted', data: corrected as unknown as JsonObject, metadata: at('2027-01-15T00:00:00Z') },
    ]);

    const store = ReadModelStore.open({ file: ':memory:', catalog: ledgerStreams, upcasters: [] });
    try {
      store.applyBatch(await readLog(events));
      const live = new ReadModels(store);
      const before = drafted.positions[0]!;
      const after = adopted.positions[0]!;
      const asOf = async (position: number) =>
        (await renderAsOf(fundingRequestReadModel, FRN, position, { eventStore: events, live }))
          .model as FundingRequestView;

      const then = await asOf(before);
      expect([then.ruleSet, then.categoryTwoBudget?.budget]).toEqual(['erate-2030', 20_157 * 1_000]);
      const now = await asOf(after);
      expect([now.ruleSet, now.categoryTwoBudget?.budget]).toEqual(['erate-2030-r2', 21_000 * 1_000]);
      expect((fundingRequestReadModel.render(FRN, live) as FundingRequestView).ruleSet).toBe('erate-2030-r2');
    } finally {
      store.close();
    }
  });
});
