// Local stand-ins for the providers, for the adapter tests: an HTTP(S) server whose handler
// the test supplies, and a self-signed certificate for 127.0.0.1 (Web Push is HTTPS only).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: Received, res: http.ServerResponse) => unknown;

export interface LocalServer {
  url: string;
  received: Received[];
  handle(fn: Handler): void;
  close(): Promise<void>;
}

function serve(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<LocalServer> {
  const received: Received[] = [];
  let handler: Handler = (_req, res) => {
    res.writeHead(500).end();
  };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(r);
      void Promise.resolve(handler(r, res)).catch((err: unknown) => {
        res.writeHead(599).end(String(err));
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        received,
        handle: (fn) => {
          handler = fn;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

export const startHttpServer = () => serve(http.createServer(), 'http');

/** A self-signed certificate for 127.0.0.1, made with the openssl command. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const out = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

export const startHttpsServer = (tls: { key: string; cert: string }) =>
  serve(https.createServer(tls), 'https');
