import { erateStory, frnStreamOf, applicantStreamOf } from '../erate-story';
import { type ScenarioDefinition } from '../scenario-append';
import { runTag } from '../scaling';

/**
 * E-Rate competitive bidding and funding requests under the Free Services Advisory
 * (USAC, September 2015): 400 districts, 100 libraries and 40 providers at scale 1; every kind of
 * discount, free item, donation, grant and trade-in; about one request in five breaks a rule.
 */
export const erateScenario: ScenarioDefinition = {
  name: 'erate',
  description:
    'E-Rate: districts and libraries with Form 470s, bids, evaluations and FRNs with every kind of discount, free item, donation, grant and trade-in; about 22% of requests with violations; 500 applicants at scale 1',
  generate: ({ seed, scale }) =>
    erateStory({
      scenario: 'erate',
      seed,
      scale,
      tag: runTag('er', seed),
      spinSeries: '143',
      counts: { districts: 400, libraries: 100, providers: 40, min: 2 },
      violationShare: 0.22,
      procurementFlawShare: 0.06,
    }),
  highlights: ({ seed }) => ({
    programs: [],
    fundingRequests: [frnStreamOf(runTag('er', seed), 0)],
    applicants: [applicantStreamOf(runTag('er', seed), 0, false)],
  }),
};
