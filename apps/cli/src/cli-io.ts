/** Where a command writes and what environment it sees; tests pass their own to capture output. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** A failure the user can fix (bad arguments, unknown key): printed as is, exit code 1, no stack trace. */
export class CliError extends Error {}
