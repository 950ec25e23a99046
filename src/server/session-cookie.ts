// The seller's session cookie: HttpOnly, SameSite=Lax, Path=/; over https also Secure with the
// __Host- prefix (the browser then refuses it from any other origin or path).

export interface SessionCookie {
  name: string;
  /** Set-Cookie for a session ending at `expiresAt` */
  set(token: string, expiresAt: Date, now: Date): string;
  /** Set-Cookie that removes it */
  clear(): string;
  /** the token in a Cookie header, if any */
  read(cookieHeader: string | null): string | null;
}

export function sessionCookie(publicBaseUrl: string): SessionCookie {
  const secure = new URL(publicBaseUrl).protocol === 'https:';
  const name = secure ? '__Host-porchlight_session' : 'porchlight_session';
  const attrs = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return {
    name,
    set: (token, expiresAt, now) => `${name}=${token}; ${attrs}; Max-Age=${Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000))}`,
    clear: () => `${name}=; ${attrs}; Max-Age=0`,
    read(header) {
      if (!header) return null;
      for (const part of header.split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
      }
      return null;
    },
  };
}
