import { ledgerReadModels, ledgerStreams, ledgerUpcasters } from '@ledger/domain';
import { LedgerCatalog } from './ledger-catalog';

export const productionCatalog = (): LedgerCatalog =>
  new LedgerCatalog(ledgerStreams, ledgerReadModels, ledgerUpcasters);
