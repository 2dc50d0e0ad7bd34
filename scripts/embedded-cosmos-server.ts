// A stand-alone embedded Cosmos DB in a process of its own, for measuring the bot as production runs
// it (COSMOS_ENDPOINT set: the bot then loads nothing of the local database). Prints one JSON line
// {endpoint, key, ca} on stdout when it listens; stops on SIGTERM or when stdin closes.
// Run: npx tsx scripts/embedded-cosmos-server.ts

import { startEmbeddedCosmos } from '../src/adapters/cosmos/embedded-cosmos.js';

const server = await startEmbeddedCosmos();
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, key: server.key, ca: server.ca })}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop).resume();
