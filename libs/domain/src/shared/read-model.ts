import { type FactsLookup } from './facts';

/**
 * A read model is a pure function of stream states: rendering it over the live read-model store,
 * or over states folded up to a past position, gives the model as it stood then, computed by the
 * rule sets recorded on the events it reads.
 */
export interface ReadModel<V> {
  /** URL-safe name, e.g. `funding-request`. */
  name: string;
  /** The prefix of the stream a model instance is rooted at, e.g. `frn` for `/v1/funding-requests/:id`. */
  rootPrefix: string;
  /** The model for one root stream, or undefined when that stream has no events. */
  render: (rootStream: string, facts: FactsLookup) => V | undefined;
}
