export {
  eventStoreContract,
  contractChecks,
  type ContractSubject,
  type ContractFactory,
  type ContractCheck,
} from './contract';
export { collect, take } from './helpers';
export { startEsdbDouble, type EsdbDouble, type EsdbDoubleOptions } from './esdb-double/esdb-double';
