import { ERATE_RULE_SET_STREAM, type ErateRuleSetAdopted, erateRuleSetErrors } from '@ledger/domain';
import { InvalidRuleSet } from '../errors';
import { type Principal } from '../keys/roles';
import { validateBody } from '../validation/validate-body';
import { type AppendService } from '../write-path/append.service';
import { RuleSetAdoptionRequest } from './adoption-request';

export interface Adopted {
  ruleSet: string;
  stream: string;
  revision: number;
  position: number | null;
  eventId: string | null;
}

/**
 * The adoption an admin asked for, checked at the boundary (InvalidRequest naming the field for a body that
 * is not an adoption) and in substance (InvalidRuleSet naming every bad figure); absent optionals left
 * out, `adoptedOn` today when not given.
 */
export function adoptionFromBody(raw: unknown, today: string): ErateRuleSetAdopted {
  const body = validateBody(RuleSetAdoptionRequest, raw);
  const { first, last } = body.fundingYears;
  const adoption: ErateRuleSetAdopted = {
    id: body.id,
    description: body.description,
    fundingYears: { first, ...(last === undefined ? {} : { last }) },
    params: body.params as unknown as ErateRuleSetAdopted['params'],
    sources: body.sources,
    unconfirmed: body.unconfirmed ?? [],
    ...(body.supersedes === undefined ? {} : { supersedes: body.supersedes }),
    adoptedOn: body.adoptedOn ?? today,
  };
  const errors = erateRuleSetErrors(adoption);
  if (errors.length > 0) throw new InvalidRuleSet(adoption.id, errors);
  return adoption;
}

/**
 * Records an adoption on the rule-set stream through the write path; the decider refuses what cannot be adopted (a
 * DomainError).
 */
export async function adoptRuleSet(
  appends: AppendService,
  principal: Principal,
  raw: unknown,
  idempotencyKey?: string,
): Promise<Adopted> {
  const adoption = adoptionFromBody(raw, new Date().toISOString().slice(0, 10));
  const outcome = await appends.append({
    principal,
    stream: ERATE_RULE_SET_STREAM,
    expected: undefined,
    idempotencyKey,
    body: { events: [{ type: 'ErateRuleSetAdopted', data: adoption as unknown as Record<string, unknown> }] },
  });
  const body = outcome.body as { revision: number; positions: number[]; eventIds: (string | null)[] };
  return {
    ruleSet: adoption.id,
    stream: ERATE_RULE_SET_STREAM,
    revision: body.revision,
    position: body.positions[0] ?? null,
    eventId: body.eventIds[0] ?? null,
  };
}
