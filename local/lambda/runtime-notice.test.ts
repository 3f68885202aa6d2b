import { describe, expect, it } from 'vitest';
import { LAMBDA_RUNTIME } from '../../amplify/definition.ts';
import { lambdaRuntimeNotice } from './runtime-notice.ts';

describe('lambdaRuntimeNotice', () => {
  it('states the Node the functions run under and the deployed runtime', () => {
    const notice = lambdaRuntimeNotice(`${LAMBDA_RUNTIME.nodeMajor}.3.1`);

    expect(notice).toEqual({ level: 'info', text: `Lambdas run in this process on Node v${LAMBDA_RUNTIME.nodeMajor}.3.1; AWS runs them on ${LAMBDA_RUNTIME.name}` });
  });

  it('warns when this Node is another major than the deployed runtime', () => {
    const notice = lambdaRuntimeNotice('v20.20.2');

    expect(notice.level).toBe('warn');
    expect(notice.text).toContain('on Node v20.20.2; AWS runs them on nodejs24.x');
    expect(notice.text).toContain('Node 20 is not the deployed Node 24');
  });
});
