import {
  chromebooks,
  fact,
  hotspots,
  mltiAwarded,
  msConnectsEstablished,
  orderPlaced,
  registered,
} from '@ledger/domain/testing';
import { type FactToPost } from '../../support/recorded-facts';

/**
 * A Mississippi Connects program buying from one cooperative contract, and orders against it: each order
 * adds devices and hotspots to the program dashboard, so a lost or doubled event changes its figures.
 * Stream ids carry a tag so specs sharing one store keep their figures apart.
 */
export interface ProgramOrders {
  program: string;
  applicant: string;
  /** Program, contract (joined by Mississippi) and one district. */
  setup(): FactToPost[];
  /** Order `n`: 10·n Chromebooks and n hotspots, 80/20 state/district. */
  order(n: number): FactToPost;
}

export function programOrders(tag: string): ProgramOrders {
  const program = `program-ms-connects-${tag}`;
  const contract = `contract-mlti-${tag}`;
  const applicant = `applicant-jackson-${tag}`;
  return {
    program,
    applicant,
    setup: () => [
      msConnectsEstablished(undefined, program),
      mltiAwarded(contract),
      fact(contract, 'ParticipatingAddendumSigned', {
        usState: 'MS',
        role: 'purchasing-aggregator',
        signedOn: '2020-06-20',
      }),
      registered(applicant),
    ],
    order: (n) => {
      const lines = [chromebooks(10 * n), hotspots(n)];
      const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
      return orderPlaced(`order-${tag}-${n}`, {
        program,
        contract,
        applicant,
        lines,
        stateShare: (total * 4) / 5,
        districtShare: total / 5,
      });
    },
  };
}
