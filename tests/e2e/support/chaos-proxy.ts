// A loopback proxy between the browser and the endpoint that misbehaves on purpose, the
// way a market's mobile network does: it drops connections, loses answers after the
// endpoint has committed, returns 5xx and 429, and delays. Its randomness is seeded, so a
// failing run can be replayed with the seed it prints.
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop' | 'lose_response' | 'server_error' | 'rate_limited' | 'delay' | 'none';

export class ChaosProxy {
  private server?: Server;
  private state: number;
  readonly faults: Record<Fault, number> = { drop: 0, lose_response: 0, server_error: 0, rate_limited: 0, delay: 0, none: 0 };
  batchRequests = 0;
  enabled = true;

  constructor(private readonly upstream: string, readonly seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32: tiny, seeded, good enough to pick faults. */
  private random(): number {
    let x = this.state;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.state = x;
    return x / 4294967296;
  }

  private pick(): Fault {
    if (!this.enabled) return 'none';
    const r = this.random();
    if (r < 0.12) return 'drop';
    if (r < 0.24) return 'lose_response';
    if (r < 0.34) return 'server_error';
    if (r < 0.42) return 'rate_limited';
    if (r < 0.62) return 'delay';
    return 'none';
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const isBatch = req.method === 'POST' && (req.url ?? '').startsWith('/api/v1/registrations/batch');
    const fault: Fault = isBatch ? this.pick() : 'none';
    if (isBatch) {
      this.batchRequests++;
      this.faults[fault]++;
    }
    switch (fault) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'server_error':
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"internal","message":"chaos"}');
        return;
      case 'rate_limited':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"code":"rate_limited","message":"chaos"}');
        return;
      case 'delay':
        await new Promise((r) => setTimeout(r, 200 + this.random() * 1500));
        break;
    }
    const upstream = new URL(req.url ?? '/', this.upstream);
    const out = forward(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      if (fault === 'lose_response') {
        // The endpoint has answered (and committed); the phone never hears it.
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => req.socket.destroy());
    out.end(body);
  }
}
