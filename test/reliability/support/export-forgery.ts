import { createHash } from 'node:crypto';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Member 2 of an export package as libs/audit/README.md documents it: the digest line stored in one
 * final uncompressed deflate block, no name, no mtime, OS unknown.
 */
function digestMember(sha256: string): Buffer {
  const text = Buffer.from(`{"section":"digest","sha256":"${sha256}"}\n`, 'ascii');
  const block = Buffer.alloc(5);
  block.writeUInt8(0x01, 0);
  block.writeUInt16LE(text.length, 1);
  block.writeUInt16LE(~text.length & 0xffff, 3);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(text), 0);
  trailer.writeUInt32LE(text.length, 4);
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]), block, text, trailer]);
}

/**
 * Edits the JSON lines of an export package and recomputes everything a forger can: the manifest's
 * section hashes, the compression and the container digest. Only what the signature covers is out of reach.
 */
export function forgeExport(file: Buffer, edit: (line: string) => string): Buffer {
  const lines = gunzipSync(file).toString('utf8').trimEnd().split('\n').slice(0, -1).map(edit);
  const manifest = JSON.parse(lines[0]!) as { sha256: Record<string, string> };
  let events = '';
  for (const line of lines.slice(1)) {
    const section = (JSON.parse(line) as { section: string }).section;
    if (section === 'event') events += `${line}\n`;
    else manifest.sha256[section] = sha256Hex(`${line}\n`);
  }
  manifest.sha256.events = sha256Hex(events);
  lines[0] = JSON.stringify(manifest);
  const content = gzipSync(lines.map((l) => `${l}\n`).join(''));
  return Buffer.concat([content, digestMember(sha256Hex(content))]);
}
