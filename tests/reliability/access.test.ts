/**
 * Identity and access: forged authors, tampered/expired/foreign tokens on every
 * surface, members on other channels and on every moderation route. 0 successes, each with the
 * documented error. Also run by `npm run fuzz`.
 */
import { describe, expect, it } from 'vitest';
import { useCloudProcess } from './cloud-fixture.ts';
import { runAccess } from './access-run.ts';

describe('identity and access', () => {
  const fixture = useCloudProcess('access');

  it('refuses every forged identity and foreign channel or route with the documented error, and lets no forgery through', async () => {
    const cases = await runAccess(fixture.cloud);

    expect(cases.filter((c) => !c.pass)).toEqual([]);
    expect(cases.length).toBeGreaterThan(150);
  });
});
