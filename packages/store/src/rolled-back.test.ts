import { PushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { rolledBack } from './rolled-back';

describe('rolledBack', () => {
  it('passes a PushpullError thrown inside the transaction through unchanged', () => {
    const inner = new PushpullError('ERASE_BAD_ADDRESS', 'not an email address');
    expect(rolledBack('erasePerson', inner)).toBe(inner);
  });

  it('wraps anything else as STORE_WRITE_FAILED naming the operation and what it wrote, keeping the cause', () => {
    const cause = new Error('deadlock detected');
    const err = rolledBack('replaceFacts', cause, '12 facts', { facts: 12 });
    expect(err.code).toBe('STORE_WRITE_FAILED');
    expect(err.message).toBe('replaceFacts: rolled back 12 facts: deadlock detected');
    expect(err.cause).toBe(cause);
    expect(rolledBack('applyRetention', 'boom').message).toBe('applyRetention: rolled back: boom');
  });
});
