import { join } from 'node:path';
import { CORPUS_DIRECTORY } from '../../eval/load-corpus';

/** A labelled part of the corpus that the annotation tools work on, named by a command-line flag. */
export interface CorpusPart {
  /** What the tools call it in their messages. */
  name: string;
  /** Its folder (`items/`, `labels/`). */
  dir: string;
}

/**
 * The part the tools' arguments name: `--extension` the test extension (`corpus/extension`), `--fresh`
 * the fresh test set drawn after 0.5.0 (`corpus/fresh`), `--supplement` the train-only supplement,
 * otherwise the corpus itself.
 *
 * @example corpusPart(['--fresh']).dir // …/corpus/fresh
 */
export function corpusPart(args: readonly string[]): CorpusPart {
  if (args.includes('--extension'))
    return { name: 'the extension', dir: join(CORPUS_DIRECTORY, 'extension') };
  if (args.includes('--fresh')) return { name: 'the fresh test set', dir: join(CORPUS_DIRECTORY, 'fresh') };
  if (args.includes('--supplement'))
    return { name: 'the supplement', dir: join(CORPUS_DIRECTORY, 'supplement') };
  return { name: 'the corpus', dir: CORPUS_DIRECTORY };
}
