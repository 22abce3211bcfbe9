import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, read by an independent parser (PDF.js through unpdf). */
export async function pdfText(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  // PDF.js refuses Node Buffers: copy into a plain Uint8Array.
  const pdf = await getDocumentProxy(new Uint8Array(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

/** Number of pages, as PDF.js counts them. */
export async function pdfPageCount(bytes: Uint8Array | ArrayBuffer): Promise<number> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
  return pdf.numPages;
}
