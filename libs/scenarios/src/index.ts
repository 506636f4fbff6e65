export * from './scenario-append';
export { SeededRandom } from './seeded-random';
export { deterministicUuid } from './deterministic-id';
export {
  SCENARIOS,
  SCENARIO_NAMES,
  MAX_SCALE,
  InvalidScenarioOptions,
  scenarioNamed,
  checkScenarioOptions,
  generateScenario,
} from './scenario-registry';
export { demoStreams } from './scenarios/demo';
export { ERATE_VIOLATIONS, type ErateViolation, type ErateVariant } from './erate-story';
export { streamIdOf } from './stream-id';
