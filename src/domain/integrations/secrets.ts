import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// A connector's credentials at rest: AES-256-GCM under a key derived from APP_SECRET (HKDF-SHA256,
// its own label, so no other use of the secret shares it). The connector's id is bound in as
// associated data: a sealed value copied onto another seller's connector does not open.
// Rotating APP_SECRET means entering the credentials again (they cannot be read without it).

const VERSION = 'v1';
const IV_BYTES = 12;

// derived once per secret (a process has one): every delivery opens its connector's credentials
const keys = new Map<string, Buffer>();
function keyOf(appSecret: string): Buffer {
  let key = keys.get(appSecret);
  if (!key) keys.set(appSecret, (key = Buffer.from(hkdfSync('sha256', appSecret, 'porchlight', 'integration-credentials v1', 32))));
  return key;
}

export function sealCredentials(appSecret: string, connectorId: string, credentials: Record<string, string>): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(appSecret), iv);
  cipher.setAAD(Buffer.from(connectorId));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The credentials, or null when they do not open (another APP_SECRET, another connector, tampered). */
export function openCredentials(appSecret: string, connectorId: string, sealed: string): Record<string, string> | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(appSecret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(connectorId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return null;
  }
}
