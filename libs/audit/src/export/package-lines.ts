import { type Readable } from 'node:stream';

/** Splits a byte stream into lines, keeping each line's exact bytes (newline included) for hashing. */
export async function* lines(source: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const chunk of source) {
    let buffer = chunk as Buffer;
    let newline = buffer.indexOf(0x0a);
    while (newline !== -1) {
      pending.push(buffer.subarray(0, newline + 1));
      yield Buffer.concat(pending);
      pending = [];
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(0x0a);
    }
    if (buffer.length > 0) pending.push(buffer);
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}
