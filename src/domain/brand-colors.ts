// A seller's accent colour, made safe to use: text on it and text in it both meet WCAG AA (4.5:1),
// and the lines, dots and borders drawn in it stand out from the page (WCAG 1.4.11: 3:1).

type Rgb = [number, number, number];

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(parse(a)), luminance(parse(b))].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

function darken(hex: string, step: number): string {
  return toHex(parse(hex).map((c) => c * (1 - step)) as Rgb);
}

export interface BrandColors {
  /** fills: buttons, the current step */
  accent: string;
  /** text drawn on an accent fill */
  onAccent: string;
  /** accent-coloured text and links on the white page */
  accentText: string;
  /** lines, dots and borders in the accent: at least 3:1 against the card and the page behind it */
  accentLine: string;
}

// The customer page's surfaces (src/styles/customer.css --card and --bg): a stroke must stand out on both.
const SURFACES = ['#ffffff', '#f4f5f7'];
const NON_TEXT_CONTRAST = 3;

export function brandColors(accent: string): BrandColors {
  const hex = /^#[0-9a-fA-F]{6}$/.test(accent) ? accent.toLowerCase() : '#1f6feb';
  let fill = hex;
  // A very light accent cannot carry white or black text at 4.5:1 in every case; darken until one does.
  for (let i = 0; i < 20 && Math.max(contrast(fill, '#ffffff'), contrast(fill, '#111111')) < 4.5; i++) fill = darken(fill, 0.08);
  const onAccent = contrast(fill, '#ffffff') >= 4.5 ? '#ffffff' : '#111111';
  let text = hex;
  for (let i = 0; i < 30 && contrast(text, '#ffffff') < 4.5; i++) text = darken(text, 0.08);
  let line = fill;
  for (let i = 0; i < 30 && Math.min(...SURFACES.map((s) => contrast(line, s))) < NON_TEXT_CONTRAST; i++) line = darken(line, 0.08);
  return { accent: fill, onAccent, accentText: text, accentLine: line };
}
