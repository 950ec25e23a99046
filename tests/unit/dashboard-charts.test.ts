import { describe, expect, it } from 'vitest';
import { axisTicks, horizontalBarChart, CHART_COLORS, chartTable, barChart, escapeXml } from '../../src/components/dashboard/charts';
import { contrast } from '../../src/domain/brand-colors';

// The dashboard's SVG charts (src/components/dashboard/charts.ts): what a screen reader, a hostile
// label and a reader of the bars would each notice.

const text = { id: 'deliveries', title: 'Deliveries', noData: 'No deliveries in these 30 days' };
const HOSTILE = `</text><script>alert(1)</script><text x="0" onload="alert(2)">&amp;'`;

/** The bars' rectangles (the no-data frame has no fill colour of a bar). */
const bars = (svg: string) =>
  [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#1d4ed8"\/>/g)].map((m) => ({
    x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]),
  }));
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('every string the caller gives is escaped', () => {
  it('a hostile label, title, description and no-data text come out as text, never as markup', () => {
    for (const svg of [
      barChart({ ...text, title: HOSTILE, description: HOSTILE, bars: [{ label: HOSTILE, value: 3 }] }),
      horizontalBarChart({ ...text, title: HOSTILE, description: HOSTILE, bars: [{ label: HOSTILE, value: 3 }] }),
      barChart({ ...text, title: HOSTILE, noData: HOSTILE, bars: [] }),
    ]) {
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/\sonload="/i);
      expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(svg).toContain('&amp;amp;&#39;');
      // the markup itself is intact: one svg, every text element closed
      expect(svg.match(/<svg /g)).toHaveLength(1);
      expect(svg.match(/<text/g)!.length).toBe(svg.match(/<\/text>/g)!.length);
    }
  });

  it('an id that would break out of its attribute is reduced to a safe one, and the label references still match', () => {
    const svg = barChart({ ...text, id: 'x" onload="alert(1)', description: 'd', bars: [{ label: 'a', value: 1 }] });
    expect(svg).not.toContain('onload="');
    const [, ids] = /aria-labelledby="([^"]+)"/.exec(svg)!;
    for (const id of ids!.split(' ')) expect(svg).toContain(`id="${id}"`);
  });

  it('escapeXml covers the five characters XML gives meaning to', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('the bars tell the truth', () => {
  it('vertical bars are as tall as their values, on one scale from zero', () => {
    const svg = barChart({ ...text, bars: [10, 5, 0, 2.5].map((value, i) => ({ label: `d${i}`, value })) });
    const [a, b, c, d] = bars(svg);
    expect(b!.height / a!.height).toBeCloseTo(0.5, 6);
    expect(c!.height).toBe(0);
    expect(d!.height / a!.height).toBeCloseTo(0.25, 6);
    // every bar stands on the same baseline
    expect(new Set(bars(svg).map((r) => r.y + r.height)).size).toBe(1);
    // the axis tops out at or above the tallest bar, and says so
    expect(texts(svg)).toContain('10');
  });

  it('horizontal bars are as long as their values, each with its number written at its end', () => {
    const svg = horizontalBarChart({ ...text, bars: [{ label: '1 star', value: 4 }, { label: '5 stars', value: 12 }], formatValue: (v) => `${v} orders` });
    const [one, five] = bars(svg);
    expect(one!.width / five!.width).toBeCloseTo(1 / 3, 6);
    expect(texts(svg)).toEqual(expect.arrayContaining(['1 star', '5 stars', '4 orders', '12 orders']));
  });

  it('a rate against 100%: bars scaled to the given max, and a 0% week is drawn as data, not as nothing to show', () => {
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const svg = horizontalBarChart({ ...text, max: 1, bars: [{ label: 'Nov 14 – 20', value: 0.5 }, { label: 'Nov 21 – 27', value: 0.25 }], formatValue: pct });
    const [a, b] = bars(svg);
    expect(a!.width / b!.width).toBeCloseTo(2, 6);
    expect(a!.width).toBeCloseTo((640 - 150 - 64) / 2, 6);
    const zero = horizontalBarChart({ ...text, max: 1, bars: [{ label: 'Nov 21 – 27', value: 0 }], formatValue: pct });
    expect(bars(zero)).toHaveLength(1);
    expect(texts(zero)).toContain('0%');
    expect(texts(horizontalBarChart({ ...text, max: 1, bars: [] }))).toEqual(['Deliveries', 'No deliveries in these 30 days']);
  });

  it('axis steps are 1, 2 or 5 × 10ⁿ and reach the largest value', () => {
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(axisTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('30 days get a readable handful of labels, and the newest day is always one of them', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ label: `Nov ${i + 1}`, value: i }));
    const labels = texts(barChart({ ...text, bars: days })).filter((t) => t!.startsWith('Nov'));
    expect(labels).toEqual(['Nov 5', 'Nov 10', 'Nov 15', 'Nov 20', 'Nov 25', 'Nov 30']);
  });
});

describe('nothing to show is said in words', () => {
  it('no points, or only zeros, draw the caller’s no-data sentence and no bars or axis numbers', () => {
    for (const data of [[], [{ label: 'Nov 1', value: 0 }, { label: 'Nov 2', value: 0 }]]) {
      for (const svg of [barChart({ ...text, bars: data }), horizontalBarChart({ ...text, bars: data })]) {
        expect(bars(svg)).toEqual([]);
        expect(texts(svg)).toEqual(['Deliveries', 'No deliveries in these 30 days']);
        // and a screen reader hears it too
        expect(svg).toContain('<desc id="deliveries-desc">No deliveries in these 30 days</desc>');
      }
    }
  });

  it('the table keeps the zeros: they are data, the figure only declines to draw a flat line', () => {
    expect(chartTable({ caption: 'Deliveries per day', head: ['Day', 'Deliveries'], bars: [{ label: 'Nov 1', value: 0 }, { label: 'Nov 2', value: 1200 }], formatValue: (v) => v.toLocaleString('en-US') }))
      .toEqual({ caption: 'Deliveries per day', head: ['Day', 'Deliveries'], rows: [['Nov 1', '0'], ['Nov 2', '1,200']] });
  });
});

describe('accessible and self-contained', () => {
  const svg = barChart({ ...text, description: '412 deliveries', bars: [{ label: 'Nov 1', value: 3 }] });

  it('is an image named by its title and description', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="deliveries-title deliveries-desc"/);
    expect(svg).toContain('<title id="deliveries-title">Deliveries</title><desc id="deliveries-desc">412 deliveries</desc>');
  });

  it('has no script, no event handler, no external font or other request', () => {
    expect(svg).not.toMatch(/<script|\son\w+=|@import|@font-face|url\(|href=/i);
    expect(svg.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(svg).toMatch(/font-family="system-ui/);
  });

  it('draws bars and axes that stand out from white by at least 3:1, and text by 4.5:1', () => {
    expect(contrast(CHART_COLORS.bar, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(CHART_COLORS.axis, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(CHART_COLORS.text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    for (const fill of svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/g)) expect(Object.values(CHART_COLORS)).toContain(fill[1]);
  });
});
