import type { AuditEntry, ModeratedMessage, ModerationPage } from '../../core/moderation.ts';
import type { HttpResult } from '../lib/http-response.ts';
import { AUDIT_CSV_HEADER, auditCsvRow, csvLine, MESSAGE_CSV_HEADER, messageCsvRow } from './csv.ts';
import type { ExportFormat, ExportKind, PageParams } from './filters.ts';
import type { ReadMeter } from './moderation-store.ts';

/**
 * Hard caps of one export. A Lambda answers with one response (API Gateway cannot stream it), so
 * the export is built page by page in memory and stops at whichever cap comes first: rows, body
 * size (Lambda's synchronous response limit is 6 MB), or items read (time: API Gateway waits 30 s).
 * A cut-off export says so in `x-parley-export-truncated` and gives `x-parley-export-next-cursor`
 * (also in the JSON body) to export the rest with `cursor=`.
 */
export const EXPORT_MAX_ROWS = 5_000;
export const EXPORT_MAX_BYTES = 4_000_000;
export const EXPORT_MAX_ITEMS_READ = 25_000;
const EXPORT_PAGE_SIZE = 100;

type Row = ModeratedMessage | AuditEntry;

export interface ExportRequest<T extends Row> {
  kind: ExportKind;
  format: ExportFormat;
  filters: object;
  cursor?: string;
  /** One page of the same listing the API serves. */
  page(params: PageParams, meter: ReadMeter, budget: number): Promise<ModerationPage<T>>;
  meter: ReadMeter;
  now: Date;
}

export async function buildExport<T extends Row>(request: ExportRequest<T>): Promise<HttpResult> {
  const toCells = (row: T) => (request.kind === 'messages' ? messageCsvRow(row as ModeratedMessage) : auditCsvRow(row as AuditEntry));
  const rows: T[] = [];
  let bytes = 0;
  let cursor = request.cursor;
  do {
    const remainingRead = EXPORT_MAX_ITEMS_READ - request.meter.itemsRead;
    const page = await request.page(
      { limit: Math.min(EXPORT_PAGE_SIZE, EXPORT_MAX_ROWS - rows.length), ...(cursor === undefined ? {} : { cursor }) },
      request.meter,
      Math.max(1, Math.min(1000, remainingRead)),
    );
    rows.push(...page.items);
    for (const row of page.items) bytes += request.format === 'csv' ? Buffer.byteLength(csvLine(toCells(row))) : Buffer.byteLength(JSON.stringify(row)) + 1;
    cursor = page.nextCursor;
  } while (cursor !== undefined && rows.length < EXPORT_MAX_ROWS && bytes < EXPORT_MAX_BYTES && request.meter.itemsRead < EXPORT_MAX_ITEMS_READ);

  const stamp = request.now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const headers: Record<string, string> = {
    'content-disposition': `attachment; filename="parley-${request.kind}-${stamp}.${request.format}"`,
    'cache-control': 'no-store',
    ...(cursor === undefined ? {} : { 'x-parley-export-truncated': 'true', 'x-parley-export-next-cursor': cursor }),
  };
  if (request.format === 'json') {
    const body = {
      kind: request.kind,
      exportedAt: request.now.toISOString(),
      filters: request.filters,
      items: rows,
      ...(cursor === undefined ? {} : { truncated: true, nextCursor: cursor }),
    };
    return { statusCode: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
  }
  const header = csvLine(request.kind === 'messages' ? MESSAGE_CSV_HEADER : AUDIT_CSV_HEADER);
  // The BOM makes spreadsheet apps read the file as UTF-8.
  const body = `\uFEFF${header}${rows.map((row) => csvLine(toCells(row))).join('')}`;
  return { statusCode: 200, headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }, body };
}
