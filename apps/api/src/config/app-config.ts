import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ROLES = ['api', 'projector'] as const;
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * Every setting of the ledger, read from the environment at start-up. Each has a default that works
 * on a laptop; a bad value stops start-up with a message naming the setting (see validate-config.ts).
 */
export class AppConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsIn(['sqlite', 'eventstoredb'])
  EVENT_STORE: 'sqlite' | 'eventstoredb' = 'sqlite';

  /** Connection string of an EventStoreDB cluster, e.g. `esdb://node1:2113,node2:2113?tls=true`. */
  @ValidateIf((c: AppConfig) => c.EVENT_STORE === 'eventstoredb')
  @IsString()
  @MinLength(1, { message: 'EVENTSTORE_URL is required when EVENT_STORE=eventstoredb' })
  EVENTSTORE_URL?: string;

  /** FULL: an acknowledged append survives power loss (default). NORMAL: survives a process crash only. */
  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * `api` serves the HTTP API and keeps this node's own read models and audit log, which its reads need.
   * `projector` serves no API (only /health and /metrics) but keeps both current off the serving path:
   * a warm standby, or the node that rebuilds, exports and checkpoints without taking traffic.
   */
  @IsIn(NODE_ROLES)
  ROLE: (typeof NODE_ROLES)[number] = 'api';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  MAX_EVENTS_PER_APPEND = 1000;

  /** Requests per key per minute before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SSE_MAX_SUBSCRIBERS_PER_KEY = 200;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  SSE_HEARTBEAT_MS = 15_000;

  /** Ed25519 signing key for audit checkpoints (PEM); generated in DATA_DIR on first start when absent. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_KEY_FILE?: string;

  /**
   * Projector lag (head position minus checkpoint) above which /health says degraded. Positions are
   * events on the embedded store but byte offsets in EventStoreDB's log, so the default follows the
   * store: 10,000 events, or 10,000,000 log bytes (some 10,000 events of ledger size).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PROJECTOR_LAG_DEGRADED_ABOVE?: number;

  /** How often a signed audit checkpoint is published when new events arrived. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  CHECKPOINT_INTERVAL_MS = 10_000;

  /** Load the small demo scenario and print demo keys on first start. */
  @Transform(toBoolean)
  @IsBoolean()
  DEMO = false;
}
