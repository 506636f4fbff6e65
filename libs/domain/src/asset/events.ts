import { type CalendarDate } from '../shared/dates';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
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
export interface AssetTradedIn { tradedInOn: CalendarDate; value: Cents; appliedToFrn?: string }
export interface AssetDisposed { disposedOn: CalendarDate; method: string }

export type AssetEvent =
  | DomainEvent<'AssetInstalled', AssetInstalled>
  | DomainEvent<'AssetTradedIn', AssetTradedIn>
  | DomainEvent<'AssetDisposed', AssetDisposed>;

export type AssetEventType = AssetEvent['type'];

export const assetEventValidators: Record<AssetEventType, (data: unknown) => FieldError[]> = {
  AssetInstalled: validator({
    frn: streamReference('frn'), lineId: optional(text), installedOn: calendarDate, product: text, model: optional(text), location: optional(text), eligible: bool, quantity: positiveCount,
  }),
  AssetTradedIn: validator({ tradedInOn: calendarDate, value: cents, appliedToFrn: optional(streamReference('frn')) }),
  AssetDisposed: validator({ disposedOn: calendarDate, method: text }),
};
