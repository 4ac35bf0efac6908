// Sends one delivery's HTTP POST and reports the status it was answered with. For an endpoint
// held to public addresses, the check is made on the very address the socket connects to: the
// agent's lookup resolves the name, drops non-public addresses and hands net only what is left,
// so a name that resolves differently later (DNS rebinding) gains nothing. node:http rather than
// fetch, because Node's own fetch takes no lookup without the undici package; and it never
// follows a redirect, so a 3xx cannot lead a delivery elsewhere.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ADDRESS_CLASS_DESCRIPTION, addressClass, hostnameClass } from './address-policy.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address of a host name; the system resolver (with /etc/hosts) unless one is given. */
export type HostResolver = (hostname: string, family: 0 | 4 | 6) => Promise<ResolvedAddress[]>;

const systemResolver: HostResolver = async (hostname, family) =>
  (await dns.promises.lookup(hostname, { all: true, family })) as ResolvedAddress[];

/** The endpoint's address is one the policy refuses; no connection was made. */
class TargetRefused extends Error {
  readonly code = 'ECONVENE_TARGET_REFUSED';
  constructor(hostname: string, why: string) {
    super(`${hostname} is ${why}: refused for a tenant's webhook`);
    this.name = 'TargetRefused';
  }
}

/** "127.0.0.1 (a loopback address), 10.0.0.1 (a private network address)", for the server log. */
function describeAddresses(addresses: ResolvedAddress[]): string {
  const each = addresses.map(
    ({ address }) => `${address} (${ADDRESS_CLASS_DESCRIPTION[addressClass(address)!]})`,
  );
  return `resolved to ${each.join(', ')}`;
}

function lookupFamily(family: dns.LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * A net lookup through `resolve`; with `publicOnly`, it answers only with public addresses and
 * fails when there are none.
 */
function lookupThrough(resolve: HostResolver, publicOnly: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, lookupFamily(options.family)).then(
      (addresses) => {
        const allowed = publicOnly
          ? addresses.filter(({ address }) => addressClass(address) === undefined)
          : addresses;
        if (addresses.length === 0) {
          callback(
            Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
            '',
          );
        } else if (allowed.length === 0) {
          callback(new TargetRefused(hostname, describeAddresses(addresses)), '');
        } else if (options.all) callback(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

export interface DeliveryRequest {
  url: string;
  /** Connect only to public addresses (a tenant's endpoint, unless the operator allows more). */
  publicOnly: boolean;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export class DeliveryClient {
  // Agents of our own, not the global one: a socket kept alive for an endpoint that may reach
  // anything must never be reused by one that may not. keepAlive is off, so every delivery
  // connects afresh through its agent's lookup.
  readonly #agents: Record<'public' | 'any', { http: http.Agent; https: https.Agent }>;

  constructor(resolve: HostResolver = systemResolver) {
    const agents = (lookup: LookupFunction) => ({
      http: new http.Agent({ lookup }),
      https: new https.Agent({ lookup }),
    });
    this.#agents = {
      public: agents(lookupThrough(resolve, true)),
      any: agents(lookupThrough(resolve, false)),
    };
  }

  /** POSTs the delivery; resolves with the answer's status, rejects when there is none. */
  async post(request: DeliveryRequest): Promise<number> {
    const url = new URL(request.url);
    if (request.publicOnly) {
      // net connects to an IP literal without calling lookup, so literals are judged here.
      const literal = hostnameClass(url.hostname);
      if (literal) throw new TargetRefused(url.hostname, ADDRESS_CLASS_DESCRIPTION[literal]);
    }
    const secure = url.protocol === 'https:';
    const agents = this.#agents[request.publicOnly ? 'public' : 'any'];
    const send = secure ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const outgoing = send(
        url,
        {
          method: 'POST',
          agent: secure ? agents.https : agents.http,
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          signal: request.signal,
        },
        (answer) => {
          // The status is the answer; the body is read only to let the connection close cleanly.
          answer.on('error', () => {});
          answer.resume();
          resolve(answer.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  close(): void {
    for (const pair of Object.values(this.#agents)) {
      pair.http.destroy();
      pair.https.destroy();
    }
  }
}
