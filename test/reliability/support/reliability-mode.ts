/**
 * How hard the reliability suite pushes. `npm test` runs the quick counts; `npm run test:reliability`
 * sets RELIABILITY_FULL=1 for the full ones (more crashes, more fuzzed requests, more writers).
 */
export const FULL_MODE = process.env.RELIABILITY_FULL === '1';

export const counts = {
  /** kill -9 moments in the crash test. */
  crashes: FULL_MODE ? 50 : 5,
  /** Generated HTTP requests in the fuzz test. */
  fuzzRequests: FULL_MODE ? 10_000 : 1_000,
  /** Concurrent writers per race in the concurrency test. */
  writers: FULL_MODE ? 200 : 40,
};
