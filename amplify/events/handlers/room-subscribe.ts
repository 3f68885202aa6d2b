/**
 * `onSubscribe` of both room namespaces (`chat`, `signals`), through the `roomMembership` DynamoDB
 * data source: a public room's channel is open to anyone signed in with no read; a private room's
 * or DM's (4 segments, with an epoch) needs the caller's membership item, one eventually
 * consistent GetItem projecting the key (0.5 RCU). A refusal is `util.unauthorized()`, exactly
 * what a subscribe to a room that does not exist gets, so a non-member learns nothing of the room.
 */
import { runtime, util } from '@aws-appsync/utils';
import type { DynamoDBGetItemRequest, EventOnSubscribeContext } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { subscribeAccess } from '../../../core/room-access.ts';

type SubscribeResponseContext = EventOnSubscribeContext & {
  result?: unknown;
  error?: { message: string; type: string } | null;
};

/** The `{ request, response }` onSubscribe of the room channels of `namespace`. */
export function roomSubscribeHandler(namespace: string) {
  return {
    request(ctx: EventOnSubscribeContext): DynamoDBGetItemRequest {
      const access = subscribeAccess(ctx.identity, ctx.info.channel.segments, namespace);
      if (access.kind === 'refuse') {
        return util.unauthorized();
      }
      if (access.kind === 'allow') {
        return runtime.earlyReturn();
      }
      return get({ key: access.key, projection: ['pk'] });
    },
    response(ctx: SubscribeResponseContext): void {
      if (ctx.error) {
        // Not a refusal: the member may retry. The cause stays in the API's logs.
        util.error('Membership check failed; please retry', 'SubscriptionProcessingError');
      }
      if (ctx.result === null || ctx.result === undefined) {
        util.unauthorized();
      }
    },
  };
}
