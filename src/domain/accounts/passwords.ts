import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { Invalid } from '../errors';

// Passwords as NIST SP 800-63B asks: 8 to 256 characters, no composition rules, none of the
// passwords people use most (zxcvbn-ts's list of 49,000), stored as Argon2id (OWASP's minimum:
// m = 19 MiB, t = 2, p = 1).

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON: ReadonlySet<string> = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Why this password cannot be used, or null. Length counts characters as people see them. */
export function passwordProblem(password: string): 'password_too_short' | 'password_too_long' | 'password_common' | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password_too_short';
  if (length > PASSWORD_MAX) return 'password_too_long';
  if (COMMON.has(password.toLowerCase())) return 'password_common';
  return null;
}

const MESSAGES = {
  password_too_short: `Use at least ${PASSWORD_MIN} characters.`,
  password_too_long: `Use at most ${PASSWORD_MAX} characters.`,
  password_common: 'This is one of the most common passwords. Choose one that is harder to guess.',
} as const;

/** Refuses a password that cannot be used, with its own code and message. */
export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw Invalid(`password: ${MESSAGES[problem]}`, problem);
}

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes a miss cost the same time as a wrong password.
let decoy: Promise<string> | null = null;
export const decoyHash = () => (decoy ??= hashPassword('decoy password never used by anyone'));
