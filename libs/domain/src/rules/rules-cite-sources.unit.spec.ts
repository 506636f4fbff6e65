import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Rule } from '../shared/rule';

/** Every rule exported from the rule files, found by its shape (id, citation, apply), with the file it lives in. */
async function allRules(): Promise<{ file: string; rule: Rule<unknown, unknown> }[]> {
  const files = ['erate', 'state-programs'].flatMap((dir) =>
    readdirSync(join(__dirname, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => join(dir, f)),
  );
  const found: { file: string; rule: Rule<unknown, unknown> }[] = [];
  for (const file of files) {
    const exports = (await import(join(__dirname, file))) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      const v = value as Partial<Rule<unknown, unknown>> | null;
      if (
        v &&
        typeof v === 'object' &&
        typeof v.id === 'string' &&
        typeof v.citation === 'string' &&
        typeof v.apply === 'function'
      )
        found.push({ file, rule: v as Rule<unknown, unknown> });
    }
  }
  return found;
}

describe('every rule knows where it comes from', () => {
  it('each rule has a dotted id of its own (e.g. erate.30-percent) and a citation that is not blank', async () => {
    const rules = await allRules();
    expect(rules.length).toBeGreaterThanOrEqual(25);
    const bad = rules
      .filter(({ rule }) => !/^[a-z]+(\.[a-z0-9-]+)+$/.test(rule.id) || rule.citation.trim().length < 10)
      .map(({ file, rule }) => `${file}: ${rule.id}`);
    expect(bad).toEqual([]);
    const ids = rules.map(({ rule }) => rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
