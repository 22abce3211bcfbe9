/**
 * Files for the mémoire upload tests: PDFs written by two real libraries (pdfkit: page objects in
 * the clear; pdf-lib: in compressed object streams), an XLSX by exceljs, DOCX and ODT packages laid
 * out as Word and LibreOffice lay them out (a stored zip, the ODT's `mimetype` first), and the
 * impostors: programs, an archive of something else, a truncated zip. Plus a multipart/form-data body
 * streamed from a generator, so a 50 MB upload never exists whole in the test either.
 */
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import PDFKit from 'pdfkit';

export async function pdfkitPdf(pages: number): Promise<Buffer> {
  const doc = new PDFKit({ autoFirstPage: false, compress: true });
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 1; i <= pages; i++) doc.addPage().text(`Page ${i} du mémoire`);
  doc.end();
  await done;
  return Buffer.concat(parts);
}

/** pdf-lib keeps its objects, page objects included, in compressed object streams. */
export async function pdfLibPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** A zip whose entries are stored (no compression), in this order. */
export function storedZip(entries: { name: string; content: Buffer | string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content, 'utf8');
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export function docx(text = 'Mon mémoire'): Buffer {
  return storedZip([
    { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', content: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/document.xml', content: `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>` },
  ]);
}

export function odf(kind: 'text' | 'spreadsheet' | 'presentation' = 'text'): Buffer {
  return storedZip([
    { name: 'mimetype', content: `application/vnd.oasis.opendocument.${kind}` },
    { name: 'content.xml', content: '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
    { name: 'META-INF/manifest.xml', content: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>' },
  ]);
}

export async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Budget').addRow(['Poste', 'Montant']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The first bytes of a Windows program (the « MZ » DOS header and its stub's message). */
export const windowsExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode.'), Buffer.alloc(400, 0x90)]);
export const linuxElf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(500)]);
export const zipOfOther = storedZip([{ name: 'lisez-moi.txt', content: 'rien' }, { name: 'setup.exe', content: windowsExe }]);

/** A multipart body with one file, produced as it is read; `content` may be a generator of chunks. */
export function multipartBody(o: { fileName: string; content: Buffer | (() => AsyncIterable<Buffer>); field?: string; boundary?: string }) {
  const boundary = o.boundary ?? '----movsc-test-boundary-7f3a';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${o.field ?? 'file'}"; filename="${o.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const content = o.content;
  async function* parts() {
    yield head;
    if (Buffer.isBuffer(content)) yield content;
    else for await (const c of content()) yield c;
    yield tail;
  }
  const iterator = parts();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
  });
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

/** `size` bytes of a PDF (its signature, then filler), in chunks of 256 KB, never held whole. */
export function largePdf(size: number): () => AsyncIterable<Buffer> {
  return async function* () {
    const header = Buffer.from('%PDF-1.4\n');
    yield header;
    const block = Buffer.alloc(256 * 1024, 0x20);
    let left = size - header.length;
    while (left > 0) {
      const n = Math.min(left, block.length);
      yield n === block.length ? block : block.subarray(0, n);
      left -= n;
    }
  };
}
