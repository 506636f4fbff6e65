import { type RawEventRow, type RecordedEvent } from '@ledger/event-store';
import { canonicalBytes, canonicalLeafHash, toCanonicalEvent } from './canonical-event';
import { UnparseableEvent } from './errors';
import { CHAIN_GENESIS, chainHash } from './hashing';

const recorded: RecordedEvent = {
  position: 42,
  stream: 'frn-2026-0001',
  revision: 3,
  id: '0b6f3f8e-3d0a-4c36-9d0e-2f0f5b2f9a11',
  type: 'FundingRequested',
  data: { b: [1, 'x'], amountCents: 125000, a: null, note: 'café' },
  metadata: { actor: 'clerk' },
  recordedAt: '2026-01-02T03:04:05.678Z',
};

const raw: RawEventRow = {
  position: 42,
  stream: 'frn-2026-0001',
  revision: 3,
  id: '0b6f3f8e-3d0a-4c36-9d0e-2f0f5b2f9a11',
  type: 'FundingRequested',
  // Same values, other member order and whitespace: the store's serialisation must not matter.
  data: '{ "note": "caf\\u00e9", "a": null, "amountCents": 1.25e5, "b": [1, "x"] }',
  metadata: '{"actor":"clerk"}',
  recorded_at: '2026-01-02T03:04:05.678Z',
};

describe('canonical form of an event (version 1)', () => {
  // Golden vector computed outside this code base (Python: json.dumps sort_keys, compact separators,
  // UTF-8; hashlib.sha256 over 0x00 || bytes, then over 32 zero bytes || leaf).
  const GOLDEN_TEXT =
    '{"data":{"a":null,"amountCents":125000,"b":[1,"x"],"note":"café"},"id":"0b6f3f8e-3d0a-4c36-9d0e-2f0f5b2f9a11",' +
    '"metadata":{"actor":"clerk"},"position":42,"recordedAt":"2026-01-02T03:04:05.678Z","revision":3,"stream":"frn-2026-0001","type":"FundingRequested"}';
  const GOLDEN_LEAF = 'e920179244caf107eaa59ac8025c9fe6122bf8b7e9cb3b9ae24214046eb36e67';
  const GOLDEN_CHAIN_1 = '22479dfa0207c32ef4e8ea74711f8d3adfb9d87bb3e98d26541e612098297df3';

  it('is the RFC 8785 JSON of the eight members, and hashes as an RFC 9162 leaf chained from 32 zero bytes', () => {
    const event = toCanonicalEvent(recorded);
    expect(canonicalBytes(event).toString('utf8')).toBe(GOLDEN_TEXT);
    expect(canonicalLeafHash(event).toString('hex')).toBe(GOLDEN_LEAF);
    expect(chainHash(CHAIN_GENESIS, canonicalLeafHash(event)).toString('hex')).toBe(GOLDEN_CHAIN_1);
  });

  it('gives a stored row the same bytes as the parsed event, however the store spelled the JSON', () => {
    expect(canonicalBytes(toCanonicalEvent(raw)).toString('utf8')).toBe(GOLDEN_TEXT);
  });

  it('changes the leaf for any change of value, including in metadata and the commit instant', () => {
    const base = canonicalLeafHash(toCanonicalEvent(recorded)).toString('hex');
    const variants: RecordedEvent[] = [
      { ...recorded, position: 43 },
      { ...recorded, revision: 4 },
      { ...recorded, stream: 'frn-2026-0002' },
      { ...recorded, type: 'FundingDenied' },
      { ...recorded, data: { ...recorded.data, amountCents: 125001 } },
      { ...recorded, metadata: { actor: 'clerk2' } },
      { ...recorded, recordedAt: '2026-01-02T03:04:05.679Z' },
    ];
    for (const variant of variants) expect(canonicalLeafHash(toCanonicalEvent(variant)).toString('hex')).not.toBe(base);
  });

  it('refuses unparseable or misshapen rows with an error naming the position', () => {
    expect(() => toCanonicalEvent({ ...raw, data: '{"note": "caf' })).toThrow(UnparseableEvent);
    expect(() => toCanonicalEvent({ ...raw, data: '{"note": "caf' })).toThrow('position 42');
    expect(() => toCanonicalEvent({ ...raw, metadata: '[1]' })).toThrow('metadata is not a JSON object');
    expect(() => toCanonicalEvent({ ...raw, stream: '' })).toThrow('stream must be a non-empty string');
    expect(() => toCanonicalEvent({ ...recorded, revision: -1 })).toThrow('revision');
  });
});
