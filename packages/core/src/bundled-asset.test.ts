import { describe, expect, it } from 'vitest';
import { bundledAssetUrl, isBundled, shippedFileUrl } from './bundled-asset';

describe('shipped files', () => {
  it('run from the sources: a shipped file is where the sources say', () => {
    const source = new URL('../../classifier/model/accuracy.json', import.meta.url);
    expect(isBundled()).toBe(false);
    expect(shippedFileUrl('accuracy.json', source).href).toBe(source.href);
  });

  it('in a build, assets are in assets/ beside the compiled chunks', () => {
    expect(bundledAssetUrl('web').href).toBe(new URL('./assets/web', import.meta.url).href);
  });
});
