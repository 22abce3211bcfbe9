/**
 * The page count of a PDF, read with pdf-lib (it follows the page tree, compressed object streams
 * included): what the final deposit records. A PDF pdf-lib cannot read is refused in French.
 */
import { PDFDocument } from 'pdf-lib';

export async function countPdfPages(bytes: Uint8Array): Promise<number | null> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return doc.getPageCount();
  } catch {
    return null;
  }
}
