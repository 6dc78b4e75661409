import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatAccuracyFile, formatModelFile } from './model-files';
import { loadTrainingData, trainClassifier } from './train-classifier';

describe('npm run train', () => {
  it('reproduces the committed weights and accuracy byte for byte from the committed data', () => {
    const { file, accuracy } = trainClassifier(loadTrainingData());
    expect(formatModelFile(file)).toBe(
      readFileSync(new URL('../model/classifier-model.json', import.meta.url), 'utf8'),
    );
    expect(formatAccuracyFile(accuracy)).toBe(
      readFileSync(new URL('../model/accuracy.json', import.meta.url), 'utf8'),
    );
  }, 900_000);
});
