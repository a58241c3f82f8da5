/** The machine's limit: bare node:http answering a fixed JSON body, no parsing, no validation. Prints its port. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const payload = '{"voucher_program_id":"5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d","name":"Night rides"}';
const server = createServer((request, reply) => {
  request.resume();
  request.on('end', () => reply.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }).end(payload));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
