import { hostname, networkInterfaces } from 'node:os';

/**
 * DNS rebinding: a web page elsewhere points its own name at 127.0.0.1 and reads the server
 * (speaker notes included). The server answers only requests addressed to one of its own
 * names: loopback names and addresses, this machine's addresses and host name, and what
 * `--host` names. A websocket must also come from a page of one of those (its `Origin`).
 */
export function createHostCheck(listenHost: string): { allowsHost(header: string | undefined): boolean; allowsOrigin(header: string | undefined): boolean } {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname().toLowerCase(), `${hostname().toLowerCase()}.local`]);
  if (listenHost !== '0.0.0.0' && listenHost !== '::') names.add(listenHost.toLowerCase());
  for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.add(a.address.toLowerCase());
  const allowed = (host: string) => names.has(host) || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host);
  return {
    allowsHost: (header) => header !== undefined && allowed(hostOf(header)),
    // A client that is not a browser sends no Origin; a browser always does for a websocket.
    allowsOrigin: (header) => {
      if (header === undefined) return true;
      try {
        return allowed(new URL(header).hostname.replace(/^\[|\]$/g, '').toLowerCase());
      } catch {
        return false;
      }
    },
  };
}

/** `example.org:4321` → `example.org`, `[::1]:4321` → `::1`. */
function hostOf(header: string): string {
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1] ?? '';
  return value.replace(/:\d+$/, '');
}
