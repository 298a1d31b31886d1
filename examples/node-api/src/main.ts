import http from 'node:http';
import ms from 'ms';

const port = Number(process.env.PORT ?? 3000);
const started = Date.now();

const server = http.createServer((req, res) => {
  if (req.method !== 'GET') {
    res.writeHead(405).end();
    return;
  }
  const body = { service: 'node-api', language: 'node', path: req.url, uptime: ms(Date.now() - started) };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body) + '\n');
});

server.listen(port, () => console.log(`node-api listening on ${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
