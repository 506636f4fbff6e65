/** RFC 9457 problem details, as the ledger answers every error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

/** The ledger refused a request (4xx) or failed (5xx); `problem` is its problem+json body when it sent one. */
export class LedgerApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly url: string,
  ) {
    super(`${status} ${problem?.title ?? 'HTTP error'}${problem?.detail ? `: ${problem.detail}` : ''} (${url})`);
    this.name = 'LedgerApiError';
  }

  /** The request itself is wrong (bad key, role, input, limit): retrying it unchanged cannot help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  static async from(response: Response, url: string): Promise<LedgerApiError> {
    let problem: Problem | undefined;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = undefined;
    }
    return new LedgerApiError(response.status, problem, url);
  }
}
