/**
 * Versions of a mémoire, their annexes and feedback (issue 10, item 3; decision 021): file kinds and
 * formats with their French labels. Pure module: the SPA shows the same words.
 */
export const THESIS_FILE_KIND_VALUES = ['version', 'annex'] as const;
export type TThesisFileKind = (typeof THESIS_FILE_KIND_VALUES)[number];
export const THESIS_FILE_KIND_LABELS: Record<TThesisFileKind, string> = { version: 'Version', annex: 'Annexe' };

export const THESIS_FILE_FORMAT_VALUES = ['pdf', 'docx', 'odt', 'xlsx', 'pptx', 'ods', 'odp', 'doc', 'xls', 'ppt'] as const;
export type TThesisFileFormat = (typeof THESIS_FILE_FORMAT_VALUES)[number];
export const THESIS_FILE_FORMAT_LABELS: Record<TThesisFileFormat, string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  odt: 'Texte OpenDocument (ODT)',
  xlsx: 'Excel (XLSX)',
  pptx: 'PowerPoint (PPTX)',
  ods: 'Classeur OpenDocument (ODS)',
  odp: 'Présentation OpenDocument (ODP)',
  doc: 'Word 97-2003 (DOC)',
  xls: 'Excel 97-2003 (XLS)',
  ppt: 'PowerPoint 97-2003 (PPT)',
};
export const THESIS_FILE_CONTENT_TYPES: Record<TThesisFileFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
/** What a version may be; an annex may be any format above. */
export const THESIS_VERSION_FORMATS: readonly TThesisFileFormat[] = ['pdf', 'docx', 'odt'];

/** The largest file a version or an annex may weigh. */
export const THESIS_FILE_MAX_BYTES = 50 * 1024 * 1024;

/** The page count a mémoire is expected near (DOMAIN.md: about 150 pages), and the band outside which the deposit warns. */
export const THESIS_PAGES_EXPECTED = 150;
export const THESIS_PAGES_BAND = { min: 100, max: 200 } as const;
