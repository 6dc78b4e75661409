import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('refuses a username after maxPerUser failures until the oldest leaves the window', () => {
    let t = 1_000_000;
    const throttle = new LoginThrottle({ maxPerUser: 3, maxPerAddress: 100, windowMs: 60_000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(throttle.blocked('Ana', `10.0.0.${i}`)).toBeNull();
      throttle.failed('Ana', `10.0.0.${i}`);
      t += 1000;
    }
    expect(throttle.blocked('ana', '10.0.0.9')).toBe(57); // the first failure leaves the window in 57 s
    t += 57_000;
    expect(throttle.blocked('ana', '10.0.0.9')).toBeNull();
  });

  it('refuses an address after maxPerAddress failures, whatever the usernames; a success clears only its user', () => {
    const t = 0;
    const throttle = new LoginThrottle({ maxPerUser: 2, maxPerAddress: 3, windowMs: 60_000, now: () => t });
    throttle.failed('a', '10.0.0.1');
    throttle.failed('b', '10.0.0.1');
    throttle.failed('b', '10.0.0.1');
    expect(throttle.blocked('c', '10.0.0.1')).not.toBeNull();
    expect(throttle.blocked('c', '10.0.0.2')).toBeNull();
    expect(throttle.blocked('b', '10.0.0.2')).not.toBeNull();
    throttle.succeeded('b', '10.0.0.2');
    expect(throttle.blocked('b', '10.0.0.2')).toBeNull();
    expect(throttle.blocked('b', '10.0.0.1')).not.toBeNull();
  });

  it('forgets the least recently used keys beyond maxKeys', () => {
    const throttle = new LoginThrottle({ maxPerUser: 1, maxPerAddress: 100, maxKeys: 4, now: () => 0 });
    throttle.failed('first', 'x');
    for (const name of ['b', 'c', 'd']) throttle.failed(name, 'x');
    expect(throttle.blocked('first', 'y')).toBeNull();
    expect(throttle.blocked('d', 'y')).not.toBeNull();
  });
});
