import { crc32 } from 'node:zlib';

/**
 * CONTAINER. An export package is two concatenated gzip members (RFC 1952), so `zcat package` prints
 * the whole content as JSON lines:
 *
 *   member 1: the package content (manifest, sections, events), compressed normally;
 *   member 2: one line  {"section":"digest","sha256":"<SHA-256 of every byte of member 1>"}\n
 *             stored uncompressed in a fixed layout (below), so it has exactly one valid encoding.
 *
 * A flipped byte in member 1 changes its SHA-256 (even a flip that still inflates to the same text);
 * a flipped byte in member 2 breaks its one valid encoding. So every byte of the file is checked.
 */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]); // no name, no mtime, OS unknown

export const digestLine = (sha256Hex: string): string => `{"section":"digest","sha256":"${sha256Hex}"}\n`;

/** member 2: header, one final stored deflate block (BFINAL=1, BTYPE=00, LEN, ~LEN), CRC-32, length. */
export function digestMember(sha256Hex: string): Buffer {
  const text = Buffer.from(digestLine(sha256Hex), 'ascii');
  const block = Buffer.alloc(5);
  block.writeUInt8(0x01, 0);
  block.writeUInt16LE(text.length, 1);
  block.writeUInt16LE(~text.length & 0xffff, 3);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(text), 0);
  trailer.writeUInt32LE(text.length, 4);
  return Buffer.concat([HEADER, block, text, trailer]);
}

/** Length of member 2: it does not depend on the digest value. */
export const DIGEST_MEMBER_BYTES = digestMember('0'.repeat(64)).length;

const DIGEST_TEXT_OFFSET = HEADER.length + 5;
const HEX64 = /^[0-9a-f]{64}$/;

/** The digest member 2 records, when its bytes are a valid encoding of a digest line. */
export function recordedDigest(member: Buffer): string | undefined {
  const text = member
    .subarray(DIGEST_TEXT_OFFSET, DIGEST_TEXT_OFFSET + digestLine('0'.repeat(64)).length)
    .toString('latin1');
  const match = /^\{"section":"digest","sha256":"([^"]*)"\}\n$/.exec(text);
  const hex = match?.[1];
  return hex !== undefined && HEX64.test(hex) && digestMember(hex).equals(member) ? hex : undefined;
}
