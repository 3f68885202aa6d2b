/** A chat app's HTTP API (routes with path parameters, every method, CORS with exposed headers), as the HTTP API tests serve it. */
import type { RouteDefinition } from '../../template/backend-model.ts';

export const routes: RouteDefinition[] = [
  { method: 'GET', path: '/rooms', functionName: 'history' },
  { method: 'POST', path: '/rooms', functionName: 'create-room' },
  { method: 'GET', path: '/rooms/{roomId}', functionName: 'history' },
  { method: 'GET', path: '/rooms/{roomId}/messages', functionName: 'history' },
  { method: 'GET', path: '/rooms/{roomId}/messages/{messageId}/reactions', functionName: 'history' },
  { method: 'GET', path: '/rooms/{roomId}/members', functionName: 'members' },
  { method: 'POST', path: '/rooms/{roomId}/members', functionName: 'members' },
  { method: 'DELETE', path: '/rooms/{roomId}/members/{sub}', functionName: 'members' },
  { method: 'POST', path: '/dms', functionName: 'members' },
  { method: 'GET', path: '/people', functionName: 'members' },
  { method: 'GET', path: '/moderation/messages', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/messages/{roomId}/{messageId}/remove', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/messages/{roomId}/{messageId}/restore', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/audit', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/export', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/rooms/{roomId}/rename', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/rooms/{roomId}/archive', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/rooms/{roomId}/unarchive', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/mutes', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/mutes', functionName: 'moderation' },
  { method: 'DELETE', path: '/moderation/mutes/{sub}', functionName: 'moderation' },
  { method: 'GET', path: '/moderation/reports', functionName: 'moderation' },
  { method: 'POST', path: '/moderation/reports/{reportId}/resolve', functionName: 'moderation' },
  { method: 'POST', path: '/reports', functionName: 'reports' },
  { method: 'GET', path: '/me', functionName: 'profile' },
  { method: 'PUT', path: '/me', functionName: 'profile' },
];

export const httpApiCors = {
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type', 'x-amz-date', 'x-amz-user-agent', 'x-api-key'],
  exposeHeaders: ['content-disposition', 'x-parley-export-truncated', 'x-parley-export-next-cursor', 'retry-after'],
  maxAgeSeconds: 3600,
} as const;
