import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config';

export class InvalidConfiguration extends Error {}

/** Settings without a default: not own keys of a fresh AppConfig, so named here. */
const OPTIONAL_SETTINGS = ['EVENTSTORE_URL', 'SIGNING_KEY_FILE', 'PROJECTOR_LAG_DEGRADED_ABOVE'];

/** Names the setting with the text it was given (numbers that fail to parse would otherwise show as null). */
const describe = (e: ValidationError, given: Record<string, unknown>): string =>
  `${e.property}=${JSON.stringify(given[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`;

/** Reads settings from an environment; throws InvalidConfiguration naming every bad setting. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const known = Object.keys(new AppConfig());
  const relevant = Object.fromEntries(
    Object.entries(env).filter(
      ([k, v]) => (known.includes(k) || OPTIONAL_SETTINGS.includes(k)) && v !== undefined && v !== '',
    ),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0)
    throw new InvalidConfiguration(`Invalid configuration: ${errors.map((e) => describe(e, relevant)).join(', ')}`);
  return config;
}
