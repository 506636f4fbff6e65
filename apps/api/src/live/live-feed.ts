import { type BeforeApplicationShutdown } from '@nestjs/common';
import { type EventStore, type RecordedEvent, type Subscription } from '@ledger/event-store';
import { sseMessage } from './sse-wire';

/** One subscriber of the feed: which events it wants, and where they go. */
export interface FeedListener {
  wants(event: RecordedEvent): boolean;
  /** `encoded` is the event as an SSE `recorded-event` message, encoded once for every listener; false = stop. */
  deliver(event: RecordedEvent, encoded: string): boolean;
  /** The store subscription behind the feed failed or ended; the listener is already detached. */
  lost(reason: 'source-failed' | 'source-ended'): void;
}

interface Member {
  listener: FeedListener;
  /** Last position this member has seen (delivered or filtered out): it gets only events after it. */
  last: number;
}

/**
 * The firehose of recorded events shared by every live subscriber of this process: one store
 * subscription, each event read and SSE-encoded once, then written to each subscriber that wants it.
 * A subscription per subscriber made every append cost a store read, a JSON parse and an encoding per
 * subscriber (a fifth of the process at 1,000 subscribers in the SSE bench).
 *
 * A subscriber resuming from behind the feed first catches up through its own store subscription and
 * joins the shared one at the exact position where it has caught up; positions dedupe the hand-over.
 */
export class LiveFeed implements BeforeApplicationShutdown {
  private readonly members = new Set<Member>();
  private source: Subscription | undefined;
  private starting: Promise<void> | undefined;
  /** Position of the last event the shared subscription delivered (the head when it started). */
  private position = 0;

  constructor(private readonly store: EventStore) {}

  /** Delivers to `listener` every wanted event after position `after`, in order, once each; returns how to leave. */
  async join(after: number, listener: FeedListener): Promise<() => void> {
    await this.start();
    const member: Member = { listener, last: after };
    if (after >= this.position) {
      this.members.add(member);
      return () => void this.members.delete(member);
    }
    let left = false;
    const own = this.store.subscribeToAll({ fromPosition: after });
    void this.catchUp(member, own, () => left);
    return () => {
      left = true;
      this.members.delete(member);
      void own.close();
    };
  }

  get size(): number {
    return this.members.size;
  }

  beforeApplicationShutdown(): void {
    // Sessions are closed with their own reason by LiveSessions; the feed only lets go of them.
    this.members.clear();
    void this.source?.close();
    this.source = undefined;
  }

  private async catchUp(member: Member, own: Subscription, left: () => boolean): Promise<void> {
    try {
      // Caught up when it has seen what the shared subscription has: from here on, joining it misses nothing.
      if (member.last >= this.position) return this.admit(member, left);
      for await (const event of own) {
        if (left()) return;
        if (!this.offer(member, event, undefined)) return;
        if (member.last >= this.position) return this.admit(member, left);
      }
      if (!left()) member.listener.lost('source-ended');
    } catch {
      if (!left()) member.listener.lost('source-failed');
    } finally {
      void own.close();
    }
  }

  private admit(member: Member, left: () => boolean): void {
    if (!left()) this.members.add(member);
  }

  /** Hands one event to a member if it is new to it and wanted; false when the member stopped. */
  private offer(member: Member, event: RecordedEvent, encoded: { text?: string } | undefined): boolean {
    if (event.position <= member.last) return true;
    member.last = event.position;
    if (!member.listener.wants(event)) return true;
    const text = encoded ? (encoded.text ??= encode(event)) : encode(event);
    return member.listener.deliver(event, text);
  }

  private start(): Promise<void> {
    if (this.source) return Promise.resolve();
    this.starting ??= (async () => {
      this.position = await this.store.headPosition();
      const source = this.store.subscribeToAll({ fromPosition: this.position });
      this.source = source;
      void this.run(source);
    })().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async run(source: Subscription): Promise<void> {
    let reason: 'source-failed' | 'source-ended' = 'source-ended';
    try {
      for await (const event of source) {
        this.position = event.position;
        const encoded: { text?: string } = {};
        for (const member of this.members) if (!this.offer(member, event, encoded)) this.members.delete(member);
      }
    } catch {
      reason = 'source-failed';
    }
    if (this.source !== source) return; // shut down on purpose
    this.source = undefined;
    const lost = [...this.members];
    this.members.clear();
    for (const member of lost) member.listener.lost(reason);
  }
}

const encode = (event: RecordedEvent): string =>
  sseMessage({ id: event.position, event: 'recorded-event', data: event });
