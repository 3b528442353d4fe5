/** The notice parser: text → ParsedNotice, and the normalisers it uses. */
export { parseNotice } from './parse';
export { noticeMeta } from './meta';
export { normaliseDate, isDateText, noticeDate } from './dates';
export { normaliseDocNumber } from './docnumber';
export type * from './types';
