/** RFC 9457 problem details: the one error shape every endpoint returns. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://procurement-ledger.dev/problems/';

export const problem = (
  status: number,
  slug: string,
  title: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Problem => ({
  type: `${PROBLEM_BASE}${slug}`,
  title,
  status,
  ...(detail === undefined ? {} : { detail }),
  ...extensions,
});

/** Thrown anywhere in the API to answer with exactly this problem. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export const badRequest = (detail: string, errors: FieldProblem[] = []): ProblemException =>
  new ProblemException(
    problem(400, 'invalid-request', 'The request is not valid', detail, errors.length ? { errors } : {}),
  );
export const notFound = (detail: string): ProblemException =>
  new ProblemException(problem(404, 'not-found', 'Not found', detail));
export const conflict = (slug: string, detail: string): ProblemException =>
  new ProblemException(problem(409, slug, 'Conflict', detail));
