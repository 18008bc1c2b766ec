import type { DocumentInfo } from './vault';

/**
 * How a transcript, a log line or the staff summary mentions a lead's documents: what the prospect
 * called them, their real type and size, never their content or file name:
 * "1 document: offer letter, PDF, 240 kB".
 */

const kindLabels: Record<DocumentInfo['kind'], string> = {
  pdf: 'PDF',
  jpeg: 'JPEG',
  png: 'PNG',
  heic: 'HEIC',
};

/** The size in kB or MB (English, the transcript's and staff's) or ko and Mo with a decimal comma (French). */
export function formatSize(bytes: number, locale: 'en-CA' | 'fr-CA' = 'en-CA'): string {
  const [kilo, mega] = locale === 'fr-CA' ? ['ko', 'Mo'] : ['kB', 'MB'];
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} ${kilo}`;
  const amount = (bytes / 1_000_000).toFixed(1).replace(/\.0$/, '');
  return `${locale === 'fr-CA' ? amount.replace('.', ',') : amount} ${mega}`;
}

/** Each document as "offer letter, PDF, 240 kB", joined by "; ". */
export function describeEach(
  documents: Pick<DocumentInfo, 'label' | 'kind' | 'size'>[],
  locale: 'en-CA' | 'fr-CA' = 'en-CA',
): string {
  return documents
    .map((d) => `${d.label || 'unnamed'}, ${kindLabels[d.kind]}, ${formatSize(d.size, locale)}`)
    .join('; ');
}

export function describeDocuments(documents: Pick<DocumentInfo, 'label' | 'kind' | 'size'>[]): string {
  if (documents.length === 0) return 'No documents';
  return `${documents.length} document${documents.length === 1 ? '' : 's'}: ${describeEach(documents)}`;
}
