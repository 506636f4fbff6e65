import { type Check } from './validation';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** An identifier inside one stream or catalog (a claim id, a breach id, a catalog item id, an event id). */
export const identifier: Check = (v, f) =>
  typeof v === 'string' && ID.test(v)
    ? []
    : [{ field: f, message: 'must be an identifier of letters, digits, . _ : - (at most 128)' }];
