import { ref } from 'vue';
import { describeError } from '../services/errors.ts';
import type { ExportFormat, ExportKind } from '../services/moderation.ts';
import { useModerationService } from '../services/moderation.ts';

export type ExportStatus = 'idle' | 'exporting' | 'done' | 'error';

/** How long a saved file's object URL lives: long enough for the browser to start the download. */
const OBJECT_URL_LIFETIME_MS = 60_000;

/** Saves `blob` as `filename` through a temporary link (the API needs a token: no plain href). */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}

/** CSV/JSON export of the current filter: fetched with the token, then saved from a Blob. */
export function useModerationExport(save: (blob: Blob, filename: string) => void = saveBlob) {
  const service = useModerationService();
  const status = ref<ExportStatus>('idle');
  const message = ref('');
  /** Set when the last export stopped at its cap: where the rest starts. */
  const continueFrom = ref<{ kind: ExportKind; format: ExportFormat; filters: Record<string, string>; cursor: string } | null>(null);

  async function run(kind: ExportKind, format: ExportFormat, filters: Record<string, string>, cursor?: string): Promise<void> {
    if (status.value === 'exporting') return;
    status.value = 'exporting';
    message.value = `Exporting ${kind} as ${format.toUpperCase()}…`;
    try {
      const file = await service.exportFile(kind, format, filters, cursor);
      save(file.blob, file.filename);
      status.value = 'done';
      continueFrom.value = file.truncated && file.nextCursor ? { kind, format, filters, cursor: file.nextCursor } : null;
      message.value = continueFrom.value
        ? `Saved ${file.filename}. The export reached its size limit: export the rest, or narrow the filter.`
        : `Saved ${file.filename}.`;
    } catch (cause) {
      status.value = 'error';
      message.value = `Export failed: ${describeError(cause)}`;
    }
  }

  function runRest(): Promise<void> {
    const rest = continueFrom.value;
    return rest ? run(rest.kind, rest.format, rest.filters, rest.cursor) : Promise.resolve();
  }

  return { status, message, continueFrom, run, runRest };
}
