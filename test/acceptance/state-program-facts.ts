import { type Cents } from '@ledger/domain';
import {
  mltiJoinedByMsAndTx,
  msConnectsEstablished,
  orderPlaced,
  registered,
  txConnectivityEstablished,
  type Placement,
} from '@ledger/domain/testing';
import { type FactToPost } from '../support/recorded-facts';

/**
 * The facts of the domain's state-program specs (@ledger/domain/testing), payload for payload, with
 * every stream id suffixed by a scenario tag: one ledger serves several scenarios, and a shared program
 * or contract would mix their figures (volume tiers count the whole cohort of a contract).
 */
export interface StatePrograms {
  ms: string;
  tx: string;
  mlti: string;
  msConnectsEstablished(totalFunds?: Cents): FactToPost;
  txConnectivityEstablished(): FactToPost[];
  mltiJoinedByMsAndTx(): FactToPost[];
  registered(applicant: string, overrides?: Parameters<typeof registered>[1]): FactToPost;
  orderPlaced(order: string, p: Omit<Placement, 'contract'>): FactToPost;
}

export function statePrograms(tag: string): StatePrograms {
  const ms = `program-ms-connects-${tag}`;
  const tx = `program-tx-connectivity-${tag}`;
  const mlti = `contract-mlti-2020-${tag}`;
  return {
    ms,
    tx,
    mlti,
    msConnectsEstablished: (totalFunds) => msConnectsEstablished(totalFunds, ms),
    txConnectivityEstablished: () => txConnectivityEstablished(tx),
    mltiJoinedByMsAndTx: () => mltiJoinedByMsAndTx(mlti),
    registered,
    orderPlaced: (order, p) => orderPlaced(order, { ...p, contract: mlti }),
  };
}
