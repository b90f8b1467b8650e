/**
 * Helpers for test/e2e/alertmanager.test.ts: a webhook receiver on loopback
 * that records Alertmanager's notifications, a child-process wrapper that
 * keeps the output for error messages, a bounded poll, and the text
 * substitutions that turn the shipped Alertmanager config and alert rules
 * into their fast test variants (timers and `for:` only, nothing else).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';

/** Alertmanager webhook payload (version 4), the fields the test reads. */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface WebhookNotification {
  version: string;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: WebhookAlert[];
}

export interface WebhookReceiver {
  url: string;
  notifications: WebhookNotification[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that stores every JSON body POSTed to it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const notifications: WebhookNotification[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        notifications.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookNotification);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/driftgauge-alerts`,
    notifications,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Proc {
  child: ChildProcess;
  log: () => string;
}

/** Spawns a binary, keeping the last 20 kB of its stdout and stderr. */
export function startProcess(bin: string, args: string[]): Proc {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: unknown) => {
    out = (out + String(d)).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => keep(`spawn error: ${err.message}\n`));
  return { child, log: () => out };
}

export { until } from '../helpers/until.js';

/**
 * The shipped alertmanager.yml with every webhook URL replaced by `url` and
 * the grouping timers shortened; routes, receivers and grouping unchanged.
 */
export function alertmanagerConfigForTest(shipped: string, url: string): string {
  const out = shipped
    .replace(/url: http:\/\/127\.0\.0\.1:9099\/driftgauge-alerts/g, `url: ${url}`)
    .replace(/group_wait: \d+[smh]/g, 'group_wait: 1s')
    .replace(/group_interval: \d+[smh]/g, 'group_interval: 1s')
    .replace(/repeat_interval: \d+[smh]/g, 'repeat_interval: 1m');
  if (out.includes('9099')) throw new Error('a webhook URL in alertmanager.yml was not substituted');
  return out;
}

/** The shipped alert rules with only the `for:` durations shortened. */
export function rulesForTest(shipped: string, forDuration = '2s'): string {
  const out = shipped.replace(/^(\s+for: )\d+[smh][ \t]*$/gm, `$1${forDuration}`);
  for (const m of out.matchAll(/^\s+for: (\S+)/gm)) if (m[1] !== forDuration) throw new Error(`a for: duration was not shortened: ${m[0]}`);
  return out;
}
