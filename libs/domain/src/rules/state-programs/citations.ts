/** The public sources of the state-program and cooperative-contract rules, by title and section. */
const PLAY_5 = '"Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"';
const STATES_LEVERAGE = '"How States Can Leverage Purchasing Power to Support 1:1 Learning"';

export const STATE_PROGRAM_SOURCES = { play5: PLAY_5, statesLeveragePurchasingPower: STATES_LEVERAGE } as const;

export const CITATIONS = {
  msConnects: `${PLAY_5}, Play in Practice: "Mississippi Department of Education (MDE) offers bulk-purchasing through Mississippi Connects"`,
  txConnectivity: `${PLAY_5}, Play in Practice: "Texas' Operation Connectivity offers bulk purchasing and matching funds"`,
  sla: `${PLAY_5}, Frequently Asked Questions: "1. What is a Service Level Agreement (SLA)?"`,
  checklist: `${PLAY_5}, "Checklist & Key Questions"`,
  naspoCohort: `${STATES_LEVERAGE}: "The larger the cohort, the better the potential savings"`,
  naspoSuite: `${STATES_LEVERAGE}: "It includes not only devices, but also includes warranty, repair services…"`,
  stateFunds: PLAY_5,
} as const;
