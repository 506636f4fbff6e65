import {
  type DomainEvent,
  type Envelope,
  type EventDataValidator,
  type ReadModel,
  type StreamDefinition,
} from '@ledger/domain';
import { type EventToAppend } from '@ledger/event-store';
import { type Upcaster } from '../src';

/**
 * A small ledger for the engine's specs: owners, accounts that link to their current owner (and may
 * move to another), and bonus streams a model reads only for VIP owners — so a render branches on
 * state, the way real read models do.
 */
const accept: EventDataValidator = () => [];
const eventSpec = <D>(example: D, schemaVersion = 1) => ({
  validate: accept,
  example,
  schemaVersion,
  description: 'test event',
});

export type OwnerEvent =
  DomainEvent<'OwnerRegistered', { name: string }> | DomainEvent<'OwnerTierChanged', { tier: 'standard' | 'vip' }>;
export interface OwnerState {
  name: string;
  tier: 'standard' | 'vip';
}

export type AccountEvent =
  | DomainEvent<'AccountOpened', { owner: string }>
  | DomainEvent<'Deposited', { amountCents: number }>
  | DomainEvent<'Withdrawn', { amountCents: number }>
  | DomainEvent<'AccountTransferred', { owner: string }>;
export interface AccountState {
  owner: string | null;
  balanceCents: number;
  movements: number;
}

export type BonusEvent = DomainEvent<'BonusGranted', { amountCents: number }>;
export interface BonusState {
  totalCents: number;
}

/** The envelope's event as the stream's union, so evolve can switch on it. */
const eventOf = <E extends DomainEvent>(envelope: Envelope<E>): E =>
  ({ type: envelope.type, data: envelope.data }) as E;

const erased = <E extends DomainEvent, S>(definition: StreamDefinition<E, S>): StreamDefinition =>
  definition as unknown as StreamDefinition;

export const ownerStream = erased<OwnerEvent, OwnerState>({
  prefix: 'owner',
  description: 'An account holder',
  events: { OwnerRegistered: eventSpec({ name: 'Ada' }), OwnerTierChanged: eventSpec({ tier: 'vip' as const }) },
  decider: {
    initialState: { name: '', tier: 'standard' },
    decide: (command) => [command.event],
    evolve: (state, envelope) => {
      const event = eventOf(envelope);
      switch (event.type) {
        case 'OwnerRegistered':
          return { ...state, name: event.data.name };
        case 'OwnerTierChanged':
          return { ...state, tier: event.data.tier };
      }
    },
  },
  links: () => [],
});

export const accountStream = erased<AccountEvent, AccountState>({
  prefix: 'account',
  description: 'An account; links to its current owner',
  events: {
    AccountOpened: eventSpec({ owner: 'o1' }),
    Deposited: eventSpec({ amountCents: 100 }, 2),
    Withdrawn: eventSpec({ amountCents: 100 }),
    AccountTransferred: eventSpec({ owner: 'o2' }),
  },
  decider: {
    initialState: { owner: null, balanceCents: 0, movements: 0 },
    decide: (command) => [command.event],
    evolve: (state, envelope) => {
      const event = eventOf(envelope);
      switch (event.type) {
        case 'AccountOpened':
        case 'AccountTransferred':
          return { ...state, owner: event.data.owner };
        case 'Deposited':
          return {
            ...state,
            balanceCents: state.balanceCents + event.data.amountCents,
            movements: state.movements + 1,
          };
        case 'Withdrawn':
          return {
            ...state,
            balanceCents: state.balanceCents - event.data.amountCents,
            movements: state.movements + 1,
          };
      }
    },
  },
  links: (state) => (state.owner === null ? [] : [`owner-${state.owner}`]),
});

export const bonusStream = erased<BonusEvent, BonusState>({
  prefix: 'bonus',
  description: 'Bonuses of an owner',
  events: { BonusGranted: eventSpec({ amountCents: 500 }) },
  decider: {
    initialState: { totalCents: 0 },
    decide: (command) => [command.event],
    evolve: (state, event) => ({ totalCents: state.totalCents + event.data.amountCents }),
  },
  links: () => [],
});

export const accountsCatalog: readonly StreamDefinition[] = [ownerStream, accountStream, bonusStream];

/** Deposits were first recorded in dollars as text ("12.34"); schema 2 carries integer cents. */
export const depositUpcaster: Upcaster = {
  type: 'Deposited',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => {
    const { amount } = data as { amount: string };
    const [dollars = '0', cents = '0'] = amount.split('.');
    return { amountCents: Number(dollars) * 100 + Number(cents.padEnd(2, '0')) };
  },
};

export interface Portfolio {
  owner: string;
  tier: 'standard' | 'vip';
  accounts: Array<{ account: string; balanceCents: number }>;
  totalCents: number;
  bonusCents: number;
}

/** An owner with the accounts it holds now (accounts that moved away still link to it, and are filtered out). */
export const portfolioModel: ReadModel<Portfolio> = {
  name: 'portfolio',
  rootPrefix: 'owner',
  render: (root, facts) => {
    const owner = facts.state<OwnerState>(root);
    if (!owner) return undefined;
    const id = root.slice('owner-'.length);
    const accounts = facts
      .linkedFrom(root, 'account')
      .map((account) => ({ account, state: facts.state<AccountState>(account) }))
      .filter((a) => a.state?.owner === id)
      .map((a) => ({ account: a.account, balanceCents: a.state?.balanceCents ?? 0 }));
    const bonusCents = owner.tier === 'vip' ? (facts.state<BonusState>(`bonus-${id}`)?.totalCents ?? 0) : 0;
    return {
      owner: owner.name,
      tier: owner.tier,
      accounts,
      totalCents: accounts.reduce((sum, a) => sum + a.balanceCents, 0),
      bonusCents,
    };
  },
};

export interface Fact {
  stream: string;
  event: EventToAppend;
}

export const fact = (stream: string, type: string, data: Record<string, string | number>, schemaVersion = 1): Fact => ({
  stream,
  event: { type, data, metadata: { schemaVersion } },
});

/** A history touching every kind of stream, with a transfer and a tier change. */
export const sampleHistory = (): Fact[] => [
  fact('owner-o1', 'OwnerRegistered', { name: 'Ada' }),
  fact('owner-o2', 'OwnerRegistered', { name: 'Grace' }),
  fact('account-a1', 'AccountOpened', { owner: 'o1' }),
  fact('account-a1', 'Deposited', { amountCents: 1000 }, 2),
  fact('account-a2', 'AccountOpened', { owner: 'o1' }),
  fact('account-a2', 'Deposited', { amountCents: 250 }, 2),
  fact('bonus-o1', 'BonusGranted', { amountCents: 500 }),
  fact('owner-o1', 'OwnerTierChanged', { tier: 'vip' }),
  fact('account-a2', 'AccountTransferred', { owner: 'o2' }),
  fact('account-a1', 'Withdrawn', { amountCents: 300 }),
  fact('audit-x', 'Unrelated', { note: 'outside the catalog' }),
  fact('account-a3', 'AccountOpened', { owner: 'o2' }),
  fact('account-a3', 'Deposited', { amountCents: 70 }, 2),
  fact('owner-o2', 'OwnerTierChanged', { tier: 'vip' }),
  fact('bonus-o2', 'BonusGranted', { amountCents: 40 }),
];
