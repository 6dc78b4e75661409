import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { CLASSIFIER_VERSION } from '../classifier-version';
import {
  classifierModelFrom,
  defaultClassifierModel,
  INITIATIVE_CLASSES,
  MODE_CLASSES,
} from './classifier-model';

describe('the committed classifier model', () => {
  it('belongs to this classifier version and has both models', () => {
    const model = defaultClassifierModel();
    expect(model.version).toBe(CLASSIFIER_VERSION);
    expect(model.mode.classes).toEqual(MODE_CLASSES);
    expect(model.initiative.classes).toEqual(INITIATIVE_CLASSES);
    expect(defaultClassifierModel()).toBe(model);
  });

  it('refuses a bad weights file with CLASSIFIER_BAD_MODEL naming what is wrong', () => {
    const bad = {
      version: 'x',
      mode: { classes: ['push', 'pull'], bias: [0, 0], temperature: 1, weights: {} },
    };
    expect(() => classifierModelFrom(bad)).toThrow(
      expect.toSatisfy(
        (err) =>
          isPushpullError(err, 'CLASSIFIER_BAD_MODEL') && /^bad classifier weights: mode/.test(err.message),
      ),
    );
  });
});
