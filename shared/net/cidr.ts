// IPv4 CIDR membership, for a provider's documented source ranges (Workspace's IP allowlist). IPv6
// ranges and addresses are not matched: no seed documents one.

function ipv4ToInt(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    n = n * 256 + Number(part);
  }
  return n;
}

/** Whether `address` (IPv4, or IPv4-mapped IPv6 `::ffff:a.b.c.d`) lies in `cidr` (`a.b.c.d/n`). */
export function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const ip = ipv4ToInt(address.replace(/^::ffff:/i, ''));
  const net = ipv4ToInt(base ?? '');
  const bits = Number(bitsText);
  if (ip === null || net === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(net / size);
}
