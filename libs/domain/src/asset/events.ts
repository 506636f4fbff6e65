import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import { bool, calendarDate, cents, optional, positiveCount, text, validator } from '../shared/validation';

export interface AssetInstalled {
  frn: string;
  lineId?: string;
  installedOn: CalendarDate;
  product: string;
  model?: string;
  location?: string;
  eligible: boolean;
  quantity: number;
}
export interface AssetTradedIn {
  tradedInOn: CalendarDate;
  value: Cents;
  appliedToFrn?: string;
}
export interface AssetDisposed {
  disposedOn: CalendarDate;
  method: string;
}

export type AssetEvent =
  | DomainEvent<'AssetInstalled', AssetInstalled>
  | DomainEvent<'AssetTradedIn', AssetTradedIn>
  | DomainEvent<'AssetDisposed', AssetDisposed>;

export const assetEvents: StreamDefinition<AssetEvent>['events'] = {
  AssetInstalled: {
    description: 'Equipment funded by an FRN was installed',
    schemaVersion: 1,
    validate: validator({
      frn: streamReference('frn'),
      lineId: optional(text),
      installedOn: calendarDate,
      product: text,
      model: optional(text),
      location: optional(text),
      eligible: bool,
      quantity: positiveCount,
    }),
    example: {
      frn: 'frn-2025-001',
      lineId: 'L1',
      installedOn: '2025-08-15',
      product: 'Wireless access point',
      model: 'AP-515',
      location: 'Lincoln Elementary, room 12',
      eligible: true,
      quantity: 1,
    },
  },
  AssetTradedIn: {
    description: 'The asset was traded in; its value may pay another FRN’s non-discount share',
    schemaVersion: 1,
    validate: validator({ tradedInOn: calendarDate, value: cents, appliedToFrn: optional(streamReference('frn')) }),
    example: { tradedInOn: '2030-09-01', value: 15_000, appliedToFrn: 'frn-2030-004' },
  },
  AssetDisposed: {
    description: 'The asset was disposed of',
    schemaVersion: 1,
    validate: validator({ disposedOn: calendarDate, method: text }),
    example: { disposedOn: '2031-01-10', method: 'Recycled' },
  },
};
