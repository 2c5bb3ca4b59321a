// The baseline of bench/api-load.ts: a bare Fastify process with one GET route per scenario that
// answers with the bytes the real route answered (captured before the run), serialised once.
// What the real route costs beyond this is the application's own work: authentication, the
// tenant's transaction, the queries, validation and serialisation of the answer.
//
//   node bench/lib/bare-server.ts <port> <bodies.json>
import fs from 'node:fs';
import Fastify from 'fastify';

const [portArg, bodiesFile] = process.argv.slice(2);
if (!portArg || !bodiesFile) throw new Error('usage: bare-server.ts <port> <bodies.json>');
const bodies = JSON.parse(fs.readFileSync(bodiesFile, 'utf8')) as Record<string, string>;

const app = Fastify({ logger: false });
app.all('/bare/:scenario', async (req, reply) => {
  const body = bodies[(req.params as { scenario: string }).scenario];
  if (body === undefined) return reply.code(404).send();
  return reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ host: '127.0.0.1', port: Number(portArg) });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
