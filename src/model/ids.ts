/** FNV-1a, 32 bits, as 8 hex digits: a deterministic content id (not for security). */
export function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `Security Drill!` → `security-drill`; never empty. */
export function slugify(text: string, fallback = 'item'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || fallback;
}

/** Per set of ids, the suffix to try next for each base: 5,000 activities titled alike stay linear. */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/** Makes `base` unique within `used` by appending -2, -3, … (the smallest free one) and records it. */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  if (used.has(id)) {
    let suffixes = nextSuffix.get(used);
    if (!suffixes) nextSuffix.set(used, (suffixes = new Map()));
    // Sets only grow: every suffix below the one remembered is taken still.
    let n = suffixes.get(base) ?? 2;
    for (id = `${base}-${n}`; used.has(id); id = `${base}-${n}`) n++;
    suffixes.set(base, n + 1);
  }
  used.add(id);
  return id;
}
