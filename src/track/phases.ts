/**
 * The phase channel a tracked job talks to: an HTTP endpoint on 127.0.0.1 whose URL (with a random
 * token in its path, so other local users cannot inject phases) is handed to the job in
 * `GREENOPS_PHASE_URL`. A POST whose body is the phase name (text, or JSON `{"name": …}`) marks the
 * start of that phase. Any language's standard library can do it, e.g. Python:
 *
 *     import os, urllib.request
 *     def phase(name):
 *         url = os.environ.get("GREENOPS_PHASE_URL")
 *         if url: urllib.request.urlopen(url, data=name.encode(), timeout=2)
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PhaseChannel {
  /** The URL to POST phase names to. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 4096;

function nameOf(body: string, type: string | undefined): string | undefined {
  let name = body;
  if ((type ?? '').includes('json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      name = typeof parsed === 'object' && parsed !== null && typeof (parsed as { name?: unknown }).name === 'string' ? (parsed as { name: string }).name : '';
    } catch {
      return undefined;
    }
  }
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);
  return clean === '' ? undefined : clean;
}

/**
 * @example
 * const ch = await openPhaseChannel((name) => tracker.phase(name));
 * spawn(cmd, args, { env: { ...process.env, GREENOPS_PHASE_URL: ch.url } });
 */
export async function openPhaseChannel(onPhase: (name: string) => void): Promise<PhaseChannel> {
  const token = randomBytes(16).toString('hex');
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== `/${token}/phase`) {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    let tooLarge = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) tooLarge = true;
    });
    req.on('end', () => {
      const name = tooLarge ? undefined : nameOf(body, req.headers['content-type']);
      if (name === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a phase name (text, or JSON {"name": "…"}), at most 200 characters\n');
        return;
      }
      onPhase(name);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/${token}/phase`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
