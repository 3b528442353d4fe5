export {
  DICTIONARIES,
  STATUS_MESSAGE,
  fillTemplate,
  translate,
  type Language,
  type MessageKey,
  type Translate,
} from './catalogue';
