import { createHash } from 'node:crypto';
import css from '../styles/customer.css?raw';
import dashboardCss from '../styles/dashboard.css?raw';
import { brandColors } from '../domain/brand-colors';

// The customer pages inline their CSS (one round trip on a slow phone). It is minified and hashed
// once at start, so each page's Content-Security-Policy is a string join, not a digest per request.

const minify = (s: string) =>
  s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();

// Pages load nothing from elsewhere and post only to us; styles are allowed by hash, scripts from our origin.
const PAGE_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

export const PAGE_CSS = minify(css);
const PAGE_CSS_HASH = sha256(PAGE_CSS);

const brands = new Map<string, { css: string; csp: string }>();

/** The seller's colours as a style element's text, and the page's CSP allowing exactly it. */
export function brandStyle(accent: string): { css: string; csp: string } {
  let entry = brands.get(accent);
  if (!entry) {
    const c = brandColors(accent);
    const text = `:root{--accent:${c.accent};--on-accent:${c.onAccent};--accent-text:${c.accentText};--accent-line:${c.accentLine}}`;
    entry = { css: text, csp: `${PAGE_CSP}; style-src ${PAGE_CSS_HASH} ${sha256(text)}` };
    if (brands.size > 10_000) brands.clear();
    brands.set(accent, entry);
  }
  return entry;
}

// The seller's side: the customer page's CSS, then its own; Porchlight's colours, not a seller's.
export const DASHBOARD_CSS = minify(dashboardCss);
const DASHBOARD_BRAND = brandColors('#1f6feb');
export const DASHBOARD_BRAND_CSS = `:root{--accent:${DASHBOARD_BRAND.accent};--on-accent:${DASHBOARD_BRAND.onAccent};--accent-text:${DASHBOARD_BRAND.accentText};--accent-line:${DASHBOARD_BRAND.accentLine}}`;
/** The dashboard's CSP: its three style elements by hash, scripts from our origin only. */
export const DASHBOARD_CSP = `${PAGE_CSP}; style-src ${sha256(DASHBOARD_BRAND_CSS)} ${PAGE_CSS_HASH} ${sha256(DASHBOARD_CSS)}`;
