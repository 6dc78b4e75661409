import { describe, expect, it } from 'vitest';
import { renderLeaderReview } from './render-leader-review';
import { EVIL_NAME, leaderReviewFixture } from './testing/test-reviews';

describe('renderLeaderReview', () => {
  const html = renderLeaderReview(leaderReviewFixture());

  it('is one self-contained page: inline style, no script, no URL to load anything from', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it("holds the leader's name, escaped", () => {
    expect(html).toContain(
      'Leadership review: Lea &lt;script&gt;alert(1)&lt;/script&gt; &quot;Smith&quot; &amp; Co',
    );
    expect(html).not.toContain(EVIL_NAME);
    expect(html).toContain('department R&amp;D');
  });

  it('shows each figure with its interval, the raw share beside it, and the previous quarter', () => {
    expect(html).toContain('<td data-field="upward-proactivity">55% (40–70%)</td>');
    expect(html).toContain('raw 50%, corrected shown');
    expect(html).toContain('<td data-field="upward-proactivity-previous">30% (20–45%)</td>');
    expect(html).toContain('<td data-field="downward-pull-share-previous" class="nd">not enough data</td>');
    expect(html).toContain('<td data-field="push-share-up">72% (58–83%)</td>');
    expect(html).toContain('<td data-field="band-down" class="band-out">too pushy</td>');
    expect(html).toContain('<td data-field="push-share-up-previous">60% (45–74%)</td>');
    expect(html).toContain('From 40 events; 90% interval shown.');
    expect(html).toContain('<th>2026-Q2</th>');
    expect(html).toContain('period 2026-Q3 (2026-07-01 to 2026-09-30)');
  });

  it("draws the dashboard's charts as inline SVG, with intervals", () => {
    expect(html).toContain('data-chart="weekly-push-share"');
    expect(html).toContain('data-chart="weekly-team-culture"');
    expect(html).toContain('data-chart="balance-profile"');
    expect(html).toMatch(/<g data-series="up"><polygon class="interval"/);
    expect(html).toMatch(/<g data-direction="up">.*class="error-bar"/);
    // Directions without a band are in the table, not on the band chart.
    expect(html).toContain('<td>lateral</td>');
    expect(html).not.toContain('data-direction="lateral"');
  });
});
