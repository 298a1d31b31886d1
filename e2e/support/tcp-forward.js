// Forwards <listenHost>:<port> to 127.0.0.1:<port>. Verdaccio 6 listens on one address only:
// 127.0.0.1 for the host, and this forwarder on the docker bridge gateway so image builds reach it.
//   node tcp-forward.js <listenHost> <port>
'use strict';
const net = require('node:net');

const [listenHost, port] = process.argv.slice(2);
net
  .createServer((client) => {
    const upstream = net.connect(Number(port), '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  })
  .listen(Number(port), listenHost, () => console.log(`forwarding ${listenHost}:${port} → 127.0.0.1:${port}`));
