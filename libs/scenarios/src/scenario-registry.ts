import { demoScenario } from './scenarios/demo';
import { erateScenario } from './scenarios/erate';
import { mississippiScenario } from './scenarios/mississippi';
import { mltiScenario } from './scenarios/mlti';
import { texasScenario } from './scenarios/texas';
import { type ScenarioAppend, type ScenarioDefinition, type ScenarioOptions } from './scenario-append';

export const SCENARIOS: Readonly<Record<string, ScenarioDefinition>> = {
  demo: demoScenario,
  texas: texasScenario,
  mississippi: mississippiScenario,
  mlti: mltiScenario,
  erate: erateScenario,
};

export const SCENARIO_NAMES: readonly string[] = Object.keys(SCENARIOS);

/** Bad scenario options: named so a CLI can print the message and exit non-zero. */
export class InvalidScenarioOptions extends Error {}

export function scenarioNamed(name: string): ScenarioDefinition {
  const found = Object.prototype.hasOwnProperty.call(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!found)
    throw new InvalidScenarioOptions(`Unknown scenario "${name}"; choose one of ${SCENARIO_NAMES.join(', ')}`);
  return found;
}

/** Largest scale accepted: scale 100 of texas is 81,200 LEAs, already far beyond any state. */
export const MAX_SCALE = 100;

export function checkScenarioOptions(options: ScenarioOptions): void {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new InvalidScenarioOptions(`seed must be a non-negative integer, got ${options.seed}`);
  if (!Number.isFinite(options.scale) || options.scale <= 0 || options.scale > MAX_SCALE) {
    throw new InvalidScenarioOptions(
      `scale must be a number greater than 0 and at most ${MAX_SCALE}, got ${options.scale}`,
    );
  }
}

/** The appends of a scenario, lazily, after checking the options. */
export function generateScenario(name: string, options: ScenarioOptions): Iterable<ScenarioAppend> {
  const scenario = scenarioNamed(name);
  checkScenarioOptions(options);
  return scenario.generate(options);
}
