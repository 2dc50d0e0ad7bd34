// What every command-line tool does around its own work: read the configuration (one line and exit
// code 1 when it is wrong), open the database as a tool (the local data, or Azure), run, close.

import { connectAzureCosmos, LocalDataInUseError, openLocalCosmos, type CosmosConnection } from '../src/adapters/cosmos/cosmos-connection.js';
import { loadConfigForCli, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';

/** Where a tool writes its report and its problems. */
export interface ImportIo {
  out(line: string): void;
  err(line: string): void;
}

/** @azure/identity's errors when no way of signing in worked (by name: the package is loaded lazily). */
function isSignInFailure(e: unknown): boolean {
  return e instanceof Error && ['AggregateAuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError'].includes(e.name);
}

/**
 * The tenant a tool uses when neither --tenant nor the file names one: the local demo tenant, and only
 * locally. Against Azure Cosmos DB (COSMOS_ENDPOINT set) a forgotten --tenant would otherwise write the
 * municipality's real roster into the demo tenant, where no one's Teams ever looks.
 */
export function toolFallbackTenant(config: Config): string | undefined {
  return config.cosmos.kind === 'embedded' ? config.fallbackTenantId : undefined;
}

export async function runTool(work: (config: Config, cosmos: CosmosConnection, io: ImportIo) => Promise<number>): Promise<number> {
  const config = loadConfigForCli(process.env, (line) => console.error(line));
  if (!config) return 1;
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  let cosmos: CosmosConnection;
  try {
    cosmos = config.cosmos.kind === 'azure' ? await connectAzureCosmos(config.cosmos) : await openLocalCosmos(config.cosmos, log, { role: 'tool' });
  } catch (e) {
    if (config.cosmos.kind === 'azure' && !config.cosmos.key && isSignInFailure(e)) {
      // Without a key the tool signs in as the operator (DefaultAzureCredential); the chain's own
      // error is a page of stack traces, one per way of signing in it tried.
      console.error(
        `Kunne ikke logge ind på ${config.cosmos.endpoint}: log ind med az login (som en konto med Cosmos DB-rollen Data Contributor, se infra/README.md), og prøv igen. Intet er importeret.`,
      );
      return 1;
    }
    if (!(e instanceof LocalDataInUseError)) throw e;
    console.error(e.message); // another tool has the local data, or the bot is still starting
    return 1;
  }
  try {
    return await work(config, cosmos, { out: (l) => console.log(l), err: (l) => console.error(l) });
  } finally {
    await cosmos.close();
  }
}
