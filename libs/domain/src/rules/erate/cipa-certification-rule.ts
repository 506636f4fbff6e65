import { type CalendarDate } from '../../shared/dates';
import { assertNever } from '../../shared/errors';
import { type Rule } from '../../shared/rule';
import { type CipaCertification } from '../../funding-request/events';
import { type Breach } from './breach';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

export interface CipaFacts {
  category: 1 | 2;
  /** `cipa` absent: a Form 486 recorded before the certification was recorded with it. */
  form486: { filedOn: CalendarDate; cipa?: CipaCertification; eventId: string };
}

/**
 * Discounts on Internet access and internal connections need the CIPA certification on the Form 486.
 * Category 2 (internal connections) is always covered, so "telecommunications services only" cannot
 * be certified for it; for Category 1 the ledger cannot tell telecommunications from Internet access.
 */
export const cipaCertificationRule: Rule<CipaFacts, Breach[], ErateParams> = {
  id: 'erate.cipa-certification',
  citation: `${cfr('54.520')}; ${ERATE_SOURCES.form486}`,
  apply: ({ category, form486: f }) => {
    const on = `Form 486 filed on ${f.filedOn}`;
    const at = [f.eventId];
    switch (f.cipa) {
      case undefined:
        return [{ severity: 'warning', message: `${on}: its CIPA certification is not recorded`, sourceEventIds: at }];
      case 'compliant':
        return [];
      case 'undertaking-actions':
        return [
          {
            severity: 'warning',
            message: `${on} certifies the recipients are undertaking actions to comply with CIPA, which is allowed only in their first funding year of discounts on Internet access or internal connections`,
            sourceEventIds: at,
          },
        ];
      case 'not-applicable':
        return category === 2
          ? [
              {
                severity: 'violation',
                message: `${on} certifies CIPA does not apply (telecommunications services only), but Category 2 internal connections are covered by CIPA`,
                sourceEventIds: at,
              },
            ]
          : [
              {
                severity: 'info',
                message: `${on} certifies CIPA does not apply: the request must be for telecommunications services only, not Internet access`,
                sourceEventIds: at,
              },
            ];
      case 'not-compliant':
        return [
          {
            severity: 'violation',
            message: `${on} records that the recipients do not comply with CIPA: no discounts on Internet access or internal connections`,
            sourceEventIds: at,
          },
        ];
      default:
        return assertNever(f.cipa);
    }
  },
};
