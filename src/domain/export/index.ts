/** Export and re-import: Excel-ready CSV of the desk, lossless desk JSONL, CMS CSV, local times. */
export {
  csvCell,
  csvChunks,
  csvRow,
  toCsv,
  CSV_BOM,
  CSV_EOL,
  type CsvCell,
  type CsvOptions,
} from './csv';
export {
  formatScore,
  inOrder,
  noticeCsvChunks,
  noticeCsvRows,
  recordsToCsvRows,
  NOTICE_CSV_HEADER,
  type NoticeCsvOptions,
} from './records';
export { formatLocalTime, localTimeOf, LOCAL_ZONE, type UtcOffset } from './time';
export { exportFileName } from './file-name';
export {
  deskJsonlChunks,
  parseDeskJsonl,
  toDeskJsonl,
  DESK_FORMAT,
  DESK_FORMAT_VERSION,
  type DeskJsonlHeader,
  type DeskJsonlImport,
  type JsonlError,
} from './jsonl';
export { cmsRowsToNotices, parseCsv, type CmsImport, type CmsNotice } from './cms-csv';
