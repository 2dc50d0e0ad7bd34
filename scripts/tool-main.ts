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

export async function runTool(work: (config: Config, cosmos: CosmosConnection, io: ImportIo) => Promise<number>): Promise<number> {
  const config = loadConfigForCli(process.env, (line) => console.error(line));
  if (!config) return 1;
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  let cosmos: CosmosConnection;
  try {
    cosmos = config.cosmos.kind === 'azure' ? await connectAzureCosmos(config.cosmos) : await openLocalCosmos(config.cosmos, log, { role: 'tool' });
  } catch (e) {
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
