import { describe, expect, it } from 'vitest';
import { lambdaRuntimeNotice } from './runtime-notice.ts';

describe('lambdaRuntimeNotice', () => {
  it('states the Node the functions run under and the deployed runtime', () => {
    const notice = lambdaRuntimeNotice(['nodejs24.x', 'nodejs24.x'], '24.3.1');

    expect(notice).toEqual({ level: 'info', text: 'Lambdas run in this process on Node v24.3.1; AWS runs them on nodejs24.x' });
  });

  it('warns when this Node is another major than the deployed runtime', () => {
    const notice = lambdaRuntimeNotice(['nodejs24.x'], 'v20.20.2');

    expect(notice.level).toBe('warn');
    expect(notice.text).toContain('on Node v20.20.2; AWS runs them on nodejs24.x');
    expect(notice.text).toContain('Node 20 is not the deployed Node 24');
  });

  it('names every runtime when the functions deploy on several', () => {
    const notice = lambdaRuntimeNotice(['nodejs22.x', 'nodejs24.x'], '24.0.0');

    expect(notice.level).toBe('warn');
    expect(notice.text).toContain('AWS runs them on nodejs22.x, nodejs24.x');
    expect(notice.text).toContain('Node 24 is not the deployed Node 22');
  });
});
