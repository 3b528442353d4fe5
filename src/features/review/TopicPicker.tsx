import {
  useEffect,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import {
  groupByClass,
  searchTopics,
  type TopicCoverage,
  type TopicMatch,
  type TopicPath,
} from '../../domain/taxonomy';
import { useDesk } from '../../store';
import { focusAfter } from '../../ui/focus';
import { pathLabel } from '../../ui/format';
import type { Translate } from '../../ui/i18n/useT';

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

/** How far PageUp/PageDown move in the list. */
const PAGE = 10;

/**
 * What each class covers, kept by the store: the picker is mounted anew for each notice, and the
 * terms (a chunk of their own) are fetched once, when the browser is idle or the picker opens.
 */
function useTopicCoverage(): readonly [TopicCoverage | null, () => void] {
  const coverage = useDesk((s) => s.topicCoverage);
  const load = useDesk((s) => s.loadTopicCoverage);
  useEffect(() => {
    if (coverage) return undefined;
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(load, { timeout: 5000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(load, 1000);
    return () => clearTimeout(timer);
  }, [coverage, load]);
  return [coverage, load];
}

/**
 * A two-level picker with type-ahead (ARIA combobox + listbox). Typing matches either level,
 * aliases, pinyin initials and what each class covers (the matched term is shown as a hint); an
 * empty query lists every leaf under its class. ↑/↓, PageUp/PageDown, Home/End move, Enter chooses,
 * Esc closes. Choosing stages the path; the desk's confirm button (or Enter again) records it.
 */
export function TopicPicker({ ref, chosen, onChoose, onConfirm, t }: Props) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [coverage, loadCoverage] = useTopicCoverage();
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number): string => `${id}-opt-${index}`;

  const typed = (query ?? '').trim() !== '';
  const options = useMemo(() => searchTopics(query ?? '', coverage), [query, coverage]);
  const groups = useMemo(() => (typed ? null : groupByClass(options)), [typed, options]);

  function openList(): void {
    loadCoverage();
    setOpen(true);
  }

  useImperativeHandle(ref, () => ({
    open() {
      setQuery('');
      setActive(0);
      openList();
      inputRef.current?.focus();
    },
  }));

  function choose(option: TopicMatch | undefined): void {
    if (!option) return;
    onChoose(option.path);
    setQuery(null);
    setOpen(false);
  }

  function moveTo(index: number): void {
    const next = Math.max(0, Math.min(options.length - 1, index));
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    const moves: Readonly<Record<string, number>> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + PAGE,
      PageUp: active - PAGE,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      if (open) moveTo(target);
      else openList();
      return;
    }
    switch (e.key) {
      case 'Home':
      case 'End':
        // In a closed list they move the caret in the text, as in any input.
        if (!open) break;
        e.preventDefault();
        moveTo(e.key === 'Home' ? 0 : options.length - 1);
        break;
      case 'Enter':
        e.preventDefault();
        if (open && options.length > 0) choose(options[active]);
        else if (!open && chosen) onConfirm();
        break;
      case 'Escape':
        // Esc on a closed list is the desk's: back to the document view.
        if (!open) break;
        e.preventDefault();
        setOpen(false);
        setQuery(null);
        focusAfter('pickerLeft');
        break;
      default:
        break;
    }
  }

  const shown = query ?? (chosen ? pathLabel(chosen) : '');
  const activeOption = open ? options[active] : undefined;

  function renderOption(o: TopicMatch, index: number, grouped: boolean) {
    const hint =
      o.hint === null
        ? null
        : t(o.hint.kind === 'term' ? 'pickerHintTerm' : 'pickerHintAlias', { text: o.hint.text });
    return (
      <div
        key={o.key}
        id={optionId(index)}
        role="option"
        aria-selected={index === active}
        className="picker-option"
        // mousedown would blur the input and close the list before the click lands.
        onMouseDown={(e) => e.preventDefault()}
        onMouseEnter={() => setActive(index)}
        onClick={() => choose(o)}
      >
        {grouped ? (
          <span className="path-level2">{o.path.label2 ?? o.path.label1}</span>
        ) : (
          <>
            <span className="path-level1">{o.path.label1}</span>
            {o.path.label2 !== null ? (
              <>
                <span className="path-sep"> › </span>
                <span className="path-level2">{o.path.label2}</span>
              </>
            ) : null}
          </>
        )}
        {hint ? <span className="picker-hint">{hint}</span> : null}
      </div>
    );
  }

  let list;
  if (options.length === 0) {
    list = (
      <div className="picker-empty" role="presentation">
        {t('pickerEmpty')}
      </div>
    );
  } else if (groups) {
    let index = 0;
    list = groups.map((g, k) => (
      <div key={g.label1} role="group" aria-labelledby={`${id}-group-${k}`}>
        <div id={`${id}-group-${k}`} className="picker-group-label">
          {g.label1}
        </div>
        {g.options.map((o) => renderOption(o, index++, true))}
      </div>
    ));
  } else {
    list = options.map((o, i) => renderOption(o, i, false));
  }

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
        aria-activedescendant={activeOption ? optionId(active) : undefined}
        placeholder={t('pickerPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        value={shown}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          openList();
        }}
        onFocus={(e) => {
          e.target.select();
        }}
        onClick={openList}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t('pickerOptions')}
        className="picker-list"
        hidden={!open}
      >
        {list}
      </div>
    </div>
  );
}
