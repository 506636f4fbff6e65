import fs from 'node:fs';

export interface CapturedOutput {
  /** Everything written to the stdout and stderr descriptors since capture began. */
  text(): string;
  /** Gives the descriptors back to the process. */
  restore(): void;
}

type WriteCallback = (error: NodeJS.ErrnoException | null, written: number) => void;

const STDOUT = 1;
const STDERR = 2;
const isStdio = (fd: unknown): boolean => fd === STDOUT || fd === STDERR;
const asText = (data: unknown): string => (Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
const byteLength = (data: unknown): number => (Buffer.isBuffer(data) ? data.length : Buffer.byteLength(String(data)));

/**
 * Captures what the process writes to stdout and stderr, including pino's logs. Pino writes to
 * `process.stdout` when something (jest) has wrapped its `write`, and otherwise through sonic-boom
 * straight to the descriptor with `fs.write`/`fs.writeSync`; all three paths are captured. Other
 * descriptors are written as usual.
 */
export function captureProcessOutput(): CapturedOutput {
  const chunks: string[] = [];
  const realWrite = fs.write;
  const realWriteSync = fs.writeSync;
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;
  const intoChunks = ((data: unknown, ...rest: unknown[]) => {
    chunks.push(asText(data));
    const callback = rest.at(-1);
    if (typeof callback === 'function') process.nextTick(callback as () => void);
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = intoChunks;
  process.stderr.write = intoChunks;

  const write = jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (!isStdio(fd)) return (realWrite as (...args: unknown[]) => void)(fd, data, ...rest);
    chunks.push(asText(data));
    const callback = rest.at(-1) as WriteCallback;
    process.nextTick(callback, null, byteLength(data));
  }) as typeof fs.write);
  const writeSync = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (!isStdio(fd)) return (realWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    chunks.push(asText(data));
    return byteLength(data);
  }) as typeof fs.writeSync);

  return {
    text: () => chunks.join(''),
    restore: () => {
      write.mockRestore();
      writeSync.mockRestore();
      process.stdout.write = realStdout;
      process.stderr.write = realStderr;
    },
  };
}
