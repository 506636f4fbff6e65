import { validateConfig, InvalidConfiguration } from './validate-config';

describe('configuration', () => {
  it('works on a laptop with no settings', () => {
    const config = validateConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EVENT_STORE: 'sqlite',
      SQLITE_SYNCHRONOUS: 'FULL',
      LOG_LEVEL: 'info',
      ROLE: 'api',
    });
  });

  it('reads numbers and booleans from strings', () => {
    expect(validateConfig({ PORT: '8080', DEMO: 'true', PROJECTOR_LAG_DEGRADED_ABOVE: '500' })).toMatchObject({
      PORT: 8080,
      DEMO: true,
      PROJECTOR_LAG_DEGRADED_ABOVE: 500,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTORE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, 'SQLITE_SYNCHRONOUS'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ PROJECTOR_LAG_DEGRADED_ABOVE: '0' }, 'PROJECTOR_LAG_DEGRADED_ABOVE'],
    [{ PROJECTOR_LAG_DEGRADED_ABOVE: 'lots' }, 'PROJECTOR_LAG_DEGRADED_ABOVE'],
  ])('refuses %p naming %s', (env, setting) => {
    expect(() => validateConfig(env)).toThrow(InvalidConfiguration);
    expect(() => validateConfig(env)).toThrow(new RegExp(`^Invalid configuration: .*${setting}`));
  });
});
