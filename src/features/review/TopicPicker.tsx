import {
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import type { TopicPath } from '../../domain/taxonomy/taxonomy';
import type { Translate } from '../../ui/i18n/useT';
import { pathLabel } from '../../ui/format';
import { matchTopics, type TopicOption } from './topicMatch';

export interface TopicPickerHandle {
  open(): void;
}

interface Props {
  readonly ref?: Ref<TopicPickerHandle>;
  /** The path staged for confirmation, shown in the input when the list is closed. */
  readonly chosen: TopicPath | null;
  readonly onChoose: (path: TopicPath) => void;
  /** Enter on a closed picker with a staged path: confirm it without leaving the keyboard. */
  readonly onConfirm: () => void;
  readonly t: Translate;
}

const MAX_OPTIONS = 60;

/**
 * A two-level picker with type-ahead (ARIA combobox + listbox). Typing matches either level, aliases
 * and pinyin initials; ↑/↓ move, Enter chooses, Esc closes. Choosing stages the path; the desk's
 * confirm button (or Enter again) records it.
 */
export function TopicPicker({ ref, chosen, onChoose, onConfirm, t }: Props) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const id = useId();
  const listId = `${id}-list`;

  const options = useMemo(() => matchTopics(query ?? '').slice(0, MAX_OPTIONS), [query]);

  useImperativeHandle(ref, () => ({
    open() {
      setQuery('');
      setActive(0);
      setOpen(true);
      inputRef.current?.focus();
    },
  }));

  function choose(option: TopicOption | undefined): void {
    if (!option) return;
    onChoose(option.path);
    setQuery(null);
    setOpen(false);
  }

  function moveActive(delta: number): void {
    if (!open) {
      setOpen(true);
      return;
    }
    const next = Math.max(0, Math.min(options.length - 1, active + delta));
    setActive(next);
    listRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        moveActive(1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        moveActive(-1);
        break;
      case 'Enter':
        e.preventDefault();
        if (open && options.length > 0) choose(options[active]);
        else if (!open && chosen) onConfirm();
        break;
      case 'Escape':
        e.preventDefault();
        if (open) {
          setOpen(false);
          setQuery(null);
        } else {
          // A second Esc hands the keyboard back to the desk's shortcuts.
          inputRef.current?.blur();
        }
        break;
      default:
        break;
    }
  }

  const shown = query ?? (chosen ? pathLabel(chosen) : '');
  const activeOption = open ? options[active] : undefined;

  return (
    <div className="picker">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        className="picker-input"
        aria-label={t('pickerLabel')}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${id}-opt-${activeOption.key}` : undefined}
        placeholder={t('pickerPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        value={shown}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => {
          e.target.select();
        }}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t('pickerOptions')}
        className="picker-list"
        hidden={!open}
      >
        {options.length === 0 ? (
          <li className="picker-empty" role="presentation">
            {t('pickerEmpty')}
          </li>
        ) : (
          options.map((o, i) => (
            <li
              key={o.key}
              id={`${id}-opt-${o.key}`}
              role="option"
              aria-selected={i === active}
              className="picker-option"
              // mousedown would blur the input and close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(o)}
            >
              <span className="path-level1">{o.path.label1}</span>
              {o.path.label2 !== null ? (
                <>
                  <span className="path-sep"> › </span>
                  <span className="path-level2">{o.path.label2}</span>
                </>
              ) : null}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
