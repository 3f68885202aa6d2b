import { defineStore } from 'pinia';
import { PAGE_SIZE } from '../../core/limits.ts';
import type { AuditEntry } from '../../core/moderation.ts';
import { useModerationService } from '../services/moderation.ts';
import { createPagedList } from './moderation-paging.ts';

/** The console's audit tab (`GET /moderation/audit`): every moderator action, newest first. */
export const useModerationAuditStore = defineStore('moderation-audit', () => {
  const service = useModerationService();
  return createPagedList<AuditEntry>((filters, cursor) => service.listAudit(filters, { limit: PAGE_SIZE, cursor }));
});
