import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../ledger/tokens';

/** Closes the store last, after Fastify stopped accepting and in-flight appends finished. */
@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
