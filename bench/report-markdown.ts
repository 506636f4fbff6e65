import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { newestResults, readResults } from './harness/results-file';
import { replaceGenerated, resultsMarkdown } from './harness/results-markdown';
import { repoRoot, resultsDir } from './harness/workspace';

/**
 * `node dist/bench/report-markdown.js [results.json…]`: puts the figures of one or more bench runs (by
 * default the newest in bench/results), in the order given, into BENCHMARKS.md between its markers;
 * the text around them is kept.
 */
function main(): void {
  const newest = newestResults(resultsDir());
  const files = process.argv.length > 2 ? process.argv.slice(2) : newest ? [newest] : [];
  if (files.length === 0) throw new Error(`No results file given and none in ${resultsDir()}: run npm run bench first`);
  const doc = join(repoRoot(), 'BENCHMARKS.md');
  const shown = (file: string): string =>
    relative(repoRoot(), file).startsWith('..') ? file : relative(repoRoot(), file);
  const generated = files.map((file) => resultsMarkdown(readResults(file), shown(file))).join('\n\n---\n\n');
  writeFileSync(doc, replaceGenerated(readFileSync(doc, 'utf8'), generated));
  process.stdout.write(`BENCHMARKS.md now shows ${files.join(', ')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
