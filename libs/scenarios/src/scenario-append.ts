/** Metadata every generated event carries: who made it up, and when the fact happened in the story. */
export type ScenarioEventMetadata = {
  source: 'demo-generator';
  occurredAt: string;
};

export interface ScenarioEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: ScenarioEventMetadata;
}

/** One append, as an integration would post it to `POST /v1/streams/:stream/events`. */
export interface ScenarioAppend {
  stream: string;
  events: ScenarioEvent[];
}

export interface ScenarioOptions {
  /** Any safe integer; the same seed gives byte-identical appends. */
  seed: number;
  /** Multiplies entity counts; 1 is the scale of the seed material (e.g. 800+ Texas LEAs). */
  scale: number;
}

/** Streams worth showing a user after a scenario is loaded. */
export interface ScenarioHighlights {
  /** State programs, for `/dashboard?program=<id>` and `/v1/programs/:id/dashboard`. */
  programs: string[];
  /** Funding requests, for `/v1/funding-requests/:id` and `/explain`. */
  fundingRequests: string[];
  /** An applicant with compliance findings, for `/v1/applicants/:id/compliance`. */
  applicants: string[];
}

export interface ScenarioDefinition {
  name: string;
  description: string;
  /** Lazily yields appends in a causally valid order: each one passes the deciders given those before it. */
  generate: (options: ScenarioOptions) => Iterable<ScenarioAppend>;
  highlights: (options: ScenarioOptions) => ScenarioHighlights;
}
