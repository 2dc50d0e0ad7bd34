// The yardstick of `npm run bench:startup`: a bare teams-ai echo bot on restify, as the samples build
// one, with a /readyz that answers at once. Plain JavaScript run by plain node, as `node dist/main.js`
// runs the bot, so the two start-ups compare like for like.
// Run: PORT=3979 node scripts/echo-bot.js

import process from 'node:process';
import restify from 'restify';
import teamsAi from '@microsoft/teams-ai';

const { Application, TeamsAdapter } = teamsAi;

const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
const app = new Application({ adapter });
app.activity('message', async (context) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
});

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    await app.run(context);
  });
});
server.get('/readyz', (_req, res, next) => {
  res.send(200, { status: 'ready' });
  next();
});
server.listen(Number(process.env.PORT ?? 3979), process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ msg: 'echo bot listening', port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
