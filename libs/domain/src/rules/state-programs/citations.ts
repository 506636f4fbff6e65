/** Where the state-program rules come from: seed file and section. */
export const CITATIONS = {
  msConnects: '000_b00989fe2ad1d575.txt, "Mississippi Department of Education (MDE) offers bulk-purchasing through Mississippi Connects"',
  txConnectivity: "000_b00989fe2ad1d575.txt, \"Texas' Operation Connectivity offers bulk purchasing and matching funds\"",
  sla: '000_b00989fe2ad1d575.txt, "1. What is a Service Level Agreement (SLA)?"',
  checklist: '000_b00989fe2ad1d575.txt, "Checklist & Key Questions"',
  naspoCohort: '001_05a3426346f32ad5.txt, "The larger the cohort, the better the potential savings"',
  naspoSuite: '001_05a3426346f32ad5.txt, "It includes not only devices, but also includes warranty, repair services…"',
  stateFunds: '000_b00989fe2ad1d575.txt, "Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds"',
} as const;
