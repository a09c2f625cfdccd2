/** "a, b, c" or "a, b, c and 197 more": a fleet of 200 tenants, or a hook's 200 files, stays one line. */
export function someOf(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
