import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files of the dashboard page, by the name the page asks for, with their media type. */
export const PAGE_ASSETS: Readonly<Record<string, string>> = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'sse-reader.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/**
 * tsc does not copy the page's static files to dist, so they are served from the source tree: next
 * to this module when it runs from source (jest), else from the package root that holds dist.
 */
export function publicDir(from: string = __dirname): string {
  const beside = join(from, 'public');
  if (existsSync(join(beside, 'index.html'))) return beside;
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'api', 'src', 'dashboard', 'public');
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error(`Dashboard page files not found from ${from}; they live in apps/api/src/dashboard/public`);
}

/** chart.js's UMD bundle (the package exports only its module entry points, so it is found beside them). */
export const chartJsBundle = (): string => join(dirname(require.resolve('chart.js')), 'chart.umd.js');
