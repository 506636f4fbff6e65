export interface FieldError {
  /** Dotted path into the event data, e.g. `lines[2].usualUnitPrice`. */
  field: string;
  message: string;
}

/** A fact the domain refuses: impossible given the stream's history (HTTP 422). */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly ruleId?: string,
  ) {
    super(message);
  }
}

/** Event data that does not have the catalog's shape (HTTP 400). */
export class InvalidEventData extends Error {
  constructor(
    readonly eventType: string,
    readonly fieldErrors: FieldError[],
  ) {
    super(`Invalid ${eventType}: ${fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
