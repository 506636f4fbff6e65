import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { type FieldError } from '@ledger/domain';
import { InvalidRequest } from '../errors';

const flatten = (errors: ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property \S+ /, ''),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });

/**
 * Far deeper than any ledger payload (catalog events nest a few levels), and far from the depth
 * at which class-transformer's recursion overflows the stack (about 2,000 levels: a 500, not a 400).
 */
export const MAX_BODY_DEPTH = 64;

/** Whether a JSON value nests objects or arrays deeper than `max`; iterative, so it cannot overflow itself. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Validates a request body against a DTO: unknown fields refused, every bad field named with its
 * path (`events[2].metadata.occurredAt`), nothing transformed silently.
 */
export function validateBody<T extends object>(dto: ClassConstructor<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidRequest('The body must be a JSON object.');
  if (nestedDeeperThan(body, MAX_BODY_DEPTH))
    throw new InvalidRequest(`The body nests objects or arrays more than ${MAX_BODY_DEPTH} levels deep.`);
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw InvalidRequest.ofFields(flatten(errors));
  return instance;
}
