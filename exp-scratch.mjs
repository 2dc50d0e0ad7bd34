const order = process.argv[2];
const root = '/work/wt/telemetry/';
let mon, mem;
async function setup() {
  const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
  const { InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  mem = new InMemorySpanExporter();
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/' }, spanProcessors: [new SimpleSpanProcessor(mem)], enableLiveMetrics: false });
  mon = await import('@azure/monitor-opentelemetry');
}
if (order === 'first') await setup();
const { startEmbeddedCosmos } = await import(root + 'dist/adapters/cosmos/embedded-cosmos.js');
const { connectEmbedded } = await import(root + 'dist/adapters/cosmos/cosmos-connection.js');
const bb = await import('botbuilder');
if (order !== 'first') await setup();
const srv = await startEmbeddedCosmos();
const conn = await connectEmbedded(srv.endpoint, srv.key, srv.ca, 'x');
await conn.containers.directory.items.upsert({ id: 'a', pk: 't' });
await conn.containers.directory.item('a', 't').read();
// connector-style outgoing http
const http = await import('node:http');
const s = http.createServer((q, r) => r.end('{}')).listen(0);
await new Promise(r => s.on('listening', r));
const { ConnectorClient, MicrosoftAppCredentials } = await import('botframework-connector');
const cc = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: `http://127.0.0.1:${s.address().port}` });
try { await cc.conversations.sendToConversation('c1', { type: 'message', text: 'x' }); } catch (e) { console.log('err', e.message); }
await new Promise(r => setTimeout(r, 200));
console.log(mem.getFinishedSpans().map(s => `${s.kind} ${s.name} ${s.instrumentationScope.name}`).join('\n'));
const st = await import("/work/wt/telemetry/node_modules/@azure/core-tracing/dist/commonjs/state.js"); console.log("instrumenter", st.default?.state?.instrumenterImplementation?.constructor?.name ?? st.state?.instrumenterImplementation?.constructor?.name);
s.close(); await conn.close(); await srv.stop(); await mon.shutdownAzureMonitor();
