// Which addresses a tenant's webhook endpoint may reach: public unicast only. Loopback, private,
// link-local (cloud metadata), CGNAT, multicast and reserved ranges would let a tenant use the
// dispatcher to probe or call the server's own network. Checked when an endpoint is added and
// again for the address each delivery actually connects to (delivery-client.ts).
import net from 'node:net';

/** Why an address is not public. */
export type AddressClass =
  'loopback' | 'unspecified' | 'private' | 'link-local' | 'shared' | 'multicast' | 'reserved';

/** How the class reads in an error message. */
export const ADDRESS_CLASS_DESCRIPTION: Record<AddressClass, string> = {
  loopback: 'a loopback address',
  unspecified: 'the unspecified address',
  private: 'a private network address',
  'link-local': 'a link-local address (such as a cloud metadata service)',
  shared: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

type Subnet = [network: string, prefix: number];

/**
 * The ranges of each class (IANA special-purpose registries, RFC 6890), in the order they are
 * checked: loopback first, since ::1 also lies in the IPv4-compatible form of 0.0.0.0/8.
 */
const RANGES: [AddressClass, { v4: Subnet[]; v6: Subnet[] }][] = [
  ['loopback', { v4: [['127.0.0.0', 8]], v6: [['::1', 128]] }],
  ['unspecified', { v4: [['0.0.0.0', 8]], v6: [['::', 128]] }],
  [
    'private',
    {
      v4: [
        ['10.0.0.0', 8],
        ['172.16.0.0', 12],
        ['192.168.0.0', 16],
      ],
      v6: [
        ['fc00::', 7], // unique local
        ['fec0::', 10], // site-local: deprecated, still routed by some stacks
        ['64:ff9b:1::', 48], // local-use NAT64
      ],
    },
  ],
  ['link-local', { v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] }],
  ['shared', { v4: [['100.64.0.0', 10]], v6: [] }],
  ['multicast', { v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] }],
  [
    'reserved',
    {
      v4: [
        ['192.0.0.0', 24], // IETF protocol assignments
        ['192.0.2.0', 24], // documentation
        ['192.88.99.0', 24], // 6to4 relay anycast
        ['198.18.0.0', 15], // benchmarking
        ['198.51.100.0', 24], // documentation
        ['203.0.113.0', 24], // documentation
        ['240.0.0.0', 4], // future use, and the broadcast address
      ],
      v6: [
        ['2001::', 32], // Teredo
        ['2001:db8::', 32], // documentation
      ],
    },
  ],
];

/**
 * IPv6 forms that carry an IPv4 address, which a stack may deliver to that IPv4 address, with
 * where the IPv4 address starts (in bits): IPv4-mapped (::ffff:127.0.0.1), IPv4-compatible
 * (::127.0.0.1), NAT64 (64:ff9b::7f00:1) and 6to4 (2002:7f00:1::). Every IPv4 range is also
 * blocked in each of these forms.
 */
const EMBEDDINGS: [form: (high: string, low: string) => string, offset: number][] = [
  [(high, low) => `::ffff:${high}:${low}`, 96],
  [(high, low) => `::${high}:${low}`, 96],
  [(high, low) => `64:ff9b::${high}:${low}`, 96],
  [(high, low) => `2002:${high}:${low}::`, 16],
];

function embedded([network, prefix]: Subnet): Subnet[] {
  const [a, b, c, d] = network.split('.').map(Number) as [number, number, number, number];
  const high = ((a << 8) | b).toString(16);
  const low = ((c << 8) | d).toString(16);
  return EMBEDDINGS.map(([form, offset]) => [form(high, low), offset + prefix]);
}

function blockList(v4: Subnet[], v6: Subnet[]): net.BlockList {
  const list = new net.BlockList();
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

const CLASSES = RANGES.map(
  ([addressClass, { v4, v6 }]) =>
    [addressClass, blockList(v4, [...v6, ...v4.flatMap(embedded)])] as const,
);

/**
 * IPv6 that may be public: global unicast, and the forms whose IPv4 address passed the checks
 * above. The rest (IPv4-compatible, discard-only, unassigned space) is reserved.
 */
const PUBLIC_V6 = blockList(
  [],
  [
    ['2000::', 3],
    ['::ffff:0:0', 96],
    ['64:ff9b::', 96],
  ],
);

/**
 * The class of an IP address that is not public, or undefined when it is. Fails closed: a string
 * that is not an IP address is 'reserved'.
 */
export function addressClass(address: string): AddressClass | undefined {
  // A zone (fe80::1%eth0) says which interface, not where; the address before it decides.
  const ip = address.split('%')[0]!;
  const family = net.isIP(ip);
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [addressClass, list] of CLASSES) if (list.check(ip, type)) return addressClass;
  if (family === 6 && !PUBLIC_V6.check(ip, 'ipv6')) return 'reserved';
  return undefined;
}

/**
 * The class of a URL's hostname when it names a non-public address without asking DNS: an IP
 * literal, or localhost (RFC 6761: always loopback). Undefined for other names, which only
 * resolution can judge. Expects `URL.hostname`, which has already turned odd IPv4 spellings
 * (2130706433, 0x7f.1, 0177.0.0.1, 127.1) into dotted decimal.
 */
export function hostnameClass(hostname: string): AddressClass | undefined {
  const host = hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  return net.isIP(host) ? addressClass(host) : undefined;
}
