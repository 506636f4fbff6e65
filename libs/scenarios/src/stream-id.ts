/** The id the HTTP API uses for a stream: its name without the kind prefix (`program-x` → `x`). */
export const streamIdOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);
