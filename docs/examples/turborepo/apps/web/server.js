const http = require('node:http');
const { greet } = require('@example/greeting');
http.createServer((req, res) => res.end(greet('web'))).listen(Number(process.env.PORT || 3000));
