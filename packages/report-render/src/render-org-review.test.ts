import { describe, expect, it } from 'vitest';
import { renderOrgReview } from './render-org-review';
import { EVIL_NAME, orgReviewFixture } from './testing/test-reviews';

describe('renderOrgReview', () => {
  const html = renderOrgReview(orgReviewFixture());

  it('is self-contained and escapes names', () => {
    expect(html).not.toMatch(/<script|\b(src|href)\s*=|https?:\/\//i);
    expect(html).not.toContain(EVIL_NAME);
    expect(html).toContain('Lea &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lists every leader with the previous quarter beside each figure', () => {
    const rows = html.match(/<tr[^>]*data-email="[^"]+"/g) ?? [];
    expect(rows).toHaveLength(4);
    expect(html).toContain('<tr class="outlier" data-email="leascriptalertscriptsmithco@acme.io">');
    expect(html).toContain(
      '<div>60% (50–70%)</div><div class="prev" data-previous="upwardProactivity">2026-Q2: 55% (45–65%)</div>',
    );
    expect(html).toContain('<div class="prev">2026-Q2: too pully</div>');
    expect(html).toContain('2026-Q2: push-only');
  });

  it('draws the overview scatter with the band, error bars and outliers, placing only rated leaders', () => {
    const svg = /<svg class="chart" data-chart="overview-scatter".*?<\/svg>/s.exec(html)?.[0] ?? '';
    expect(svg).toContain('<rect class="band"');
    expect(svg.match(/<g class="point/g)).toHaveLength(3);
    expect(svg.match(/<g class="point outlier"/g)).toHaveLength(1);
    expect(svg.match(/class="error-bar"/g)).toHaveLength(6);
    expect(html).toContain('3 of 4 leaders have enough data on both axes');
  });

  it('rolls departments up with the previous quarter', () => {
    expect(html).toContain('<td data-field="department">R&amp;D</td>');
    expect(html).toContain('1 of 2<div class="prev">2026-Q2: 2 of 2</div>');
  });
});
