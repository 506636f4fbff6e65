import { AppConfig } from '../config/app-config';

/** Bytes a subscriber may leave unread in its socket buffer before it is dropped as too slow. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long a dropped or closing subscriber gets to read its close message before the socket is destroyed. */
export const CLOSE_GRACE_MS = 5_000;

/** Limits of live (SSE) subscriptions, from the app configuration. */
export class LiveSettings {
  constructor(
    readonly heartbeatMs: number,
    readonly maxSubscribersPerKey: number,
    readonly maxBufferedBytes: number = DEFAULT_MAX_BUFFERED_BYTES,
  ) {}

  static fromConfig(config: AppConfig): LiveSettings {
    return new LiveSettings(config.SSE_HEARTBEAT_MS, config.SSE_MAX_SUBSCRIBERS_PER_KEY);
  }
}
