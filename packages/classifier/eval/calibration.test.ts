import { describe, expect, it } from 'vitest';
import { softmax } from '../src/model/softmax-model';
import { expectedCalibrationError, fitTemperature, reliabilityTable } from './calibration';

describe('calibration', () => {
  it('bins predictions by confidence and measures each bin', () => {
    const table = reliabilityTable(
      [
        { confidence: 0.95, correct: true },
        { confidence: 0.91, correct: false },
        { confidence: 1, correct: true },
        { confidence: 0.55, correct: true },
      ],
      10,
    );
    expect(table).toHaveLength(10);
    expect(table[9]).toMatchObject({ count: 3 });
    expect(table[9]!.accuracy).toBeCloseTo(2 / 3, 10);
    expect(table[9]!.meanConfidence).toBeCloseTo((0.95 + 0.91 + 1) / 3, 10);
    expect(table[5]).toMatchObject({ count: 1, accuracy: 1 });
  });

  it('ECE is 0 when confidence equals accuracy in every bin, and the gap otherwise', () => {
    const calibrated = [
      ...Array.from({ length: 8 }, () => ({ confidence: 0.8, correct: true })),
      ...Array.from({ length: 2 }, () => ({ confidence: 0.8, correct: false })),
    ];
    expect(expectedCalibrationError(calibrated)).toBeCloseTo(0, 10);
    const overconfident = Array.from({ length: 10 }, (_, i) => ({ confidence: 0.95, correct: i < 5 }));
    expect(expectedCalibrationError(overconfident)).toBeCloseTo(0.45, 10);
    expect(expectedCalibrationError([])).toBeNaN();
  });

  it('fitTemperature recovers the temperature that generated the labels', () => {
    // Labels drawn (deterministically, by quantiles) from softmax(logits / 2): the best fit is near 2.
    const examples: { logits: number[]; gold: number }[] = [];
    for (let i = 0; i < 400; i++) {
      const logits = [((i % 20) - 10) / 2, 0];
      const p = softmax(logits, 2);
      const u = ((i * 7919) % 400) / 400 + 1 / 800;
      examples.push({ logits, gold: u < p[0]! ? 0 : 1 });
    }
    const t = fitTemperature(examples);
    expect(t).toBeGreaterThan(1.5);
    expect(t).toBeLessThan(2.6);
  });
});
