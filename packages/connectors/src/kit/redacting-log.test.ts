import { describe, expect, it } from 'vitest';
import { redactingLog } from './redacting-log';

describe('redactingLog', () => {
  it('replaces secrets in the message, nested fields and errors', () => {
    const lines: unknown[] = [];
    const log = redactingLog((level, fields, message) => lines.push({ level, fields, message }), ['s3cr3t']);
    log(
      'warn',
      { url: 'x?token=s3cr3t', nested: { list: ['a s3cr3t b'] }, err: new Error('bad s3cr3t') },
      'saw s3cr3t',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('s3cr3t');
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('"name":"Error"');
  });
});
