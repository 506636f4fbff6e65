/** An events-per-second figure and what it was measured over. */
export interface Throughput {
  events: number;
  seconds: number;
  perSecond: number;
}

export const throughput = (events: number, seconds: number): Throughput => ({
  events,
  seconds,
  perSecond: seconds > 0 ? events / seconds : 0,
});
