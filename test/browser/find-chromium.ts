import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where a usable Chromium is, or why there is none (the browser spec prints the reason). */
export type ChromiumLookup = { found: true; executablePath: string } | { found: false; reason: string };

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** CHROMIUM_PATH when set, else /usr/bin/chromium, else the first Chromium-like program on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const configured = env.CHROMIUM_PATH;
  if (configured)
    return executable(configured)
      ? { found: true, executablePath: configured }
      : { found: false, reason: `CHROMIUM_PATH=${configured} is not an executable file` };
  const candidates = [
    '/usr/bin/chromium',
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .flatMap((dir) => NAMES.map((name) => join(dir, name))),
  ];
  const hit = candidates.find(executable);
  return hit
    ? { found: true, executablePath: hit }
    : {
        found: false,
        reason: `no Chromium found (looked for /usr/bin/chromium and ${NAMES.join(', ')} on PATH; set CHROMIUM_PATH or apt-get install chromium)`,
      };
}
