import { type DomainEvent, type Envelope } from './envelope';

/** The event inside an envelope, as the stream's union, so an evolve can switch on it exhaustively. */
export const eventOf = <E extends DomainEvent>(envelope: Envelope<E>): E =>
  ({ type: envelope.type, data: envelope.data }) as E;
