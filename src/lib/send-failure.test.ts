import { describe, expect, it } from 'vitest';
import { mutedError } from '../../core/muted-error.ts';
import { describeSendFailure } from './send-failure.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const IN_TEN_MINUTES = '2026-11-30T12:10:00.000Z';

describe('describeSendFailure', () => {
  it('shows the server text with a Retry for an ordinary failure', () => {
    expect(describeSendFailure('Message not stored; please retry', NOW)).toEqual({ text: 'Not sent: Message not stored; please retry', retryable: true });
    expect(describeSendFailure(undefined, NOW)).toEqual({ text: 'Not sent', retryable: true });
  });

  it('says until when a muted sender is muted, and offers no Retry before then', () => {
    const failure = describeSendFailure(mutedError(IN_TEN_MINUTES), NOW, 'en-GB');

    expect(failure.retryable).toBe(false);
    expect(failure.mutedUntil).toBe(IN_TEN_MINUTES);
    expect(failure.text).toMatch(/^Not sent: a moderator muted you until .+ \(in 10 minutes\)$/);
    expect(failure.text).not.toContain('Muted:');
  });

  it('offers the Retry again once the mute has ended', () => {
    const failure = describeSendFailure(mutedError(IN_TEN_MINUTES), Date.parse(IN_TEN_MINUTES));

    expect(failure).toMatchObject({ retryable: true, text: 'Not sent: you were muted; your mute has ended, so you can retry' });
  });
});
