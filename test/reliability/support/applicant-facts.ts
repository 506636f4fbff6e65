import { randomUUID } from 'node:crypto';

/** A valid applicant profile (ApplicantRegistered data) and the facts the reliability specs post. */
export const profile = {
  name: 'Reliability USD',
  kind: 'school-district',
  usState: 'MS',
  students: 1200,
  nslpEligibleStudents: 700,
  economicallyDisadvantagedStudents: 650,
  locale: 'rural',
  cep: false,
  memberApplicantIds: [],
};

export interface PostedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export const registered = (overrides: Record<string, unknown> = {}): PostedEvent => ({
  id: randomUUID(),
  type: 'ApplicantRegistered',
  data: { ...profile, ...overrides },
});

/** A need estimate; `area` makes each one recognisable in the stored bytes. */
export const need = (area: string, devices = 10): PostedEvent => ({
  id: randomUUID(),
  type: 'NeedEstimated',
  data: { area, devices, hotspots: 2, unconnectedHouseholds: 1, estimatedOn: '2020-05-20' },
});
