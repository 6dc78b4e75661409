const EMAIL = /^[^\s@,;:<>()[\]"]+@[^\s@,;:<>()[\]"]+\.[^\s@,;:<>()[\]".]+$/;

/**
 * The canonical form of an email address: trimmed and lower-cased.
 *
 * @example normalizeEmail('  Ada@Example.COM ') === 'ada@example.com'
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * True for a plausible single email address (`local@domain.tld`, no spaces, no list separators).
 * Deliberately simple: it catches typos and pasted lists, not every RFC 5322 corner.
 *
 * @example isValidEmail('ada@example.com') === true; isValidEmail('ada at example') === false
 */
export function isValidEmail(email: string): boolean {
  return EMAIL.test(email);
}

/**
 * The lower-cased domain of an email address, or null when it has none.
 *
 * @example emailDomain('Ada@Example.com') === 'example.com'
 */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain === '' ? null : domain;
}
