/**
 * Wakes subscribers when the head moves. Waiters also wake after `pollMs`, so a subscriber still sees
 * appends committed by another process sharing the same file (the CLI seeding a stopped server's data).
 */
export class AppendSignal {
  private head = 0;
  private waiters = new Set<() => void>();

  constructor(private readonly pollMs: number) {}

  notify(head: number): void {
    if (head > this.head) this.head = head;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  wait(after: number, abort: Promise<void>): Promise<void> {
    if (this.head > after) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      const waiters = this.waiters;
      function done(): void {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
      void abort.then(done);
    });
  }
}
